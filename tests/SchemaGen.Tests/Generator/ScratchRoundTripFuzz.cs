using System;
using System.Linq;
using CsCheck;
using Microsoft.CodeAnalysis;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
namespace SchemaGen.Tests.Generator;
public class ScratchRoundTripFuzz(ITestOutputHelper log)
{
    [Fact]
    public void FuzzModelsRoundTrip()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("SCRATCH_ITER"), out var n) ? n : 200;
        int ran = 0, failures = 0;
        FuzzModels.Model.Sample(source =>
        {
            var compilation = GeneratorHarness.Compile(source);
            GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            if (diagnostics.Concat(output.GetDiagnostics()).Any(d => d.Severity == DiagnosticSeverity.Error))
                return;
            var schema = GeneratorHarness.Run(source).Load();
            using var connection = new NpgsqlConnection(Postgres.Instance.CreateDatabase("rt"));
            connection.Open();
            try
            {
                SchemaDeployer.Deploy(schema.Target, connection);
            }
            catch (SchemaDeployException e) when (e.Message.Contains("does not exist"))
            {
                return;
            }
            ran++;
            var drift = SchemaDeployer.Verify(schema.Target, connection);
            var second = SchemaDeployer.Deploy(schema.Target, connection);
            if (!drift.IsClean || !second.NoOp)
            {
                failures++;
                log.WriteLine("NOT A ROUND TRIP:\n" + source + "\n" + string.Join("\n", drift.Drift) + "\nsteps: " + string.Join("; ", second.Steps.Select(s => s.Sql)) + "\n-----");
            }
        }, iter: iterations, threads: 1);
        log.WriteLine($"{ran} deployed, {failures} not round trips");
        Assert.Equal(0, failures);
    }
}

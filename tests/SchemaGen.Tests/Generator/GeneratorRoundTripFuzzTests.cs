using System;
using System.Linq;
using CsCheck;
using Microsoft.CodeAnalysis;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// The random models of <see cref="GeneratorFuzzTests"/> that build without an error, deployed: afterwards Verify finds no
/// drift and a second deploy is a no-op, whatever the attribute arguments (type names, defaults, checks, patterns). A
/// model naming a type no model declares is the database's to refuse and is skipped.
/// </summary>
public class GeneratorRoundTripFuzzTests
{
    // SCHEMAGEN_FUZZ_ITERATIONS raises the count for a longer hunt (about one model in ten builds without an error).
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("SCHEMAGEN_FUZZ_ITERATIONS"), out var n) ? n : 150;

    [Fact]
    public void Random_models_that_build_deploy_as_round_trips()
    {
        FuzzModels.Model.Sample(source =>
        {
            var compilation = GeneratorHarness.Compile(source);
            GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            if (diagnostics.Concat(output.GetDiagnostics()).Any(d => d.Severity == DiagnosticSeverity.Error))
                return;

            var schema = GeneratorHarness.Run(source).Load();
            using var connection = new NpgsqlConnection(Postgres.Instance.CreateDatabase("roundtrip"));
            connection.Open();
            try
            {
                SchemaDeployer.Deploy(schema.Target, connection);
            }
            catch (SchemaDeployException e) when (e.InnerException is PostgresException p && FuzzModels.NamesATypeNotInTheModel(p))
            {
                return;
            }

            var drift = SchemaDeployer.Verify(schema.Target, connection);
            Assert.True(drift.IsClean, "drift after deploying:\n" + string.Join("\n", drift.Drift));
            var second = SchemaDeployer.Deploy(schema.Target, connection);
            Assert.True(second.NoOp, "a second deploy changed: " + string.Join("; ", second.Steps.Select(s => s.Sql)));
        }, iter: Iterations, threads: 1, print: source => "\n" + source);
    }
}

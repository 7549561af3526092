using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using CsCheck;
using SchemaGen.Tests.Deploying;
using SchemaGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SchemaGen.Tests.Scaffolding;

/// <summary>
/// The property test's random models (<see cref="RandomModels"/>: every mapped type family, nullability, defaults,
/// checks, indexes, references, identity, generated columns, comments) deployed and scaffolded back: the generator and
/// the scaffolder are inverses on everything the generator emits, so each round trip is exact with an empty report.
/// Deterministic: iteration i uses seed SCHEMAGEN_PROPERTY_SEED + i; SCHEMAGEN_SCAFFOLD_ITERATIONS raises the count.
/// </summary>
public class ScaffoldPropertyTests(ITestOutputHelper output)
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("SCHEMAGEN_SCAFFOLD_ITERATIONS"), out var n) ? n : 6;

    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("SCHEMAGEN_PROPERTY_SEED"), out var s) ? s : 1130;

    [Fact]
    public async Task Random_models_scaffold_back_to_the_same_catalog()
    {
        var failures = new List<string>();
        for (var i = 0; i < Iterations; i++)
        {
            var seed = Seed + (ulong)i;
            var model = RandomModels.Model.Generate(new PCG(11, seed), null, out _);
            await using var original = await Postgres.NewDatabaseAsync();
            try
            {
                await SchemaDeployer.DeployAsync(Evolution.Build(model.Source()).Target, original);
                await ScaffoldRoundTrip.AssertExactAsync(original);
            }
            catch (Exception e)
            {
                failures.Add($"=== seed {seed}: {e.Message}\n--- model ---\n{model.Source()}");
            }
            finally
            {
                await Postgres.DropDatabaseAsync(original);
            }
        }

        output.WriteLine($"{Iterations} iterations from seed {Seed}; {failures.Count} failed.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {Iterations} random models did not scaffold back:\n" + string.Join("\n", failures));
    }
}

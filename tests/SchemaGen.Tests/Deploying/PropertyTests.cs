using System;
using System.Threading.Tasks;
using CsCheck;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// Random models of every mapped type, with nullability, defaults, checks, indexes, references and an enum, and
/// random evolutions of them: a fresh deploy round-trips (Verify clean, a second deploy is a no-op), and the
/// database migrated from the old model equals one deployed fresh from the new model. CsCheck shrinks a
/// failure to a small model and prints both models' C#.
/// </summary>
public class PropertyTests
{
    // SCHEMAGEN_PROPERTY_ITERATIONS raises the count for a longer hunt; CsCheck_Seed replays a failure.
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("SCHEMAGEN_PROPERTY_ITERATIONS"), out var n) ? n : 25;

    private static readonly DeployOptions Evolve = new() { AllowDataLoss = true, DropUnmanaged = true };

    [Fact]
    public Task Random_models_round_trip_and_migrations_equal_creation() =>
        RandomModels.Evolution.SampleAsync((Func<ModelSpec, ModelSpec, Task>)(async (before, after) =>
        {
            var oldModel = Deploying.Evolution.Build(before.Source());
            var newModel = Deploying.Evolution.Build(after.Source());
            await using var connection = await Postgres.NewDatabaseAsync();

            await SchemaDeployer.DeployAsync(oldModel.Target, connection);
            var drift = await SchemaDeployer.VerifyAsync(oldModel.Target, connection);
            Assert.True(drift.IsClean, string.Join("\n", drift.Drift));
            Assert.True((await SchemaDeployer.DeployAsync(oldModel.Target, connection)).NoOp);

            await SchemaDeployer.DeployAsync(newModel.Target, connection, Evolve);
            await Deploying.Evolution.AssertSameAsFreshAsync(connection, newModel, Evolve);
            await Postgres.DropDatabaseAsync(connection);
        }), iter: Iterations, threads: 1, print: pair => $"\n--- before ---\n{pair.Item1.Source()}\n--- after ---\n{pair.Item2.Source()}");
}

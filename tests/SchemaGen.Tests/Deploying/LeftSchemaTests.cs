using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// A schema the last deployment managed stays managed when the model stops using it (every table moved to another
/// schema without [RenamedFrom], a schema renamed in [Table(Schema = …)]): what is left there, rows and all, is reported as
/// unmanaged and as drift, and DropUnmanaged drops it, instead of falling out of sight with Verify clean.
/// </summary>
public class LeftSchemaTests
{
    private static string Model(string schema) => $$"""
        namespace TestModels;
        [Table("invoices", Schema = "{{schema}}")]
        public class Invoice { [Key] public int Id { get; set; } public decimal Amount { get; set; } }
        """;

    [Fact]
    public async Task WhatIsLeftInASchemaTheModelStoppedUsingIsUnmanagedDriftUntilDropped()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Model("billing")).Target, connection);
        await connection.ExecuteAsync("INSERT INTO billing.invoices VALUES (1, 9.5)");

        var moved = Evolution.Build(Model("finance"));
        await SchemaDeployer.DeployAsync(moved.Target, connection);

        var plan = await SchemaDeployer.PlanAsync(moved.Target, connection);
        Assert.Contains(plan.Unmanaged, u => u.Contains("billing.invoices"));
        var drift = await SchemaDeployer.VerifyAsync(moved.Target, connection);
        Assert.Contains(drift.Drift, d => d.Kind == DriftKind.Extra && d.Object.Contains("billing.invoices"));

        // A later deployment of the same model still sees it: the schema stays managed while it exists.
        var again = Evolution.Build(Model("finance").Replace("decimal Amount", "decimal Amount { get; set; } public string? Note"));
        await SchemaDeployer.DeployAsync(again.Target, connection);
        Assert.Contains((await SchemaDeployer.VerifyAsync(again.Target, connection)).Drift, d => d.Object.Contains("billing.invoices"));

        // Dropping it is data loss like any unmanaged table with rows.
        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(again.Target, connection, new DeployOptions { DropUnmanaged = true }));
        Assert.Contains("billing.invoices", refused.Message);
        await SchemaDeployer.DeployAsync(again.Target, connection, new DeployOptions { DropUnmanaged = true, AllowDataLoss = true });
        Assert.True((await SchemaDeployer.VerifyAsync(again.Target, connection)).IsClean);
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relnamespace = 'billing'::regnamespace"));
    }

    [Fact]
    public async Task ASchemaDroppedByHandLeavesTheSetAndTheNoOpStaysANoOp()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Model("billing")).Target, connection);
        var moved = Evolution.Build(Model("finance"));
        await SchemaDeployer.DeployAsync(moved.Target, connection);
        await connection.ExecuteAsync("DROP SCHEMA billing CASCADE");

        Assert.True((await SchemaDeployer.VerifyAsync(moved.Target, connection)).IsClean);
        Assert.True((await SchemaDeployer.DeployAsync(moved.Target, connection)).NoOp);
    }
}

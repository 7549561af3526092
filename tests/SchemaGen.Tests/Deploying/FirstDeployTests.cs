using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// A first deploy into empty schemas runs the model's script where it belongs, without a shadow: it needs no scratch place
/// (a schema owner with neither CREATE nor TEMPORARY on the database deploys), and it leaves the same catalog and records
/// the same target as a deployment that renders the shadow in scratch schemas.
/// </summary>
public class FirstDeployTests
{
    [Theory]
    [MemberData(nameof(SchemaOwnerDeployTests.SnapshotModels), MemberType = typeof(SchemaOwnerDeployTests))]
    public async Task AFirstDeployRunsTheScriptAndRecordsTheTargetAShadowWould(string name)
    {
        var model = SchemaOwnerDeployTests.Build(name);
        var unrelated = SqlSyntax.QualifiedName(model.Target.DefaultSchema, "unrelated");

        // The shadow's way: the schema is not empty, so a superuser renders the model in scratch schemas.
        await using var rendered = await Postgres.NewDatabaseAsync();
        await rendered.ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS {SqlSyntax.Identifier(model.Target.DefaultSchema)}; CREATE TABLE {unrelated} (x integer)");
        await SchemaDeployer.DeployAsync(model.Target, rendered);
        await rendered.ExecuteAsync($"DROP TABLE {unrelated}");

        // The first deploy: a role that could not render a shadow anywhere.
        await using var admin = await Postgres.NewDatabaseAsync();
        await admin.ExecuteAsync($"REVOKE TEMPORARY ON DATABASE {SqlSyntax.Identifier(admin.Database)} FROM PUBLIC");
        await using var owner = await SchemaOwner.CreateAsync(admin, model.Model);
        var deployed = await SchemaDeployer.DeployAsync(model.Target, owner.Connection);

        Assert.False(deployed.NoOp);
        Assert.NotNull(deployed.HistoryId);
        Assert.Equal(await PgDump.SchemaAsync(rendered), await PgDump.SchemaAsync(admin));
        var history = SchemaOwnerDeployTests.History(model);
        Assert.Equal(await rendered.ScalarAsync<string>($"SELECT target FROM {history}", []), await admin.ScalarAsync<string>($"SELECT target FROM {history}", []));
        var verified = await SchemaDeployer.VerifyAsync(model.Target, owner.Connection);
        Assert.True(verified.IsClean, string.Join("\n", verified.Drift));
        Assert.True((await SchemaDeployer.DeployAsync(model.Target, owner.Connection)).NoOp);
    }

    // What a plan says of each step, for comparing the plans of two paths (the steps' lists compare by reference).
    private static string[] Described(System.Collections.Generic.IEnumerable<MigrationStep> steps) =>
        steps.Select(s => $"{s.Kind} {s.Object} {s.Sql} {s.Cost.Lock} {s.Cost.Impact} {s.Cost.Table} {string.Join(";", s.Cost.Warnings)} {string.Join(";", s.Hazards.Select(h => h.Message))}").ToArray();

    [Theory]
    [MemberData(nameof(SchemaOwnerDeployTests.SnapshotModels), MemberType = typeof(SchemaOwnerDeployTests))]
    public async Task AFirstDeployAppliesTheStepsThePlanOfTheCatalogReadGives(string name)
    {
        var model = SchemaOwnerDeployTests.Build(name);
        // Plan reads the whole catalog and plans through PlanInTransactionAsync; the first deploy proves the schemas empty instead.
        await using var planned = await Postgres.NewDatabaseAsync();
        var plan = await SchemaDeployer.PlanAsync(model.Target, planned);
        await using var deployed = await Postgres.NewDatabaseAsync();
        var result = await SchemaDeployer.DeployAsync(model.Target, deployed);

        Assert.Equal(Described(plan.Steps), Described(result.Steps));
        Assert.Equal(result.Steps.Select(s => s.Sql), await deployed.ScalarAsync<string[]>($"SELECT steps FROM {SchemaOwnerDeployTests.History(model)}"));
    }

    [Fact]
    public async Task AStatementRefusedInTheMiddleOfTheScriptNamesItsStepAndLeavesNothing()
    {
        var model = SchemaOwnerDeployTests.Build("JobPipeline");
        // A CHECK on a column that does not exist: PostgreSQL refuses the CREATE TABLE of a table in the middle of the script.
        var broken = model.Model.Tables[model.Model.Tables.Count / 2];
        var target = model.Target with
        {
            Model = model.Model with
            {
                Tables = model.Model.Tables.Select(t => t != broken ? t
                    : t with { Checks = t.Checks.Append(new CheckModel("no_such_column_check", "no_such_column > 0", null)).ToEquatableArray() }).ToEquatableArray(),
            },
        };
        await using var database = await Postgres.NewDatabaseAsync();
        var plan = await SchemaDeployer.PlanAsync(target, database);
        var number = plan.Steps.ToList().FindIndex(s => s.Kind == StepKind.CreateTable && s.Object.EndsWith(broken.Name, System.StringComparison.Ordinal)) + 1;
        Assert.InRange(number, 2, plan.Steps.Count - 1);

        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(target, database));

        Assert.Equal(DeployPhase.ApplyingStep, refused.Phase);
        Assert.Equal(number, refused.Step);
        Assert.Equal("42703", refused.SqlState);
        Assert.Contains($"step {number}, CreateTable", refused.Message);
        Assert.Contains(broken.Name, refused.Message);
        Assert.Contains("no_such_column_check", refused.Statement);
        // The steps before it ran in the same transaction: nothing is left, not even the schema they were created in.
        Assert.Equal("app", model.Target.DefaultSchema);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'app'"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = $1", broken.Name));
    }

    [Theory]
    [InlineData("CREATE VIEW app.unrelated AS SELECT 1 AS x")]
    [InlineData("CREATE FUNCTION app.unrelated() RETURNS integer LANGUAGE sql AS 'SELECT 1'")]
    [InlineData("CREATE TYPE app.unrelated AS (x integer)")]
    public async Task AnySchemaObjectMakesTheDeployReadTheCatalogAndSeeIt(string unrelated)
    {
        // Not a first deploy: the one object in the schema is read, and dropping unmanaged objects drops it.
        var model = SchemaOwnerDeployTests.Build("JobPipeline");
        await using var database = await Postgres.NewDatabaseAsync();
        await database.ExecuteAsync("CREATE SCHEMA app; " + unrelated);

        var result = await SchemaDeployer.DeployAsync(model.Target, database, new DeployOptions { DropUnmanaged = true, AllowDataLoss = true });

        Assert.Contains(result.Steps, s => s.Object.Contains("unrelated", System.StringComparison.Ordinal));
        Assert.Equal(0L, await database.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM pg_class WHERE relname = 'unrelated') + (SELECT count(*) FROM pg_proc WHERE proname = 'unrelated') + (SELECT count(*) FROM pg_type WHERE typname = 'unrelated')"));
        Assert.True((await SchemaDeployer.VerifyAsync(model.Target, database)).IsClean);
    }
}

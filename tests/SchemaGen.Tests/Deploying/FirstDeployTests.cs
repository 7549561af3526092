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
}

using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Tests.Generator;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// Every snapshot model deployed to an empty database: the catalog is what the model says, Verify finds no
/// drift, and a second deploy is a no-op that issues no DDL beyond recording a moved stamp in the marker.
/// </summary>
public class RoundTripTests
{
    [Theory]
    [MemberData(nameof(FeatureModels.Names), MemberType = typeof(FeatureModels))]
    public Task Feature(string name) => Check(FeatureModels.All[name]);

    [Fact]
    public Task JobPipelineSample() => Check(FeatureModels.Sample(), FeatureModels.SampleTemplates());

    [Fact]
    public Task TemplateObjects() => Check(Templates.ObjectTemplateModels.Sources, Templates.ObjectTemplateModels.Templates());

    private static async Task Check(string[] sources, (string, string)[]? templates = null)
    {
        var schema = GeneratorHarness.Run(sources, templates ?? []).Load();
        await using var connection = await Postgres.NewDatabaseAsync();

        var first = await SchemaDeployer.DeployAsync(schema.Target, connection);
        Assert.False(first.NoOp);
        Assert.True(first.Safe);
        Assert.NotNull(first.HistoryId);

        var catalog = await PgCatalog.ReadAsync(connection, schema.Model.Tables.Select(t => t.Schema).Concat(schema.Model.Enums.Select(e => e.Schema)).Distinct().ToArray());
        PgCatalog.AssertMatches(schema.Model, catalog);

        var drift = await SchemaDeployer.VerifyAsync(schema.Target, connection);
        Assert.True(drift.IsClean, string.Join("\n", drift.Drift));

        var plan = await SchemaDeployer.PlanAsync(schema.Target, connection);
        Assert.True(plan.IsEmpty, plan.Sql);

        // The log's event trigger is DDL elsewhere: it moves the stamp, so this no-op is the fingerprint's, and its one
        // write is the marker taking the new stamp. The next no-op is the stamp's and issues nothing at all.
        await DdlLog.StartAsync(connection);
        var second = await SchemaDeployer.DeployAsync(schema.Target, connection);
        Assert.True(second.NoOp);
        Assert.Empty(second.Steps);
        Assert.Null(second.HistoryId);
        Assert.Matches(@"^COMMENT .*\.schemagen_history$", Assert.Single(await DdlLog.CommandsAsync(connection)));
        Assert.True((await SchemaDeployer.DeployAsync(schema.Target, connection)).NoOp);
        Assert.Single(await DdlLog.CommandsAsync(connection));
        Assert.Equal(1L, await connection.ScalarAsync<long>("SELECT count(*) FROM " + HistoryTableName(schema)));
    }

    private static string HistoryTableName(GeneratedSchema schema) => $"\"{schema.Target.DefaultSchema}\".schemagen_history";
}

using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Model;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// A deployment records the catalog it read after applying; while the catalog's stamp is still the marker's, the next
/// deployment or plan takes the live catalog from that record instead of reading it. The record is exactly what the catalog
/// reader returns, a plan against it is the plan against a read, and anything that changes the catalog or how it is read
/// (a hand edit, another search_path) makes the next one read it.
/// </summary>
public class RecordedLiveTests
{
    [Theory]
    [MemberData(nameof(SchemaOwnerDeployTests.SnapshotModels), MemberType = typeof(SchemaOwnerDeployTests))]
    public async Task TheRecordedCatalogIsTheCatalogTheReaderReadsForEverySnapshotModel(string name)
    {
        var model = SchemaOwnerDeployTests.Build(name);
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(model.Target, connection);

        var recorded = await RecordedAsync(connection, SchemaOwnerDeployTests.History(model));

        var schemas = SchemaMapping.UsedSchemas(model.Model).Append(model.Target.DefaultSchema).Distinct().OrderBy(s => s, System.StringComparer.Ordinal).ToList();
        Assert.Equal(await SchemaCatalog.ReadAsync(connection, schemas), recorded);
    }

    public static IEnumerable<object[]> Changes() =>
        EvolutionTests.SafeChanges.Concat(EvolutionTests.HazardousChanges.Select(h => h.Change)).Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task APlanAgainstTheRecordedCatalogIsThePlanAgainstARead(EvolutionTests.Change change)
    {
        var after = Evolution.Build(change.Model);
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(EvolutionModels.Items).Target, connection);
        await connection.ExecuteAsync("INSERT INTO items (id, name, count, note, status) VALUES (1, 'a', 1, NULL, 'queued'), (2, 'b', 2, 'x', 'done');" + change.ExtraSeed);

        var (fromRecord, source) = await PlanAsync(connection, after);
        Assert.Equal("recorded", source);
        // Without the record (a data change: the stamp stays), the same plan is made from a read of the catalog.
        await connection.ExecuteAsync("UPDATE public.schemagen_history SET live = NULL, live_scope = NULL");
        var (fromRead, readSource) = await PlanAsync(connection, after);
        Assert.Equal("read", readSource);

        Assert.Equal(Describe(fromRead), Describe(fromRecord));
    }

    // An unmanaged view over a managed column, made before the last deployment, is in its record: dropping the column is
    // refused naming the view, as it is when the catalog is read.
    [Fact]
    public async Task AViewMadeByHandBeforeTheLastDeploymentIsInItsRecord()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(EvolutionModels.Items).Target, connection);
        await connection.ExecuteAsync("CREATE VIEW public.notes AS SELECT id, note FROM public.items");
        var commented = EvolutionModels.Items.Replace("public int Count", "/// <summary>How many.</summary>\n    public int Count");
        await SchemaDeployer.DeployAsync(Evolution.Build(commented).Target, connection);

        var withoutNote = Evolution.Build(commented.Replace("    public string? Note { get; set; }\n", ""));
        var (plan, source) = await PlanAsync(connection, withoutNote);

        Assert.Equal("recorded", source);
        Assert.Contains(plan.Hazards, h => h.Message.Contains("notes"));
    }

    [Fact]
    public async Task AHandEditMovesTheStampAndTheNextDeploymentReadsTheCatalog()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(EvolutionModels.Items).Target, connection);
        await connection.ExecuteAsync("COMMENT ON COLUMN public.items.name IS 'by hand'");
        var after = Evolution.Build(EvolutionTests.SafeChanges.Single(c => c.Name == "add index").Model);

        var (_, deploy) = await OperationSpans.DeployAsync(connection, after.Target);

        Assert.Equal("read", deploy.GetTagItem(SchemaGenTelemetry.Tags.LiveCatalog));
        Assert.True(await connection.ScalarAsync<bool>("SELECT col_description('public.items'::regclass, 2) IS NULL", []));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    // A no-op the fingerprint decided records the moved stamp; the deployment's record is still what a read returns, and
    // the next change is planned from it.
    [Fact]
    public async Task AfterANoOpRecordsAMovedStampTheNextPlanTakesTheRecordAndIsThePlanAgainstARead()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        var before = Evolution.Build(EvolutionModels.Items);
        await SchemaDeployer.DeployAsync(before.Target, connection);
        await connection.ExecuteAsync("CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.t (x integer)");
        Assert.True((await SchemaDeployer.DeployAsync(before.Target, connection)).NoOp);
        var after = Evolution.Build(EvolutionTests.SafeChanges.Single(c => c.Name == "add index").Model);

        var (fromRecord, source) = await PlanAsync(connection, after);
        Assert.Equal("recorded", source);
        await connection.ExecuteAsync("UPDATE public.schemagen_history SET live = NULL, live_scope = NULL");
        var (fromRead, _) = await PlanAsync(connection, after);
        Assert.Equal(Describe(fromRead), Describe(fromRecord));

        await SchemaDeployer.DeployAsync(after.Target, connection);
        await connection.ExecuteAsync("DROP SCHEMA elsewhere CASCADE");
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    // Rows written before the history kept packed model data hold its text: their record and target are still used, and a
    // deployment planned on them ends as a fresh one.
    [Fact]
    public async Task ARecordWrittenAsTextBeforeThePackedFormIsPlannedOn()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(EvolutionModels.Items).Target, connection);
        var packed = await connection.ScalarAsync<string>("SELECT target FROM public.schemagen_history ORDER BY id DESC LIMIT 1", []);
        Assert.False(packed.StartsWith(ModelData.Magic, System.StringComparison.Ordinal));
        Assert.Equal(1, await connection.ScalarAsync<int>("WITH u AS (UPDATE public.schemagen_history SET target = $1 RETURNING 1) SELECT count(*)::int FROM u",
            ModelData.Write(ModelData.ReadTextOrPacked(packed))));
        var after = Evolution.Build(EvolutionTests.SafeChanges.Single(c => c.Name == "add index").Model);

        var (_, source) = await PlanAsync(connection, after);
        Assert.Equal("recorded", source);
        await SchemaDeployer.DeployAsync(after.Target, connection);
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    // Expressions are printed relative to search_path: a record read under another one is not this read's.
    [Fact]
    public async Task ASessionWithAnotherSearchPathReadsTheCatalog()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(EvolutionModels.Items).Target, connection);
        await connection.ExecuteAsync("CREATE SCHEMA elsewhere");
        var after = Evolution.Build(EvolutionTests.SafeChanges.Single(c => c.Name == "add index").Model);

        await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection.ConnectionString) { SearchPath = "elsewhere" }.ConnectionString);
        var (_, plan) = await OperationSpans.CaptureAsync(connection, "schemagen.plan", () => SchemaDeployer.PlanAsync(after.Target, other));

        Assert.Equal("read", plan.GetTagItem(SchemaGenTelemetry.Tags.LiveCatalog));
    }

    private static async Task<SchemaModel> RecordedAsync(NpgsqlConnection connection, string history)
    {
        var live = await connection.ScalarAsync<string>($"SELECT coalesce(live, target) FROM {history} ORDER BY id DESC LIMIT 1", []);
        return ModelData.ReadTextOrPacked(live);
    }

    private static async Task<(SchemaPlan Plan, string? Source)> PlanAsync(NpgsqlConnection connection, GeneratedSchema model)
    {
        var (plan, span) = await OperationSpans.CaptureAsync(connection, "schemagen.plan", () => SchemaDeployer.PlanAsync(model.Target, connection));
        return (plan, (string?)span.GetTagItem(SchemaGenTelemetry.Tags.LiveCatalog));
    }

    private static string Describe(SchemaPlan plan) =>
        plan.Sql + "\n" + string.Join("\n", plan.Hazards.Select(h => h.Kind + " " + h.Object + ": " + h.Message));
}

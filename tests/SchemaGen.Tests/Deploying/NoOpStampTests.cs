using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// The no-op check's first tier, the stamp over the catalogs' row versions: VACUUM and ANALYZE, which update pg_class in
/// place, leave it as the deployment recorded it (nothing is rendered); any hand edit moves it, and then the full
/// fingerprint decides. Which tier decided is the deploy span's <c>schemagen.noop_check</c> tag.
/// </summary>
public class NoOpStampTests
{
    [Fact]
    public async Task VacuumFreezeAndAnalyzeUpdateTheCatalogInPlaceAndLeaveTheStamp()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        Assert.Equal("marker", await NoOpCheckOfDeployAsync(connection, expectNoOp: false));
        await connection.ExecuteAsync("INSERT INTO app.jobs (job_id, job_type) VALUES (repeat('a', 64), 'kept')");
        var before = await connection.ScalarAsync<float>("SELECT reltuples FROM pg_class WHERE oid = 'app.jobs'::regclass", []);

        await connection.ExecuteAsync("VACUUM (FREEZE, ANALYZE)");

        // VACUUM wrote the table's statistics into its pg_class row in place (the row kept its version)...
        Assert.NotEqual(before, await connection.ScalarAsync<float>("SELECT reltuples FROM pg_class WHERE oid = 'app.jobs'::regclass", []));
        // ...so the stamp alone proves the catalog unchanged.
        Assert.Equal("stamp", await NoOpCheckOfDeployAsync(connection, expectNoOp: true));
    }

    [Theory]
    [MemberData(nameof(NoOpCheckTests.Edits), MemberType = typeof(NoOpCheckTests))]
    public async Task EveryHandEditMovesTheStampAndTheFingerprintDecides(string edit)
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await JobPipeline.Schema.DeployAsync(connection);
        Assert.Equal("stamp", await NoOpCheckOfDeployAsync(connection, expectNoOp: true));

        await connection.ExecuteAsync(edit);

        // The deploy plans (an unmanaged object added by hand is left alone: no step, yet a new history row and marker).
        Assert.Equal("fingerprint", await NoOpCheckOfDeployAsync(connection, expectNoOp: null, new DeployOptions { AllowDataLoss = true }));
        Assert.Equal("stamp", await NoOpCheckOfDeployAsync(connection, expectNoOp: true));
    }

    [Fact]
    public async Task DdlOutsideTheManagedSchemasMovesTheStampButTheFingerprintStillFindsANoOp()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await JobPipeline.Schema.DeployAsync(connection);

        await connection.ExecuteAsync("CREATE TABLE public.elsewhere (x integer)");

        Assert.Equal("fingerprint", await NoOpCheckOfDeployAsync(connection, expectNoOp: true));
        Assert.Equal(1L, await connection.ScalarAsync<long>("SELECT count(*) FROM app.schemagen_history", []));
    }

    // Once the fingerprint has found the catalog unchanged, the marker records the new stamp: DDL elsewhere costs one
    // fingerprint, not one on every later start.
    [Fact]
    public async Task ANoOpFoundByTheFingerprintRecordsTheMovedStamp()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await JobPipeline.Schema.DeployAsync(connection);
        await connection.ExecuteAsync("CREATE TABLE public.elsewhere (x integer)");

        Assert.Equal("fingerprint", await NoOpCheckOfDeployAsync(connection, expectNoOp: true));
        Assert.Equal("stamp", await NoOpCheckOfDeployAsync(connection, expectNoOp: true));
        Assert.Equal(1L, await connection.ScalarAsync<long>("SELECT count(*) FROM app.schemagen_history", []));

        // And a change after that is still seen: the stamp moves again and the fingerprint disagrees.
        await connection.ExecuteAsync("ALTER TABLE app.jobs ADD COLUMN by_hand integer");
        Assert.Equal("fingerprint", await NoOpCheckOfDeployAsync(connection, expectNoOp: null, new DeployOptions { AllowDataLoss = true }));
        Assert.False(await connection.ScalarAsync<bool>("SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = 'app.jobs'::regclass AND attname = 'by_hand')", []));
    }

    [Fact]
    public async Task ADryRunLeavesTheMarkerAsItWas()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await JobPipeline.Schema.DeployAsync(connection);
        await connection.ExecuteAsync("CREATE TABLE public.elsewhere (x integer)");
        var marker = await connection.ScalarAsync<string>("SELECT obj_description('app.schemagen_history'::regclass, 'pg_class')", []);

        Assert.Equal("fingerprint", await NoOpCheckOfDeployAsync(connection, expectNoOp: true, new DeployOptions { DryRun = true }));

        Assert.Equal(marker, await connection.ScalarAsync<string>("SELECT obj_description('app.schemagen_history'::regclass, 'pg_class')", []));
    }

    // Recording the stamp is an optimisation: a role that may read but not comment on the history table still gets its no-op.
    [Fact]
    public async Task ARoleThatCannotRecordTheNewStampStillFindsTheNoOp()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await JobPipeline.Schema.DeployAsync(connection);
        await connection.ExecuteAsync("CREATE TABLE public.elsewhere (x integer)");
        var marker = await connection.ScalarAsync<string>("SELECT obj_description('app.schemagen_history'::regclass, 'pg_class')", []);
        var role = "reader_" + Guid.NewGuid().ToString("N")[..8];
        await connection.ExecuteAsync($"CREATE ROLE {role} LOGIN; GRANT USAGE ON SCHEMA app TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA app TO {role}");
        try
        {
            await using (var reader = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Username = role }.ConnectionString))
            {
                await reader.OpenAsync();
                Assert.Equal("fingerprint", await NoOpCheckOfDeployAsync(reader, expectNoOp: true));
            }

            Assert.Equal(marker, await connection.ScalarAsync<string>("SELECT obj_description('app.schemagen_history'::regclass, 'pg_class')", []));
        }
        finally
        {
            await connection.ExecuteAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    // The marker is written only under the deployment lock: while another deployment holds it, the marker stays as it was.
    [Fact]
    public async Task TheNewStampIsNotRecordedWhileAnotherDeploymentHoldsTheLock()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await JobPipeline.Schema.DeployAsync(connection);
        await connection.ExecuteAsync("CREATE TABLE public.elsewhere (x integer)");
        var marker = await connection.ScalarAsync<string>("SELECT obj_description('app.schemagen_history'::regclass, 'pg_class')", []);

        await using var other = new NpgsqlConnection(connection.ConnectionString);
        await other.OpenAsync();
        await using (var holding = await other.BeginTransactionAsync())
        {
            await other.ExecuteAsync($"SELECT pg_advisory_xact_lock({DeploymentLockKey("app")})");
            Assert.Equal("fingerprint", await NoOpCheckOfDeployAsync(connection, expectNoOp: true));
            Assert.Equal(marker, await connection.ScalarAsync<string>("SELECT obj_description('app.schemagen_history'::regclass, 'pg_class')", []));
        }

        Assert.Equal("fingerprint", await NoOpCheckOfDeployAsync(connection, expectNoOp: true));
        Assert.Equal("stamp", await NoOpCheckOfDeployAsync(connection, expectNoOp: true));
    }

    // The deployment's fingerprint is combined by the client from a digest each catalog query returns beside its rows; the
    // no-op check's second tier has the server compute it alone. The two must agree on every kind of object, or every
    // deployment after DDL elsewhere in the database would plan again.
    [Theory]
    [MemberData(nameof(SchemaOwnerDeployTests.SnapshotModels), MemberType = typeof(SchemaOwnerDeployTests))]
    public async Task TheFingerprintADeploymentRecordsIsTheOneTheServerComputesForEverySnapshotModel(string name)
    {
        var model = SchemaOwnerDeployTests.Build(name);
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(model.Target, connection);

        await connection.ExecuteAsync("CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.t (x integer)");

        var spans = new ConcurrentQueue<Activity>();
        var (result, deploy) = await OperationSpans.CaptureAsync(connection, "schemagen.deploy", () => SchemaDeployer.DeployAsync(model.Target, connection), spans);
        Assert.True(result.NoOp);
        Assert.Equal("fingerprint", deploy.GetTagItem(SchemaGenTelemetry.Tags.NoOpCheck));
        // Decided by the fingerprint alone: no lock taken, nothing planned (a mismatch would plan and find nothing to do).
        Assert.DoesNotContain(spans, s => s.OperationName == "schemagen.lock_wait" && s.ParentSpanId == deploy.SpanId);
        Assert.Equal(1L, await connection.ScalarAsync<long>($"SELECT count(*) FROM {SchemaOwnerDeployTests.History(model)}", []));
    }

    [Fact]
    public async Task AMarkerWrittenBeforeTheStampIsCheckedByItsFingerprint()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await JobPipeline.Schema.DeployAsync(connection);
        var marker = await connection.ScalarAsync<string>("SELECT obj_description('app.schemagen_history'::regclass, 'pg_class')", []);
        Assert.Equal(4, marker.Split(' ').Length);
        var withoutStamp = string.Join(' ', marker.Split(' ').Take(3));

        await connection.ExecuteAsync($"COMMENT ON TABLE app.schemagen_history IS '{withoutStamp}'");

        Assert.Equal("fingerprint", await NoOpCheckOfDeployAsync(connection, expectNoOp: true));
    }

    // The key of the deployment lock of the history table in this schema (internal to SchemaGen: read by reflection).
    private static long DeploymentLockKey(string schema)
    {
        var history = typeof(SchemaDeployer).Assembly.GetType("SchemaGen.HistoryTable", throwOnError: true)!;
        return (long)history.GetProperty("LockKey")!.GetValue(Activator.CreateInstance(history, schema))!;
    }

    // Deploys and returns the deploy span's noop_check tag.
    private static async Task<string?> NoOpCheckOfDeployAsync(NpgsqlConnection connection, bool? expectNoOp, DeployOptions? options = null)
    {
        var (result, deploy) = await OperationSpans.CaptureAsync(connection, "schemagen.deploy", () => JobPipeline.Schema.DeployAsync(connection, options));
        if (expectNoOp != null)
            Assert.Equal(expectNoOp, result.NoOp);
        return (string?)deploy.GetTagItem(SchemaGenTelemetry.Tags.NoOpCheck);
    }
}

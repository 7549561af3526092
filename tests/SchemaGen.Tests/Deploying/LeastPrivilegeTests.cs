using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Testing;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// Plan and Verify of a deployed model need no CREATE privilege: they read the target the deployment recorded instead
/// of rendering the model in scratch schemas, so a read-only role and a hot standby can run them.
/// </summary>
public class LeastPrivilegeTests
{
    [Fact]
    public async Task AReadOnlyRolePlansAndVerifiesADeployedModelAndSeesDrift()
    {
        var database = Postgres.Instance.CreateDatabase();
        await using var owner = new NpgsqlConnection(database);
        await JobPipeline.Schema.DeployAsync(owner);
        await owner.OpenAsync();
        var role = "reader_" + Guid.NewGuid().ToString("N")[..8];
        await owner.ExecuteAsync($"""
            CREATE ROLE {role} LOGIN;
            GRANT USAGE ON SCHEMA app TO {role};
            GRANT SELECT ON ALL TABLES IN SCHEMA app TO {role};
            """);
        try
        {
            await using var reader = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Username = role }.ConnectionString);
            await reader.OpenAsync();
            Assert.False(await reader.ScalarAsync<bool>("SELECT has_database_privilege(current_database(), 'CREATE')", []));

            Assert.True((await JobPipeline.Schema.VerifyAsync(reader)).IsClean);
            Assert.True((await JobPipeline.Schema.PlanAsync(reader)).IsEmpty);

            await owner.ExecuteAsync("ALTER TABLE app.jobs ADD COLUMN hand_made integer; DROP INDEX app.ix_tasks_status");
            var drift = await JobPipeline.Schema.VerifyAsync(reader);
            Assert.Contains(drift.Drift, d => d.Kind == DriftKind.Extra && d.Object.Contains("hand_made", StringComparison.Ordinal));
            Assert.Contains(drift.Drift, d => d.Kind == DriftKind.Missing && d.Object.Contains("ix_tasks_status", StringComparison.Ordinal));
            var plan = await JobPipeline.Schema.PlanAsync(reader);
            Assert.Contains(plan.Steps, s => s.Sql.Contains("CREATE INDEX ix_tasks_status", StringComparison.Ordinal));

            // A model never deployed here, into a schema that is not empty, must be rendered: in the session's temporary
            // schema (TEMPORARY is PUBLIC's) ...
            var other = Evolution.Build(EvolutionModels.Items);
            await owner.ExecuteAsync($"CREATE TABLE public.stray (x integer); GRANT SELECT ON public.stray TO {role}");
            var missing = await SchemaDeployer.VerifyAsync(other.Target, reader);
            Assert.Contains(missing.Drift, d => d.Kind == DriftKind.Missing && d.Object == "table public.items");
            // ... and without it nowhere: the error names both privileges.
            await owner.ExecuteAsync($"REVOKE TEMPORARY ON DATABASE {owner.Database} FROM PUBLIC");
            var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.VerifyAsync(other.Target, reader));
            Assert.Contains("CREATE privilege on database", refused.Message);
            Assert.Contains("TEMPORARY", refused.Message);
        }
        finally
        {
            await owner.ExecuteAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task AHotStandbyVerifiesCleanThenReportsDriftOnceItHasReplayedIt()
    {
        using var primary = ThrowawayPostgres.StartLocal();
        var database = primary.CreateDatabase();
        await using var owner = new NpgsqlConnection(database);
        await JobPipeline.Schema.DeployAsync(owner);
        await owner.OpenAsync();
        using var standby = primary.StartStandby();
        var replica = new NpgsqlConnectionStringBuilder(standby.AdminConnectionString) { Database = owner.Database, Pooling = false }.ConnectionString;
        await using var onStandby = new NpgsqlConnection(replica);
        await WaitForReplayAsync(owner, onStandby);
        Assert.True(await onStandby.ScalarAsync<bool>("SELECT pg_is_in_recovery()", []));

        var clean = await JobPipeline.Schema.VerifyAsync(onStandby);
        Assert.True(clean.IsClean, string.Join("\n", clean.Drift));

        await owner.ExecuteAsync("ALTER TABLE app.tasks ADD COLUMN hand_made integer");
        await WaitForReplayAsync(owner, onStandby);

        var drift = await JobPipeline.Schema.VerifyAsync(onStandby);
        var difference = Assert.Single(drift.Drift);
        Assert.Equal(DriftKind.Extra, difference.Kind);
        Assert.Contains("hand_made", difference.Object);
    }

    // Waits until the standby has replayed everything the primary has inserted into its WAL so far (a condition, not a
    // duration); the insert position, because with synchronous_commit=off a commit may not be written out yet.
    private static async Task WaitForReplayAsync(NpgsqlConnection primary, NpgsqlConnection standby)
    {
        var written = await primary.ScalarAsync<string>("SELECT pg_current_wal_insert_lsn()::text", []);
        if (standby.State != System.Data.ConnectionState.Open)
            await standby.OpenAsync();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await standby.ScalarAsync<bool>("SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)", written))
                return;
            await Task.Delay(100);
        }

        throw new TimeoutException($"The standby did not replay the primary's WAL up to {written} in a minute.");
    }
}

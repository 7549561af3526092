using System;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Generator;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>Many application instances starting at once, and a deployer that dies while it holds the lock.</summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task Eight_instances_deploying_at_once_make_one_deployment()
    {
        var schema = GeneratorHarness.Run(FeatureModels.Sample()).Load();
        var database = Postgres.Instance.CreateDatabase();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(database);
            return await SchemaDeployer.DeployAsync(schema.Target, connection);
        }));

        Assert.Single(results, r => !r.NoOp);
        Assert.Equal(7, results.Count(r => r.NoOp));
        await using var check = new NpgsqlConnection(database);
        await check.OpenAsync();
        var history = await check.ScalarAsync<string>("SELECT string_agg(id || ' ' || fingerprint || ' ' || array_length(steps, 1), E'\\n') FROM app.schemagen_history");
        Assert.True(!history.Contains('\n'), "more than one deployment was recorded:\n" + history);
        PgCatalog.AssertMatches(schema.Model, await PgCatalog.ReadAsync(check, "app"));
    }

    [Fact]
    public async Task A_deployer_killed_while_holding_the_lock_changes_nothing_and_the_next_deploy_succeeds()
    {
        var before = Evolution.Build(EvolutionModels.Items);
        var after = Evolution.Build(EvolutionModels.Items.Replace("public int Count", "[Indexed] public int Count"));
        var database = Postgres.Instance.CreateDatabase();
        await using var observer = new NpgsqlConnection(database);
        await observer.OpenAsync();
        await SchemaDeployer.DeployAsync(before.Target, observer);
        var state = await DatabaseState.CaptureAsync(observer);

        // Another session is writing to the table, so CREATE INDEX waits for it while the deploy holds its lock
        // (the catalog reads before it do not conflict with a writer).
        await using var blocker = new NpgsqlConnection(database);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE public.items IN ROW EXCLUSIVE MODE", blocker, hold))
            await lockTable.ExecuteNonQueryAsync();

        await using var victim = new NpgsqlConnection(database);
        await victim.OpenAsync();
        var deploy = SchemaDeployer.DeployAsync(after.Target, victim);
        await WaitUntilAsync(observer, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $1", victim.ProcessID, deploy);
        await observer.ExecuteAsync($"SELECT pg_terminate_backend({victim.ProcessID})");

        var killed = await Assert.ThrowsAnyAsync<Exception>(() => deploy);
        Assert.True(killed is SchemaDeployException { SqlState: "57P01" } || killed is NpgsqlException, killed.ToString());
        await hold.RollbackAsync();
        Assert.Equal(state, await DatabaseState.CaptureAsync(observer));

        var next = await SchemaDeployer.DeployAsync(after.Target, observer);
        Assert.False(next.NoOp);
        Assert.Equal(2L, await observer.ScalarAsync<long>("SELECT count(*) FROM public.schemagen_history"));
        Assert.True((await SchemaDeployer.VerifyAsync(after.Target, observer)).IsClean);
    }

    [Fact]
    public async Task A_backend_terminated_by_its_own_step_is_reported_as_PostgreSQLs_error()
    {
        // The step's default ends its own backend (FATAL 57P01) while the table is rewritten. Npgsql has closed the
        // connection by the time the error is explained: the explanation must not ask the closed connection for the
        // server's version and throw "Connection is not open" instead (what a deployer killed by another session got too).
        var before = Evolution.Build(EvolutionModels.Items);
        var after = Evolution.Build(EvolutionModels.Items.Replace("public int Count { get; set; }",
            "public int Count { get; set; }\n    [DefaultSql(\"pg_terminate_backend(pg_backend_pid())\")] public bool Ended { get; set; }"));
        var database = Postgres.Instance.CreateDatabase();
        await using (var setup = new NpgsqlConnection(database))
        {
            await setup.OpenAsync();
            await SchemaDeployer.DeployAsync(before.Target, setup);
            await setup.ExecuteAsync("INSERT INTO public.items (id, name, count) VALUES (1, 'one', 1)");
        }

        await using var victim = new NpgsqlConnection(database);
        var ended = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, victim));

        Assert.Equal("57P01", ended.SqlState);
        await using var check = new NpgsqlConnection(database);
        await check.OpenAsync();
        Assert.Equal(1L, await check.ScalarAsync<long>("SELECT count(*) FROM public.schemagen_history"));
    }

    private static async Task WaitUntilAsync(NpgsqlConnection connection, string countSql, int pid, Task deploy)
    {
        for (var waited = 0; waited < 300; waited++)
        {
            if (deploy.IsCompleted)
                throw new InvalidOperationException("The deploy finished before it could be killed.", deploy.Exception);
            if (await connection.ScalarAsync<long>(countSql, pid) > 0)
                return;
            await Task.Delay(100);
        }

        var activity = await connection.ScalarAsync<string>("SELECT state || ' ' || coalesce(wait_event_type, '') || ' ' || query FROM pg_stat_activity WHERE pid = $1", pid);
        throw new TimeoutException($"The deployer never took its lock ({countSql}); it is: {activity}");
    }
}

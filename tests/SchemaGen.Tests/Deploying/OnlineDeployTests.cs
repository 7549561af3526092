using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// DeployMode.Online with rows present: every path ends where a fresh deploy does, with every row; no unit it runs
/// scans under a lock that blocks writers; a deployer killed after any phase is continued by the next deploy; a lock
/// held by another transaction makes a unit retry (released from the retry's log event, never after a sleep) or fail
/// at LockTimeout with the database valid.
/// </summary>
public class OnlineDeployTests
{
    private const string Seed = "INSERT INTO items (id, name, count, note, status) SELECT i, 'n' || i, i % 90, 'x' || i, 'queued' FROM generate_series(1, 500) i;";

    private static DeployOptions Online(ILogger? logger = null, TimeSpan? lockTimeout = null) => new()
    {
        Mode = DeployMode.Online, Logger = logger, OnlineLockTimeout = TimeSpan.FromMilliseconds(200), LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(30),
    };

    /// <summary>The benchmark's change: a foreign key, a CHECK, NOT NULL over a column without NULLs, a unique index, a new column with a constant default.</summary>
    private const string Base = EvolutionModels.Items + """

        [Table("parts")]
        public class Part
        {
            [Key] public int Id { get; set; }
            public int ItemId { get; set; }
        }
        """;

    private static readonly string Combined = Base
        .Replace("public int ItemId", "[References<Item>] public int ItemId")
        .Replace("public int Count", "[Range(0, 100)] public int Count")
        .Replace("public string? Note { get; set; }", "[Required] public string Note { get; set; } = null!;")
        .Replace("[MaxLength(10)] public string Name", "[MaxLength(10), Indexed(IsUnique = true)] public string Name")
        .Replace("public Status Status { get; set; } = Status.Queued;", "public Status Status { get; set; } = Status.Queued;\n    public int Extra { get; set; } = 7;");

    public static IEnumerable<object[]> SafeChanges() =>
        EvolutionTests.SafeChanges.Where(c => c.Name != "integer to bigint").Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(SafeChanges))]
    public async Task Each_safe_change_deployed_online_keeps_every_row_and_equals_a_fresh_deploy(EvolutionTests.Change change)
    {
        var after = Evolution.Build(change.Model);
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(EvolutionModels.Items).Target, connection);
        await connection.ExecuteAsync("INSERT INTO items (id, name, count, note, status) VALUES (1, 'a', 1, NULL, 'queued'), (2, 'b', 2, 'x', 'done');" + change.ExtraSeed);

        var result = await SchemaDeployer.DeployAsync(after.Target, connection, Online());

        Assert.False(result.NoOp);
        Assert.All(result.Steps, s => Assert.Empty(s.Cost.Warnings));
        Assert.Equal(change.Rows, await Evolution.RowsAsync(connection, change.Table));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task The_combined_change_runs_in_phases_with_no_scan_under_a_lock_that_blocks_writers()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Base).Target, connection);
        await connection.ExecuteAsync(Seed + "INSERT INTO parts SELECT i, i FROM generate_series(1, 500) i;");
        var rows = await Evolution.RowsAsync(connection, "parts");
        var after = Evolution.Build(Combined);

        var atomic = await SchemaDeployer.PlanAsync(after.Target, connection);
        Assert.Contains(atomic.Steps, s => s.Cost.Warnings.Count > 0); // the same change in one transaction blocks writers

        var result = await SchemaDeployer.DeployAsync(after.Target, connection, Online());

        Assert.All(result.Steps, s => Assert.Empty(s.Cost.Warnings));
        Assert.Contains(result.Steps, s => s.Sql.Contains("CREATE UNIQUE INDEX CONCURRENTLY", StringComparison.Ordinal));
        Assert.Contains(result.Steps, s => s.Cost is { Lock: TableLock.ShareUpdateExclusive, Impact: TableImpact.Scan } && s.Sql.Contains("VALIDATE CONSTRAINT"));
        var phases = await connection.ScalarAsync<string>("SELECT string_agg(fingerprint, ',' ORDER BY id) FROM public.schemagen_history WHERE fingerprint LIKE 'online %'");
        Assert.Equal("online expand,online indexes,online validate,online not-null", phases);
        Assert.Equal(rows, await Evolution.RowsAsync(connection, "parts"));
        Assert.Equal(500L, await connection.ScalarAsync<long>("SELECT count(*) FROM items WHERE extra = 7"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    public static IEnumerable<object[]> Phases() => new[] { "expand", "indexes", "validate", "not-null" }.Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task A_deployer_killed_after_a_phase_is_continued_by_the_next_deploy(string phase)
    {
        var database = Postgres.Instance.CreateDatabase();
        await using var observer = new NpgsqlConnection(database);
        await observer.OpenAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Base).Target, observer);
        await observer.ExecuteAsync(Seed + "INSERT INTO parts SELECT i, i FROM generate_series(1, 500) i;");
        var after = Evolution.Build(Combined);

        await using var victim = new NpgsqlConnection(database);
        await victim.OpenAsync();
        var logger = new HookLogger((id, message) =>
        {
            if (id.Name == "OnlinePhaseCommitted" && message.StartsWith("Online phase " + phase + " ", StringComparison.Ordinal))
                Terminate(database, victim.ProcessID);
        });
        await Assert.ThrowsAnyAsync<Exception>(() => SchemaDeployer.DeployAsync(after.Target, victim, Online(logger)));
        Assert.Equal(1L, await observer.ScalarAsync<long>(
            $"SELECT count(*) FROM public.schemagen_history WHERE fingerprint = 'online {phase}'"));

        var next = await SchemaDeployer.DeployAsync(after.Target, observer, Online());

        if (phase == "expand")
        {
            // The constraints the killed deployer added NOT VALID are validated where they are, not dropped and added again.
            Assert.Contains(next.Steps, s => s.Kind == StepKind.ValidateConstraint && s.Object == "public.parts.fk_parts_item_id");
            Assert.DoesNotContain(next.Steps, s => s.Kind is StepKind.DropForeignKey or StepKind.AddForeignKey);
        }

        Assert.Equal(500L, await observer.ScalarAsync<long>("SELECT count(*) FROM items"));
        Assert.Equal(500L, await observer.ScalarAsync<long>("SELECT count(*) FROM parts"));
        await Evolution.AssertSameAsFreshAsync(observer, after);
    }

    [Fact]
    public async Task A_unit_blocked_by_another_transaction_retries_and_succeeds_once_it_ends()
    {
        var database = Postgres.Instance.CreateDatabase();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Base).Target, connection);
        await connection.ExecuteAsync(Seed);
        var after = Evolution.Build(Combined);

        // After expand, another session takes SHARE UPDATE EXCLUSIVE on items: the index builds and VALIDATE must wait;
        // the first retry's log event ends that transaction.
        await using var blocker = new NpgsqlConnection(database);
        await blocker.OpenAsync();
        NpgsqlTransaction? hold = null;
        var retries = 0;
        var logger = new HookLogger((id, message) =>
        {
            if (id.Name == "OnlinePhaseCommitted" && message.StartsWith("Online phase expand ", StringComparison.Ordinal))
            {
                hold = blocker.BeginTransaction();
                using var command = new NpgsqlCommand("LOCK TABLE public.items IN SHARE UPDATE EXCLUSIVE MODE", blocker, hold);
                command.ExecuteNonQuery();
            }
            else if (id.Name == "OnlineLockRetry" && retries++ == 0)
            {
                hold!.Rollback();
            }
        });

        var result = await SchemaDeployer.DeployAsync(after.Target, connection, Online(logger));

        Assert.NotNull(hold);
        Assert.True(retries >= 1);
        Assert.False(result.NoOp);
        Assert.Equal(500L, await connection.ScalarAsync<long>("SELECT count(*) FROM items"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task A_lock_held_past_LockTimeout_fails_cleanly_and_the_next_deploy_finishes()
    {
        var database = Postgres.Instance.CreateDatabase();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Base).Target, connection);
        await connection.ExecuteAsync(Seed);
        var state = await DatabaseState.CaptureAsync(connection);
        var after = Evolution.Build(Combined);

        await using var blocker = new NpgsqlConnection(database);
        await blocker.OpenAsync();
        await using (var hold = await blocker.BeginTransactionAsync())
        {
            await using (var command = new NpgsqlCommand("LOCK TABLE public.items IN ACCESS SHARE MODE", blocker, hold))
                await command.ExecuteNonQueryAsync();

            var failure = await Assert.ThrowsAsync<SchemaDeployException>(() =>
                SchemaDeployer.DeployAsync(after.Target, connection, Online(lockTimeout: TimeSpan.FromSeconds(1))));
            Assert.Equal("55P03", failure.SqlState);
            Assert.Contains("LockTimeout", failure.Message);
        }

        // The expand phase never committed: the database is as it was, and the advisory lock was released.
        Assert.Equal(state, await DatabaseState.CaptureAsync(connection));
        await SchemaDeployer.DeployAsync(after.Target, connection, Online());
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task A_rewrite_of_a_table_with_rows_is_refused_online_unless_allowed()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(EvolutionModels.Items).Target, connection);
        await connection.ExecuteAsync(Seed);
        var state = await DatabaseState.CaptureAsync(connection);
        var after = Evolution.Build(EvolutionModels.Items.Replace("public int Count", "public long Count"));

        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection, Online()));

        var hazard = Assert.Single(refused.Hazards);
        Assert.Equal(HazardKind.TableRewrite, hazard.Kind);
        Assert.Contains("AllowTableRewrite", hazard.Message);
        Assert.Equal(state, await DatabaseState.CaptureAsync(connection));
        var allowed = await SchemaDeployer.DeployAsync(after.Target, connection, new DeployOptions { Mode = DeployMode.Online, AllowTableRewrite = true });
        Assert.Contains(allowed.Steps, s => s.Kind == StepKind.AlterColumnType && s.Cost.Impact == TableImpact.Rewrite);
        Assert.Equal(500L, await connection.ScalarAsync<long>("SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task A_new_primary_key_is_built_concurrently_and_attached_with_USING_INDEX()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(EvolutionModels.Items).Target, connection);
        await connection.ExecuteAsync(Seed);
        var after = Evolution.Build(EvolutionModels.Items.Replace("[MaxLength(10)] public string Name", "[Key, MaxLength(10)] public string Name"));

        var result = await SchemaDeployer.DeployAsync(after.Target, connection, Online());

        Assert.Contains(result.Steps, s => s.Kind == StepKind.AddPrimaryKey && s.Sql.Contains("CREATE UNIQUE INDEX CONCURRENTLY", StringComparison.Ordinal));
        Assert.Contains(result.Steps, s => s.Kind == StepKind.AddPrimaryKey && s.Sql.Contains("USING INDEX", StringComparison.Ordinal) && s.Cost.Impact == TableImpact.None);
        Assert.All(result.Steps, s => Assert.Empty(s.Cost.Warnings));
        Assert.Equal(500L, await connection.ScalarAsync<long>("SELECT count(*) FROM items"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    private const string KeylessCodes = EvolutionModels.Items + """

        [Table("codes")]
        public class Code
        {
            public string Value { get; set; } = "";
        }

        [Table("labels")]
        public class Label
        {
            [Key] public int Id { get; set; }
            public string CodeValue { get; set; } = "";
        }
        """;

    [Fact]
    public async Task Foreign_keys_to_a_primary_key_attached_in_the_same_deploy_are_added_after_it()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(KeylessCodes).Target, connection);
        await connection.ExecuteAsync("INSERT INTO codes SELECT 'c' || i FROM generate_series(1, 500) i; INSERT INTO labels SELECT i, 'c' || i FROM generate_series(1, 500) i;");
        // An existing table and a new one both reference the key that codes gets in this deploy.
        var after = Evolution.Build(KeylessCodes
            .Replace("public string Value", "[Key] public string Value")
            .Replace("public string CodeValue", "[References<Code>] public string CodeValue") + """

            [Table("badges")]
            public class Badge
            {
                [Key] public int Id { get; set; }
                [References<Code>] public string CodeValue { get; set; } = "";
            }
            """);

        var result = await SchemaDeployer.DeployAsync(after.Target, connection, Online());

        var key = result.Steps.ToList().FindLastIndex(s => s.Kind == StepKind.AddPrimaryKey);
        Assert.All(result.Steps.Select((s, i) => (s, i)).Where(p => p.s.Kind == StepKind.AddForeignKey), p => Assert.True(p.i > key, p.s + " ran before the key it references"));
        Assert.All(result.Steps, s => Assert.Empty(s.Cost.Warnings));
        Assert.Equal(500L, await connection.ScalarAsync<long>("SELECT count(*) FROM labels"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task A_statement_refused_in_the_expand_phase_is_reported_with_its_own_step()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(EvolutionModels.Items).Target, connection);
        await connection.ExecuteAsync("CREATE VIEW clashes AS SELECT 1 AS id;");
        // The expand phase creates the enum first, then the table whose name the view already has.
        var after = Evolution.Build(EvolutionModels.Items + """

            public enum Shade { Light, Dark }

            [Table("clashes")]
            public class Clash
            {
                [Key] public int Id { get; set; }
                public Shade Shade { get; set; }
            }
            """);

        var error = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection, Online()));

        Assert.Equal("42P07", error.SqlState);
        Assert.Contains("CreateTable public.clashes", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE public.clashes", error.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_column_goes_in_the_contract_phase_when_allowed()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(EvolutionModels.Items).Target, connection);
        await connection.ExecuteAsync(Seed);
        var after = Evolution.Build(EvolutionModels.Items.Replace("public string? Note { get; set; }", "").Replace("public int Count", "[Indexed] public int Count"));

        await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection, Online()));
        var result = await SchemaDeployer.DeployAsync(after.Target, connection, new DeployOptions { Mode = DeployMode.Online, AllowDataLoss = true });

        Assert.Equal(StepKind.DropColumn, result.Steps[^1].Kind);
        Assert.Equal("online contract", await connection.ScalarAsync<string>(
            "SELECT fingerprint FROM public.schemagen_history WHERE fingerprint LIKE 'online %' ORDER BY id DESC LIMIT 1"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    private static void Terminate(string database, int pid)
    {
        using var killer = new NpgsqlConnection(database);
        killer.Open();
        using var command = new NpgsqlCommand($"SELECT pg_terminate_backend({pid}, 5000)", killer);
        command.ExecuteNonQuery();
    }

    /// <summary>Calls back on every log entry: the tests' deterministic points between phases and before retries.</summary>
    private sealed class HookLogger(Action<EventId, string> hook) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            hook(eventId, formatter(state, exception));
    }
}

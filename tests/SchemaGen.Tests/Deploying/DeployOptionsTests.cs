using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using SchemaGen.Model;
using SchemaGen.Tests.Generator;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>What each deploy option does, and what a deployment records.</summary>
public class DeployOptionsTests
{
    private const string Seed = "INSERT INTO items (id, name, count, note, status) VALUES (1, 'a', 1, NULL, 'queued'), (2, 'b', 2, 'x', 'done');";
    private static readonly string Items = EvolutionModels.Items;

    [Fact]
    public async Task DryRun_returns_the_steps_and_changes_nothing()
    {
        var after = Evolution.Build(Items.Replace("public int Count", "[Indexed] public int Count"));
        await using var connection = await DeployedItemsAsync();
        var before = await DatabaseState.CaptureAsync(connection);

        var result = await SchemaDeployer.DeployAsync(after.Target, connection, new DeployOptions { DryRun = true });

        Assert.False(result.NoOp);
        Assert.Null(result.HistoryId);
        Assert.Equal(StepKind.CreateIndex, Assert.Single(result.Steps).Kind);
        Assert.Equal(before, await DatabaseState.CaptureAsync(connection));
    }

    [Fact]
    public async Task Each_deployment_writes_one_history_row_with_its_steps()
    {
        var after = Evolution.Build(Items.Replace("public int Count", "[Indexed] public int Count"));
        var database = Postgres.Instance.CreateDatabase();
        await using var connection = new NpgsqlConnection(database + ";Application Name=orders-service");
        await connection.OpenAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Items).Target, connection);

        var result = await SchemaDeployer.DeployAsync(after.Target, connection);

        await using var read = new NpgsqlCommand("SELECT id, model_hash, steps, duration_ms, application_name FROM public.schemagen_history ORDER BY id", connection);
        await using var reader = await read.ExecuteReaderAsync();
        var rows = new List<(long Id, string Hash, string[] Steps, double Duration, string Application)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetDouble(3), reader.GetString(4)));

        Assert.Equal(2, rows.Count);
        Assert.Equal(result.HistoryId, rows[1].Id);
        Assert.Equal(after.ModelHash, rows[1].Hash);
        Assert.Equal(result.Steps.Select(s => s.Sql), rows[1].Steps);
        Assert.Contains("CREATE INDEX", Assert.Single(rows[1].Steps));
        Assert.True(rows[1].Duration > 0);
        Assert.Equal("orders-service", rows[1].Application);
    }

    [Fact]
    public async Task Verify_names_every_drift_with_both_versions()
    {
        var model = Evolution.Build(Items);
        await using var connection = await DeployedItemsAsync();
        await connection.ExecuteAsync("""
            ALTER TABLE items DROP COLUMN note;
            ALTER TABLE items ADD COLUMN added_by_hand text;
            ALTER TABLE items ALTER COLUMN count SET DEFAULT 3;
            CREATE TABLE stray (id int);
            """);

        var drift = (await SchemaDeployer.VerifyAsync(model.Target, connection)).Drift;

        Assert.Contains(drift, d => d is { Kind: DriftKind.Missing, Object: "column public.items.note" } && d.Model!.Contains("note text"));
        Assert.Contains(drift, d => d is { Kind: DriftKind.Extra, Object: "column public.items.added_by_hand", Model: null } && d.Database!.Contains("added_by_hand text"));
        var count = Assert.Single(drift, d => d is { Kind: DriftKind.Different, Object: "column public.items.count" });
        Assert.DoesNotContain("DEFAULT", count.Model);
        Assert.Contains("DEFAULT 3", count.Database);
        Assert.Contains(drift, d => d is { Kind: DriftKind.Extra, Object: "table public.stray" });
        Assert.Equal(4, drift.Count);
    }

    [Fact]
    public async Task Tables_the_model_no_longer_has_are_reported_and_dropped_only_when_asked()
    {
        var withParts = Evolution.Build(Items + "\n[Table(\"parts\")]\npublic class Part { [Key] public int Id { get; set; } }\n");
        var withoutParts = Evolution.Build(Items);
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(withParts.Target, connection);

        var plan = await SchemaDeployer.PlanAsync(withoutParts.Target, connection);
        Assert.True(plan.IsEmpty, plan.Sql);
        Assert.Equal(["table public.parts"], plan.Unmanaged);

        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(withoutParts.Target, connection, new DeployOptions { DropUnmanaged = true }));
        Assert.Equal(HazardKind.DataLoss, Assert.Single(refused.Hazards).Kind);

        var dropped = await SchemaDeployer.DeployAsync(withoutParts.Target, connection, new DeployOptions { DropUnmanaged = true, AllowDataLoss = true });
        Assert.Equal(StepKind.DropTable, Assert.Single(dropped.Steps).Kind);
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'parts'"));
    }

    [Fact]
    public async Task Unmanaged_tables_are_dropped_before_the_types_they_use_and_referencing_tables_first()
    {
        var full = Evolution.Build(Items + """

            [Table("parents")]
            public class Parent { [Key] public int Id { get; set; } public Status State { get; set; } }

            [Table("children")]
            public class Child { [Key] public int Id { get; set; } [References<Parent>] public int ParentId { get; set; } }
            """);
        var reduced = Evolution.Build(Items.Replace("public Status Status { get; set; } = Status.Queued;", "").Replace("public enum Status { Queued, Done }", ""));
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(full.Target, connection);

        var result = await SchemaDeployer.DeployAsync(reduced.Target, connection, new DeployOptions { DropUnmanaged = true, AllowDataLoss = true });

        Assert.Equal(["public.children", "public.parents", "public.status"], result.Steps.Where(s => s.Kind is StepKind.DropTable or StepKind.DropEnum).Select(s => s.Object));
        await Evolution.AssertSameAsFreshAsync(connection, reduced, new DeployOptions { DropUnmanaged = true });
    }

    [Fact]
    public async Task OnlineIndexes_builds_concurrently_after_commit_and_rebuilds_an_invalid_leftover()
    {
        var after = Evolution.Build(Items.Replace("public int Count", "[Indexed(IsUnique = true)] public int Count"));
        var index = after.Model.Tables.Single().Indexes.Single().Name;
        await using var connection = await DeployedItemsAsync();

        // A failed concurrent build leaves an INVALID index under the model's name.
        await connection.ExecuteAsync("UPDATE items SET count = 1");
        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync($"CREATE UNIQUE INDEX CONCURRENTLY {index} ON items (count)"));
        Assert.False(await connection.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = $1::regclass", index));
        await connection.ExecuteAsync("UPDATE items SET count = id");

        var log = new ListLogger();
        var result = await SchemaDeployer.DeployAsync(after.Target, connection, new DeployOptions { OnlineIndexes = true, Logger = log });

        Assert.Contains(result.Steps, s => s.Kind == StepKind.CreateIndex);
        Assert.Contains(log.Messages, m => m.Contains("CREATE UNIQUE INDEX CONCURRENTLY"));
        Assert.True(await connection.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = $1::regclass", index));
        Assert.True((await SchemaDeployer.DeployAsync(after.Target, connection)).NoOp);
    }

    [Fact]
    public async Task The_same_model_deploys_into_two_schemas_of_one_database()
    {
        var schema = GeneratorHarness.Run(FeatureModels.Sample(), FeatureModels.SampleTemplates()).Load();
        var database = Postgres.Instance.CreateDatabase();
        await using var connection = new NpgsqlConnection(database);

        foreach (var tenant in new[] { "tenant_a", "tenant_b" })
        {
            var options = new DeployOptions { Schema = tenant };
            Assert.False((await SchemaDeployer.DeployAsync(schema.Target, connection, options)).NoOp);
            Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection, options)).IsClean);
        }

        await connection.OpenAsync();
        foreach (var tenant in new[] { "tenant_a", "tenant_b" })
        {
            Assert.True((await SchemaDeployer.DeployAsync(schema.Target, connection, new DeployOptions { Schema = tenant })).NoOp);
            var moved = SchemaMapping.Rename(schema.Model, s => s == "app" ? tenant : s);
            PgCatalog.AssertMatches(moved, await PgCatalog.ReadAsync(connection, tenant));
        }

        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'app'"));

        // The templates moved too, bodies included: tenant_b's trigger and functions use tenant_b's tables.
        Assert.Equal(2L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace = 'tenant_b'::regnamespace"));
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_proc WHERE pronamespace IN ('tenant_a'::regnamespace, 'tenant_b'::regnamespace) AND prosrc LIKE '%app.%'"));
        await connection.ExecuteAsync("INSERT INTO tenant_b.jobs (job_id, job_type) VALUES (repeat('b', 64), 'resize')");
        Assert.Equal("queued 0", await connection.ScalarAsync<string>("SELECT job_status || ' ' || total_tasks FROM tenant_b.check_job_completion(repeat('b', 64))"));
    }

    [Fact]
    public async Task MapTypes_lets_enum_columns_read_and_write_as_their_CSharp_enums()
    {
        var schema = GeneratorHarness.Run(FeatureModels.Sample()).Load();
        var database = Postgres.Instance.CreateDatabase();
        await SchemaDeployer.DeployAsync(schema.Target, new NpgsqlConnection(database), new DeployOptions { Schema = "tenant" });

        var schemaClass = schema.Assembly.GetTypes().Single(t => t.Name == "Schema");
        var jobStatus = schema.Assembly.GetTypes().Single(t => t.Name == "JobStatus");
        var builder = new NpgsqlDataSourceBuilder(database);
        schemaClass.GetMethod("MapTypes")!.Invoke(null, [builder, "tenant"]);
        await using var dataSource = builder.Build();
        await using var connection = await dataSource.OpenConnectionAsync();

        var failed = Enum.Parse(jobStatus, "CompletedWithErrors");
        await using (var insert = new NpgsqlCommand("INSERT INTO tenant.jobs (job_id, job_type, status, error_details) VALUES ($1, 'resize', $2, 'x')", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = new string('a', 64) });
            insert.Parameters.Add(new NpgsqlParameter { Value = failed });
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal("completed_with_errors", await connection.ScalarAsync<string>("SELECT status::text FROM tenant.jobs"));
        await using var read = new NpgsqlCommand("SELECT status FROM tenant.jobs", connection);
        Assert.Equal(failed, await read.ExecuteScalarAsync());
    }

    private static async Task<NpgsqlConnection> DeployedItemsAsync()
    {
        var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Items).Target, connection);
        await connection.ExecuteAsync(Seed);
        return connection;
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}

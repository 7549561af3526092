using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// A table of the model is a plain table of its own: one that inherits from another table, has child tables, is a partition
/// of another, is a typed table (OF) or is partitioned itself reads different rows than the model's (or none at all), so each is drift in Verify.
/// Deploy removes the link with the rows kept (NO INHERIT, DETACH PARTITION, NOT OF), and creates a partitioned table again as a
/// plain one only when data loss is allowed. Tables outside the model that inherit from each other are dropped children first.
/// </summary>
public class TableParentTests
{
    private static readonly GeneratedSchema Notes = GeneratorHarness.Run([Evolution.Usings + """
        namespace TestModels;

        [Table("notes")]
        public class Note
        {
            [Key] public int Id { get; set; }
            public string? Text { get; set; }
        }
        """]).Load();

    [Theory]
    [InlineData("public.base_notes", "public.base_notes")]
    [InlineData("public.\"Base Notes\"", "public.\"Base Notes\"")]
    [InlineData("archive.base_notes", "archive.base_notes")]
    public async Task A_table_of_the_model_that_inherits_from_another_is_drift_and_the_link_is_removed_with_its_rows(string parent, string printed)
    {
        var database = Postgres.Instance.CreateDatabase();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await SchemaDeployer.DeployAsync(Notes.Target, connection);
        await connection.ExecuteAsync($"""
            CREATE SCHEMA IF NOT EXISTS archive;
            CREATE TABLE {parent} (id integer NOT NULL, text text);
            INSERT INTO notes VALUES (1, 'kept');
            ALTER TABLE notes INHERIT {parent};
            INSERT INTO {parent} VALUES (2, 'the parent''s');
            """);

        var drift = (await SchemaDeployer.VerifyAsync(Notes.Target, connection)).Drift;
        Assert.Contains(drift, d => (d.Object, d.Model, d.Database) == ("table public.notes", "a table of its own", "inherits from " + printed));
        var step = Assert.Single((await SchemaDeployer.PlanAsync(Notes.Target, connection)).Steps, s => s.Kind == StepKind.NoInherit);
        Assert.Equal(TableLock.AccessExclusive, step.Cost.Lock);
        Assert.Equal(("AccessExclusiveLock", false), await CatalogStateTests.LockAndRewriteAsync(database, connection, step));

        // DropUnmanaged drops a parent in the managed schemas, which it could not while the model's table inherited from it.
        await SchemaDeployer.DeployAsync(Notes.Target, connection, new DeployOptions { DropUnmanaged = true, AllowDataLoss = true });
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_inherits WHERE inhrelid = 'public.notes'::regclass"));
        Assert.Equal("kept", await connection.ScalarAsync<string>("SELECT string_agg(text, ',') FROM notes"));
        Assert.True((await SchemaDeployer.VerifyAsync(Notes.Target, connection)).IsClean);
        Assert.True((await SchemaDeployer.DeployAsync(Notes.Target, connection)).NoOp);
    }

    [Fact]
    public async Task A_child_table_outside_the_managed_schemas_is_drift_of_its_parent_and_is_unlinked_keeping_its_rows()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Notes.Target, connection);
        await connection.ExecuteAsync("""
            CREATE SCHEMA archive;
            CREATE TABLE archive.old_notes () INHERITS (notes);
            INSERT INTO archive.old_notes VALUES (5, 'archived');
            """);
        Assert.Equal(1L, await connection.ScalarAsync<long>("SELECT count(*) FROM notes")); // the child's rows, read through the model's table

        var drift = Assert.Single((await SchemaDeployer.VerifyAsync(Notes.Target, connection)).Drift);
        Assert.Equal(("table public.notes", "no child tables", "inherited by archive.old_notes"), (drift.Object, drift.Model, drift.Database));
        await SchemaDeployer.DeployAsync(Notes.Target, connection);
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM notes"));
        Assert.Equal("archived", await connection.ScalarAsync<string>("SELECT text FROM archive.old_notes"));
        Assert.True((await SchemaDeployer.VerifyAsync(Notes.Target, connection)).IsClean);
    }

    // With a primary key on the partitioned table, attaching makes the model table's own key the partition's copy of it.
    [Theory]
    [InlineData(DeployMode.Atomic, "")]
    [InlineData(DeployMode.Online, "")]
    [InlineData(DeployMode.Atomic, ", PRIMARY KEY (id)")]
    public async Task A_table_of_the_model_attached_as_a_partition_is_drift_and_is_detached_with_its_rows(DeployMode mode, string parentKey)
    {
        var database = Postgres.Instance.CreateDatabase();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await SchemaDeployer.DeployAsync(Notes.Target, connection);
        await connection.ExecuteAsync($"""
            INSERT INTO notes VALUES (1, 'kept');
            CREATE TABLE all_notes (id integer NOT NULL, text text{parentKey}) PARTITION BY RANGE (id);
            ALTER TABLE all_notes ATTACH PARTITION notes FOR VALUES FROM (0) TO (100);
            """);

        var drift = (await SchemaDeployer.VerifyAsync(Notes.Target, connection)).Drift;
        Assert.Contains(drift, d => (d.Object, d.Model, d.Database) == ("table public.notes", "a table of its own", "a partition of public.all_notes"));
        Assert.DoesNotContain(drift, d => d.Kind == DriftKind.Missing);
        var step = Assert.Single((await SchemaDeployer.PlanAsync(Notes.Target, connection)).Steps, s => s.Kind == StepKind.DetachPartition);
        Assert.Equal(("AccessExclusiveLock", false), await CatalogStateTests.LockAndRewriteAsync(database, connection, step));

        await SchemaDeployer.DeployAsync(Notes.Target, connection, new DeployOptions { DropUnmanaged = true, AllowDataLoss = true, Mode = mode });
        Assert.False(await connection.ScalarAsync<bool>("SELECT relispartition FROM pg_class WHERE oid = 'public.notes'::regclass"));
        Assert.Equal("kept", await connection.ScalarAsync<string>("SELECT text FROM notes"));
        Assert.True((await SchemaDeployer.VerifyAsync(Notes.Target, connection)).IsClean);
    }

    [Theory]
    [InlineData(DeployMode.Atomic)]
    [InlineData(DeployMode.Online)]
    public async Task A_table_of_the_model_made_partitioned_is_drift_refused_as_data_loss_and_created_again_when_allowed(DeployMode mode)
    {
        var schema = GeneratorHarness.Run([Evolution.Usings + """
            namespace TestModels;
            [Table("parents")] public class Parent { [Key] public int Id { get; set; } }
            [Table("children")] public class Child { [Key] public int Id { get; set; } [References<Parent>] public int ParentId { get; set; } }
            """]).Load();
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        var primaryKey = await connection.ScalarAsync<string>("SELECT conname::text FROM pg_constraint WHERE conrelid = 'parents'::regclass AND contype = 'p'");
        var foreignKey = await connection.ScalarAsync<string>("SELECT conname::text FROM pg_constraint WHERE conrelid = 'children'::regclass AND contype = 'f'");
        await connection.ExecuteAsync($"""
            ALTER TABLE children DROP CONSTRAINT {foreignKey};
            DROP TABLE parents;
            CREATE TABLE parents (id integer NOT NULL, CONSTRAINT {primaryKey} PRIMARY KEY (id)) PARTITION BY RANGE (id);
            CREATE TABLE parents_low PARTITION OF parents FOR VALUES FROM (0) TO (100);
            ALTER TABLE children ADD CONSTRAINT {foreignKey} FOREIGN KEY (parent_id) REFERENCES parents (id);
            INSERT INTO parents VALUES (1);
            """);

        var drift = (await SchemaDeployer.VerifyAsync(schema.Target, connection)).Drift;
        Assert.Contains(drift, d => (d.Object, d.Model, d.Database) == ("table public.parents", "a table", "a partitioned table (PARTITION BY)"));
        var step = Assert.Single((await SchemaDeployer.PlanAsync(schema.Target, connection)).Steps, s => s.Object == "public.parents");
        Assert.Equal((StepKind.RecreateTable, TableLock.AccessExclusive), (step.Kind, step.Cost.Lock));
        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(schema.Target, connection, new DeployOptions { Mode = mode }));
        Assert.Contains(refused.Hazards, h => h.Kind == HazardKind.DataLoss && h.Object == "public.parents" && h.Message.Contains("1 row(s)"));
        Assert.Equal("p", await connection.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'public.parents'::regclass"));

        await SchemaDeployer.DeployAsync(schema.Target, connection, new DeployOptions { AllowDataLoss = true, Mode = mode });
        Assert.Equal("r", await connection.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'public.parents'::regclass"));
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'parents_low'"));
        var orphan = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("INSERT INTO children VALUES (1, 42)"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, orphan.SqlState);
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
    }

    [Fact]
    public async Task A_table_of_the_model_made_a_typed_table_is_drift_and_is_a_table_of_its_own_again()
    {
        var withEdits = GeneratorHarness.Run([Evolution.Usings + """
            namespace TestModels;

            [Table("notes")]
            public class Note
            {
                [Key] public int Id { get; set; }
                public string? Text { get; set; }
                public int? Edits { get; set; }
            }
            """]).Load();
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Notes.Target, connection);
        await connection.ExecuteAsync("""
            CREATE TYPE note_row AS (id integer, text text);
            ALTER TABLE notes OF note_row;
            INSERT INTO notes VALUES (1, 'kept');
            """);

        var drift = (await SchemaDeployer.VerifyAsync(Notes.Target, connection)).Drift;
        Assert.Contains(drift, d => (d.Object, d.Model, d.Database) == ("table public.notes", "a table of its own", "a typed table OF note_row"));
        // A typed table's columns cannot change, and its type cannot be dropped: NOT OF comes first.
        await SchemaDeployer.DeployAsync(withEdits.Target, connection, new DeployOptions { DropUnmanaged = true });
        Assert.Equal(0u, await connection.ScalarAsync<uint>("SELECT reloftype FROM pg_class WHERE oid = 'public.notes'::regclass"));
        Assert.Equal("kept", await connection.ScalarAsync<string>("SELECT text FROM notes"));
        Assert.True((await SchemaDeployer.VerifyAsync(withEdits.Target, connection)).IsClean);
    }

    [Fact]
    public async Task Tables_outside_the_model_that_inherit_from_each_other_or_are_partitions_are_dropped_with_DropUnmanaged()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Notes.Target, connection);
        // Named so that the parents sort first: the drops must not follow the names.
        await connection.ExecuteAsync("""
            CREATE TABLE a_events (id integer, at date);
            CREATE TABLE b_events_2024 () INHERITS (a_events);
            CREATE TABLE a_measurements (id integer, at date) PARTITION BY RANGE (at);
            CREATE TABLE b_measurements_2024 PARTITION OF a_measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            INSERT INTO b_events_2024 VALUES (1, '2024-05-01');
            INSERT INTO a_measurements VALUES (1, '2024-05-01');
            """);

        var plan = await SchemaDeployer.PlanAsync(Notes.Target, connection, new DeployOptions { DropUnmanaged = true });
        Assert.Equal(["table public.a_events", "table public.a_measurements", "table public.b_events_2024", "table public.b_measurements_2024"], plan.Unmanaged.Order());
        await SchemaDeployer.DeployAsync(Notes.Target, connection, new DeployOptions { DropUnmanaged = true, AllowDataLoss = true });
        Assert.Equal("notes", await connection.ScalarAsync<string>(
            "SELECT string_agg(relname::text, ',') FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND relname <> 'schemagen_history'"));
        Assert.True((await SchemaDeployer.VerifyAsync(Notes.Target, connection)).IsClean);
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// States of managed objects that change what they do while their definitions stay the model's: an UNLOGGED table, a
/// template trigger that does not fire as created and a default on a template view's column are drift in Verify, set back
/// by Deploy (the table logged again with its rows, the trigger firing again, the default gone), and the steps report the
/// lock PostgreSQL takes. A foreign key whose referenced table's triggers are disabled is created again and enforced (its
/// referencing side, and rules, are hand edits of <see cref="DriftEdits"/>).
/// </summary>
public class CatalogStateTests
{
    private const string Model = """
        namespace TestModels;

        [Table("notes")]
        public class Note
        {
            [Key] public int Id { get; set; }
            public string? Text { get; set; }
            public int Edits { get; set; } = 0;
        }
        """;

    private const string Trigger = """
        CREATE OR REPLACE FUNCTION count_edits() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.edits := OLD.edits + 1; RETURN NEW; END $$;
        CREATE OR REPLACE TRIGGER notes_edits BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION count_edits();
        CREATE VIEW note_texts AS SELECT id, text FROM notes;
        """;

    private static GeneratedSchema Build(string trigger = Trigger) => GeneratorHarness.Run([Evolution.Usings + Model], [("/project/Sql/00_edits.sql", trigger)]).Load();

    [Fact]
    public async Task An_unlogged_table_is_drift_and_is_made_logged_again_with_its_rows()
    {
        var schema = Build();
        var database = Postgres.Instance.CreateDatabase();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        await connection.ExecuteAsync("INSERT INTO notes (id, text) VALUES (1, 'kept'); ALTER TABLE notes SET UNLOGGED;");

        var drift = Assert.Single((await SchemaDeployer.VerifyAsync(schema.Target, connection)).Drift);
        Assert.Equal(("table public.notes", "logged", "UNLOGGED"), (drift.Object, drift.Model, drift.Database));
        var step = Assert.Single((await SchemaDeployer.PlanAsync(schema.Target, connection)).Steps);
        Assert.Equal((StepKind.SetLogged, TableLock.AccessExclusive, TableImpact.Rewrite), (step.Kind, step.Cost.Lock, step.Cost.Impact));
        Assert.Equal(("AccessExclusiveLock", true), await LockAndRewriteAsync(database, connection, step));

        await SchemaDeployer.DeployAsync(schema.Target, connection);
        Assert.Equal("p", await connection.ScalarAsync<string>("SELECT relpersistence::text FROM pg_class WHERE oid = 'public.notes'::regclass"));
        Assert.Equal("kept", await connection.ScalarAsync<string>("SELECT text FROM notes WHERE id = 1"));
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
        Assert.True((await SchemaDeployer.DeployAsync(schema.Target, connection)).NoOp);
    }

    [Fact]
    public async Task Online_making_an_unlogged_table_with_rows_logged_is_a_rewrite_refused_unless_allowed()
    {
        var schema = Build();
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        await connection.ExecuteAsync("INSERT INTO notes (id) SELECT generate_series(1, 100); ANALYZE notes; ALTER TABLE notes SET UNLOGGED;");

        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(schema.Target, connection, new DeployOptions { Mode = DeployMode.Online }));
        Assert.Equal(HazardKind.TableRewrite, Assert.Single(refused.Hazards).Kind);
        Assert.Equal("u", await connection.ScalarAsync<string>("SELECT relpersistence::text FROM pg_class WHERE oid = 'public.notes'::regclass"));

        await SchemaDeployer.DeployAsync(schema.Target, connection, new DeployOptions { Mode = DeployMode.Online, AllowTableRewrite = true });
        Assert.Equal("p", await connection.ScalarAsync<string>("SELECT relpersistence::text FROM pg_class WHERE oid = 'public.notes'::regclass"));
        Assert.Equal(100L, await connection.ScalarAsync<long>("SELECT count(*) FROM notes"));
    }

    [Theory]
    [InlineData("DISABLE TRIGGER notes_edits")]
    [InlineData("ENABLE REPLICA TRIGGER notes_edits")]
    [InlineData("ENABLE ALWAYS TRIGGER notes_edits")]
    [InlineData("DISABLE TRIGGER USER")]
    public async Task A_template_trigger_that_does_not_fire_as_created_is_drift_and_is_enabled_again(string edit)
    {
        var schema = Build();
        var database = Postgres.Instance.CreateDatabase();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        await connection.ExecuteAsync($"INSERT INTO notes (id) VALUES (1); ALTER TABLE notes {edit};");

        var drift = Assert.Single((await SchemaDeployer.VerifyAsync(schema.Target, connection)).Drift);
        Assert.Equal("trigger public.notes.notes_edits", drift.Object);
        var step = Assert.Single((await SchemaDeployer.PlanAsync(schema.Target, connection)).Steps);
        Assert.Equal((StepKind.EnableTrigger, TableLock.ShareRowExclusive), (step.Kind, step.Cost.Lock));
        Assert.Equal(("ShareRowExclusiveLock", false), await LockAndRewriteAsync(database, connection, step));

        await SchemaDeployer.DeployAsync(schema.Target, connection);
        await connection.ExecuteAsync("UPDATE notes SET text = 'x' WHERE id = 1");
        Assert.Equal(1, await connection.ScalarAsync<int>("SELECT edits FROM notes WHERE id = 1")); // it fires again
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
    }

    [Fact]
    public async Task A_disabled_trigger_the_plan_creates_again_needs_no_step_of_its_own()
    {
        var database = Postgres.Instance.CreateDatabase();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await SchemaDeployer.DeployAsync(Build().Target, connection);
        await connection.ExecuteAsync("ALTER TABLE notes DISABLE TRIGGER notes_edits");

        var changed = Build(Trigger.Replace("BEFORE UPDATE ON", "BEFORE INSERT OR UPDATE ON"));
        var plan = await SchemaDeployer.PlanAsync(changed.Target, connection);
        Assert.Equal([StepKind.CreateTrigger], plan.Steps.Select(s => s.Kind));
        await SchemaDeployer.DeployAsync(changed.Target, connection);
        Assert.Equal("O", await connection.ScalarAsync<string>("SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'notes_edits'"));
        Assert.True((await SchemaDeployer.VerifyAsync(changed.Target, connection)).IsClean);
    }

    [Fact]
    public async Task A_default_on_a_template_views_column_is_drift_and_is_dropped()
    {
        var schema = Build();
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        await connection.ExecuteAsync("ALTER VIEW note_texts ALTER COLUMN text SET DEFAULT 'from the view'");

        var drift = Assert.Single((await SchemaDeployer.VerifyAsync(schema.Target, connection)).Drift);
        Assert.Equal("default of view column public.note_texts.text", drift.Object);
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        await connection.ExecuteAsync("INSERT INTO note_texts (id) VALUES (2)");
        Assert.True(await connection.ScalarAsync<bool>("SELECT text IS NULL FROM notes WHERE id = 2"));
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
    }

    [Fact]
    public async Task A_foreign_key_whose_referenced_side_triggers_are_disabled_is_created_again_and_enforced()
    {
        var schema = GeneratorHarness.Run([Evolution.Usings + """
            namespace TestModels;
            [Table("parents")] public class Parent { [Key] public int Id { get; set; } }
            [Table("children")] public class Child { [Key] public int Id { get; set; } [References<Parent>] public int ParentId { get; set; } }
            """]).Load();
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        await connection.ExecuteAsync("INSERT INTO parents VALUES (1), (2); INSERT INTO children VALUES (1, 1); ALTER TABLE parents DISABLE TRIGGER ALL;");

        var drift = Assert.Single((await SchemaDeployer.VerifyAsync(schema.Target, connection)).Drift);
        Assert.Equal(("foreign key public.children.fk_children_parent_id", "not enforced: its triggers are disabled"), (drift.Object, drift.Database));
        await SchemaDeployer.DeployAsync(schema.Target, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("DELETE FROM parents WHERE id = 1"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.True((await SchemaDeployer.VerifyAsync(schema.Target, connection)).IsClean);
    }

    // The strongest lock the step's statements take on notes (read by a second connection) and whether they rewrote it.
    internal static async Task<(string Lock, bool Rewrote)> LockAndRewriteAsync(string database, NpgsqlConnection connection, MigrationStep step)
    {
        const string File = "SELECT relfilenode FROM pg_class WHERE oid = 'public.notes'::regclass";
        var before = await connection.ScalarAsync<uint>(File);
        await using var observer = new NpgsqlConnection(database);
        await observer.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var statement in step.Statements)
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync();
        }

        var modes = new List<string>();
        await using (var locks = new NpgsqlCommand("SELECT mode FROM pg_locks WHERE pid = $1 AND locktype = 'relation' AND relation = 'public.notes'::regclass", observer))
        {
            locks.Parameters.Add(new NpgsqlParameter { Value = connection.ProcessID });
            await using var reader = await locks.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                modes.Add(reader.GetString(0));
        }

        await using var after = new NpgsqlCommand(File, connection, transaction);
        var rewrote = (uint)(await after.ExecuteScalarAsync())! != before;
        await transaction.RollbackAsync();
        string[] strength = ["AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"];
        return (modes.OrderBy(m => System.Array.IndexOf(strength, m)).Last(), rewrote);
    }
}

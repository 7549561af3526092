using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Telemetry;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// A deploy planned against the last deployment's record reads again, after applying, only the tables whose catalog rows
/// moved (the span's <c>schemagen.reverify</c> tag is <c>scoped</c>), with the tables whose foreign keys reference them.
/// What it records must be what a full read finds: the database equals a fresh deploy, planning and verifying it again find
/// nothing, and the stamp and fingerprint it wrote in the marker are the server's (the next deploy is a no-op the stamp
/// decides, and, with the stamp moved by unrelated DDL, one the fingerprint decides). A change to a table the plan did not touch, made inside the deployment's
/// transaction, is seen. When every step acts on a table, the table stamps are taken of those tables alone, the catalog's
/// other rows checked by their sum (<c>schemagen.reverify.stamps</c> is <c>listed</c>); anything else splits every row.
/// </summary>
public class ScopedReverifyTests
{
    private const string Model = """
        namespace TestModels;

        [Table("items")]
        public class Item
        {
            [Key] public int Id { get; set; }
            [MaxLength(10)] public string Name { get; set; } = "";
            public int Count { get; set; }
            public string? Note { get; set; }
        }

        [Table("parts")]
        public class Part
        {
            [Key] public int Id { get; set; }
            [References<Item>] public int ItemId { get; set; }
            public string? Label { get; set; }
        }

        [Table("notes")]
        public class Note
        {
            [Key] public int Id { get; set; }
            public string? Text { get; set; }
        }
        """;

    private const string Rows = "INSERT INTO items VALUES (1, 'a', 1, NULL), (2, 'b', 2, 'x'); INSERT INTO parts VALUES (1, 1, 'p'); INSERT INTO notes VALUES (1, 'n');";

    /// <summary>A change to <see cref="Model"/> and how many tables its deploy reads again.</summary>
    public sealed record Change(string Name, string Old, string New, int Reread)
    {
        public override string ToString() => Name;
    }

    // Changes to items are read with parts, whose foreign key references items. A foreign key to items adds PostgreSQL's
    // referential triggers to items' catalog rows: items moves too.
    public static readonly Change[] Changes =
    [
        new("add nullable column", "public string? Note { get; set; }", "public string? Note { get; set; }\n    public string? Extra { get; set; }", 2),
        new("add NOT NULL column with default", "public string? Note { get; set; }", "public string? Note { get; set; }\n    public int Extra { get; set; } = 7;", 2),
        new("drop column", "    public string? Note { get; set; }\n", "", 2),
        new("rename column", "public string? Note", "[RenamedFrom(\"note\")] public string? Remark", 2),
        new("widen varchar", "[MaxLength(10)]", "[MaxLength(20)]", 2),
        new("integer to bigint", "public int Count", "public long Count", 2),
        new("add check", "public int Count", "[Range(0, 100)] public int Count", 2),
        new("add index", "public int Count", "[Indexed] public int Count", 2),
        new("add unique index", "public int Count", "[Indexed(IsUnique = true)] public int Count", 2),
        new("add comment", "public int Count", "/// <summary>How many.</summary>\n    public int Count", 2),
        new("drop NOT NULL", "public string Name", "public string? Name", 2),
        new("rename the referenced key", "[Key] public int Id { get; set; }\n    [MaxLength(10)]", "[Key, RenamedFrom(\"id\")] public int ItemKey { get; set; }\n    [MaxLength(10)]", 2),
        new("change the referencing table", "public string? Label", "[MaxLength(5)] public string? Label", 1),
        new("add a foreign key to an unrelated table", "public string? Text { get; set; }", "public string? Text { get; set; }\n    [References<Item>] public int? ItemId { get; set; }", 3),
        new("change an unrelated table", "public string? Text", "[MaxLength(50)] public string? Text", 1),
    ];

    public static IEnumerable<object[]> Cases() => Changes.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AScopedReverificationRecordsWhatAFullReadFinds(Change change)
    {
        var before = Evolution.Build(Model);
        var after = Evolution.Build(Model.Replace(change.Old, change.New));
        Assert.NotEqual(before.Target.ModelHash, after.Target.ModelHash);
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(before.Target, connection);
        await connection.ExecuteAsync(Rows);

        var (result, span) = await OperationSpans.DeployAsync(connection, after.Target, new DeployOptions { AllowDataLoss = true });

        Assert.False(result.NoOp);
        Assert.Equal("scoped", span.GetTagItem(SchemaGenTelemetry.Tags.Reverify));
        Assert.Equal(change.Reread, System.Convert.ToInt32(span.GetTagItem(SchemaGenTelemetry.Tags.ReverifyTables)));
        // Every step acts on a table: only those tables' rows were split by table, the rest added up.
        Assert.Equal("listed", span.GetTagItem(SchemaGenTelemetry.Tags.ReverifyStamps));
        // Planned on the record without the stamp: the tables the steps act on, and the sum of every other row, proved it.
        Assert.Equal("recorded", span.GetTagItem(SchemaGenTelemetry.Tags.LiveCatalog));
        Assert.Equal("steps", span.GetTagItem(SchemaGenTelemetry.Tags.LiveCatalogConfirmedBy));
        Assert.Null(span.GetTagItem(SchemaGenTelemetry.Tags.Replanned));
        await Evolution.AssertSameAsFreshAsync(connection, after);

        // The stamp the scoped read took with its table stamps is the one the no-op check computes.
        var (same, sameSpan) = await OperationSpans.DeployAsync(connection, after.Target);
        Assert.True(same.NoOp);
        Assert.Equal("stamp", sameSpan.GetTagItem(SchemaGenTelemetry.Tags.NoOpCheck));

        // Unrelated DDL moves the stamp: the server's fingerprint decides, and it must be the one the scoped read recorded.
        await connection.ExecuteAsync("CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.t (x integer)");
        var (again, againSpan) = await OperationSpans.DeployAsync(connection, after.Target);
        Assert.True(again.NoOp, string.Join("\n", again.Steps));
        Assert.Equal("fingerprint", againSpan.GetTagItem(SchemaGenTelemetry.Tags.NoOpCheck));
    }

    // An event trigger adds a column to notes whenever items is altered: inside the deployment's transaction, after the
    // plan, on a table the plan does not touch. The re-verification must see it (and refuse to commit), not take notes from
    // the record.
    [Fact]
    public async Task ATableChangedBesideTheStepsIsReadAgain()
    {
        await using var connection = await Postgres.NewDatabaseAsync();
        await connection.ExecuteAsync("""
            CREATE SCHEMA hooks;
            CREATE FUNCTION hooks.sneak() RETURNS event_trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT FROM pg_event_trigger_ddl_commands() WHERE object_identity = 'public.items' AND command_tag = 'ALTER TABLE')
                   AND NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('public.notes') AND attname = 'sneaked') THEN
                    ALTER TABLE public.notes ADD COLUMN sneaked integer;
                END IF;
            END $$;
            CREATE EVENT TRIGGER sneak ON ddl_command_end EXECUTE FUNCTION hooks.sneak();
            """);
        await SchemaDeployer.DeployAsync(Evolution.Build(Model).Target, connection);
        var after = Evolution.Build(Model.Replace(Changes[0].Old, Changes[0].New));

        var (error, span) = await OperationSpans.CaptureAsync(connection, "schemagen.deploy",
            () => Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection)));

        Assert.Equal("scoped", span.GetTagItem(SchemaGenTelemetry.Tags.Reverify));
        Assert.Equal(3, System.Convert.ToInt32(span.GetTagItem(SchemaGenTelemetry.Tags.ReverifyTables)));
        // The rows of a table no step acts on moved: the other tables' and the rest's no longer add up, so every row was split.
        Assert.Equal("all", span.GetTagItem(SchemaGenTelemetry.Tags.ReverifyStamps));
        // The first attempt, planned on the record without the stamp, could not explain the moved table: it planned again.
        Assert.Equal(true, span.GetTagItem(SchemaGenTelemetry.Tags.Replanned));
        Assert.Contains("still differs", error.Message);
        Assert.Contains("sneaked", error.Message);
    }

    // Drift the record does not know about, made by hand after the last deployment: on a table the steps act on (found before
    // applying) or beside them (found after applying, by the sum of the other rows). Either way the deploy rolls back what it
    // did, plans again on the catalog as it is, and repairs the drift with the change.
    [Theory]
    [InlineData("on the changed table", "ALTER TABLE public.items ALTER COLUMN note TYPE varchar(5)")]
    [InlineData("on another table", "ALTER TABLE public.notes ALTER COLUMN text TYPE varchar(5)")]
    [InlineData("outside the tables", "CREATE TYPE public.mood AS ENUM ('ok')")]
    public async Task DriftTheRecordDoesNotKnowIsFoundAndRepaired(string where, string edit)
    {
        Assert.NotNull(where);
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Model).Target, connection);
        await connection.ExecuteAsync(Rows + edit);
        var after = Evolution.Build(Model.Replace(Changes[0].Old, Changes[0].New));

        var (result, span) = await OperationSpans.DeployAsync(connection, after.Target, new DeployOptions { AllowDataLoss = true });

        Assert.False(result.NoOp);
        Assert.Equal(true, span.GetTagItem(SchemaGenTelemetry.Tags.Replanned));
        Assert.Equal("read", span.GetTagItem(SchemaGenTelemetry.Tags.LiveCatalog));
        await connection.ExecuteAsync("DROP TYPE IF EXISTS public.mood");
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }
}

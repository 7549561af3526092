using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// Each kind of migration step, with rows in the table: deploy a model, insert rows, deploy the changed model.
/// A safe change keeps every row and value and leaves the same schema as a fresh deploy of the new model; a
/// hazardous one is refused, naming the hazard, with the catalog and the rows exactly as they were.
/// </summary>
public class EvolutionTests
{
    private const string Base = EvolutionModels.Items;

    private const string Seed = "INSERT INTO items (id, name, count, note, status) VALUES (1, 'a', 1, NULL, 'queued'), (2, 'b', 2, 'x', 'done');";
    private const string SeedRows = "(1,a,1,,queued);(2,b,2,x,done)";
    private const string LastColumn = "public Status Status { get; set; } = Status.Queued;";

    /// <summary>A change to <see cref="Base"/>: the text it replaces, what replaces it, and the rows afterwards.</summary>
    public sealed record Change(string Name, string Old, string New, string Rows, string Table = "items", string ExtraSeed = "")
    {
        public string Model => Base.Replace(Old, New);
        public override string ToString() => Name;
    }

    public static readonly Change[] SafeChanges =
    [
        new("add nullable column", LastColumn, LastColumn + "\n    public string? Extra { get; set; }", "(1,a,1,,queued,);(2,b,2,x,done,)"),
        new("add NOT NULL column with default", LastColumn, LastColumn + "\n    public int Extra { get; set; } = 7;", "(1,a,1,,queued,7);(2,b,2,x,done,7)"),
        new("rename column", "public string? Note", "[RenamedFrom(\"note\")] public string? Remark", SeedRows),
        new("widen varchar", "[MaxLength(10)]", "[MaxLength(20)]", SeedRows),
        new("varchar to text", "[MaxLength(10)] ", "", SeedRows),
        new("integer to bigint", "public int Count", "public long Count", SeedRows),
        new("drop NOT NULL", "public string Name", "public string? Name", SeedRows),
        new("set NOT NULL without NULLs", "public string? Note { get; set; }", "[Required] public string Note { get; set; } = null!;", "(1,a,1,y,queued);(2,b,2,x,done)",
            ExtraSeed: "UPDATE items SET note = 'y' WHERE note IS NULL;"),
        new("set default", "public int Count { get; set; }", "public int Count { get; set; } = 5;", SeedRows),
        new("drop default", "public Status Status { get; set; } = Status.Queued;", "public Status Status { get; set; }", SeedRows),
        new("add check", "public int Count", "[Range(0, 100)] public int Count", SeedRows),
        new("add enum value used by a default", "Queued, Done }", "Queued, Running, Done }", SeedRows) { },
        new("rename enum value", "Queued, Done }", "Queued, [RenamedFrom(\"done\")] Finished }", "(1,a,1,,queued);(2,b,2,x,finished)"),
        new("rename enum value and add one after it", "Queued, Done }", "Queued, [RenamedFrom(\"done\")] Finished, Archived }", "(1,a,1,,queued);(2,b,2,x,finished)"),
        new("rename table", "[Table(\"items\")]", "[Table(\"things\"), RenamedFrom(\"items\")]", SeedRows, Table: "things"),
        new("add table with reference", LastColumn + "\n}", LastColumn + "\n}\n\n[Table(\"parts\")]\npublic class Part\n{\n    [Key] public int Id { get; set; }\n    [References<Item>] public int ItemId { get; set; }\n}\n", SeedRows),
        new("add index", "public int Count", "[Indexed] public int Count", SeedRows),
        new("add unique index", "public int Count", "[Indexed(IsUnique = true)] public int Count", SeedRows),
        new("add comment", "public int Count", "/// <summary>How many.</summary>\n    public int Count", SeedRows),
    ];

    public static IEnumerable<object[]> Safe() => SafeChanges.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Safe))]
    public async Task Safe_change_keeps_every_row_and_equals_a_fresh_deploy(Change change)
    {
        var after = Evolution.Build(change.Model);
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Base).Target, connection);
        await connection.ExecuteAsync(Seed + change.ExtraSeed);

        var result = await SchemaDeployer.DeployAsync(after.Target, connection);

        Assert.False(result.NoOp);
        Assert.True(result.Safe, string.Join("\n", result.Steps));
        Assert.Equal(change.Rows, await Evolution.RowsAsync(connection, change.Table));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    /// <summary>
    /// A hazardous change: refused with AllowDataLoss=false; with AllowDataLoss=true either applied (leaving
    /// <see cref="Change.Rows"/>) or, when the rows cannot follow, rejected by PostgreSQL with <paramref name="SqlState"/>.
    /// </summary>
    public sealed record HazardousChange(Change Change, HazardKind Hazard, string Message, string? SqlState = null)
    {
        public override string ToString() => Change.Name;
    }

    public static readonly HazardousChange[] HazardousChanges =
    [
        new(new("drop column", "    public string? Note { get; set; }\n", "", "(1,a,1,queued);(2,b,2,done)"), HazardKind.DataLoss, "drops the column"),
        new(new("add NOT NULL column without default", LastColumn, LastColumn + "\n    [Required] public string Extra { get; set; } = null!;", SeedRows),
            HazardKind.NotNullWithoutDefault, "2 row(s)", SqlState: "23502"),
        new(new("set NOT NULL over NULLs", "public string? Note { get; set; }", "[Required] public string Note { get; set; } = null!;", SeedRows),
            HazardKind.NullsPresent, "1 row(s) are NULL", SqlState: "23514"),
        // A narrowing change never truncates or rounds: values that do not fit are counted, and even with AllowDataLoss the
        // deploy fails (the temporary check that proves every value fits is violated) rather than change them.
        new(new("narrow varchar over a longer value", "[MaxLength(10)]", "[MaxLength(5)]", SeedRows, ExtraSeed: "UPDATE items SET name = '0123456789' WHERE id = 1;"),
            HazardKind.NarrowingTypeChange, "character varying(10) to character varying(5); 1 value(s) do not fit", SqlState: "23514"),
        new(new("integer to smallint over a larger value", "public int Count", "public short Count", SeedRows, ExtraSeed: "UPDATE items SET count = 100000 WHERE id = 1;"),
            HazardKind.NarrowingTypeChange, "smallint out of range", SqlState: "22003"),
        new(new("unique index over duplicates", "public int Count", "[Indexed(IsUnique = true)] public int Count", SeedRows, ExtraSeed: "UPDATE items SET count = 1;"),
            HazardKind.DuplicateValues, "1 value(s) occur more than once", SqlState: "23505"),
        new(new("remove enum value in use", "Queued, Done }", "Queued }", SeedRows), HazardKind.EnumValueRemoved, "done", SqlState: "22P02"),
        new(new("reorder enum values", "Queued, Done }", "Done, Queued }", SeedRows), HazardKind.EnumValueRemoved, "order"),
    ];

    public static IEnumerable<object[]> Hazardous() => HazardousChanges.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Hazardous))]
    public async Task Hazardous_change_is_refused_with_nothing_changed(HazardousChange hazardous)
    {
        var change = hazardous.Change;
        var after = Evolution.Build(change.Model);
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Base).Target, connection);
        await connection.ExecuteAsync(Seed + change.ExtraSeed);
        var before = await DatabaseState.CaptureAsync(connection);

        var plan = await SchemaDeployer.PlanAsync(after.Target, connection);
        var planned = Assert.Single(plan.Hazards);
        Assert.Equal(hazardous.Hazard, planned.Kind);
        Assert.Contains(hazardous.Message, planned.Message);

        var refused = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection));
        Assert.Equal(hazardous.Hazard, Assert.Single(refused.Hazards).Kind);
        Assert.Contains(planned.Object, refused.Message);
        Assert.Equal(before, await DatabaseState.CaptureAsync(connection));

        var allowed = new DeployOptions { AllowDataLoss = true };
        if (hazardous.SqlState == null)
        {
            var result = await SchemaDeployer.DeployAsync(after.Target, connection, allowed);
            Assert.False(result.Safe);
            Assert.Equal(change.Rows, await Evolution.RowsAsync(connection, change.Table));
            await Evolution.AssertSameAsFreshAsync(connection, after);
        }
        else
        {
            var failed = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection, allowed));
            Assert.Equal(hazardous.SqlState, failed.SqlState);
            Assert.NotNull(failed.Statement);
            Assert.Contains(failed.Statement!, failed.Message);
            Assert.Equal(before, await DatabaseState.CaptureAsync(connection));
        }
    }

    [Fact]
    public async Task Check_that_existing_rows_violate_fails_at_validate_with_nothing_changed()
    {
        var after = Evolution.Build(Base.Replace("public int Count", "[Range(5, 100)] public int Count").Replace(LastColumn, LastColumn + "\n    public string? Extra { get; set; }"));
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Base).Target, connection);
        await connection.ExecuteAsync(Seed);
        var before = await DatabaseState.CaptureAsync(connection);

        var failed = await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection));

        Assert.Equal("23514", failed.SqlState);
        Assert.StartsWith("ALTER TABLE public.items VALIDATE CONSTRAINT", failed.Statement);
        Assert.Contains("23514", failed.Message);
        Assert.Equal(before, await DatabaseState.CaptureAsync(connection));
    }

    [Fact]
    public async Task A_type_change_PostgreSQL_cannot_cast_is_a_drop_and_add_that_loses_the_values()
    {
        // Indexed, so the drop takes the index with it and the deploy must put it back (found by the property test).
        var before = Base.Replace(LastColumn, LastColumn + "\n    [Indexed] public int? Extra { get; set; }");
        var after = Evolution.Build(before.Replace("public int? Extra", "public DateTime? Extra"));
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(before).Target, connection);
        await connection.ExecuteAsync(Seed + "UPDATE items SET extra = id;");
        var state = await DatabaseState.CaptureAsync(connection);

        var hazard = Assert.Single((await SchemaDeployer.PlanAsync(after.Target, connection)).Hazards);
        Assert.Equal(HazardKind.DataLoss, hazard.Kind);
        Assert.Contains("no cast from integer to timestamp with time zone", hazard.Message);
        await Assert.ThrowsAsync<SchemaDeployException>(() => SchemaDeployer.DeployAsync(after.Target, connection));
        Assert.Equal(state, await DatabaseState.CaptureAsync(connection));

        await SchemaDeployer.DeployAsync(after.Target, connection, new DeployOptions { AllowDataLoss = true });
        Assert.Equal("(1,a,1,,queued,);(2,b,2,x,done,)", await Evolution.RowsAsync(connection, "items"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task A_recreated_enum_keeps_the_default_of_a_table_renamed_in_the_same_deploy()
    {
        // Found by the property test: the enum step ran before the rename, under the table's old name. Renames run first now.
        var after = Evolution.Build(Base.Replace("Queued, Done }", "Done, Queued }").Replace("[Table(\"items\")]", "[Table(\"things\"), RenamedFrom(\"items\")]"));
        await using var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(Evolution.Build(Base).Target, connection);
        await connection.ExecuteAsync(Seed);

        var result = await SchemaDeployer.DeployAsync(after.Target, connection, new DeployOptions { AllowDataLoss = true });

        Assert.Equal([StepKind.RenameTable, StepKind.RecreateEnum], result.Steps.Select(s => s.Kind).Take(2));
        Assert.Equal(SeedRows, await Evolution.RowsAsync(connection, "things"));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }
}

using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Telemetry;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// A deploy of a changed model renders in the shadow only the tables that changed since the last recorded target, and takes
/// the others from it (the span's <c>schemagen.shadow</c> tag says which way). The target it records must be exactly what the
/// whole shadow renders: each case deploys the same change twice, once scoped and once with the recorded table hashes
/// removed (which forces the whole shadow), and compares the recorded targets; the scoped database must also equal a fresh
/// deploy of the new model.
/// </summary>
public class ScopedShadowTests
{
    private const string Model = """
        namespace TestModels;

        public enum Grade { Low, High }

        [Table("customers")]
        public class Customer
        {
            [Key] public int Id { get; set; }
            public string Name { get; set; } = "";
        }

        [Table("orders")]
        public class Order
        {
            [Key] public int Id { get; set; }
            [References<Customer>] public int CustomerId { get; set; }
            public int Total { get; set; }
        }

        [Table("items")]
        public class Item
        {
            [Key] public int Id { get; set; }
            public Grade Grade { get; set; } = Grade.Low;
            public string? Note { get; set; }
        }

        [Table("notes")]
        public class Note
        {
            [Key] public int Id { get; set; }
            public string Text { get; set; } = "";
        }
        """;

    private const string View = "CREATE VIEW public.order_totals AS SELECT id, total FROM public.orders;\n";

    private const string Rows = """
        INSERT INTO customers (id, name) VALUES (1, 'c');
        INSERT INTO orders (id, customer_id, total) VALUES (1, 1, 5);
        INSERT INTO items (id, grade, note) VALUES (1, 'high', 'n');
        INSERT INTO notes (id, text) VALUES (1, 't');
        """;

    private const string NoteText = "public string Text { get; set; } = \"\";";
    private const string CustomerName = "public string Name { get; set; } = \"\";";
    private const string OrderTotal = "public int Total { get; set; }";

    /// <summary>A change of <see cref="Model"/>, with or without the view over orders, and how its shadow must be rendered.</summary>
    public sealed record Case(string Name, string Old, string New, bool WithView, string Shadow, long Tables, bool Drop = false)
    {
        // A table the model no longer has is only reported, and dropped (with its row) when asked to.
        public DeployOptions? Options => Drop ? new DeployOptions { DropUnmanaged = true, AllowDataLoss = true } : null;

        public override string ToString() => Name;
    }

    public static readonly Case[] Cases =
    [
        new("a column added to a table nothing references", NoteText, NoteText + "\n    public int Pages { get; set; } = 1;", WithView: true, "scoped", 1),
        new("a column added to a foreign key's target", CustomerName, CustomerName + "\n    public string? Email { get; set; }", WithView: true, "scoped", 1),
        // orders is rendered with customers, the table its foreign key references (without foreign keys of its own).
        new("a column added to a table with a foreign key", OrderTotal, OrderTotal + "\n    public int Tax { get; set; } = 2;", WithView: false, "scoped", 2),
        new("a table added", NoteText + "\n}", NoteText + "\n}\n\n[Table(\"tags\")]\npublic class Tag\n{\n    [Key] public int Id { get; set; }\n}", WithView: true, "scoped", 1),
        new("a table removed", "[Table(\"notes\")]\npublic class Note\n{\n    [Key] public int Id { get; set; }\n    " + NoteText + "\n}", "", WithView: true, "scoped", 0, Drop: true),
        new("a table renamed", "[Table(\"notes\")]", "[Table(\"memos\"), RenamedFrom(\"notes\")]", WithView: true, "scoped", 1),
        // The enum is outside the tables: its change could print differently in any table that uses it.
        new("a label added to an enum a clean table uses", "Low, High }", "Low, Mid, High }", WithView: true, "full", 4),
        // A view over a changed table may print differently (its columns' types), so the whole model is rendered.
        new("a column added to a table a view reads", OrderTotal, OrderTotal + "\n    public int Tax { get; set; } = 2;", WithView: true, "full", 4),
    ];

    public static IEnumerable<object[]> AllCases() => Cases.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task Scoped_target_equals_the_whole_shadows_and_the_database_a_fresh_deploy(Case change)
    {
        var before = Build(Model, change.WithView);
        var after = Build(Model.Replace(change.Old, change.New), change.WithView);

        await using var scoped = await DeployedWithRowsAsync(before);
        Assert.Equal((change.Shadow, change.Tables), await DeployAsync(scoped, after, change.Options));

        await using var whole = await DeployedWithRowsAsync(before);
        await whole.ExecuteAsync("UPDATE public.schemagen_history SET table_hashes = NULL");
        Assert.Equal("full", (await DeployAsync(whole, after, change.Options)).Shadow);

        Assert.Equal(await LastTargetAsync(whole), await LastTargetAsync(scoped));
        await Evolution.AssertSameAsFreshAsync(scoped, after, change.Options);
    }

    public static IEnumerable<object[]> EvolutionChanges() => EvolutionTests.SafeChanges.Select(c => new object[] { c });

    // The evolution tests' changes of the small items model: whichever way each is rendered, the target is the whole shadow's.
    [Theory]
    [MemberData(nameof(EvolutionChanges))]
    public async Task Evolution_changes_record_the_whole_shadows_target(EvolutionTests.Change change)
    {
        var before = Evolution.Build(EvolutionModels.Items);
        var after = Evolution.Build(change.Model);

        await using var scoped = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(before.Target, scoped);
        var (shadow, _) = await DeployAsync(scoped, after);
        Assert.Contains(shadow, new[] { "scoped", "full" });

        await using var whole = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(before.Target, whole);
        await whole.ExecuteAsync("UPDATE public.schemagen_history SET table_hashes = NULL");
        Assert.Equal("full", (await DeployAsync(whole, after)).Shadow);

        Assert.Equal(await LastTargetAsync(whole), await LastTargetAsync(scoped));
    }

    // The property tests' random evolutions (the same seeds): scoped or whole, the recorded target is the whole shadow's.
    [Fact]
    public async Task Random_evolutions_record_the_whole_shadows_target()
    {
        var options = new DeployOptions { AllowDataLoss = true, DropUnmanaged = true };
        var ways = new List<string?>();
        for (var i = 0; i < 12; i++)
        {
            var (before, after) = RandomModels.Evolution.Generate(new CsCheck.PCG(11, 1130 + (ulong)i), null, out _);
            var (oldModel, newModel) = (before.Build(), after.Build());
            await using var scoped = await Postgres.NewDatabaseAsync();
            await using var whole = await Postgres.NewDatabaseAsync();
            await SchemaDeployer.DeployAsync(oldModel.Target, scoped);
            await SchemaDeployer.DeployAsync(oldModel.Target, whole);
            await whole.ExecuteAsync("UPDATE public.schemagen_history SET table_hashes = NULL");

            var (way, _) = await DeployAsync(scoped, newModel, options, expectChange: false);
            ways.Add(way);
            await DeployAsync(whole, newModel, options, expectChange: false);
            Assert.True(await LastTargetAsync(whole) == await LastTargetAsync(scoped),
                $"seed {1130 + i} ({way}): the recorded targets differ\n--- before ---\n{before.Describe()}--- after ---\n{after.Describe()}");
        }

        Assert.Contains("scoped", ways);
    }

    [Fact]
    public async Task Drift_on_a_table_the_change_did_not_touch_is_reported_and_corrected()
    {
        var before = Build(Model, withView: true);
        var after = Build(Model.Replace(CustomerName, CustomerName + "\n    public string? Email { get; set; }"), withView: true);
        await using var connection = await DeployedWithRowsAsync(before);
        await connection.ExecuteAsync("COMMENT ON TABLE items IS 'by hand'; ALTER TABLE notes ALTER COLUMN text DROP NOT NULL; CREATE INDEX by_hand ON orders (total)");

        var drift = string.Join("\n", (await SchemaDeployer.VerifyAsync(after.Target, connection)).Drift);
        Assert.Contains("items", drift);
        Assert.Contains("notes", drift);
        Assert.Contains("by_hand", drift);
        Assert.Contains("customers", drift);

        Assert.Equal(("scoped", 1L), await DeployAsync(connection, after, new DeployOptions { DropUnmanaged = true }));
        await Evolution.AssertSameAsFreshAsync(connection, after);
    }

    [Fact]
    public async Task A_history_table_from_before_table_hashes_renders_the_whole_model_once_then_records_them()
    {
        var v1 = Build(Model, withView: true);
        var v2 = Build(Model.Replace(NoteText, NoteText + "\n    public int Pages { get; set; } = 1;"), withView: true);
        var v3 = Build(Model.Replace(NoteText, NoteText + "\n    public int Pages { get; set; } = 1;").Replace(CustomerName, CustomerName + "\n    public int Age { get; set; } = 3;"),
            withView: true);
        await using var connection = await DeployedWithRowsAsync(v1);
        await connection.ExecuteAsync("ALTER TABLE public.schemagen_history DROP COLUMN table_hashes");

        Assert.Equal("full", (await DeployAsync(connection, v2)).Shadow);
        Assert.Equal(5, await connection.ScalarAsync<int>("SELECT cardinality(table_hashes) FROM public.schemagen_history ORDER BY id DESC LIMIT 1"));
        Assert.Equal(("scoped", 1L), await DeployAsync(connection, v3));
        await Evolution.AssertSameAsFreshAsync(connection, v3);
    }

    private static GeneratedSchema Build(string model, bool withView) =>
        GeneratorHarness.Run([Evolution.Usings + model], withView ? [("/project/Sql/01_views.sql", View)] : []).Load();

    private static async Task<NpgsqlConnection> DeployedWithRowsAsync(GeneratedSchema model)
    {
        var connection = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(model.Target, connection);
        await connection.ExecuteAsync(Rows);
        return connection;
    }

    private static Task<string> LastTargetAsync(NpgsqlConnection connection) =>
        connection.ScalarAsync<string>("SELECT target FROM public.schemagen_history ORDER BY id DESC LIMIT 1");

    // Deploys and returns the deploy span's shadow tags (spans of other tests' databases are ignored).
    private static async Task<(string? Shadow, long Tables)> DeployAsync(NpgsqlConnection connection, GeneratedSchema model, DeployOptions? options = null,
        bool expectChange = true)
    {
        var (result, deploy) = await OperationSpans.DeployAsync(connection, model.Target, options);
        Assert.False(expectChange && result.NoOp);
        return ((string?)deploy.GetTagItem(SchemaGenTelemetry.Tags.Shadow), System.Convert.ToInt64(deploy.GetTagItem(SchemaGenTelemetry.Tags.ShadowTables) ?? -1));
    }
}

using System.Linq;
using System.Threading.Tasks;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Scaffolding;

/// <summary>
/// A schema nobody here generated (<see cref="HandWrittenSchema"/>): what the model can say round-trips exactly; what it
/// cannot is named in the report, and the scaffolded model gives the catalog without just those objects.
/// </summary>
public class ScaffoldHandWrittenTests
{
    [Fact]
    public async Task A_hand_written_schema_of_supported_features_scaffolds_back_to_the_same_catalog()
    {
        await using var original = await Postgres.NewDatabaseAsync();
        await original.ExecuteAsync(HandWrittenSchema.Expressible);

        await ScaffoldRoundTrip.AssertExactAsync(original);
    }

    [Fact]
    public async Task What_the_model_cannot_say_is_named_in_the_report_and_nothing_else_differs()
    {
        await using var withExtras = await Postgres.NewDatabaseAsync();
        await withExtras.ExecuteAsync(HandWrittenSchema.WithExtras);
        await using var expressible = await Postgres.NewDatabaseAsync();
        await expressible.ExecuteAsync(HandWrittenSchema.Expressible);

        var (_, redeployed, run) = await ScaffoldRoundTrip.RunAsync(withExtras);

        foreach (var expected in HandWrittenSchema.Unexpressed)
            Assert.True(run.NotExpressed.Any(line => line.StartsWith(expected, System.StringComparison.Ordinal)), $"The report does not name '{expected}':\n" + string.Join("\n", run.NotExpressed));
        Assert.Equal(HandWrittenSchema.Unexpressed.Length, run.NotExpressed.Count);
        // The scaffolded model is the database without exactly the reported objects (serial as identity, the primary key
        // renamed, the collation and deferral dropped).
        var difference = SchemaDumps.Difference(await PgDump.SchemaAsync(expressible), redeployed);
        Assert.True(difference.Length == 0, "Beyond the reported objects, the redeployed catalog differs:\n" + difference + "\n" + run.Listing);
    }

    [Fact]
    public async Task Partitions_go_with_their_partitioned_table_and_every_table_link_is_named_in_the_report()
    {
        await using var database = await Postgres.NewDatabaseAsync();
        await database.ExecuteAsync("""
            CREATE TABLE events (id integer NOT NULL, region text NOT NULL, at date NOT NULL) PARTITION BY LIST (region);
            CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu') PARTITION BY RANGE (at);
            CREATE TABLE events_eu_2024 PARTITION OF events_eu FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE notes (id integer PRIMARY KEY, text text);
            CREATE TABLE old_notes () INHERITS (notes);
            """);

        var run = await ScaffoldRun.RunAsync(database);
        var sources = string.Join("\n", run.Sources);
        Assert.Contains("\"events\"", sources);
        Assert.DoesNotContain("events_eu", sources);
        Assert.Contains("\"old_notes\"", sources);
        string[] expected =
        [
            "partitioned table public.events: written as one plain table without its partitions",
            "partitioned table public.events_eu: left out",
            "table public.events_eu is a partition of public.events: left out",
            "table public.events_eu_2024 is a partition of public.events_eu: left out",
            "table public.old_notes inherits from public.notes: the model's tables inherit from none",
        ];
        foreach (var line in expected)
            Assert.True(run.NotExpressed.Any(l => l.StartsWith(line, System.StringComparison.Ordinal)), $"The report does not name '{line}':\n" + string.Join("\n", run.NotExpressed));
    }
}

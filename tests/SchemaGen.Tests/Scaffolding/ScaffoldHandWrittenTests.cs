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
}

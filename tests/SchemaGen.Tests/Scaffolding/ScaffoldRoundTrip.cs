using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace SchemaGen.Tests.Scaffolding;

/// <summary>
/// The scaffold guarantee: scaffold a database, compile what it wrote with the generator, deploy that model into an
/// empty database, and <c>pg_dump --schema-only</c> of the two is the same (the history table aside).
/// </summary>
public static class ScaffoldRoundTrip
{
    /// <summary>Scaffolds the database, deploys the scaffolded model into a new database, and returns both dumps and the run.</summary>
    public static async Task<(string Original, string Redeployed, ScaffoldRun Run)> RunAsync(NpgsqlConnection original) =>
        (await RunWithModelAsync(original)) is var (before, after, run, _) ? (before, after, run) : default;

    /// <summary>As <see cref="RunAsync"/>, with the scaffolded model's generated schema.</summary>
    public static async Task<(string Original, string Redeployed, ScaffoldRun Run, GeneratedSchema Schema)> RunWithModelAsync(NpgsqlConnection original)
    {
        var run = await ScaffoldRun.RunAsync(original);
        var compiled = GeneratorHarness.Run(run.Sources, run.Templates);
        var errors = compiled.AllDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("SG") && d.Id != "SG0002").ToList();
        if (errors.Count > 0)
            throw new XunitException("The scaffolded model does not build cleanly:\n" + string.Join("\n", errors) + "\n" + run.Listing);
        var schema = compiled.Load();

        await using var fresh = await Postgres.NewDatabaseAsync();
        await SchemaDeployer.DeployAsync(schema.Target, fresh);
        return (await PgDump.SchemaAsync(original), await PgDump.SchemaAsync(fresh), run, schema);
    }

    /// <summary>
    /// Asserts the round trip is exact and the report empty, and that the scaffolded model takes the original database
    /// over with nothing to do: its plan there is empty, and its first deployment there runs no step (docs/adopting.md).
    /// </summary>
    public static async Task AssertExactAsync(NpgsqlConnection original)
    {
        var (before, after, run, schema) = await RunWithModelAsync(original);
        var plan = await SchemaDeployer.PlanAsync(schema.Target, original);
        Assert.True(plan.IsEmpty, "The scaffolded model's plan for the original database is not empty:\n" + plan.Sql + "\n" + run.Listing);
        var takeOver = await SchemaDeployer.DeployAsync(schema.Target, original);
        Assert.Empty(takeOver.Steps);
        var difference = SchemaDumps.Difference(before, after);
        Assert.True(difference.Length == 0, "The redeployed catalog differs:\n" + difference + "\n" + run.Listing);
        Assert.True(run.NotExpressed.Count == 0, "The report is not empty:\n" + string.Join("\n", run.NotExpressed));
    }
}

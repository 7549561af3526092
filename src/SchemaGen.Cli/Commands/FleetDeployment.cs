using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SchemaGen.Cli.Database;
using SchemaGen.Cli.Loading;
using Spectre.Console;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen deploy</c> to several databases: <see cref="SchemaFleet.DeployAllAsync"/> deploys them in parallel,
/// one failing not stopping the others, and a table shows each database's outcome.
/// </summary>
internal static class FleetDeployment
{
    public static async Task<int> RunAsync(LoadedSchema schema, IReadOnlyList<DatabaseConnection> databases, DeployOptions options,
        int parallelism, CancellationToken cancellationToken)
    {
        var results = await Terminal.Error.Status().StartAsync(
            $"Deploying {schema.ClassName} to {databases.Count} databases ({parallelism} at a time)…",
            _ => SchemaFleet.DeployAllAsync(schema.Target, databases.Select(d => d.ConnectionString), options, parallelism, cancellationToken));

        var table = new Table().Border(TableBorder.Rounded).AddColumn("Database").AddColumn("Result").AddColumn("Duration");
        foreach (var (database, result) in databases.Zip(results))
        {
            var outcome = result.Succeeded
                ? new Text(Outcome(result.Result!, options.DryRun), new Style(Color.Green))
                : new Text("failed: " + FailureReporter.Describe(result.Error!), new Style(Color.Red));
            var duration = result.Result == null ? "" : $"{result.Result.Duration.TotalSeconds:0.0} s";
            table.AddRow(new Text(database.Name), outcome, new Text(duration));
        }

        Terminal.Out.Write(table);
        var failed = results.Count(r => !r.Succeeded);
        Terminal.Out.WriteLine($"{results.Count - failed} of {results.Count} database(s) succeeded" + (failed > 0 ? $"; {failed} failed." : "."));

        if (failed == 0)
            return ExitCodes.Success;
        // Refusals alone mean "rerun with --allow-data-loss"; anything else is a failed deployment.
        return results.Where(r => !r.Succeeded).All(r => r.Error is SchemaDeployException { Hazards.Count: > 0 })
            ? ExitCodes.Hazards
            : ExitCodes.DeployFailed;
    }

    private static string Outcome(DeployResult result, bool dryRun) =>
        dryRun ? $"dry run: {result.Steps.Count} step(s), {result.Steps.Sum(s => s.Hazards.Count)} hazard(s)"
        : result.NoOp ? "no-op"
        : $"deployed {result.Steps.Count} step(s)";
}

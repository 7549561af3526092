using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SchemaGen.Cli.Database;
using SchemaGen.Cli.Loading;
using SchemaGen.Cli.Output;
using Spectre.Console;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen deploy</c>: brings one database to the model, with the deployer's log as progress; given several
/// databases, deploys them in parallel (<see cref="FleetDeployment"/>).
/// </summary>
internal static class DeployCommand
{
    private static readonly Option<string[]> Connections = new("--connection", "-c")
    {
        Description = "Npgsql connection string of a database; repeat it to deploy to several databases in parallel.",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<FileInfo?> ConnectionsFile = new("--connections-file")
    {
        Description = "A file with one connection string per line (# starts a comment): deploy to every database in it, in parallel.",
    };

    private static readonly Option<bool> AllowDataLoss = CommonOptions.AllowDataLoss();

    private static readonly Option<string?> Schema = CommonOptions.Schema();

    private static readonly Option<bool> DropUnmanaged = CommonOptions.DropUnmanaged();

    private static readonly Option<bool> OnlineIndexes = new("--online-indexes")
    {
        Description = "Build new indexes with CREATE INDEX CONCURRENTLY after the transaction, without blocking writes.",
    };

    private static readonly Option<DeployMode> Mode = new("--mode")
    {
        Description = "atomic (default): one transaction. online: phases of short transactions that do not stall writers (DeployOptions.Mode).",
        DefaultValueFactory = _ => DeployMode.Atomic,
    };

    private static readonly Option<bool> AllowTableRewrite = new("--allow-table-rewrite")
    {
        Description = "With --mode online, apply steps that rewrite a table with rows under ACCESS EXCLUSIVE (refused otherwise).",
    };

    private static readonly Option<bool> DryRun = CommonOptions.DryRun();

    private static readonly Option<int> Parallelism = new("--parallel")
    {
        Description = "With several databases, how many are deployed at once.",
        DefaultValueFactory = _ => 4,
    };

    public static Command Create()
    {
        var command = new Command("deploy", "Bring the database(s) to the model: one transaction per database, hazards refused unless allowed.")
        {
            Connections, ConnectionsFile, AllowDataLoss, Schema, DropUnmanaged, OnlineIndexes, Mode, AllowTableRewrite, DryRun, Parallelism,
        };
        command.SetAction((parse, ct) => FailureReporter.RunAsync(() => RunAsync(parse, ct)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var databases = DatabaseConnection.ParseAll(parse.GetValue(Connections) ?? [], parse.GetValue(ConnectionsFile)?.FullName);
        var parallelism = parse.GetValue(Parallelism);
        if (parallelism < 1)
            throw new UserErrorException("--parallel must be at least 1");

        var schema = await ModelSource.LoadAsync(parse, cancellationToken);
        return databases.Count == 1
            ? await DeployOneAsync(schema, databases[0], Options(parse, databases[0].Name), cancellationToken)
            : await FleetDeployment.RunAsync(schema, databases, Options(parse, logTo: null), parallelism, cancellationToken);
    }

    /// <param name="parse">The command line.</param>
    /// <param name="logTo">The database whose progress is logged; null for a fleet, whose parallel logs would interleave.</param>
    private static DeployOptions Options(ParseResult parse, string? logTo) => new()
    {
        AllowDataLoss = parse.GetValue(AllowDataLoss),
        Schema = parse.GetValue(Schema),
        DropUnmanaged = parse.GetValue(DropUnmanaged),
        OnlineIndexes = parse.GetValue(OnlineIndexes),
        Mode = parse.GetValue(Mode),
        AllowTableRewrite = parse.GetValue(AllowTableRewrite),
        DryRun = parse.GetValue(DryRun),
        Logger = logTo == null ? null : new ProgressLogger(),
    };

    private static async Task<int> DeployOneAsync(LoadedSchema schema, DatabaseConnection database, DeployOptions options, CancellationToken cancellationToken)
    {
        Terminal.Progress($"{(options.DryRun ? "Planning" : "Deploying")} {schema.ClassName} to {database.Name}…");
        await using var connection = await database.OpenAsync(cancellationToken);
        var result = await SchemaDeployer.DeployAsync(schema.Target, connection, options, cancellationToken);

        if (result.Steps.Count > 0)
            StepTable.Write(Terminal.Out, result.Steps);
        Terminal.Out.WriteLine(Summary(database.Name, result, options));

        // A dry run of a plan the real deployment would refuse says so in its exit code too.
        var refused = options.DryRun && !options.AllowDataLoss && result.Steps.Any(s => !s.IsSafe);
        return refused ? ExitCodes.Hazards : ExitCodes.Success;
    }

    private static string Summary(string database, DeployResult result, DeployOptions options)
    {
        var hazards = result.Steps.Sum(s => s.Hazards.Count);
        if (options.DryRun)
            return result.Steps.Count == 0
                ? $"Dry run: {database} matches the model; nothing would change."
                : $"Dry run: {result.Steps.Count} step(s) would run on {database}, {hazards} hazard(s)"
                  + (hazards > 0 && !options.AllowDataLoss ? " (the deployment would be refused without --allow-data-loss)." : ".");
        return result.NoOp
            ? $"{database} already matches the model; nothing changed ({result.Duration.TotalMilliseconds:0} ms)."
            : $"Deployed {result.Steps.Count} step(s) to {database} in {result.Duration.TotalSeconds:0.0} s (history #{result.HistoryId}).";
    }
}

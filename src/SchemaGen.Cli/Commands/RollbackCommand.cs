using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SchemaGen.Cli.Database;
using SchemaGen.Cli.Loading;
using SchemaGen.Cli.Output;
using Spectre.Console;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen rollback --to ID</c>: brings one database back to the model an earlier deployment (a row of its history
/// table) deployed, under the same plan, hazard and lock rules as <c>deploy</c>, recorded as a deployment of its own.
/// </summary>
internal static class RollbackCommand
{
    private static readonly Option<string> Connection = CommonOptions.Connection();

    private static readonly Option<long> To = new("--to")
    {
        Description = "The id of the history row (schemagen_history.id) whose model to go back to.",
        Required = true,
    };

    private static readonly Option<bool> AllowDataLoss = CommonOptions.AllowDataLoss();

    private static readonly Option<string?> Schema = CommonOptions.Schema();

    private static readonly Option<bool> DropUnmanaged = new("--drop-unmanaged")
    {
        Description = "Also drop the tables, enum types, functions and triggers that later models added (the earlier model does not have them).",
    };

    private static readonly Option<bool> DryRun = CommonOptions.DryRun();

    public static Command Create()
    {
        var command = new Command("rollback", "Bring the database back to an earlier deployment's model, under the same rules as deploy.")
        {
            Connection, To, AllowDataLoss, Schema, DropUnmanaged, DryRun,
        };
        command.SetAction((parse, ct) => FailureReporter.RunAsync(() => RunAsync(parse, ct)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var database = DatabaseConnection.Parse(parse.GetValue(Connection)!);
        var schema = await ModelSource.LoadAsync(parse, cancellationToken);
        var to = parse.GetValue(To);
        var options = new DeployOptions
        {
            AllowDataLoss = parse.GetValue(AllowDataLoss),
            Schema = parse.GetValue(Schema),
            DropUnmanaged = parse.GetValue(DropUnmanaged),
            DryRun = parse.GetValue(DryRun),
            Logger = new ProgressLogger(),
        };

        Terminal.Progress($"{(options.DryRun ? "Planning the rollback of" : "Rolling back")} {database.Name} to deployment #{to}…");
        await using var connection = await database.OpenAsync(cancellationToken);
        var result = await SchemaDeployer.RollbackAsync(schema.Target, connection, to, options, cancellationToken);

        if (result.Steps.Count > 0)
            StepTable.Write(Terminal.Out, result.Steps);
        Terminal.Out.WriteLine(options.DryRun
            ? $"Dry run: {result.Steps.Count} step(s) would bring {database.Name} back to deployment #{to}."
            : result.NoOp
                ? $"{database.Name} already has the model of deployment #{to}; nothing changed."
                : $"Rolled {database.Name} back to deployment #{to} in {result.Steps.Count} step(s) (history #{result.HistoryId}).");
        var refused = options.DryRun && !options.AllowDataLoss && result.Steps.Any(s => !s.IsSafe);
        return refused ? ExitCodes.Hazards : ExitCodes.Success;
    }
}

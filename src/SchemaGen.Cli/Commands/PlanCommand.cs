using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using SchemaGen.Cli.Database;
using SchemaGen.Cli.Loading;
using SchemaGen.Cli.Output;
using Spectre.Console;

namespace SchemaGen.Cli.Commands;

/// <summary><c>schemagen plan</c>: the steps a deploy would run, and their hazards, changing nothing.</summary>
internal static class PlanCommand
{
    private static readonly Option<string> Connection = CommonOptions.Connection();
    private static readonly Option<string?> Schema = CommonOptions.Schema();
    private static readonly Option<bool> Json = CommonOptions.Json();

    public static Command Create()
    {
        var command = new Command("plan", "Show the steps that would bring the database to the model, with their hazards; change nothing. "
            + "Exit code 0: no hazards; 2: some step could lose data or fail on existing rows.")
        {
            Connection, Schema, Json,
        };
        command.SetAction((parse, ct) => FailureReporter.RunAsync(() => RunAsync(parse, ct)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var database = DatabaseConnection.Parse(parse.GetValue(Connection)!);
        var schema = await ModelSource.LoadAsync(parse, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var plan = await SchemaDeployer.PlanAsync(schema.Target, connection, new DeployOptions { Schema = parse.GetValue(Schema) }, cancellationToken);

        if (parse.GetValue(Json))
        {
            JsonReports.WritePlan(database.Name, plan);
        }
        else if (plan.IsEmpty)
        {
            Terminal.Out.WriteLine($"{database.Name} matches the model: nothing to do.");
            StepTable.WriteUnmanaged(Terminal.Out, plan.Unmanaged);
        }
        else
        {
            StepTable.Write(Terminal.Out, plan.Steps);
            StepTable.WriteUnmanaged(Terminal.Out, plan.Unmanaged);
            Terminal.Out.WriteLine($"{plan.Steps.Count} step(s), {plan.Hazards.Count} hazard(s)"
                + (plan.Hazards.Count > 0 ? ": deploy refuses this plan unless given --allow-data-loss." : "."));
        }

        return plan.Hazards.Count == 0 ? ExitCodes.Success : ExitCodes.Hazards;
    }
}

using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using SchemaGen.Cli.Output;
using Spectre.Console;

namespace SchemaGen.Cli.Commands;

/// <summary><c>schemagen plan</c>: the steps a deploy would run, and their hazards, changing nothing.</summary>
internal static class PlanCommand
{
    public static Command Create() => ReportCommand.Create("plan",
        "Show the steps that would bring the database to the model, with their hazards; change nothing. "
            + "Exit code 0: no hazards; 2: some step could lose data or fail on existing rows.",
        RunAsync);

    private static async Task<int> RunAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var plan = await SchemaDeployer.PlanAsync(context.Schema.Target, context.Connection, context.Options, cancellationToken);

        if (context.Json)
        {
            JsonReports.WritePlan(context.DatabaseName, plan);
        }
        else if (plan.IsEmpty)
        {
            Terminal.Out.WriteLine($"{context.DatabaseName} matches the model: nothing to do.");
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

using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using SchemaGen.Cli.Output;
using Spectre.Console;

namespace SchemaGen.Cli.Commands;

/// <summary><c>schemagen verify</c>: how the database differs from the model, and plpgsql_check's findings.</summary>
internal static class VerifyCommand
{
    public static Command Create() => ReportCommand.Create("verify",
        "Report every object that is missing, extra or different in the database, and errors plpgsql_check "
            + "finds in function bodies. Exit code 0: clean; 1: drift or function errors.",
        RunAsync);

    private static async Task<int> RunAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var result = await SchemaDeployer.VerifyAsync(context.Schema.Target, context.Connection, context.Options, cancellationToken);

        if (context.Json)
        {
            JsonReports.WriteVerify(context.DatabaseName, result);
        }
        else
        {
            if (result.Drift.Count == 0)
                Terminal.Out.WriteLine($"{context.DatabaseName} matches the model.");
            else
                DriftReport.WriteDrift(Terminal.Out, result.Drift, "Database");
            DriftReport.WriteFindings(Terminal.Out, result.Findings);
            if (result.Drift.Count > 0)
                Terminal.Out.WriteLine($"{result.Drift.Count} difference(s); `schemagen plan` shows the steps that would fix them.");
        }

        return result.IsClean ? ExitCodes.Success : ExitCodes.Differences;
    }
}

using System;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using Npgsql;
using Spectre.Console;

namespace SchemaGen.Cli;

/// <summary>
/// Turns what a command threw into an error report on standard error and an exit code. Expected failures
/// (user mistakes, PostgreSQL's refusals, refused deployments) get one line and their detail; only an
/// exception nobody anticipated, a bug in the tool, gets its stack trace.
/// </summary>
internal static class FailureReporter
{
    /// <summary>Runs a command's action, reporting whatever it throws; the exit code is the action's or the failure's.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            WriteError("cancelled");
            return ExitCodes.UserError;
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    public static int Report(Exception exception)
    {
        switch (exception)
        {
            case UserErrorException user:
                WriteError(user.Message, user.Detail);
                return ExitCodes.UserError;

            case SchemaDeployException { Hazards.Count: > 0 } refused:
                WriteError($"deployment refused: the plan has {refused.Hazards.Count} hazard(s); nothing was changed",
                    string.Join("\n", refused.Hazards.Select(h => h.ToString()))
                    + "\nRun `schemagen plan` to see the steps, and deploy with --allow-data-loss to apply them.");
                return ExitCodes.Hazards;

            case SchemaDeployException { Findings.Count: > 0 } checkFailed:
                WriteError("deployment failed: plpgsql_check found errors in function bodies; nothing was committed",
                    string.Join("\n", checkFailed.Findings.Where(f => f.IsError).Select(f => f.ToString())));
                return ExitCodes.DeployFailed;

            case SchemaDeployException failed:
                WriteError($"{failed.Operation.ToString().ToLowerInvariant()} failed{(failed.Phase == DeployPhase.Unknown ? "" : " (" + failed.Phase + ")")}; the database is as it was",
                    failed.Message + (failed.Statement == null ? "" : $"\nstatement: {failed.Statement}"));
                return ExitCodes.DeployFailed;

            case NpgsqlException or TimeoutException:
                WriteError("PostgreSQL: " + Describe(exception));
                return ExitCodes.UserError;

            default:
                WriteError("unexpected error (a bug in schemagen; please report it with what follows)", exception.ToString());
                return ExitCodes.UserError;
        }
    }

    public static void WriteError(string message, string? detail = null)
    {
        // Spectre only colours the prefix: it would wrap long lines, and a message must stay one line for grep.
        Terminal.Error.Write(new Text("error:", new Style(Color.Red)));
        Console.Error.WriteLine(" " + message);
        if (!string.IsNullOrWhiteSpace(detail))
            Console.Error.WriteLine(Indent(detail));
    }

    /// <summary>One line saying why a database operation failed, without the exception's type or stack.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException pg => $"{pg.MessageText} (SQLSTATE {pg.SqlState})",
        SchemaDeployException { Hazards.Count: > 0 } refused => $"refused: {refused.Hazards.Count} hazard(s): " + string.Join("; ", refused.Hazards),
        SchemaDeployException deploy => FirstLine(deploy.Message),
        NpgsqlException { InnerException: SocketException socket } => socket.Message,
        NpgsqlException { InnerException: TimeoutException } => "timed out connecting to the server",
        _ => FirstLine(exception.Message),
    };

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd();

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(line => "  " + line.TrimEnd()));
}

using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using SchemaGen.Cli.Database;
using SchemaGen.Cli.Loading;
using SchemaGen.Cli.Output;
using Spectre.Console;

namespace SchemaGen.Cli.Commands;

/// <summary><c>schemagen verify</c>: how the database differs from the model, and plpgsql_check's findings.</summary>
internal static class VerifyCommand
{
    private static readonly Option<string> Connection = CommonOptions.Connection();
    private static readonly Option<string?> Schema = CommonOptions.Schema();
    private static readonly Option<bool> Json = CommonOptions.Json();

    public static Command Create()
    {
        var command = new Command("verify", "Report every object that is missing, extra or different in the database, and errors plpgsql_check "
            + "finds in function bodies. Exit code 0: clean; 1: drift or function errors.")
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
        var result = await SchemaDeployer.VerifyAsync(schema.Target, connection, new DeployOptions { Schema = parse.GetValue(Schema) }, cancellationToken);

        if (parse.GetValue(Json))
        {
            JsonReports.WriteVerify(database.Name, result);
        }
        else
        {
            if (result.Drift.Count == 0)
                Terminal.Out.WriteLine($"{database.Name} matches the model.");
            else
                DriftReport.WriteDrift(Terminal.Out, result.Drift, "Database");
            DriftReport.WriteFindings(Terminal.Out, result.Findings);
            if (result.Drift.Count > 0)
                Terminal.Out.WriteLine($"{result.Drift.Count} difference(s); `schemagen plan` shows the steps that would fix them.");
        }

        return result.IsClean ? ExitCodes.Success : ExitCodes.Differences;
    }
}

using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Cli.Database;
using SchemaGen.Cli.Loading;

namespace SchemaGen.Cli.Commands;

/// <summary>What a report command needs: the model, an open connection, the deploy options, and how to print.</summary>
internal sealed record ReportContext(LoadedSchema Schema, NpgsqlConnection Connection, DeployOptions Options, string DatabaseName, bool Json);

/// <summary>
/// A command that reads one database and reports on it, changing nothing (<c>plan</c>, <c>verify</c>): the same
/// options (<c>--connection</c>, <c>--schema</c>, <c>--json</c>), model loading and connection; the report is its own.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(string name, string description, Func<ReportContext, CancellationToken, Task<int>> report)
    {
        var connection = CommonOptions.Connection();
        var schema = CommonOptions.Schema();
        var json = CommonOptions.Json();
        var command = new Command(name, description) { connection, schema, json };
        command.SetAction((parse, cancellationToken) => FailureReporter.RunAsync(async () =>
        {
            var database = DatabaseConnection.Parse(parse.GetValue(connection)!);
            var model = await ModelSource.LoadAsync(parse, cancellationToken);
            await using var open = await database.OpenAsync(cancellationToken);
            var options = new DeployOptions { Schema = parse.GetValue(schema) };
            return await report(new ReportContext(model, open, options, database.Name, parse.GetValue(json)), cancellationToken);
        }));
        return command;
    }
}

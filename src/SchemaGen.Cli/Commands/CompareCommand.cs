using System;
using System.Linq;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Cli.Database;
using SchemaGen.Cli.Loading;
using SchemaGen.Cli.Output;
using SchemaGen.Model;
using Spectre.Console;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen compare --static schema.sql</c>: runs a hand-written schema file in a scratch database and compares
/// what PostgreSQL made of it with the model, through the same catalog reader and differ as <c>verify</c>, so
/// that formatting, spelling (<c>varchar</c> vs <c>character varying</c>) and statement order do not count.
/// </summary>
internal static class CompareCommand
{
    private const string ScratchPrefix = "schemagen_compare_";

    private static readonly Option<FileInfo> Static = new("--static")
    {
        Description = "The SQL schema file to compare with the model.",
        Required = true,
    };

    private static readonly Option<string> Connection = new("--connection", "-c")
    {
        Description = "A connection to the server to use: the file runs in a new database " + ScratchPrefix
            + "<random> there (the user needs CREATEDB), dropped afterwards.",
        Required = true,
    };

    private static readonly Option<string?> Schema = CommonOptions.Schema();
    private static readonly Option<bool> Json = CommonOptions.Json();

    public static Command Create()
    {
        var command = new Command("compare", "Compare a hand-written schema file with the model. Exit code 0: they match; 1: they differ.")
        {
            Static, Connection, Schema, Json,
        };
        command.SetAction((parse, ct) => FailureReporter.RunAsync(() => RunAsync(parse, ct)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var file = parse.GetValue(Static)!;
        if (!file.Exists)
            throw new UserErrorException($"schema file not found: {file.FullName}");
        var server = DatabaseConnection.Parse(parse.GetValue(Connection)!);
        var schema = await ModelSource.LoadAsync(parse, cancellationToken);
        var sql = await File.ReadAllTextAsync(file.FullName, cancellationToken);

        VerifyResult result;
        await using (var scratch = await ScratchDatabase.CreateAsync(server, ScratchPrefix, cancellationToken))
        {
            await using var connection = await scratch.Connection.OpenAsync(cancellationToken);
            await RunSchemaFileAsync(connection, file.Name, sql, cancellationToken);
            result = await SchemaDeployer.VerifyAsync(schema.Target, connection, new DeployOptions { Schema = parse.GetValue(Schema) }, cancellationToken);
        }

        if (parse.GetValue(Json))
            JsonReports.WriteVerify(file.Name, result with { Findings = [] });
        else if (result.Drift.Count == 0)
            Terminal.Out.WriteLine($"{file.Name} matches the model {schema.ClassName}.");
        else
        {
            DriftReport.WriteDrift(Terminal.Out, result.Drift, "Schema file");
            Terminal.Out.WriteLine($"{result.Drift.Count} difference(s) between {file.Name} and the model {schema.ClassName}.");
        }

        // Only the shape counts here; plpgsql_check's opinion of the file's functions is verify's business.
        return result.Drift.Count == 0 ? ExitCodes.Success : ExitCodes.Differences;
    }

    // PostgreSQL points at a character (1-based) of the whole file: say the line and column, and show the line.
    private static string Where(string sql, int position)
    {
        if (position <= 0 || position > sql.Length)
            return "";
        var before = sql[..(position - 1)];
        var line = before.Count(c => c == '\n') + 1;
        var column = position - before.LastIndexOf('\n') - 1;
        return $":{line}:{column}";
    }

    private static string Line(string sql, int position)
    {
        if (position <= 0 || position > sql.Length)
            return "";
        var start = sql.LastIndexOf('\n', position - 1) + 1;
        var end = sql.IndexOf('\n', position - 1);
        return "\n  " + sql[start..(end < 0 ? sql.Length : end)].TrimEnd('\r');
    }

    private static async Task RunSchemaFileAsync(NpgsqlConnection connection, string fileName, string sql, CancellationToken cancellationToken)
    {
        // One statement at a time, so that an error can be placed in the file: PostgreSQL's position is within the statement.
        var failedStatement = 0;
        try
        {
            foreach (var (_, text) in SqlSyntax.Statements(sql))
            {
                await using var command = new NpgsqlCommand(text, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
                failedStatement++;
            }
        }
        catch (PostgresException e)
        {
            // PostgreSQL counts the position within the statement it refused.
            var statements = SqlSyntax.Statements(sql);
            var position = e.Position > 0 && failedStatement < statements.Count ? statements[failedStatement].Start + e.Position : 0;
            throw new UserErrorException($"{fileName}{Where(sql, position)} does not run on PostgreSQL", $"{e.MessageText} (SQLSTATE {e.SqlState})"
                + (string.IsNullOrEmpty(e.Hint) ? "" : "\nhint: " + e.Hint) + Line(sql, position));
        }
    }
}

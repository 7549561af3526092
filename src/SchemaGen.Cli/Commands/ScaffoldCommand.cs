using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SchemaGen.Cli.Database;
using SchemaGen.Cli.Scaffolding;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// <c>schemagen scaffold</c>: an existing database becomes [Table] models, enums, SchemaOptions and SQL templates that
/// deploy back to the same catalog, with a report of what they cannot express (docs/adopting.md).
/// </summary>
internal static class ScaffoldCommand
{
    private static readonly Option<string> Connection = CommonOptions.Connection();

    private static readonly Option<string[]> Schemas = new("--schema", "-s")
    {
        Description = "A schema to scaffold (repeatable); the first is the model's default schema. Default: every schema but PostgreSQL's own and extensions'.",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<DirectoryInfo> Output = new("--output", "-o")
    {
        Description = "The directory to write Models/, Sql/, SchemaOptions.cs and scaffold-report.md into.",
        Required = true,
    };

    private static readonly Option<string?> Namespace = new("--namespace")
    {
        Description = "The namespace of the models. Default: the output directory's name.",
    };

    private static readonly Option<bool> Force = new("--force")
    {
        Description = "Overwrite files edited since scaffold wrote them (without it they are kept and listed).",
    };

    private static readonly Option<bool> Json = CommonOptions.Json();

    public static Command Create()
    {
        var command = new Command("scaffold", "Write [Table] models and SQL templates for an existing database. Exit code 0: written; "
            + "1: edited files were kept (run with --force to overwrite them).")
        {
            Connection, Schemas, Output, Namespace, Force, Json,
        };
        command.SetAction((parse, ct) => FailureReporter.RunAsync(() => RunAsync(parse, ct)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var server = DatabaseConnection.Parse(parse.GetValue(Connection)!);
        var output = parse.GetValue(Output)!;
        var ns = parse.GetValue(Namespace) ?? DefaultNamespace(output);
        if (!System.Text.RegularExpressions.Regex.IsMatch(ns, @"^[\p{L}_][\p{L}\p{Nd}_]*(\.[\p{L}_][\p{L}\p{Nd}_]*)*$"))
            throw new UserErrorException($"invalid namespace: {ns}", "Pass --namespace with a C# namespace, e.g. MyApp.Data.");

        await using var connection = await server.OpenAsync(cancellationToken);
        var result = await Scaffolder.RunAsync(connection, parse.GetValue(Schemas) ?? [], output.FullName, ns, parse.GetValue(Force), cancellationToken);
        var edited = result.Files.Where(f => f.Outcome == FileOutcome.Edited).ToList();

        if (parse.GetValue(Json))
            ScaffoldJson.Write(server.Name, output.FullName, result);
        else
        {
            // Plain lines, not a Spectre table: a path or a reason must never be wrapped or read as markup.
            foreach (var file in result.Files.Where(f => f.Outcome != FileOutcome.Unchanged))
                Console.Out.WriteLine($"{file.Outcome.ToString().ToLowerInvariant(),-11} {file.Path}");
            foreach (var item in result.Report.Items)
                Console.Out.WriteLine($"not expressed: {item.Object}: {item.Reason}");
            Console.Out.WriteLine($"Scaffolded {server.Name} (schemas {string.Join(", ", result.Schemas)}) into {output.FullName}: "
                + $"{result.Files.Count(f => f.Outcome is FileOutcome.Created or FileOutcome.Updated or FileOutcome.Overwritten)} file(s) written, "
                + $"{result.Files.Count(f => f.Outcome == FileOutcome.Unchanged)} unchanged, {result.Report.Items.Count} object(s) not expressed (see {Scaffolder.ReportFile}).");
            if (edited.Count > 0)
                Console.Out.WriteLine($"{edited.Count} edited file(s) kept: {string.Join(", ", edited.Select(f => f.Path))}. Run with --force to overwrite them.");
        }

        return edited.Count > 0 ? ExitCodes.Differences : ExitCodes.Success;
    }

    // The directory's name as a namespace: "my-app.data" → "My_app.Data"-like names are refused above, so keep letters only.
    private static string DefaultNamespace(DirectoryInfo output)
    {
        var name = CSharpSyntax.Pascal(output.Name);
        return name.Length == 0 ? "Models" : name;
    }
}

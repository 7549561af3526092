using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SchemaGen.Cli.Loading;

namespace SchemaGen.Cli.Commands;

/// <summary><c>schemagen script [--out FILE]</c>: the model's create script, printed or written to a file.</summary>
internal static class ScriptCommand
{
    /// <summary>The name of the copy of the file's previous content, next to it.</summary>
    public const string BackupFileName = "schema_backup.sql";

    private static readonly Option<FileInfo?> Out = new("--out", "-o")
    {
        Description = "Write the script to this file; when it exists, its previous content is kept as " + BackupFileName + " next to it.",
    };

    public static Command Create()
    {
        var command = new Command("script", "Print the create script of the model (Schema.Sql) for an empty database.") { Out };
        command.SetAction((parse, ct) => FailureReporter.RunAsync(() => RunAsync(parse, ct)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var schema = await ModelSource.LoadAsync(parse, cancellationToken);
        var file = parse.GetValue(Out);
        if (file == null)
        {
            Console.Out.Write(schema.Sql);
            return ExitCodes.Success;
        }

        if (file.Directory is { Exists: false })
            throw new UserErrorException($"directory not found: {file.DirectoryName}");

        if (file.Exists)
        {
            // A script kept in the repository may have been edited by hand: never lose the last version.
            var backup = Path.Combine(file.DirectoryName!, BackupFileName);
            File.Copy(file.FullName, backup, overwrite: true);
            Terminal.Progress($"Kept the previous {file.Name} as {backup}");
        }

        await File.WriteAllTextAsync(file.FullName, schema.Sql, cancellationToken);
        Terminal.Progress($"Wrote the create script of {schema.ClassName} to {file.FullName}");
        return ExitCodes.Success;
    }
}

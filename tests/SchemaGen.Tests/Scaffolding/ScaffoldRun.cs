using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Cli;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Scaffolding;

/// <summary>One run of <c>schemagen scaffold</c> (the built CLI, as a process) and what it wrote.</summary>
public sealed record ScaffoldRun(CliRun Cli, string Directory, JsonElement Json)
{
    /// <summary>Scaffolds the database of <paramref name="connection"/> into a new directory (or <paramref name="directory"/>).</summary>
    public static async Task<ScaffoldRun> RunAsync(NpgsqlConnection connection, string? directory = null, params string[] arguments)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "schemagen-scaffold-" + Guid.NewGuid().ToString("N"));
        var run = await SchemaGenCli.RunAsync(["scaffold", "--connection", ConnectionString(connection), "--output", directory, "--namespace", "Scaffolded", "--json", .. arguments]);
        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        return new ScaffoldRun(run, directory, JsonDocument.Parse(run.Output).RootElement);
    }

    public static string ConnectionString(NpgsqlConnection connection) =>
        new NpgsqlConnectionStringBuilder(Postgres.Instance.AdminConnectionString) { Database = connection.Database }.ConnectionString;

    /// <summary>The C# files written, in path order.</summary>
    public string[] Sources => System.IO.Directory.GetFiles(Directory, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    /// <summary>The SQL templates written (path, text), in path order.</summary>
    public (string Path, string Text)[] Templates =>
        System.IO.Directory.Exists(Path.Combine(Directory, "Sql"))
            ? System.IO.Directory.GetFiles(Path.Combine(Directory, "Sql"), "*.sql").Order(StringComparer.Ordinal).Select(f => ("/Scaffolded/Sql/" + Path.GetFileName(f), File.ReadAllText(f))).ToArray()
            : [];

    /// <summary>The objects the report says are not expressed.</summary>
    public IReadOnlyList<string> NotExpressed => Json.GetProperty("notExpressed").EnumerateArray().Select(i => i.GetProperty("object").GetString() + ": " + i.GetProperty("reason").GetString()).ToList();

    /// <summary>Each file's outcome by path.</summary>
    public IReadOnlyDictionary<string, string> Outcomes => Json.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("outcome").GetString()!);

    /// <summary>Everything written, for a failure message.</summary>
    public string Listing => string.Join("\n", System.IO.Directory.GetFiles(Directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => $"=== {Path.GetRelativePath(Directory, f)}\n{File.ReadAllText(f)}"));
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>The <c>--json</c> output of <c>schemagen scaffold</c> (its shape is documented in docs/cli.md).</summary>
internal static class ScaffoldJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public sealed record FileJson(string Path, FileOutcome Outcome);

    public sealed record ReportJson(string Object, string Reason);

    public sealed record ScaffoldJsonReport(string Database, string Output, IReadOnlyList<string> Schemas, string DefaultSchema,
        IReadOnlyList<FileJson> Files, IReadOnlyList<ReportJson> NotExpressed);

    public static void Write(string database, string output, ScaffoldResult result) => Console.Out.WriteLine(JsonSerializer.Serialize(new ScaffoldJsonReport(
        database, output, result.Schemas, result.DefaultSchema,
        result.Files.Select(f => new FileJson(f.Path, f.Outcome)).ToList(),
        result.Report.Items.Select(i => new ReportJson(i.Object, i.Reason)).ToList()), Options));
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SchemaGen.Cli.Output;

/// <summary>
/// The machine-readable output of <c>--json</c>: plain records with camelCase names and enum names as
/// strings, so that the shape documented in docs/cli.md does not change when the library's records do.
/// </summary>
internal static class JsonReports
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // The output is read by tools and people, never embedded in HTML: keep quotes and < > in SQL readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public sealed record HazardJson(HazardKind Kind, string Object, string Message);

    public sealed record CostJson(TableLock Lock, TableImpact Impact, string? Table, long? EstimatedRows, long? SizeBytes, IReadOnlyList<string> Warnings);

    public sealed record StepJson(StepKind Kind, string Object, string Sql, IReadOnlyList<HazardJson> Hazards, CostJson Cost);

    public sealed record PlanJson(string Database, IReadOnlyList<StepJson> Steps, IReadOnlyList<HazardJson> Hazards, IReadOnlyList<string> Unmanaged);

    public sealed record DriftJson(DriftKind Kind, string Object, string? Model, string? Database);

    public sealed record FindingJson(string Function, int? Line, string Level, string Message, string? SqlState, string? Statement);

    public sealed record VerifyJson(string Database, bool Clean, IReadOnlyList<DriftJson> Drift, IReadOnlyList<FindingJson> Findings);

    public static void WritePlan(string database, SchemaPlan plan) => Write(new PlanJson(
        database,
        plan.Steps.Select(ToJson).ToList(),
        plan.Hazards.Select(ToJson).ToList(),
        plan.Unmanaged));

    public static void WriteVerify(string database, VerifyResult result) => Write(new VerifyJson(
        database,
        result.IsClean,
        result.Drift.Select(d => new DriftJson(d.Kind, d.Object, d.Model, d.Database)).ToList(),
        result.Findings.Select(f => new FindingJson(f.Function, f.Line, f.Level, f.Message, f.SqlState, f.Statement)).ToList()));

    private static HazardJson ToJson(Hazard hazard) => new(hazard.Kind, hazard.Object, hazard.Message);

    private static StepJson ToJson(MigrationStep step) => new(step.Kind, step.Object, step.Sql, step.Hazards.Select(ToJson).ToList(),
        new CostJson(step.Cost.Lock, step.Cost.Impact, step.Cost.Table, step.Cost.EstimatedRows, step.Cost.SizeBytes, step.Cost.Warnings));

    // Straight to Console.Out, not through Spectre: JSON must not be wrapped or coloured.
    private static void Write<T>(T report) => Console.Out.WriteLine(JsonSerializer.Serialize(report, Options));
}

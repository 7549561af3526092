using System.Collections.Generic;
using System.Linq;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SchemaGen.Cli.Output;

/// <summary>Migration steps as a table: number, kind, object, the lock and what it does to the table's rows, hazards and warnings, SQL.</summary>
internal static class StepTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<MigrationStep> steps)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("#").AddColumn("Step").AddColumn("Object").AddColumn("Lock").AddColumn("Hazards").AddColumn("SQL");
        foreach (var (step, index) in steps.Select((s, i) => (s, i + 1)))
        {
            var hazards = step.IsSafe
                ? (IRenderable)new Text("")
                : new Text(string.Join("\n", step.Hazards.Select(h => $"{h.Kind}: {h.Message}")), new Style(Color.Red));
            table.AddRow(new Text(index.ToString()), new Text(step.Kind.ToString()), new Text(step.Object), Lock(step.Cost), hazards, new Text(step.Sql));
        }

        console.Write(table);
    }

    // "Share, Scan / ~2000000 rows, 88 MB", with the warnings in yellow under it.
    private static IRenderable Lock(StepCost cost)
    {
        var text = cost.Lock + (cost.Impact == TableImpact.None ? "" : ", " + cost.Impact);
        if (cost.Table != null)
            text += $"\n~{cost.EstimatedRows?.ToString() ?? "?"} rows, {(cost.SizeBytes ?? 0) / 1024} kB";
        var rows = new List<IRenderable> { new Text(text) };
        rows.AddRange(cost.Warnings.Select(w => new Text(w, new Style(Color.Yellow))));
        return new Rows(rows);
    }

    /// <summary>Objects in the managed schemas that the model does not have.</summary>
    public static void WriteUnmanaged(IAnsiConsole console, IReadOnlyList<string> unmanaged)
    {
        if (unmanaged.Count == 0)
            return;
        console.WriteLine($"Not in the model (kept; deploy --drop-unmanaged drops them): {unmanaged.Count}");
        foreach (var name in unmanaged)
            console.WriteLine("  " + name);
    }
}

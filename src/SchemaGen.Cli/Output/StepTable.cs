using System.Collections.Generic;
using System.Linq;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SchemaGen.Cli.Output;

/// <summary>Migration steps as a table: number, kind, object, hazards, SQL.</summary>
internal static class StepTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<MigrationStep> steps)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("#").AddColumn("Step").AddColumn("Object").AddColumn("Hazards").AddColumn("SQL");
        foreach (var (step, index) in steps.Select((s, i) => (s, i + 1)))
        {
            var hazards = step.IsSafe
                ? (IRenderable)new Text("")
                : new Text(string.Join("\n", step.Hazards.Select(h => $"{h.Kind}: {h.Message}")), new Style(Color.Red));
            table.AddRow(new Text(index.ToString()), new Text(step.Kind.ToString()), new Text(step.Object), hazards, new Text(step.Sql));
        }

        console.Write(table);
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

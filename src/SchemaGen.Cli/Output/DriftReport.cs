using System.Collections.Generic;
using System.Linq;
using Spectre.Console;

namespace SchemaGen.Cli.Output;

/// <summary>Differences between the model and a database (or a schema file), both sides shown, and plpgsql_check's findings.</summary>
internal static class DriftReport
{
    /// <param name="console">Where to write.</param>
    /// <param name="drift">The differences.</param>
    /// <param name="otherSide">What the model is compared with: "Database" or "Schema file".</param>
    public static void WriteDrift(IAnsiConsole console, IReadOnlyList<Drift> drift, string otherSide)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Difference").AddColumn("Object").AddColumn("Model").AddColumn(otherSide);
        foreach (var item in drift)
            table.AddRow(new Text(Describe(item.Kind, otherSide)), new Text(item.Object), new Text(item.Model ?? "—"), new Text(item.Database ?? "—"));
        console.Write(table);
    }

    public static void WriteFindings(IAnsiConsole console, IReadOnlyList<FunctionFinding> findings)
    {
        if (findings.Count == 0)
            return;
        console.WriteLine($"plpgsql_check: {findings.Count} finding(s)");
        foreach (var finding in findings)
            console.Write(new Text("  " + finding + "\n", finding.IsError ? new Style(Color.Red) : Style.Plain));
    }

    private static string Describe(DriftKind kind, string otherSide) => kind switch
    {
        DriftKind.Missing => $"missing from {otherSide.ToLowerInvariant()}",
        DriftKind.Extra => $"only in {otherSide.ToLowerInvariant()}",
        _ => "different",
    };
}

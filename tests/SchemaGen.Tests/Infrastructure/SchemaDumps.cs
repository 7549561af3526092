using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// Comparing two <see cref="PgDump"/> outputs: with the column order of each table set aside (PostgreSQL appends
/// an added column at the end, a fresh deploy puts it where the property is), and a short account of the lines
/// that differ, for a failure message that says what a deploy left behind.
/// </summary>
public static class SchemaDumps
{
    /// <summary>The dump with the column lines of every <c>CREATE TABLE</c> sorted, and their trailing commas removed.</summary>
    public static string ColumnOrderAside(string dump)
    {
        var lines = dump.Split('\n');
        var result = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            result.Add(lines[i]);
            if (!lines[i].StartsWith("CREATE TABLE ", StringComparison.Ordinal) || !lines[i].EndsWith(" (", StringComparison.Ordinal))
                continue;
            var columns = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith(")", StringComparison.Ordinal); i++)
                columns.Add(lines[i].TrimEnd(','));
            result.AddRange(columns.Order(StringComparer.Ordinal));
            if (i < lines.Length)
                result.Add(lines[i]);
        }

        return string.Join("\n", result);
    }

    /// <summary>The lines only one side has, as "- expected" and "+ actual"; empty when the dumps have the same lines.</summary>
    public static string Difference(string expected, string actual)
    {
        var missing = Multiset(expected.Split('\n'));
        var extra = Multiset(actual.Split('\n'));
        foreach (var line in missing.Keys.ToList())
        {
            if (!extra.TryGetValue(line, out var count))
                continue;
            var common = Math.Min(count, missing[line]);
            missing[line] -= common;
            extra[line] -= common;
        }

        var text = new StringBuilder();
        foreach (var line in expected.Split('\n').Distinct().Where(l => missing[l] > 0))
            text.Append("  - ").Append(line.Trim()).Append('\n');
        foreach (var line in actual.Split('\n').Distinct().Where(l => extra[l] > 0))
            text.Append("  + ").Append(line.Trim()).Append('\n');
        // The same lines in another order are equal: column order aside, pg_dump also lists the comments on columns
        // in column order.
        return text.ToString();
    }

    private static Dictionary<string, int> Multiset(IEnumerable<string> lines)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
            counts[line] = counts.GetValueOrDefault(line) + 1;
        return counts;
    }
}

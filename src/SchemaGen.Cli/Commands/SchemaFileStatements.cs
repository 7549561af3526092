using System.Collections.Generic;

namespace SchemaGen.Cli.Commands;

/// <summary>
/// Splits a schema file into its statements at top-level semicolons (not inside quotes, dollar quotes or comments),
/// keeping each statement's offset, so that an error PostgreSQL reports within a statement can be placed in the file.
/// </summary>
internal static class SchemaFileStatements
{
    public static List<(int Start, string Text)> Split(string sql)
    {
        var statements = new List<(int, string)>();
        var start = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\'' || c == '"')
                i = Skip(sql, i + 1, c.ToString());
            else if (c == '-' && At(sql, i, "--"))
                i = Skip(sql, i, "\n");
            else if (c == '/' && At(sql, i, "/*"))
                i = Skip(sql, i + 2, "*/");
            else if (c == '$' && DollarTag(sql, i) is { } tag)
                i = Skip(sql, i + tag.Length, tag);
            else if (c == ';')
            {
                Add(statements, sql, start, i + 1);
                start = ++i;
            }
            else
                i++;
        }

        Add(statements, sql, start, sql.Length);
        return statements;
    }

    /// <summary>The 1-based position in the file of a 1-based position within statement number <paramref name="statement"/> (0-based).</summary>
    public static int FilePosition(string sql, int positionInStatement, int statement)
    {
        var statements = Split(sql);
        return statement < statements.Count ? statements[statement].Start + positionInStatement : 0;
    }

    private static void Add(List<(int, string)> statements, string sql, int start, int end)
    {
        // A statement starts at its first character that is not white space, as PostgreSQL counts positions.
        while (start < end && char.IsWhiteSpace(sql[start]))
            start++;
        if (start < end)
            statements.Add((start, sql.Substring(start, end - start)));
    }

    private static bool At(string sql, int i, string text) => string.CompareOrdinal(sql, i, text, 0, text.Length) == 0;

    private static int Skip(string sql, int from, string end)
    {
        var found = sql.IndexOf(end, from, System.StringComparison.Ordinal);
        return found < 0 ? sql.Length : found + end.Length;
    }

    private static string? DollarTag(string sql, int i)
    {
        var end = i + 1;
        while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
            end++;
        return end < sql.Length && sql[end] == '$' ? sql.Substring(i, end - i + 1) : null;
    }
}

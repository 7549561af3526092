namespace SchemaGen.Cli.Scaffolding;

/// <summary>The frame of every scaffolded C# file: the usings a model may need, and the file-scoped namespace.</summary>
internal static class CSharpFile
{
    public static string Render(string ns, string body) => $$"""
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using System.Net;
        using System.Text.Json;
        using NpgsqlTypes;
        using SchemaGen;

        namespace {{ns}};

        {{body.TrimEnd()}}

        """;

    /// <summary>An XML doc summary for a database comment, indented; empty for none.</summary>
    public static string Summary(string? comment, string indent) =>
        comment == null ? "" : $"{indent}/// <summary>{CSharpSyntax.XmlText(comment)}</summary>\n";

    /// <summary>
    /// Whether a comment comes back unchanged from an XML doc summary: the generator collapses white space, so a comment
    /// with line breaks, runs of spaces or spaces at its ends does not.
    /// </summary>
    public static bool SurvivesSummary(string comment) =>
        comment.Length > 0 && comment.Trim() == comment && !System.Text.RegularExpressions.Regex.IsMatch(comment, @"\s\s|[\t\r\n\f\v]");
}

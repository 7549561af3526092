using System;
using System.Linq;
using System.Text;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>
/// Functions and triggers as SQL templates (docs/sql-functions.md): PostgreSQL's own definitions
/// (<c>pg_get_functiondef</c>, <c>pg_get_triggerdef</c>) as <c>CREATE OR REPLACE</c> statements, functions in one file and
/// triggers in the next, so that every trigger's function exists before it.
/// </summary>
internal static class TemplateWriter
{
    public static string? Functions(ScaffoldContext context)
    {
        var text = new StringBuilder();
        foreach (var function in context.Model.Functions)
        {
            var what = $"function {function.Schema}.{function.Name}({function.Signature})";
            if (!function.Definition.StartsWith('('))
            {
                context.Report.Add(what, "a procedure: templates hold functions and triggers; left out");
                continue;
            }

            if (function.Comment != null)
                context.Report.Add(what, "its comment: templates have no comments");
            text.Append("CREATE OR REPLACE FUNCTION ").Append(SqlSyntax.QualifiedName(function.Schema, function.Name)).Append(function.Definition.TrimEnd().TrimEnd(';')).Append(";\n\n");
        }

        return text.Length == 0 ? null : text.ToString().TrimEnd() + "\n";
    }

    public static string? Triggers(ScaffoldContext context)
    {
        var text = new StringBuilder();
        foreach (var trigger in context.Model.Triggers)
        {
            if (trigger.Comment != null)
                context.Report.Add($"trigger {trigger.Schema}.{trigger.Table}.{trigger.Name}", "its comment: templates have no comments");
            text.Append("CREATE OR REPLACE TRIGGER ").Append(SqlSyntax.Identifier(trigger.Name)).Append(' ').Append(trigger.Definition.TrimEnd(';')).Append(";\n\n");
        }

        return text.Length == 0 ? null : text.ToString().TrimEnd() + "\n";
    }
}

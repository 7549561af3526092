using System;
using System.Linq;
using System.Text;
using SchemaGen.Model;

namespace SchemaGen.Cli.Scaffolding;

/// <summary>
/// Functions, triggers and the other template objects as SQL templates (docs/templates.md): PostgreSQL's own definitions
/// (<c>pg_get_functiondef</c>, <c>pg_get_triggerdef</c>, <c>pg_get_viewdef</c>, the sequence's and aggregate's options)
/// as statements, functions in one file, triggers in the next, then sequences, aggregates, views and materialized
/// views with their indexes (the generator orders them by what each names).
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

    public static string? Objects(ScaffoldContext context)
    {
        var text = new StringBuilder();
        foreach (var item in context.Model.Objects.Where(o => o.Kind != TemplateObjectKind.Index).OrderBy(o => o.Kind))
        {
            if (DdlRenderer.CreateFromCatalog(item, context.Model.Objects) is not { } statements)
            {
                context.Report.Add($"aggregate {item.Schema}.{item.Name}({item.Signature})", "an ordered-set or hypothetical-set aggregate; left out");
                continue;
            }

            foreach (var statement in statements)
                text.Append(statement).Append("\n\n");
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

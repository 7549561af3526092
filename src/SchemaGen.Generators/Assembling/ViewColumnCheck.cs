using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// SG0013 for a view or materialized view template that names a column the model's table does not have (after a
    /// property was removed or renamed), where that can be known without a database: a qualified reference
    /// <c>table.column</c> or <c>schema.table.column</c> whose table is one of the model's. Unqualified names and aliases
    /// are left to PostgreSQL, which reports them when the shadow is rendered at deploy time.
    /// </summary>
    internal static class ViewColumnCheck
    {
        public static void Check(string file, ObjectTemplate template, TemplateObjectModel view, IReadOnlyList<TableModel> tables, List<DiagnosticInfo> diagnostics)
        {
            if (view.Kind is not (TemplateObjectKind.View or TemplateObjectKind.MaterializedView) || tables.Count == 0)
                return;
            var schemas = new HashSet<string>(tables.Select(t => t.Schema));
            var tokens = SqlLexer.Tokens(view.Definition);
            var reported = new HashSet<string>();
            for (var i = 0; i + 2 < tokens.Count; i++)
            {
                if (!tokens[i].IsIdentifier || (i > 0 && tokens[i - 1].IsSymbol(".")) || !tokens[i + 1].IsSymbol(".") || !tokens[i + 2].IsIdentifier)
                    continue;
                var threePart = i + 4 < tokens.Count && tokens[i + 3].IsSymbol(".") && tokens[i + 4].IsIdentifier;
                var column = threePart ? tokens[i + 4] : tokens[i + 2];
                var next = threePart ? i + 5 : i + 3;
                if (next < tokens.Count && tokens[next].IsSymbol("("))
                    continue; // schema.function(…)
                var table = threePart
                    ? tables.FirstOrDefault(t => t.Schema == tokens[i].Value && t.Name == tokens[i + 2].Value)
                    // table.column: the qualifier must be a table's name and not a schema's (schema.table is a relation).
                    : schemas.Contains(tokens[i].Value) ? null : Single(tables.Where(t => t.Name == tokens[i].Value));
                if (table == null || table.Columns.Any(c => c.Name == column.Value) || !reported.Add(table.Name + "." + column.Value))
                    continue;
                var names = table.Columns.Select(c => c.Name).ToList();
                var nearest = NameSuggestions.Closest(column.Value, names, 1).FirstOrDefault();
                var hint = nearest != null ? "; did you mean '" + SqlSyntax.Identifier(nearest) + "'?" : "; its columns are " + string.Join(", ", names.Select(SqlSyntax.Identifier));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownViewColumn, new DiagnosticTarget.ExternalSpan(template.Location),
                    System.IO.Path.GetFileName(file), DdlRenderer.KindName(view.Kind),
                    SqlSyntax.QualifiedName(view.Schema, view.Name), column.Text, SqlSyntax.QualifiedName(table.Schema, table.Name), hint));
            }
        }

        // A bare table name is only known when one table of the model has it.
        private static TableModel? Single(IEnumerable<TableModel> tables)
        {
            var list = tables.Take(2).ToList();
            return list.Count == 1 ? list[0] : null;
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The live views and materialized views a table change needs out of the way. PostgreSQL refuses to change the type of
    /// a column a view uses, or to drop it (or replace it, as a generated column's new expression does), while the view
    /// exists; the catalog's dependencies (pg_depend through the view's rewrite rule) say which views use which columns. A
    /// recreated enum (<see cref="EnumRecreation"/>) changes the type of every column of that type, so it counts too.
    /// </summary>
    internal static class DependentViews
    {
        public static IEnumerable<(TemplateObjectModel View, Drift Cause)> OfChangedColumns(SchemaModel target, SchemaModel live, SchemaDiff diff)
        {
            var changed = new Dictionary<(string, string, string), Drift>();
            var recreatedEnums = diff.Enums.Where(s => s.Kind == StepKind.RecreateEnum).ToDictionary(s => s.Object, s => s.Cause);
            foreach (var table in target.Tables)
            {
                var liveTable = live.Tables.FirstOrDefault(t => t.Schema == table.Schema && t.Name == table.Name);
                if (liveTable == null)
                    continue;
                foreach (var column in liveTable.Columns)
                {
                    var wanted = table.Columns.FirstOrDefault(c => c.Name == column.Name);
                    var what = "column " + SqlSyntax.QualifiedName(table.Schema, table.Name) + "." + SqlSyntax.Identifier(column.Name);
                    if (column.TypeSchema != null && recreatedEnums.TryGetValue(SqlSyntax.Identifier(column.TypeSchema) + "." + column.SqlType.TrimEnd('[', ']'), out var recreated))
                        changed[(table.Schema, table.Name, column.Name)] = recreated ?? new Drift(DriftKind.Different, what, null, null);
                    else if (wanted == null)
                        changed[(table.Schema, table.Name, column.Name)] = new Drift(DriftKind.Extra, what, null, DdlRenderer.ColumnDefinition(column));
                    else if (wanted.SqlType != column.SqlType || wanted.TypeSchema != column.TypeSchema || wanted.GeneratedSql != column.GeneratedSql)
                        changed[(table.Schema, table.Name, column.Name)] = new Drift(DriftKind.Different, what, DdlRenderer.ColumnDefinition(wanted), DdlRenderer.ColumnDefinition(column));
                }
            }

            if (changed.Count == 0)
                yield break;
            foreach (var view in live.Objects.Where(o => o.Kind is TemplateObjectKind.View or TemplateObjectKind.MaterializedView))
            {
                var used = view.DependsOn.FirstOrDefault(d => d.Column != null && changed.ContainsKey((d.Schema, d.Name, d.Column)));
                if (used != null)
                    yield return (view, changed[(used.Schema, used.Name, used.Column!)]);
            }
        }
    }
}

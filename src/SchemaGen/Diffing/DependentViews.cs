using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The live views and materialized views a change needs out of the way. PostgreSQL refuses to change the type of
    /// a column a view uses, or to drop it (or replace it, as a generated column's new expression does), and to drop a
    /// type or function a view uses, while the view exists; the catalog's dependencies (pg_depend through the view's
    /// rewrite rule) say which views use which columns, types and functions.
    /// </summary>
    internal static class DependentViews
    {
        /// <summary>
        /// The live columns of the model's tables that the plan drops, changes the type of, or replaces (a generated column's
        /// new expression), with the difference each is: what PostgreSQL refuses while a view, trigger or SQL-standard
        /// function body uses the column.
        /// </summary>
        public static Dictionary<(string Schema, string Table, string Column), Drift> ChangedColumns(SchemaModel target, SchemaModel live)
        {
            var changed = new Dictionary<(string, string, string), Drift>();
            var liveTables = TableIndex.ByName(live);
            foreach (var table in target.Tables)
            {
                if (!liveTables.TryGetValue((table.Schema, table.Name), out var liveTable) || liveTable.Columns.Equals(table.Columns))
                    continue;
                foreach (var column in liveTable.Columns)
                {
                    var wanted = table.Columns.FirstOrDefault(c => c.Name == column.Name);
                    string What() => "column " + SqlSyntax.QualifiedName(table.Schema, table.Name) + "." + SqlSyntax.Identifier(column.Name);
                    if (wanted == null)
                        changed[(table.Schema, table.Name, column.Name)] = new Drift(DriftKind.Extra, What(), null, DdlRenderer.ColumnDefinition(column));
                    else if (wanted.SqlType != column.SqlType || wanted.TypeSchema != column.TypeSchema || wanted.GeneratedSql != column.GeneratedSql)
                        changed[(table.Schema, table.Name, column.Name)] = new Drift(DriftKind.Different, What(), DdlRenderer.ColumnDefinition(wanted), DdlRenderer.ColumnDefinition(column));
                }
            }

            return changed;
        }

        public static IEnumerable<(TemplateObjectModel View, Drift Cause)> OfChangedColumns(SchemaModel target, SchemaModel live)
        {
            var changed = ChangedColumns(target, live);
            if (changed.Count == 0)
                yield break;
            foreach (var view in live.Objects.Where(o => o.Kind is TemplateObjectKind.View or TemplateObjectKind.MaterializedView))
            {
                var used = view.DependsOn.FirstOrDefault(d => d.Column != null && changed.ContainsKey((d.Schema, d.Name, d.Column)));
                if (used != null)
                    yield return (view, changed[(used.Schema, used.Name, used.Column!)]);
            }
        }

        /// <summary>
        /// Views over what the plan drops and creates again (<see cref="DiffContext.ReplacedBecause"/>): an enum type
        /// recreated for removed or reordered labels, or a domain for a new base type (its columns are converted and the old
        /// type dropped; a view may use a column of the type or only the type, in a cast), and a function dropped for a new
        /// signature or result (a view that calls it keeps the same definition when the new signature only adds defaulted
        /// parameters).
        /// </summary>
        public static IEnumerable<(TemplateObjectModel View, Drift Cause)> OfReplacedTypesAndFunctions(SchemaModel live, DiffContext context)
        {
            foreach (var view in live.Objects.Where(o => o.Kind is TemplateObjectKind.View or TemplateObjectKind.MaterializedView))
            {
                var cause = view.DependsOn.Select(d => d.Column == null ? context.ReplacedBecause(d.Schema, d.Name) : ReplacedTypeOf(live, d, context))
                    .FirstOrDefault(c => c != null);
                if (cause != null)
                    yield return (view, cause);
            }
        }

        // The replaced type of a column a view uses.
        private static Drift? ReplacedTypeOf(SchemaModel live, ObjectDependency used, DiffContext context)
        {
            var column = live.Tables.FirstOrDefault(t => t.Schema == used.Schema && t.Name == used.Name)?.Columns.FirstOrDefault(c => c.Name == used.Column);
            return column == null ? null : context.ReplacedTypeOf(column);
        }
    }
}

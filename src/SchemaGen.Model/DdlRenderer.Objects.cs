using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Model
{
    static partial class DdlRenderer
    {
        // Sequences come before the tables (a column default calls nextval); views, materialized views, their indexes and
        // aggregates after the functions (an aggregate's state function; a view calls functions and aggregates), in the
        // model's order, which puts each after the objects it names; triggers (INSTEAD OF on a view) last.
        private static void AddTemplateObjects(List<SqlObject> objects, SchemaModel model, bool beforeTables)
        {
            foreach (var item in model.Objects.Where(o => (o.Kind == TemplateObjectKind.Sequence) == beforeTables))
                objects.Add(new SqlObject(SqlObjectKind.TemplateObject, item.Schema, item.Table == null ? item.Name : item.Table + "." + item.Name, CreateObject(item) + "\n\n"));
        }

        /// <summary>The kind as messages and drift name it: <c>sequence</c>, <c>view</c>, <c>materialized view</c>, <c>index</c>, <c>aggregate</c>.</summary>
        public static string KindName(TemplateObjectKind kind) => kind == TemplateObjectKind.MaterializedView ? "materialized view" : kind.ToString().ToLowerInvariant();

        /// <summary>The template's statement: <c>CREATE SEQUENCE schema.name …;</c>, <c>CREATE OR REPLACE VIEW schema.name …;</c>, …</summary>
        public static string CreateObject(TemplateObjectModel item) => item.Definition + ";";

        /// <summary>
        /// The statements that create a live object again as the catalog printed it (<c>pg_get_viewdef</c>, the sequence's
        /// options, the aggregate's pg_aggregate row), a materialized view with its indexes (<paramref name="catalog"/>: the
        /// catalog's objects): for a view in the way of a change that the model does not have, and for scaffolding. Null for
        /// an ordered-set or hypothetical-set aggregate, whose CREATE AGGREGATE has another shape.
        /// </summary>
        public static string[]? CreateFromCatalog(TemplateObjectModel live, IEnumerable<TemplateObjectModel> catalog)
        {
            var name = SqlSyntax.QualifiedName(live.Schema, live.Name);
            switch (live.Kind)
            {
                case TemplateObjectKind.Sequence:
                    return new[] { "CREATE SEQUENCE " + name + " " + live.Definition + ";" };
                case TemplateObjectKind.Aggregate:
                    return AggregateFromCatalog(live) is string aggregate ? new[] { aggregate } : null;
                case TemplateObjectKind.Index:
                    return new[] { IndexFromCatalog(live) };
            }

            var create = (live.Kind == TemplateObjectKind.MaterializedView ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ") + name + " " + live.Definition.TrimEnd(';', ' ', '\n') + ";";
            var indexes = catalog.Where(i => i.Kind == TemplateObjectKind.Index && i.Schema == live.Schema && i.Table == live.Name).Select(IndexFromCatalog);
            return new[] { create }.Concat(indexes).ToArray();
        }

        // The catalog prints a materialized view's index as "[UNIQUE ]USING method (columns)…".
        private static string IndexFromCatalog(TemplateObjectModel index)
        {
            var unique = index.Definition.StartsWith("UNIQUE ", System.StringComparison.Ordinal);
            return (unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + SqlSyntax.Identifier(index.Name) + " ON " + SqlSyntax.QualifiedName(index.Schema, index.Table!) + " "
                + (unique ? index.Definition.Substring("UNIQUE ".Length) : index.Definition) + ";";
        }

        // The catalog's row (ObjectQueries) ends in "FINALFUNC_MODIFY = r…, KIND = n, PARALLEL = u, RETURNS type": the codes
        // become CREATE AGGREGATE's words, and the kind and result, which it does not take, go.
        private static string? AggregateFromCatalog(TemplateObjectModel live)
        {
            var parts = System.Text.RegularExpressions.Regex.Match(live.Definition, @"^(.*), KIND = (\w), PARALLEL = (\w), RETURNS .*$", System.Text.RegularExpressions.RegexOptions.Singleline);
            if (!parts.Success || parts.Groups[2].Value != "n")
                return null;
            var options = System.Text.RegularExpressions.Regex.Replace(parts.Groups[1].Value, @"FINALFUNC_MODIFY = (\w)", m => "FINALFUNC_MODIFY = " + m.Groups[1].Value switch
            {
                "s" => "SHAREABLE",
                "w" => "READ_WRITE",
                _ => "READ_ONLY",
            });
            var parallel = parts.Groups[3].Value switch { "s" => "SAFE", "r" => "RESTRICTED", _ => "UNSAFE" };
            return "CREATE AGGREGATE " + ObjectName(live) + " (" + options + ", PARALLEL = " + parallel + ");";
        }

        /// <summary>The object's name as a DROP or ALTER names it: qualified, with an aggregate's argument types.</summary>
        public static string ObjectName(TemplateObjectModel item) =>
            SqlSyntax.QualifiedName(item.Schema, item.Name) + (item.Kind == TemplateObjectKind.Aggregate ? "(" + item.Signature + ")" : "");

        /// <summary><c>DROP SEQUENCE|VIEW|MATERIALIZED VIEW|INDEX|AGGREGATE name;</c></summary>
        public static string DropObject(TemplateObjectModel item) => item.Kind switch
        {
            TemplateObjectKind.Sequence => "DROP SEQUENCE ",
            TemplateObjectKind.View => "DROP VIEW ",
            TemplateObjectKind.MaterializedView => "DROP MATERIALIZED VIEW ",
            TemplateObjectKind.Index => "DROP INDEX ",
            _ => "DROP AGGREGATE ",
        } + ObjectName(item) + ";";
    }
}

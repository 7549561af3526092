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

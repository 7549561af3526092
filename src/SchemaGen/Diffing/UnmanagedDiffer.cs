using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// Objects of kinds the model does not manage (views, materialized views, sequences, domains, types, policies, rules,
    /// foreign tables, aggregates): always listed as unmanaged, never invisible, and dropped only with DropUnmanaged.
    /// Views, policies and rules depend on tables, so they go before any table change; the others after the unmanaged
    /// tables. (The states of managed objects the same query reads are <see cref="CatalogStateDiffer"/>'s.)
    /// </summary>
    internal static class UnmanagedDiffer
    {
        public static void Diff(SchemaModel live, SchemaDiff diff, bool dropUnmanaged)
        {
            foreach (var item in live.Unmanaged.Where(u => !CatalogStateDiffer.IsState(u.Kind)))
            {
                var name = item.Kind is CatalogObjectKind.Policy or CatalogObjectKind.Rule ? SqlSyntax.Identifier(item.Name) + " ON " + SqlSyntax.QualifiedName(item.Schema, item.Table!)
                    : item.Kind == CatalogObjectKind.RowSecurity ? "on " + SqlSyntax.QualifiedName(item.Schema, item.Table!)
                    : item.Kind == CatalogObjectKind.Aggregate ? SqlSyntax.Identifier(item.Schema) + "." + QuotedSignature(item.Name)
                    : SqlSyntax.QualifiedName(item.Schema, item.Name);
                var what = Describe(item.Kind) + " " + name;
                diff.UnmanagedObjects.Add(what);
                if (!dropUnmanaged)
                    continue;

                var (kind, drop) = item.Kind switch
                {
                    CatalogObjectKind.View => (StepKind.DropView, "DROP VIEW "),
                    CatalogObjectKind.MaterializedView => (StepKind.DropMaterializedView, "DROP MATERIALIZED VIEW "),
                    CatalogObjectKind.Policy => (StepKind.DropPolicy, "DROP POLICY "),
                    CatalogObjectKind.Sequence => (StepKind.DropSequence, "DROP SEQUENCE "),
                    CatalogObjectKind.Domain => (StepKind.DropDomain, "DROP DOMAIN "),
                    CatalogObjectKind.ForeignTable => (StepKind.DropForeignTable, "DROP FOREIGN TABLE "),
                    CatalogObjectKind.Aggregate => (StepKind.DropAggregate, "DROP AGGREGATE "),
                    CatalogObjectKind.RowSecurity => (StepKind.DisableRowSecurity, ""),
                    CatalogObjectKind.Rule => (StepKind.DropRule, "DROP RULE "),
                    _ => (StepKind.DropType, "DROP TYPE "),
                };
                var sql = item.Kind == CatalogObjectKind.RowSecurity
                    ? AlterRenderer.DisableRowSecurity(SqlSyntax.QualifiedName(item.Schema, item.Table!))
                    : drop + name + ";";
                var step = new MigrationStep(kind, name, sql).Because(new Drift(DriftKind.Extra, what, null, what));
                var group = item.Kind is CatalogObjectKind.View or CatalogObjectKind.MaterializedView or CatalogObjectKind.Policy or CatalogObjectKind.RowSecurity or CatalogObjectKind.Rule
                    ? diff.UnmanagedDependents
                    : diff.UnmanagedTypes;
                group.Add(step);
            }
        }

        // An aggregate is named with its argument types, which PostgreSQL printed already: "name(argtypes)".
        private static string QuotedSignature(string nameAndArguments)
        {
            var open = nameAndArguments.IndexOf('(');
            return SqlSyntax.Identifier(nameAndArguments.Substring(0, open)) + nameAndArguments.Substring(open);
        }

        private static string Describe(CatalogObjectKind kind) => kind switch
        {
            CatalogObjectKind.MaterializedView => "materialized view",
            CatalogObjectKind.ForeignTable => "foreign table",
            CatalogObjectKind.RowSecurity => "row-level security",
            _ => kind.ToString().ToLowerInvariant(),
        };
    }
}

using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The model's domains against the database's, compared as PostgreSQL prints both (the target, read back from the
    /// shadow, against the live catalog); the SQL of each step comes from the model. A missing domain is created; a changed
    /// CHECK is dropped and added again NOT VALID, then validated, with a probe counting the stored values that violate it;
    /// the default and NOT NULL are altered in place (SET NOT NULL with a probe counting NULLs); a changed base type recreates
    /// the domain and converts the columns that use it (a hazard naming them). A domain the model no longer declares is an
    /// unmanaged object (dropped only with DropUnmanaged), and never dropped while a column of the model still names it.
    /// </summary>
    internal static class DomainDiffer
    {
        public static void Diff(SchemaModel desired, SchemaModel target, SchemaModel live, SchemaDiff diff, DiffContext context)
        {
            foreach (var wanted in desired.Domains)
            {
                var name = SqlSyntax.QualifiedName(wanted.Schema, wanted.Name);
                var printed = target.Domains.FirstOrDefault(d => d.Schema == wanted.Schema && d.Name == wanted.Name) ?? wanted;
                var existing = live.Domains.FirstOrDefault(d => d.Schema == wanted.Schema && d.Name == wanted.Name);
                if (existing == null)
                {
                    diff.Domains.Add(new MigrationStep(StepKind.CreateDomain, name, Create(wanted))
                        .Because(new Drift(DriftKind.Missing, "domain " + name, DdlRenderer.CreateDomain(wanted), null)));
                    continue;
                }

                var columns = ColumnsUsing(live, existing);
                if (printed.BaseType != existing.BaseType)
                {
                    var cause = new Drift(DriftKind.Different, "base type of domain " + name, printed.BaseType, existing.BaseType);
                    diff.Domains.Add(Recreate(wanted, existing, name, columns).Because(cause));
                    context.ReplacedType(wanted.Schema, wanted.Name, cause); // the views over its columns make way
                    continue;
                }

                DiffChecks(wanted, printed, existing, name, columns, diff);
                if (printed.DefaultSql != existing.DefaultSql)
                {
                    diff.Domains.Add(new MigrationStep(wanted.DefaultSql == null ? StepKind.DropDomainDefault : StepKind.SetDomainDefault, name,
                            AlterRenderer.SetDomainDefault(name, wanted.DefaultSql))
                        .Because(new Drift(DriftKind.Different, "default of domain " + name, printed.DefaultSql, existing.DefaultSql)));
                }

                if (printed.NotNull != existing.NotNull)
                {
                    var step = new MigrationStep(wanted.NotNull ? StepKind.SetDomainNotNull : StepKind.DropDomainNotNull, name, AlterRenderer.SetDomainNotNull(name, wanted.NotNull))
                        .Because(new Drift(DriftKind.Different, "NOT NULL of domain " + name, wanted.NotNull ? "NOT NULL" : "NULL", existing.NotNull ? "NOT NULL" : "NULL"));
                    if (wanted.NotNull && columns.Count > 0)
                        step = step.WithProbe(HazardKind.NullsPresent, CountOver(columns, _ => "value IS NULL"), "{0} value(s) are NULL in " + Names(columns));
                    diff.Domains.Add(step);
                }

                if (printed.Comment != existing.Comment)
                {
                    diff.Comments.Add(new MigrationStep(StepKind.SetComment, name, DdlRenderer.CommentOnDomain(wanted, wanted.Comment))
                        .Because(new Drift(DriftKind.Different, "comment on domain " + name, printed.Comment, existing.Comment)));
                }
            }
        }

        /// <summary>
        /// The unmanaged objects for <see cref="UnmanagedDiffer"/>: without the model's domains, and without the domains a column
        /// of the model still names (reported here as unmanaged, never dropped: the drop would fail, or take the column's type).
        /// </summary>
        public static EquatableArray<CatalogObject> OtherUnmanaged(SchemaModel desired, EquatableArray<CatalogObject> unmanaged, SchemaDiff? diff) =>
            unmanaged.Where(u =>
            {
                if (u.Kind != CatalogObjectKind.Domain)
                    return true;
                if (desired.Domains.Any(d => d.Schema == u.Schema && d.Name == u.Name))
                    return false;
                var used = desired.Tables.SelectMany(t => t.Columns.Select(c => (Table: t, Column: c)))
                    .FirstOrDefault(x => Names(x.Column, x.Table.Schema, u.Schema, u.Name));
                if (used.Column == null)
                    return true;
                diff?.UnmanagedObjects.Add("domain " + SqlSyntax.QualifiedName(u.Schema, u.Name) + " (used by column " + SqlSyntax.QualifiedName(used.Table.Schema, used.Table.Name)
                    + "." + SqlSyntax.Identifier(used.Column.Name) + ", so never dropped)");
                return false;
            }).ToEquatableArray();

        // CHECKs by name: one that differs (or was never validated) is dropped and added again NOT VALID, then validated, in one
        // step; the probe counts the stored values the new CHECK refuses. One the model does not have is dropped.
        private static void DiffChecks(DomainModel wanted, DomainModel printed, DomainModel existing, string name, List<(string Table, string Column)> columns, SchemaDiff diff)
        {
            foreach (var check in printed.Checks)
            {
                var current = existing.Checks.FirstOrDefault(c => c.Name == check.Name);
                if (current != null && current.Expression == check.Expression && current.IsValidated)
                    continue;
                var model = wanted.Checks.FirstOrDefault(c => c.Name == check.Name) ?? check;
                var statements = new List<string>();
                if (current != null)
                    statements.Add(AlterRenderer.DropDomainCheck(name, check.Name));
                statements.Add(AlterRenderer.AddDomainCheck(name, model));
                statements.Add(AlterRenderer.ValidateDomainCheck(name, check.Name));
                var step = new MigrationStep(StepKind.AddDomainCheck, name + "." + SqlSyntax.Identifier(check.Name), statements.ToArray())
                    .Because(new Drift(current == null ? DriftKind.Missing : DriftKind.Different, "check " + check.Name + " of domain " + name,
                        check.Expression, current == null ? null : current.Expression + (current.IsValidated ? "" : " NOT VALID")));
                if (columns.Count > 0)
                    step = step.WithProbe(HazardKind.CheckViolations, CountOver(columns, _ => "NOT (" + model.Expression + ")"),
                        "{0} stored value(s) in " + Names(columns) + " violate CHECK (" + model.Expression + ")");
                diff.Domains.Add(step);
            }

            foreach (var extra in existing.Checks.Where(c => !printed.Checks.Any(p => p.Name == c.Name)))
            {
                diff.Domains.Add(new MigrationStep(StepKind.DropDomainCheck, name + "." + SqlSyntax.Identifier(extra.Name), AlterRenderer.DropDomainCheck(name, extra.Name))
                    .Because(new Drift(DriftKind.Extra, "check " + extra.Name + " of domain " + name, null, extra.Expression)));
            }
        }

        // The base type cannot be altered: the columns that use the domain go to the old base type, the domain is dropped and
        // created anew, and the columns come back to it through the new base type (values that do not convert fail the deploy).
        private static MigrationStep Recreate(DomainModel wanted, DomainModel existing, string name, List<(string Table, string Column)> columns)
        {
            var statements = new List<string>();
            statements.AddRange(columns.Select(c => AlterRenderer.AlterColumn(c.Table, c.Column, "TYPE " + existing.BaseType)));
            statements.Add(AlterRenderer.DropDomain(name));
            statements.AddRange(Create(wanted));
            statements.AddRange(columns.Select(c => AlterRenderer.AlterColumn(c.Table, c.Column,
                "TYPE " + name + " USING " + SqlSyntax.Identifier(c.Column) + "::" + wanted.BaseType + "::" + name)));
            var step = new MigrationStep(StepKind.RecreateDomain, name, statements.ToArray());
            return columns.Count == 0 ? step
                : step.WithHazard(HazardKind.DomainRecreated, "the base type changes from " + existing.BaseType + " to " + wanted.BaseType
                    + ": the domain is recreated and " + Names(columns) + " converted (the tables are rewritten)");
        }

        private static string[] Create(DomainModel domain) =>
            domain.Comment == null ? new[] { DdlRenderer.CreateDomain(domain) } : new[] { DdlRenderer.CreateDomain(domain), DdlRenderer.CommentOnDomain(domain, domain.Comment) };

        // The live columns (not arrays) whose type is the domain, as (qualified table, column).
        private static List<(string Table, string Column)> ColumnsUsing(SchemaModel live, DomainModel domain) =>
            live.Tables.SelectMany(t => t.Columns.Where(c => c.TypeSchema == domain.Schema && c.SqlType == SqlSyntax.Identifier(domain.Name))
                .Select(c => (SqlSyntax.QualifiedName(t.Schema, t.Name), c.Name))).ToList();

        // One count over every column: each column's values as "value" (the name VALUE in a domain's CHECK folds to), so the
        // condition is the CHECK as written. The values come from a subquery, so that only its "value" is in scope: a column
        // of the table named value would make the name ambiguous.
        private static string CountOver(List<(string Table, string Column)> columns, System.Func<string, string> condition) =>
            "SELECT " + string.Join(" + ", columns.Select(c => "(SELECT count(*) FROM (SELECT " + SqlSyntax.Identifier(c.Column) + " AS value FROM " + c.Table
                + ") v WHERE " + condition(c.Column) + ")")) + " AS n";

        private static string Names(List<(string Table, string Column)> columns) =>
            string.Join(", ", columns.Select(c => c.Table + "." + SqlSyntax.Identifier(c.Column)));

        private static bool Names(ColumnModel column, string tableSchema, string schema, string name)
        {
            var type = column.SqlType.EndsWith("[]", System.StringComparison.Ordinal) ? column.SqlType.Substring(0, column.SqlType.Length - 2) : column.SqlType;
            return column.TypeSchema != null
                ? column.TypeSchema == schema && type == SqlSyntax.Identifier(name)
                : type == name || type == SqlSyntax.Identifier(name) && tableSchema == schema || type == schema + "." + name || type == SqlSyntax.QualifiedName(schema, name);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The renames a model asks for with <c>[RenamedFrom]</c>: tables (also into another schema, with SET SCHEMA),
    /// columns and enum labels. They run first and are cheap (catalog only), so the rest of the plan is computed
    /// against the database as it is after them: keys, foreign keys and indexes on renamed columns and tables
    /// then compare equal and stay, and every hazard probe queries names that exist.
    /// </summary>
    internal static class RenameDiffer
    {
        public static List<MigrationStep> Renames(SchemaModel desired, SchemaModel live)
        {
            var steps = new List<MigrationStep>();
            var claimed = new HashSet<(string, string)>(desired.Tables.Select(t => (t.Schema, t.Name)));
            var liveTables = TableIndex.ByName(live);
            foreach (var table in desired.Tables)
            {
                var current = liveTables.TryGetValue((table.Schema, table.Name), out var found) ? found : null;
                if (current == null && table.RenamedFrom != null)
                {
                    current = Previous(table, live, claimed);
                    if (current != null)
                    {
                        claimed.Add((current.Schema, current.Name));
                        steps.AddRange(MoveTable(current, table));
                    }
                }

                if (current != null)
                    steps.AddRange(RenameColumns(table, current));
            }

            foreach (var enumType in desired.Enums)
            {
                var current = live.Enums.FirstOrDefault(e => e.Schema == enumType.Schema && e.Name == enumType.Name);
                if (current == null)
                    continue;
                var name = SqlSyntax.QualifiedName(enumType.Schema, enumType.Name);
                foreach (var rename in enumType.RenamedLabels.Where(r => current.Labels.Contains(r.From) && !current.Labels.Contains(r.To)))
                {
                    steps.Add(new MigrationStep(StepKind.RenameEnumValue, name,
                        AlterRenderer.RenameEnumValue(name, rename.From, rename.To))
                        .Because(new Drift(DriftKind.Different, "enum label " + name + "." + SqlSyntax.Literal(rename.To), rename.To, rename.From)));
                }
            }

            return steps;
        }

        /// <summary>The schemas a qualified <c>[RenamedFrom("schema.table")]</c> names, which must be read too.</summary>
        public static IEnumerable<string> PreviousSchemas(SchemaModel desired) =>
            desired.Tables.Select(t => Split(t.RenamedFrom).Schema).Where(s => s != null).Select(s => s!);

        // The live table a [RenamedFrom] names: "schema.name" exactly, or a bare name in the table's own schema first,
        // then in any other schema read. Only tables no model table claims by its current name.
        private static TableModel? Previous(TableModel table, SchemaModel live, HashSet<(string, string)> claimed)
        {
            var (schema, name) = Split(table.RenamedFrom);
            var candidates = live.Tables.Where(t => t.Name == name && !claimed.Contains((t.Schema, t.Name)));
            return schema != null
                ? candidates.FirstOrDefault(t => t.Schema == schema)
                : candidates.OrderBy(t => t.Schema == table.Schema ? 0 : 1).ThenBy(t => t.Schema, System.StringComparer.Ordinal).FirstOrDefault();
        }

        private static (string? Schema, string Name) Split(string? renamedFrom)
        {
            if (renamedFrom == null)
                return (null, "");
            var dot = renamedFrom.IndexOf('.');
            return dot > 0 ? (renamedFrom.Substring(0, dot), renamedFrom.Substring(dot + 1)) : (null, renamedFrom);
        }

        private static IEnumerable<MigrationStep> MoveTable(TableModel from, TableModel to)
        {
            var cause = new Drift(DriftKind.Different, "table " + SqlSyntax.QualifiedName(to.Schema, to.Name),
                SqlSyntax.QualifiedName(to.Schema, to.Name), SqlSyntax.QualifiedName(from.Schema, from.Name));
            if (from.Schema != to.Schema)
            {
                // The new schema may be new too; renames run before the plan's CREATE SCHEMA.
                yield return new MigrationStep(StepKind.SetTableSchema, SqlSyntax.QualifiedName(to.Schema, from.Name),
                    DdlRenderer.CreateSchema(to.Schema),
                    AlterRenderer.SetTableSchema(from.Schema, from.Name, to.Schema)).Because(cause);
            }

            if (from.Name != to.Name)
            {
                yield return new MigrationStep(StepKind.RenameTable, SqlSyntax.QualifiedName(to.Schema, to.Name),
                    AlterRenderer.RenameTable(to.Schema, from.Name, to.Name)).Because(cause);
            }
        }

        private static IEnumerable<MigrationStep> RenameColumns(TableModel desired, TableModel live)
        {
            var table = SqlSyntax.QualifiedName(desired.Schema, desired.Name);
            var names = new HashSet<string>(desired.Columns.Select(c => c.Name));
            var renamed = new HashSet<string>();
            foreach (var column in desired.Columns.Where(c => c.RenamedFrom != null && !live.Columns.Any(l => l.Name == c.Name)))
            {
                var previous = live.Columns.FirstOrDefault(l => l.Name == column.RenamedFrom && !names.Contains(l.Name) && !renamed.Contains(l.Name));
                if (previous == null)
                    continue;
                renamed.Add(previous.Name);
                var name = table + "." + SqlSyntax.Identifier(column.Name);
                yield return new MigrationStep(StepKind.RenameColumn, name,
                        AlterRenderer.RenameColumn(table, previous.Name, column.Name)) { Table = table }
                    .Because(new Drift(DriftKind.Different, "column " + name, column.Name, previous.Name));
            }
        }
    }
}

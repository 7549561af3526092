using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// Compares the live schema with the model and lists the steps between them. Objects are compared as
    /// PostgreSQL renders them (the target: the model created in a scratch schema and read back),
    /// and the DDL of each step is rendered from the model itself (the desired model).
    /// </summary>
    internal sealed class SchemaDiffer
    {
        private readonly SchemaModel _desired;
        private readonly SchemaModel _target;
        private readonly SchemaModel _live;
        private readonly bool _dropUnmanaged;
        private readonly SchemaDiff _diff = new();

        // Checks and indexes a recreated enum type takes with it; the table diff adds them back.
        private readonly HashSet<(string Schema, string Table, string Name)> _dropped = new();

        private SchemaDiffer(SchemaModel desired, SchemaModel target, SchemaModel live, bool dropUnmanaged)
        {
            _desired = desired;
            _target = target;
            _live = live;
            _dropUnmanaged = dropUnmanaged;
        }

        /// <param name="desired">The model, with the deployment's schema names.</param>
        /// <param name="target">The model as PostgreSQL prints it back (same names).</param>
        /// <param name="live">What the database has.</param>
        /// <param name="dropUnmanaged">Drop tables and enum types the model does not have.</param>
        public static SchemaDiff Diff(SchemaModel desired, SchemaModel target, SchemaModel live, bool dropUnmanaged)
        {
            var differ = new SchemaDiffer(desired, target, live, dropUnmanaged);
            differ.DiffSchemas();
            differ.DiffEnums();
            differ.DiffTables();
            new RoutineDiffer(desired, target, live, differ._diff, dropUnmanaged).Diff();
            return differ._diff;
        }

        private void DiffSchemas()
        {
            foreach (var schema in SchemaMapping.UsedSchemas(_desired).Where(s => !_live.Schemas.Contains(s)))
            {
                _diff.Schemas.Add(new MigrationStep(StepKind.CreateSchema, schema, DdlRenderer.CreateSchema(schema)));
                _diff.Drift.Add(new Drift(DriftKind.Missing, "schema " + schema, DdlRenderer.CreateSchema(schema), null));
            }
        }

        private void DiffEnums()
        {
            foreach (var desired in _desired.Enums)
            {
                var name = SqlSyntax.QualifiedName(desired.Schema, desired.Name);
                var live = _live.Enums.FirstOrDefault(e => e.Schema == desired.Schema && e.Name == desired.Name);
                if (live == null)
                {
                    var statements = new List<string> { DdlRenderer.CreateEnum(desired) };
                    if (desired.Comment != null)
                        statements.Add(DdlRenderer.CommentOnType(desired, desired.Comment));
                    _diff.Enums.Add(new MigrationStep(StepKind.CreateEnum, name, statements, Array.Empty<Hazard>()));
                    _diff.Drift.Add(new Drift(DriftKind.Missing, "type " + name, DdlRenderer.CreateEnum(desired), null));
                    continue;
                }

                DiffLabels(desired, live, name);
                if (desired.Comment != live.Comment)
                    _diff.Comments.Add(new MigrationStep(StepKind.SetComment, name, DdlRenderer.CommentOnType(desired, desired.Comment)));
            }

            foreach (var extra in _live.Enums.Where(l => !_desired.Enums.Any(d => d.Schema == l.Schema && d.Name == l.Name)))
            {
                var name = SqlSyntax.QualifiedName(extra.Schema, extra.Name);
                _diff.UnmanagedObjects.Add("type " + name);
                _diff.Drift.Add(new Drift(DriftKind.Extra, "type " + name, null, DdlRenderer.CreateEnum(extra)));
                if (_dropUnmanaged)
                    _diff.UnmanagedEnums.Add(new MigrationStep(StepKind.DropEnum, name, "DROP TYPE " + name + ";"));
            }
        }

        private void DiffLabels(EnumModel desired, EnumModel live, string name)
        {
            var labels = live.Labels.ToList();
            foreach (var rename in desired.RenamedLabels.Where(r => labels.Contains(r.From) && !labels.Contains(r.To)))
            {
                _diff.Enums.Add(new MigrationStep(StepKind.RenameEnumValue, name,
                    $"ALTER TYPE {name} RENAME VALUE {SqlSyntax.Literal(rename.From)} TO {SqlSyntax.Literal(rename.To)};"));
                labels[labels.IndexOf(rename.From)] = rename.To;
            }

            if (labels.SequenceEqual(desired.Labels))
                return;

            _diff.Drift.Add(new Drift(DriftKind.Different, "type " + name, DdlRenderer.CreateEnum(desired), DdlRenderer.CreateEnum(live)));
            if (IsSubsequence(labels, desired.Labels))
            {
                // Only additions: ALTER TYPE … ADD VALUE in position keeps every stored value and the sort order.
                for (var i = 0; i < desired.Labels.Count; i++)
                {
                    var label = desired.Labels[i];
                    if (labels.Contains(label))
                        continue;
                    var position = i > 0 ? " AFTER " + SqlSyntax.Literal(desired.Labels[i - 1])
                        : labels.Count > 0 ? " BEFORE " + SqlSyntax.Literal(labels[0]) : "";
                    _diff.Enums.Add(new MigrationStep(StepKind.AddEnumValue, name, $"ALTER TYPE {name} ADD VALUE {SqlSyntax.Literal(label)}{position};"));
                    labels.Insert(i, label);
                }

                return;
            }

            _diff.Enums.Add(RecreateEnum(desired, name, labels.Except(desired.Labels).ToList()));
        }

        // PostgreSQL cannot remove or reorder enum values: rename the old type, create the new one, convert
        // every column through text, and drop the old type. Checks and indexes that mention those columns are
        // rebuilt around it, because PostgreSQL re-parses them against the old type.
        private MigrationStep RecreateEnum(EnumModel desired, string name, List<string> removed)
        {
            var old = SqlNaming.FitIdentifier(desired.Name + "_old_" + StableHash.Hex32(desired.Name));
            var statements = new List<string> { $"ALTER TYPE {name} RENAME TO {SqlSyntax.Identifier(old)};", DdlRenderer.CreateEnum(desired) };
            var usages = _live.Tables.SelectMany(t => t.Columns.Where(c => c.TypeSchema == desired.Schema && c.SqlType.TrimEnd('[', ']') == SqlSyntax.Identifier(desired.Name))
                .Select(c => (Table: t, Column: c))).ToList();

            foreach (var (table, column) in usages)
            {
                var qualified = SqlSyntax.QualifiedName(table.Schema, table.Name);
                foreach (var check in table.Checks.Where(k => Mentions(k.Expression, column.Name)))
                {
                    statements.Add($"ALTER TABLE {qualified} DROP CONSTRAINT IF EXISTS {SqlSyntax.Identifier(check.Name)};");
                    _dropped.Add((table.Schema, table.Name, check.Name));
                }

                foreach (var index in table.Indexes.Where(i => i.KeyColumns.Contains(column.Name) || (i.Where != null && Mentions(i.Where, column.Name))))
                {
                    statements.Add($"DROP INDEX IF EXISTS {SqlSyntax.QualifiedName(table.Schema, index.Name)};");
                    _dropped.Add((table.Schema, table.Name, index.Name));
                }

                var columnName = SqlSyntax.Identifier(column.Name);
                var isArray = column.SqlType.EndsWith("[]", StringComparison.Ordinal);
                if (column.DefaultSql != null)
                    statements.Add($"ALTER TABLE {qualified} ALTER COLUMN {columnName} DROP DEFAULT;");
                statements.Add($"ALTER TABLE {qualified} ALTER COLUMN {columnName} TYPE {name}{(isArray ? "[]" : "")} USING {columnName}::text{(isArray ? "[]" : "")}::{name}{(isArray ? "[]" : "")};");
                // The step runs before renames, so the live names are used, and the model's default is found under its new names.
                var desiredTable = _desired.Tables.FirstOrDefault(t => t.Schema == table.Schema && (t.Name == table.Name || t.RenamedFrom == table.Name));
                var desiredDefault = desiredTable?.Columns.FirstOrDefault(c => c.Name == column.Name || c.RenamedFrom == column.Name)?.DefaultSql;
                if (desiredDefault != null)
                    statements.Add($"ALTER TABLE {qualified} ALTER COLUMN {columnName} SET DEFAULT {desiredDefault};");
            }

            statements.Add($"DROP TYPE {SqlSyntax.QualifiedName(desired.Schema, old)};");
            var step = new MigrationStep(StepKind.RecreateEnum, name, statements, Array.Empty<Hazard>());
            return step.WithHazard(HazardKind.EnumValueRemoved, removed.Count > 0
                ? "removes " + string.Join(", ", removed.Select(SqlSyntax.Literal)) + "; rows holding them make the conversion fail"
                : "reorders the values; the type is recreated and every column using it rewritten");
        }

        private void DiffTables()
        {
            var matched = new HashSet<(string, string)>();
            foreach (var desired in _desired.Tables)
            {
                var target = _target.Tables.First(t => t.Schema == desired.Schema && t.Name == desired.Name);
                var live = _live.Tables.FirstOrDefault(t => t.Schema == desired.Schema && t.Name == desired.Name);
                if (live == null && desired.RenamedFrom != null)
                {
                    live = _live.Tables.FirstOrDefault(t => t.Schema == desired.Schema && t.Name == desired.RenamedFrom
                        && !_desired.Tables.Any(d => d.Schema == t.Schema && d.Name == t.Name));
                    if (live != null)
                    {
                        _diff.Renames.Add(new MigrationStep(StepKind.RenameTable, SqlSyntax.QualifiedName(desired.Schema, desired.Name),
                            $"ALTER TABLE {SqlSyntax.QualifiedName(live.Schema, live.Name)} RENAME TO {SqlSyntax.Identifier(desired.Name)};"));
                    }
                }

                if (live == null)
                {
                    CreateTable(desired);
                    continue;
                }

                matched.Add((live.Schema, live.Name));
                var withoutDropped = live with
                {
                    Checks = live.Checks.Where(c => !_dropped.Contains((live.Schema, live.Name, c.Name))).ToEquatableArray(),
                    Indexes = live.Indexes.Where(i => !_dropped.Contains((live.Schema, live.Name, i.Name))).ToEquatableArray(),
                };
                new TableDiffer(desired, target, withoutDropped, _diff).Diff();
            }

            foreach (var extra in DropOrder(_live.Tables.Where(t => !matched.Contains((t.Schema, t.Name))).ToList()))
            {
                var name = SqlSyntax.QualifiedName(extra.Schema, extra.Name);
                _diff.UnmanagedObjects.Add("table " + name);
                _diff.Drift.Add(new Drift(DriftKind.Extra, "table " + name, null, DdlRenderer.TableStatements(extra, _ => true)[0]));
                if (_dropUnmanaged)
                    _diff.UnmanagedTables.Add(new MigrationStep(StepKind.DropTable, name, "DROP TABLE " + name + ";").WithHazard(HazardKind.DataLoss, "drops the table and its rows"));
            }
        }

        // A table is dropped after every other dropped table that references it.
        private static IEnumerable<TableModel> DropOrder(List<TableModel> tables)
        {
            var pending = tables.ToList();
            while (pending.Count > 0)
            {
                var next = pending.FirstOrDefault(t => !pending.Any(o => o != t && o.ForeignKeys.Any(fk => fk.RefSchema == t.Schema && fk.RefTable == t.Name)))
                    ?? pending[0]; // a cycle: the first drop fails and names it
                pending.Remove(next);
                yield return next;
            }
        }

        private void CreateTable(TableModel desired)
        {
            var name = SqlSyntax.QualifiedName(desired.Schema, desired.Name);
            // Foreign keys are added after every new table exists, so creation order never matters.
            _diff.Tables.Add(new MigrationStep(StepKind.CreateTable, name, DdlRenderer.TableStatements(desired, _ => false), Array.Empty<Hazard>()));
            foreach (var fk in desired.ForeignKeys)
                _diff.Constraints.Add(new MigrationStep(StepKind.AddForeignKey, name + "." + fk.Name, DdlRenderer.AddForeignKey(desired, fk)));
            _diff.Drift.Add(new Drift(DriftKind.Missing, "table " + name, DdlRenderer.TableStatements(desired, _ => true)[0], null));
        }

        internal static bool Mentions(string expression, string column) =>
            System.Text.RegularExpressions.Regex.IsMatch(expression, @"(^|[^A-Za-z0-9_""])""?" + System.Text.RegularExpressions.Regex.Escape(column) + @"""?($|[^A-Za-z0-9_""])");

        private static bool IsSubsequence(List<string> items, EquatableArray<string> of)
        {
            var position = 0;
            foreach (var label in of)
            {
                if (position < items.Count && items[position] == label)
                    position++;
            }

            return position == items.Count;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// Compares the live schema (after the plan's renames) with the model and lists the steps between them,
    /// each with the difference it corrects. Objects are compared as PostgreSQL renders them (the target: the
    /// model created in a scratch schema and read back), and the DDL of each step is rendered from the model
    /// itself (the desired model).
    /// </summary>
    internal sealed class SchemaDiffer
    {
        private readonly SchemaModel _desired;
        private readonly SchemaModel _target;
        private readonly SchemaModel _live;
        private readonly bool _dropUnmanaged;
        private readonly SchemaDiff _diff = new();
        private readonly DiffContext _context;

        private SchemaDiffer(SchemaModel desired, SchemaModel target, SchemaModel live, bool dropUnmanaged, DiffContext context)
        {
            _desired = desired;
            _target = target;
            _live = live;
            _dropUnmanaged = dropUnmanaged;
            _context = context;
        }

        /// <param name="desired">The model, with the deployment's schema names.</param>
        /// <param name="target">The model as PostgreSQL prints it back (same names).</param>
        /// <param name="live">What the database has, after the plan's renames.</param>
        /// <param name="dropUnmanaged">Drop objects in the managed schemas that the model does not have.</param>
        /// <param name="uncastable">Column type changes (from, to) PostgreSQL has no cast for.</param>
        public static SchemaDiff Diff(SchemaModel desired, SchemaModel target, SchemaModel live, bool dropUnmanaged, ISet<(string From, string To)>? uncastable = null)
        {
            var differ = new SchemaDiffer(desired, target, live, dropUnmanaged, new DiffContext(desired, uncastable ?? new HashSet<(string, string)>()));
            differ.DiffSchemas();
            ExtensionDiffer.Diff(desired, live, differ._diff);
            differ.DiffEnums();
            DomainDiffer.Diff(desired, target, live, differ._diff, differ._context);
            // The functions first: what of the tables calls one they replace makes way for it, and the tables' diff puts it back.
            new RoutineDiffer(desired, target, live, differ._diff, dropUnmanaged, differ._context).Diff();
            FunctionDependents.Drop(live, differ._diff, differ._context);
            differ.DiffTables();
            UnmanagedDiffer.Diff(live with { Unmanaged = DomainDiffer.OtherUnmanaged(desired, TemplateObjectDiffer.OtherUnmanaged(live), differ._diff) }, differ._diff, dropUnmanaged);
            TemplateObjectDiffer.Diff(desired, target, live, differ._diff, dropUnmanaged, differ._context);
            CatalogStateDiffer.Diff(desired, live, differ._diff);
            return differ._diff;
        }

        private void DiffSchemas()
        {
            foreach (var schema in SchemaMapping.UsedSchemas(_desired).Where(s => !_live.Schemas.Contains(s)))
            {
                _diff.Schemas.Add(new MigrationStep(StepKind.CreateSchema, schema, DdlRenderer.CreateSchema(schema))
                    .Because(new Drift(DriftKind.Missing, "schema " + schema, DdlRenderer.CreateSchema(schema), null)));
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
                    _diff.Enums.Add(new MigrationStep(StepKind.CreateEnum, name, CreateEnum(desired), Array.Empty<Hazard>())
                        .Because(new Drift(DriftKind.Missing, "type " + name, DdlRenderer.CreateEnum(desired), null)));
                    continue;
                }

                var recreated = DiffLabels(desired, live, name);
                if (!recreated && desired.Comment != live.Comment)
                {
                    _diff.Comments.Add(new MigrationStep(StepKind.SetComment, name, DdlRenderer.CommentOnType(desired, desired.Comment))
                        .Because(new Drift(DriftKind.Different, "comment on type " + name, desired.Comment, live.Comment)));
                }
            }

            foreach (var extra in _live.Enums.Where(l => !_desired.Enums.Any(d => d.Schema == l.Schema && d.Name == l.Name)))
            {
                var name = SqlSyntax.QualifiedName(extra.Schema, extra.Name);
                _diff.UnmanagedObjects.Add("type " + name);
                if (_dropUnmanaged)
                {
                    _diff.UnmanagedTypes.Add(new MigrationStep(StepKind.DropEnum, name, AlterRenderer.DropType(name))
                        .Because(new Drift(DriftKind.Extra, "type " + name, null, DdlRenderer.CreateEnum(extra))));
                }
            }
        }

        // A new or recreated type gets its comment in the same step.
        private static IReadOnlyList<string> CreateEnum(EnumModel desired) =>
            desired.Comment == null ? new[] { DdlRenderer.CreateEnum(desired) } : new[] { DdlRenderer.CreateEnum(desired), DdlRenderer.CommentOnType(desired, desired.Comment) };

        // True when the type is recreated. Renamed labels are already renamed (RenameDiffer runs first).
        private bool DiffLabels(EnumModel desired, EnumModel live, string name)
        {
            var labels = live.Labels.ToList();
            if (labels.SequenceEqual(desired.Labels))
                return false;

            var cause = new Drift(DriftKind.Different, "type " + name, DdlRenderer.CreateEnum(desired), DdlRenderer.CreateEnum(live));
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
                    _diff.Enums.Add(new MigrationStep(StepKind.AddEnumValue, name, AlterRenderer.AddEnumValue(name, label, position)).Because(cause));
                    labels.Insert(i, label);
                }

                return false;
            }

            _diff.Enums.Add(new EnumRecreation(_desired, _live, _context).Step(desired, name, labels.Except(desired.Labels).ToList(), cause));
            return true;
        }

        private void DiffTables()
        {
            var matched = new HashSet<(string, string)>();
            var targets = TableIndex.ByName(_target);
            var lives = TableIndex.ByName(_live);
            var partitioned = CatalogStateDiffer.Partitioned(_live);
            foreach (var desired in _desired.Tables)
            {
                var target = targets[(desired.Schema, desired.Name)];
                if (!lives.TryGetValue((desired.Schema, desired.Name), out var live))
                {
                    CreateTable(desired);
                    continue;
                }

                matched.Add((live.Schema, live.Name));
                if (partitioned.Contains((live.Schema, live.Name)))
                {
                    Recreate(desired);
                    continue;
                }

                // A table PostgreSQL prints as the target has nothing to change, unless an earlier step takes part of it with it.
                // (Every deployment's re-verification relies on exactly this: its diff of a table read back equal is empty.)
                if (!_context.TakesPartOf(live.Schema, live.Name) && target.Equals(live))
                    continue;

                _diff.ForTable(SqlSyntax.QualifiedName(live.Schema, live.Name), () => new TableDiffer(desired, target, _context.WithoutDropped(live), _diff, _context).Diff());
            }

            var parents = CatalogStateDiffer.Parents(_live);
            foreach (var extra in DropOrder(_live.Tables.Where(t => !matched.Contains((t.Schema, t.Name))).ToList(), parents))
            {
                var name = SqlSyntax.QualifiedName(extra.Schema, extra.Name);
                _diff.UnmanagedObjects.Add("table " + name);
                // A partition of a table of these schemas goes with it: that table is dropped too, or created again.
                var droppedWithParent = parents.Any(p => p.IsPartition && p.Child == (extra.Schema, extra.Name) && _live.Tables.Any(t => (t.Schema, t.Name) == p.Parent));
                if (_dropUnmanaged && !droppedWithParent)
                {
                    _diff.UnmanagedTables.Add(new MigrationStep(StepKind.DropTable, name, AlterRenderer.DropTable(name)) { Table = name }
                        .WithProbe(HazardKind.DataLoss, AlterRenderer.Count(name), "drops the table and its {0} row(s)", always: true)
                        .Because(new Drift(DriftKind.Extra, "table " + name, null, DdlRenderer.TableStatements(extra, _ => true)[0])));
                }
            }
        }

        // A table is dropped after every other dropped table that references it or inherits from it.
        private static IEnumerable<TableModel> DropOrder(List<TableModel> tables, IReadOnlyList<TableParent> parents)
        {
            var pending = tables.ToList();
            bool DependsOn(TableModel table, TableModel on) =>
                table.ForeignKeys.Any(fk => fk.RefSchema == on.Schema && fk.RefTable == on.Name)
                || parents.Any(p => p.Child == (table.Schema, table.Name) && p.Parent == (on.Schema, on.Name));
            while (pending.Count > 0)
            {
                var next = pending.FirstOrDefault(t => !pending.Any(o => o != t && DependsOn(o, t)))
                    ?? pending[0]; // a cycle: the first drop fails and names it
                pending.Remove(next);
                yield return next;
            }
        }

        // PostgreSQL cannot make a partitioned table plain: it is dropped with its rows (a hazard) and created, in one step that
        // every mode runs in that order. The foreign keys that reference it are dropped first and added back
        // (CatalogStateDiffer); anything else that depends on it makes the DROP fail and names it.
        private void Recreate(TableModel desired)
        {
            var name = SqlSyntax.QualifiedName(desired.Schema, desired.Name);
            var cause = CatalogStateDiffer.PartitionedDrift(name);
            var statements = new[] { AlterRenderer.DropTable(name) }.Concat(DdlRenderer.TableStatements(desired, _ => false)).ToList();
            _diff.Tables.Add(new MigrationStep(StepKind.RecreateTable, name, statements, Array.Empty<Hazard>()) { Table = name }
                .WithProbe(HazardKind.DataLoss, AlterRenderer.Count(name),
                    "the table is partitioned and the model's is not, which PostgreSQL cannot change in place: it is dropped with its partitions and {0} row(s), and created again",
                    always: true)
                .Because(cause));
            AddForeignKeys(desired, name, cause);
        }

        private void CreateTable(TableModel desired)
        {
            var name = SqlSyntax.QualifiedName(desired.Schema, desired.Name);
            var cause = new Drift(DriftKind.Missing, "table " + name, DdlRenderer.TableStatements(desired, _ => true)[0], null);
            _diff.Tables.Add(new MigrationStep(StepKind.CreateTable, name, DdlRenderer.TableStatements(desired, _ => false), Array.Empty<Hazard>()).Because(cause));
            AddForeignKeys(desired, name, cause);
        }

        // Foreign keys are added after every new table exists, so creation order never matters.
        private void AddForeignKeys(TableModel desired, string name, Drift cause)
        {
            foreach (var fk in desired.ForeignKeys)
                _diff.Constraints.Add(new MigrationStep(StepKind.AddForeignKey, name + "." + fk.Name, DdlRenderer.AddForeignKey(desired, fk))
                    {
                        ReferencedTable = SqlSyntax.QualifiedName(fk.RefSchema, fk.RefTable),
                    }
                    .Because(cause));
        }

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

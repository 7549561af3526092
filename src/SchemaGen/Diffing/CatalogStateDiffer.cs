using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The state of objects the model manages that changes what they do although their definitions are the model's: an
    /// UNLOGGED table (its rows are lost in a crash and never reach a replica), a trigger that does not fire as created
    /// (disabled, or set to fire only on replicas or always), and a foreign key whose triggers do not fire (ALTER TABLE …
    /// DISABLE TRIGGER ALL: the key is not enforced), a default on a template view's column (INSERTs through the view
    /// take it), and a table that is not a table of its own (it inherits from another, has children, is a partition, or a
    /// typed table). Each is drift, set back by every deployment: the table made logged, the trigger enabled, the foreign
    /// key created again (which checks the rows written while it was not enforced), the default dropped, the link removed
    /// with the rows kept. A partitioned table cannot be set back in place: <see cref="SchemaDiffer"/> creates it again. A
    /// state of an object the plan creates again anyway needs no step of its own. Runs after every other differ, whose
    /// steps it looks at.
    /// </summary>
    internal static class CatalogStateDiffer
    {
        /// <summary>Whether the catalog entry is a state of a managed object rather than an object of its own.</summary>
        public static bool IsState(CatalogObjectKind kind) =>
            kind is CatalogObjectKind.UnloggedTable or CatalogObjectKind.DisabledTrigger or CatalogObjectKind.UnenforcedForeignKey or CatalogObjectKind.ViewColumnDefault
                or CatalogObjectKind.PartitionedTable or CatalogObjectKind.TableInheritance or CatalogObjectKind.TablePartition or CatalogObjectKind.TypedTable;

        /// <summary>The live tables that are partitioned (SchemaDiffer creates a table of the model that is, again).</summary>
        public static HashSet<(string Schema, string Name)> Partitioned(SchemaModel live) =>
            new(live.Unmanaged.Where(u => u.Kind == CatalogObjectKind.PartitionedTable).Select(u => (u.Schema, u.Name)));

        /// <summary>The difference of a table of the model that is partitioned in the database.</summary>
        public static Drift PartitionedDrift(string table) => new(DriftKind.Different, "table " + table, "a table", "a partitioned table (PARTITION BY)");

        /// <summary>Every link between a table and its parent (inheritance or partitioning) with a side in the managed schemas.</summary>
        public static IReadOnlyList<TableParent> Parents(SchemaModel live) => live.Unmanaged
            .Where(u => u.Kind is CatalogObjectKind.TableInheritance or CatalogObjectKind.TablePartition)
            .Select(u =>
            {
                // The parent as quote_ident prints it: schema.name, each part quoted where it must be.
                var parent = SqlSyntax.NameReferences(u.Name, dollarQuotedIsCode: false).Single();
                return new TableParent((u.Schema, u.Table!), (parent.Qualifier!, parent.Name), u.Kind == CatalogObjectKind.TablePartition);
            })
            .ToList();

        public static void Diff(SchemaModel desired, SchemaModel live, SchemaDiff diff)
        {
            DiffParents(desired, live, diff);
            foreach (var state in live.Unmanaged.Where(u => IsState(u.Kind)))
            {
                var table = SqlSyntax.QualifiedName(state.Schema, state.Table!); // for a view's column default, the view
                var desiredTable = desired.Tables.FirstOrDefault(t => t.Schema == state.Schema && t.Name == state.Table);
                switch (state.Kind)
                {
                    case CatalogObjectKind.UnloggedTable when desiredTable != null && !diff.Tables.Any(s => s.Kind == StepKind.CreateTable && s.Object == table):
                        diff.Tables.Add(new MigrationStep(StepKind.SetLogged, table, AlterRenderer.SetLogged(table)) { Table = table }
                            .Because(new Drift(DriftKind.Different, "table " + table, "logged", "UNLOGGED")));
                        break;

                    // Before any other step: a typed table's columns cannot be changed, nor its type dropped (DropUnmanaged).
                    case CatalogObjectKind.TypedTable when desiredTable != null && !diff.Tables.Any(s => s.Kind == StepKind.RecreateTable && s.Object == table):
                        diff.Drops.Add(new MigrationStep(StepKind.NotOf, table, AlterRenderer.NotOf(table)) { Table = table }
                            .Because(new Drift(DriftKind.Different, "table " + table, "a table of its own", "a typed table OF " + state.Name)));
                        break;

                    case CatalogObjectKind.DisabledTrigger:
                        var trigger = table + "." + SqlSyntax.Identifier(state.Name);
                        if (desired.Triggers.Any(t => t.Schema == state.Schema && t.Table == state.Table && t.Name == state.Name)
                            && !diff.Triggers.Any(s => s.Kind == StepKind.CreateTrigger && s.Object == trigger)) // CREATE OR REPLACE enables it
                        {
                            diff.Triggers.Add(new MigrationStep(StepKind.EnableTrigger, trigger, AlterRenderer.EnableTrigger(table, state.Name)) { Table = table }
                                .Because(new Drift(DriftKind.Different, "trigger " + trigger, "enabled", "disabled (or firing only on replicas, or always)")));
                        }

                        break;

                    case CatalogObjectKind.UnenforcedForeignKey:
                        var key = table + "." + state.Name;
                        var foreignKey = desiredTable?.ForeignKeys.FirstOrDefault(f => f.Name == state.Name);
                        if (foreignKey == null || diff.ForeignKeyDrops.Any(s => s.Object == key))
                            break; // dropped, or dropped and created again, by the table's own differ
                        var cause = new Drift(DriftKind.Different, "foreign key " + key, "enforced", "not enforced: its triggers are disabled");
                        diff.ForeignKeyDrops.Add(new MigrationStep(StepKind.DropForeignKey, key, AlterRenderer.DropConstraint(table, state.Name)) { Table = table }.Because(cause));
                        diff.Constraints.Add(new MigrationStep(StepKind.AddForeignKey, key,
                            AlterRenderer.AddConstraint(table, DdlRenderer.ForeignKeyConstraint(foreignKey), notValid: true),
                            AlterRenderer.ValidateConstraint(table, state.Name))
                        {
                            ReferencedTable = SqlSyntax.QualifiedName(foreignKey.RefSchema, foreignKey.RefTable),
                            Table = table,
                        }.Because(cause));
                        break;

                    case CatalogObjectKind.ViewColumnDefault:
                        if (!desired.Objects.Any(o => o.Kind == TemplateObjectKind.View && o.Schema == state.Schema && o.Name == state.Table)
                            || diff.ViewDrops.Any(s => s.Object == table))
                            break; // not the model's (an unmanaged view), or created again without it
                        var column = table + "." + SqlSyntax.Identifier(state.Name);
                        diff.Views.Add(new MigrationStep(StepKind.DropDefault, column, AlterRenderer.DropViewDefault(table, state.Name))
                            .Because(new Drift(DriftKind.Different, "default of view column " + column, "none", "a default")));
                        break;
                }
            }
        }

        // A table of the model inherits from no table, has no children and is no partition: the link is removed from the child
        // (NO INHERIT, DETACH PARTITION), before any other step, so that the table's own steps and a drop of the other side
        // (DropUnmanaged) act on it alone. Partitions of a partitioned table the model has go with it (SchemaDiffer creates
        // it again), and the foreign keys of the model that reference such a table are dropped before it and added back after.
        private static void DiffParents(SchemaModel desired, SchemaModel live, SchemaDiff diff)
        {
            var model = TableIndex.ByName(desired);
            var liveTables = TableIndex.ByName(live);
            var partitioned = Partitioned(live);
            bool IsModel((string Schema, string Name) table) => model.ContainsKey(table);
            bool IsRecreated((string Schema, string Name) table) => IsModel(table) && liveTables.ContainsKey(table) && partitioned.Contains(table);

            foreach (var link in Parents(live))
            {
                var child = SqlSyntax.QualifiedName(link.Child.Schema, link.Child.Name);
                var parent = SqlSyntax.QualifiedName(link.Parent.Schema, link.Parent.Name);
                if (IsRecreated(link.Child) || IsRecreated(link.Parent) || !(IsModel(link.Child) || IsModel(link.Parent)))
                    continue;
                var cause = IsModel(link.Child)
                    ? new Drift(DriftKind.Different, "table " + child, "a table of its own", (link.IsPartition ? "a partition of " : "inherits from ") + parent)
                    : new Drift(DriftKind.Different, "table " + parent, "no child tables", "inherited by " + child);
                var step = link.IsPartition
                    ? new MigrationStep(StepKind.DetachPartition, child, AlterRenderer.DetachPartition(parent, child))
                    : new MigrationStep(StepKind.NoInherit, child, AlterRenderer.NoInherit(child, parent));
                diff.Drops.Add((step with { Table = child }).Because(cause));
            }

            foreach (var table in partitioned.Count == 0 ? Enumerable.Empty<TableModel>() : desired.Tables.Where(t => IsRecreated((t.Schema, t.Name))))
            {
                var name = SqlSyntax.QualifiedName(table.Schema, table.Name);
                foreach (var referencing in live.Tables)
                {
                    var own = SqlSyntax.QualifiedName(referencing.Schema, referencing.Name);
                    foreach (var fk in referencing.ForeignKeys.Where(f => f.RefSchema == table.Schema && f.RefTable == table.Name && !(referencing.Schema == table.Schema && referencing.Name == table.Name)))
                    {
                        var key = own + "." + fk.Name;
                        var modelKey = desired.Tables.FirstOrDefault(t => t.Schema == referencing.Schema && t.Name == referencing.Name)?.ForeignKeys.FirstOrDefault(f => f.Name == fk.Name);
                        if (modelKey == null || diff.ForeignKeyDrops.Any(s => s.Object == key))
                            continue; // not the model's (the DROP TABLE fails and names it), or dropped and added by its table's differ
                        var cause = PartitionedDrift(name);
                        diff.ForeignKeyDrops.Add(new MigrationStep(StepKind.DropForeignKey, key, AlterRenderer.DropConstraint(own, fk.Name)) { Table = own }.Because(cause));
                        diff.Constraints.Add(new MigrationStep(StepKind.AddForeignKey, key, AlterRenderer.AddConstraint(own, DdlRenderer.ForeignKeyConstraint(modelKey), notValid: true),
                            AlterRenderer.ValidateConstraint(own, fk.Name))
                        {
                            ReferencedTable = name,
                            Table = own,
                        }.Because(cause));
                    }
                }
            }
        }
    }
}

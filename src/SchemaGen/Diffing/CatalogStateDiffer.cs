using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// The state of objects the model manages that changes what they do although their definitions are the model's: an
    /// UNLOGGED table (its rows are lost in a crash and never reach a replica), a trigger that does not fire as created
    /// (disabled, or set to fire only on replicas or always), and a foreign key whose triggers do not fire (ALTER TABLE …
    /// DISABLE TRIGGER ALL: the key is not enforced), and a default on a template view's column (INSERTs through the view
    /// take it). Each is drift, set back by every deployment: the table made logged, the trigger enabled, the foreign key
    /// created again (which checks the rows written while it was not enforced), the default dropped. A state of an object
    /// the plan creates again anyway needs no step of its own. Runs after every other differ, whose steps it looks at.
    /// </summary>
    internal static class CatalogStateDiffer
    {
        /// <summary>Whether the catalog entry is a state of a managed object rather than an object of its own.</summary>
        public static bool IsState(CatalogObjectKind kind) =>
            kind is CatalogObjectKind.UnloggedTable or CatalogObjectKind.DisabledTrigger or CatalogObjectKind.UnenforcedForeignKey or CatalogObjectKind.ViewColumnDefault;

        public static void Diff(SchemaModel desired, SchemaModel live, SchemaDiff diff)
        {
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
    }
}

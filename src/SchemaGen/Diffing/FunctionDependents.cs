using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Diffing
{
    /// <summary>
    /// What of the live tables calls a function the plan drops and creates again (its result type or parameters changed,
    /// or the enum it uses is recreated): PostgreSQL refuses to drop a function a column default, check, index or generated
    /// column depends on (2BP01). They are dropped first, before any type or table change, and marked in the context, so the
    /// table diff sees them absent and creates them again from the model once the function exists. A generated column is
    /// dropped and added again: its values are computed, nothing is lost. Each step's cause is the function's difference.
    /// </summary>
    internal static class FunctionDependents
    {
        public static void Drop(SchemaModel live, SchemaDiff diff, DiffContext context)
        {
            // By name, as views are (DependentViews): a call names the function, and any overload's drop is reason enough.
            var replaced = live.Functions.Select(f => (Function: f, Cause: context.ReplacedBecause(f.Schema, f.Name))).Where(r => r.Cause != null).ToList();
            if (replaced.Count == 0)
                return;
            Drift? CauseOf(string? expression) => expression == null ? null : replaced.FirstOrDefault(r => RoutineDiffer.Calls(expression, r.Function)).Cause;

            foreach (var table in live.Tables)
            {
                var qualified = SqlSyntax.QualifiedName(table.Schema, table.Name);
                var steps = new List<MigrationStep>();
                void Add(StepKind kind, string name, string sql, Drift cause) => steps.Add(new MigrationStep(kind, qualified + "." + name, sql).Because(cause));

                foreach (var column in table.Columns)
                {
                    if (CauseOf(column.GeneratedSql) is { } generated)
                    {
                        Add(StepKind.DropColumn, column.Name, AlterRenderer.DropColumn(qualified, column.Name), generated);
                        context.DroppedColumn(table.Schema, table.Name, column.Name);
                        // PostgreSQL drops what uses the column with it; the table diff creates those again too.
                        foreach (var check in table.Checks.Where(k => DiffContext.Mentions(k.Expression, column.Name)))
                            context.Dropped(table.Schema, table.Name, check.Name);
                        foreach (var index in table.Indexes.Where(i => i.KeyColumns.Contains(column.Name) || i.Include.Contains(column.Name)
                                     || (i.Definition != null && DiffContext.Mentions(i.Definition, column.Name))))
                            context.Dropped(table.Schema, table.Name, index.Name);
                    }
                    else if (CauseOf(column.DefaultSql) is { } defaulted)
                    {
                        Add(StepKind.DropDefault, column.Name, AlterRenderer.AlterColumn(qualified, column.Name, "DROP DEFAULT"), defaulted);
                        context.DroppedDefault(table.Schema, table.Name, column.Name);
                    }
                }

                foreach (var check in table.Checks)
                {
                    if (CauseOf(check.Expression) is { } cause)
                    {
                        Add(StepKind.DropCheck, check.Name, AlterRenderer.DropConstraint(qualified, check.Name), cause);
                        context.Dropped(table.Schema, table.Name, check.Name);
                    }
                }

                foreach (var index in table.Indexes)
                {
                    if (CauseOf(index.Definition ?? index.Where) is { } cause)
                    {
                        Add(StepKind.DropIndex, index.Name, AlterRenderer.DropIndex(table.Schema, index.Name), cause);
                        context.Dropped(table.Schema, table.Name, index.Name);
                    }
                }

                diff.ForTable(qualified, () => diff.DependentDrops.AddRange(steps));
            }
        }
    }
}

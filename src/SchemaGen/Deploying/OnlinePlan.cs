using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>One transaction of an online deploy (or, when <see cref="Concurrent"/>, statements that run outside one).</summary>
    /// <param name="Phase">The phase it belongs to: expand, indexes, validate, not-null, contract.</param>
    /// <param name="Step">The step, with the statements of this unit only and their cost.</param>
    /// <param name="Concurrent">CREATE/DROP INDEX CONCURRENTLY: each statement on its own, outside a transaction.</param>
    internal sealed record OnlineUnit(string Phase, MigrationStep Step, bool Concurrent = false);

    /// <summary>
    /// Splits a plan into the phases of <see cref="DeployMode.Online"/>, so that no scan runs under a lock that blocks
    /// writers and every state between two units is a valid database:
    /// <list type="number">
    /// <item>expand — one transaction: everything catalog-only in plan order (new types, tables, columns, renames,
    /// defaults, drops of constraints and indexes being replaced) and the CHECKs and FOREIGN KEYs as NOT VALID;</item>
    /// <item>indexes — each index built with CREATE INDEX CONCURRENTLY (after dropping a leftover an interrupted build left
    /// INVALID); a primary key's unique index the same way;</item>
    /// <item>validate — each VALIDATE CONSTRAINT in its own transaction (SHARE UPDATE EXCLUSIVE: writes go on);</item>
    /// <item>not-null — each SET NOT NULL over its validated CHECK (no scan), then the helper CHECK dropped; primary keys
    /// attached with ADD CONSTRAINT … USING INDEX;</item>
    /// <item>references — the foreign keys that reference a primary key the not-null phase attached (PostgreSQL refuses a
    /// foreign key, even NOT VALID, to a key that does not exist yet): added NOT VALID, then validated, each on its own;</item>
    /// <item>contract — columns and tables dropped (only when the plan's hazards were allowed).</item>
    /// </list>
    /// </summary>
    internal static class OnlinePlan
    {
        public static readonly string[] Phases = { "expand", "indexes", "validate", "not-null", "references", "contract" };

        public static List<OnlineUnit> Split(IReadOnlyList<MigrationStep> steps)
        {
            var keysAttachedLater = steps.Where(s => s.Table != null && s.Kind == StepKind.AddPrimaryKey && s.UsingIndex != null).Select(s => s.Table!).ToHashSet();
            var expand = new List<MigrationStep>();
            var later = new List<OnlineUnit>();
            foreach (var step in steps)
            {
                var onExisting = step.Table != null;
                if (step.Kind == StepKind.AddForeignKey && step.ReferencedTable != null && keysAttachedLater.Contains(step.ReferencedTable))
                {
                    // ADD … [NOT VALID] | VALIDATE CONSTRAINT (a new table's key is added validated: it has no rows)
                    var validate = ValidateIndex(step);
                    later.Add(new OnlineUnit("references", validate < 0 ? step : Part(step, step.Statements.Take(validate).ToArray())));
                    if (validate >= 0)
                        later.Add(new OnlineUnit("references", Part(step, step.Statements.Skip(validate).ToArray())));
                }
                else if (onExisting && step.Kind == StepKind.CreateIndex && step.IndexName != null)
                {
                    later.Add(new OnlineUnit("indexes", Part(step, AlterRenderer.DropIndexConcurrently(step.IndexName), AlterRenderer.CreateIndexConcurrently(step.Statements[0])), Concurrent: true));
                    if (step.Statements.Count > 1)
                        later.Add(new OnlineUnit("indexes", Part(step, step.Statements.Skip(1).ToArray())));
                }
                else if (onExisting && step.Kind == StepKind.AddPrimaryKey && step.UsingIndex != null)
                {
                    later.Add(new OnlineUnit("indexes", Part(step, AlterRenderer.DropIndexConcurrently(step.IndexName!), step.UsingIndex[0]), Concurrent: true));
                    later.Add(new OnlineUnit("not-null", Part(step, step.UsingIndex.Skip(1).ToArray())));
                }
                else if ((onExisting && step.Kind is StepKind.AddCheck or StepKind.AddForeignKey or StepKind.SetNotNull) || step.Kind == StepKind.AddDomainCheck)
                {
                    // ADD … NOT VALID | VALIDATE CONSTRAINT | SET NOT NULL, DROP CONSTRAINT (the helper check of SetNotNull);
                    // a domain's: [DROP CONSTRAINT,] ADD … NOT VALID | VALIDATE CONSTRAINT (scanning every column of the domain)
                    var validate = ValidateIndex(step);
                    expand.Add(Part(step, step.Statements.Take(validate).ToArray()));
                    later.Add(new OnlineUnit("validate", Part(step, step.Statements[validate])));
                    if (validate + 1 < step.Statements.Count)
                        later.Add(new OnlineUnit("not-null", Part(step, step.Statements.Skip(validate + 1).ToArray())));
                }
                else if (onExisting && step.Kind == StepKind.ValidateConstraint)
                {
                    later.Add(new OnlineUnit("validate", step)); // a constraint an interrupted online deploy left NOT VALID
                }
                else if (step.Kind is StepKind.DropColumn or StepKind.DropTable)
                {
                    later.Add(new OnlineUnit("contract", step));
                }
                else
                {
                    expand.Add(step);
                }
            }

            var units = expand.Select(s => new OnlineUnit("expand", s)).ToList();
            units.AddRange(later.OrderBy(u => Array.IndexOf(Phases, u.Phase))); // stable: plan order within a phase
            return units;
        }

        private static int ValidateIndex(MigrationStep step) => step.Statements.ToList().FindIndex(s => s.Contains(" VALIDATE CONSTRAINT "));

        // The same step running only some of its statements, with the cost of those (the table's size is kept).
        private static MigrationStep Part(MigrationStep step, params string[] statements)
        {
            var part = step with { Statements = statements };
            var size = step.Cost.Table == null ? ((long? Rows, long Bytes)?)null : (step.Cost.EstimatedRows, step.Cost.SizeBytes ?? 0);
            return StepCosts.Costed(part, size);
        }
    }
}

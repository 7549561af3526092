using System;
using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// The lock each statement the deployer writes takes on its table, and whether it scans or rewrites it: PostgreSQL's
    /// "Explicit Locking" table and ALTER TABLE's notes, as Squawk, strong_migrations and Atlas's analyzer read them.
    /// The statements come from AlterRenderer and DdlRenderer, so their shapes are known; the step kind tells a
    /// CHECK's text from a FOREIGN KEY's. A test takes each kind of step in an open transaction and reads pg_locks.
    /// </summary>
    internal static class LockRules
    {
        /// <summary>The strongest lock of the step's statements and the most expensive thing they do to the rows.</summary>
        public static (TableLock Lock, TableImpact Impact) Of(MigrationStep step)
        {
            var costs = step.Statements.Select(s => Of(step, s)).ToList();
            return (costs.Select(c => c.Lock).DefaultIfEmpty().Max(), costs.Select(c => c.Impact).DefaultIfEmpty().Max());
        }

        public static (TableLock Lock, TableImpact Impact) Of(MigrationStep step, string sql)
        {
            if (Starts(sql, "CREATE INDEX CONCURRENTLY ") || Starts(sql, "CREATE UNIQUE INDEX CONCURRENTLY "))
                return (TableLock.ShareUpdateExclusive, TableImpact.Scan);
            if (Starts(sql, "CREATE INDEX ") || Starts(sql, "CREATE UNIQUE INDEX "))
                return (TableLock.Share, TableImpact.Scan);
            if (Starts(sql, "DROP INDEX CONCURRENTLY "))
                return (TableLock.ShareUpdateExclusive, TableImpact.None);
            if (Starts(sql, "COMMENT ON "))
                return (TableLock.ShareUpdateExclusive, TableImpact.None);
            if (Starts(sql, "CREATE OR REPLACE TRIGGER "))
                return (TableLock.ShareRowExclusive, TableImpact.None);
            if (Starts(sql, "DROP RULE "))
                return (TableLock.AccessExclusive, TableImpact.None);
            if (Starts(sql, "SELECT setval("))
                return (TableLock.AccessShare, TableImpact.Scan);
            if (Starts(sql, "CREATE MATERIALIZED VIEW "))
                return (TableLock.None, TableImpact.Scan); // runs its query to fill it (unless WITH NO DATA)
            if (Starts(sql, "DROP INDEX ") || Starts(sql, "DROP TABLE ") || Starts(sql, "DROP TRIGGER ") || Starts(sql, "DROP MATERIALIZED VIEW ") || Starts(sql, "DROP VIEW "))
                return (TableLock.AccessExclusive, TableImpact.None);
            if (!Starts(sql, "ALTER TABLE "))
                return (TableLock.None, TableImpact.None); // a new table, a type, a function, a schema: nothing existing waits

            if (step.Kind == StepKind.EnableTrigger)
                return (TableLock.ShareRowExclusive, TableImpact.None);
            if (step.Kind == StepKind.SetLogged)
                return (TableLock.AccessExclusive, TableImpact.Rewrite); // written to the WAL again, into a new file
            var notValid = sql.EndsWith(" NOT VALID;", StringComparison.Ordinal);
            if (sql.Contains(" VALIDATE CONSTRAINT "))
                return (TableLock.ShareUpdateExclusive, TableImpact.Scan);
            if (step.Kind == StepKind.AddForeignKey)
                return (TableLock.ShareRowExclusive, notValid ? TableImpact.None : TableImpact.Scan);
            if (sql.Contains(" USING INDEX "))
                return (TableLock.AccessExclusive, TableImpact.None);
            if (sql.EndsWith(" SET NOT NULL;", StringComparison.Ordinal)) // a SetNotNull step validates its CHECK first: SET NOT NULL trusts it
                return (TableLock.AccessExclusive, step.Kind == StepKind.SetNotNull ? TableImpact.None : TableImpact.Scan);
            if (step.Kind == StepKind.AddPrimaryKey)
                return (TableLock.AccessExclusive, TableImpact.Scan); // the index build
            if (sql.Contains(" ADD CONSTRAINT "))
                return (TableLock.AccessExclusive, notValid ? TableImpact.None : TableImpact.Scan);
            if (sql.Contains(" ADD COLUMN ") || (sql.Contains(" ALTER COLUMN ") && sql.Contains(" TYPE ")))
                return (TableLock.AccessExclusive, step.Rewrites || step.Kind == StepKind.RecreateEnum ? TableImpact.Rewrite : TableImpact.None); // an enum recreated converts via text
            return (TableLock.AccessExclusive, TableImpact.None);
        }

        /// <summary>Why the step may stall other sessions on a table that may have rows; empty when it should not.</summary>
        public static IReadOnlyList<string> Warnings(MigrationStep step, TableLock tableLock, TableImpact impact, bool mayHaveRows)
        {
            var warnings = new List<string>();
            if (!mayHaveRows)
                return warnings;
            if (impact == TableImpact.Rewrite)
            {
                warnings.Add(step.Kind == StepKind.AddColumn
                    ? "rewrites the table under ACCESS EXCLUSIVE: the new column's default is volatile (or an identity or generated column), so every row is written again while reads and writes wait (Squawk adding-field-with-default)"
                    : step.Kind == StepKind.SetLogged
                    ? "rewrites the table and its indexes under ACCESS EXCLUSIVE: an unlogged table made logged again is copied into the WAL while reads and writes wait"
                    : "rewrites the table and its indexes under ACCESS EXCLUSIVE: the type change has no binary-compatible cast, so reads and writes wait for the copy (Squawk changing-column-type)");
            }
            else if (step.Kind == StepKind.CreateMaterializedView)
            {
                warnings.Add("drops and fills the materialized view again in the deployment's transaction: its query runs over all its rows now (with WITH NO DATA it stays empty until REFRESH MATERIALIZED VIEW)");
            }
            else if (impact == TableImpact.Scan && step.Kind == StepKind.CreateIndex && tableLock == TableLock.Share)
            {
                warnings.Add("builds the index without CONCURRENTLY under SHARE: writes wait for the whole build (Squawk require-concurrent-index-creation); DeployMode.Online builds it concurrently");
            }
            else if (impact == TableImpact.Scan && tableLock >= TableLock.Share)
            {
                warnings.Add($"scans the table while holding {Name(tableLock)} in the same transaction: writes{(tableLock == TableLock.AccessExclusive ? " and reads" : "")} wait for the validating scan (Squawk constraint-missing-not-valid, strong_migrations); DeployMode.Online validates in a transaction of its own under SHARE UPDATE EXCLUSIVE");
            }

            return warnings;
        }

        /// <summary>The lock as PostgreSQL spells it, e.g. ACCESS EXCLUSIVE.</summary>
        public static string Name(TableLock tableLock) => tableLock switch
        {
            TableLock.AccessShare => "ACCESS SHARE",
            TableLock.ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
            TableLock.Share => "SHARE",
            TableLock.ShareRowExclusive => "SHARE ROW EXCLUSIVE",
            TableLock.AccessExclusive => "ACCESS EXCLUSIVE",
            _ => "no lock",
        };

        private static bool Starts(string sql, string prefix) => sql.StartsWith(prefix, StringComparison.Ordinal);
    }
}

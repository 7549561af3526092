using System.Collections.Generic;

namespace SchemaGen
{
    /// <summary>
    /// The table-level lock a statement takes, weakest first (PostgreSQL's names without "Lock"). A step's lock is the
    /// strongest of its statements': in one transaction PostgreSQL holds every lock until the commit.
    /// </summary>
    public enum TableLock
    {
        /// <summary>No lock on an existing table (a new table, a type, a function).</summary>
        None,

        /// <summary>ACCESS SHARE: blocks only ACCESS EXCLUSIVE (a SELECT).</summary>
        AccessShare,

        /// <summary>SHARE UPDATE EXCLUSIVE: reads and writes go on (VALIDATE CONSTRAINT, CREATE INDEX CONCURRENTLY, COMMENT).</summary>
        ShareUpdateExclusive,

        /// <summary>SHARE: writes wait, reads go on (CREATE INDEX).</summary>
        Share,

        /// <summary>SHARE ROW EXCLUSIVE: writes wait, reads go on (ADD FOREIGN KEY, on both tables; CREATE TRIGGER).</summary>
        ShareRowExclusive,

        /// <summary>ACCESS EXCLUSIVE: reads and writes wait (most ALTER TABLE forms, DROP).</summary>
        AccessExclusive,
    }

    /// <summary>What a step does to the rows of its table beyond changing the catalog.</summary>
    public enum TableImpact
    {
        /// <summary>Catalog only: the time does not grow with the table.</summary>
        None,

        /// <summary>Reads every row (a validating scan, an index build) while holding the step's lock.</summary>
        Scan,

        /// <summary>Writes a new copy of the table and its indexes (a type change without a binary-compatible cast, a volatile default).</summary>
        Rewrite,
    }

    /// <summary>What a step costs: the lock it holds on its table, what it does to the rows, and how big the table is.</summary>
    /// <param name="Lock">The strongest lock the step's statements take on <paramref name="Table"/>.</param>
    /// <param name="Impact">Whether the step scans or rewrites the table.</param>
    /// <param name="Table">The existing table the step locks; null for steps on no table (types, functions) or on a table the plan creates.</param>
    /// <param name="EstimatedRows">pg_class.reltuples; null when PostgreSQL has no estimate (never analyzed) or there is no table.</param>
    /// <param name="SizeBytes">pg_relation_size of the table (its heap, without indexes).</param>
    /// <param name="Warnings">Why the step may stall other sessions, following Squawk and strong_migrations; empty when it should not.</param>
    public sealed record StepCost(TableLock Lock, TableImpact Impact, string? Table, long? EstimatedRows, long? SizeBytes, IReadOnlyList<string> Warnings)
    {
        /// <summary>A step that touches no existing table.</summary>
        public static StepCost Free { get; } = new(TableLock.None, TableImpact.None, null, null, null, new string[0]);

        /// <summary>True when the table may have rows: an estimate above zero, or heap pages when it was never analyzed.</summary>
        public bool MayHaveRows => EstimatedRows > 0 || (EstimatedRows == null && SizeBytes > 0);

        /// <inheritdoc />
        public override string ToString() =>
            Table == null ? Lock.ToString() : $"{Lock}{(Impact == TableImpact.None ? "" : ", " + Impact)} on {Table} (~{EstimatedRows?.ToString() ?? "?"} rows, {SizeBytes ?? 0} bytes)";
    }
}

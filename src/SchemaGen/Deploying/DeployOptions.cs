using System;
using Microsoft.Extensions.Logging;

namespace SchemaGen
{
    /// <summary>How <c>Schema.Deploy</c> brings a database to the model.</summary>
    public sealed class DeployOptions
    {
        /// <summary>Plan only: read the database, compute the steps and their hazards, change nothing.</summary>
        public bool DryRun { get; init; }

        /// <summary>Apply steps that can lose data or fail on existing rows (the plan's hazards). Default: refuse them.</summary>
        public bool AllowDataLoss { get; init; }

        /// <summary>
        /// Deploy into this schema instead of the model's default schema (the one of tables without
        /// <c>[Table(Schema = …)]</c>), e.g. one schema per tenant, from an environment variable.
        /// </summary>
        public string? Schema { get; init; }

        /// <summary>How long to wait for another instance's deployment (the advisory lock) and for table locks. Default: 30 s.</summary>
        public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>The longest any one statement may run (<c>statement_timeout</c>). Default: no limit.</summary>
        public TimeSpan? StatementTimeout { get; init; }

        /// <summary>Build new indexes on existing tables with CREATE INDEX CONCURRENTLY after the transaction, without blocking writes (always so in <see cref="DeployMode.Online"/>).</summary>
        public bool OnlineIndexes { get; init; }

        /// <summary>Atomic (default): one transaction. Online: phases of short transactions that do not stall writers (docs/deploying.md).</summary>
        public DeployMode Mode { get; init; } = DeployMode.Atomic;

        /// <summary>
        /// Online mode: <c>lock_timeout</c> of each attempt at a phase's transaction. An attempt that cannot get its locks
        /// in time gives up (so writers queued behind it are not stalled) and is retried with exponential back-off and
        /// jitter until <see cref="LockTimeout"/> has passed. Default: 2 s.
        /// </summary>
        public TimeSpan OnlineLockTimeout { get; init; } = TimeSpan.FromSeconds(2);

        /// <summary>Online mode: apply steps that rewrite a table with rows under ACCESS EXCLUSIVE (<see cref="HazardKind.TableRewrite"/>). Default: refuse them.</summary>
        public bool AllowTableRewrite { get; init; }

        /// <summary>Drop tables and enum types in the managed schemas that the model does not have. Default: only report them.</summary>
        public bool DropUnmanaged { get; init; }

        /// <summary>Where to log the plan and each applied statement.</summary>
        public ILogger? Logger { get; init; }
    }
}

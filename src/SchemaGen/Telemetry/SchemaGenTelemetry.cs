namespace SchemaGen
{
    /// <summary>
    /// The names under which SchemaGen reports what it does: one <see cref="System.Diagnostics.ActivitySource"/> and one
    /// <see cref="System.Diagnostics.Metrics.Meter"/>, both named <c>"SchemaGen"</c>. Subscribe with OpenTelemetry's
    /// <c>.AddSource(SchemaGenTelemetry.ActivitySourceName)</c> and <c>.AddMeter(SchemaGenTelemetry.MeterName)</c>.
    /// docs/telemetry.md lists every span, tag and instrument.
    /// </summary>
    public static class SchemaGenTelemetry
    {
        /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> of deployments, plans and verifications.</summary>
        public const string ActivitySourceName = "SchemaGen";

        /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> of deployments, plans and verifications.</summary>
        public const string MeterName = "SchemaGen";

        /// <summary>Span and instrument names.</summary>
        public static class Names
        {
            /// <summary>The span of one call: <c>schemagen.deploy</c>, <c>schemagen.plan</c>, <c>schemagen.verify</c> or <c>schemagen.rollback</c>.</summary>
            public const string OperationPrefix = "schemagen.";

            /// <summary>Histogram, seconds: how long each deploy, plan, verify or rollback took (tags: operation, outcome, schema).</summary>
            public const string OperationDuration = "schemagen.operation.duration";

            /// <summary>Counter: steps committed by deployments (tags: schema, step kind).</summary>
            public const string StepsApplied = "schemagen.steps.applied";

            /// <summary>Histogram, seconds: how long a deployment waited for the schema's advisory lock (tag: acquired).</summary>
            public const string LockWait = "schemagen.lock.wait";

            /// <summary>Histogram: the number of drifted objects each verification found (tag: schema).</summary>
            public const string Drift = "schemagen.drift.objects";
        }

        /// <summary>Tag names on spans and measurements.</summary>
        public static class Tags
        {
            /// <summary>The managed schema the history table lives in (the model's default schema after <c>DeployOptions.Schema</c>).</summary>
            public const string Schema = "schemagen.schema";

            /// <summary>The model's hash (<c>Schema.ModelHash</c>).</summary>
            public const string ModelHash = "schemagen.model_hash";

            /// <summary>deploy, plan, verify or rollback.</summary>
            public const string Operation = "schemagen.operation";

            /// <summary>How the call ended: noop, applied, dry_run, planned, clean, drift, refused or failed.</summary>
            public const string Outcome = "schemagen.outcome";

            /// <summary>The number of steps applied (deploy) or planned (plan), or drifted objects (verify).</summary>
            public const string Count = "schemagen.count";

            /// <summary>The phase a failure happened in (<see cref="DeployPhase"/>), on the operation span.</summary>
            public const string Phase = "schemagen.phase";

            /// <summary>The step's kind (<see cref="StepKind"/>), on an apply span and the steps counter.</summary>
            public const string StepKind = "schemagen.step.kind";

            /// <summary>The object a step changes, e.g. <c>table app.jobs</c>.</summary>
            public const string StepObject = "schemagen.step.object";

            /// <summary>The step's position in the plan, from 1.</summary>
            public const string StepNumber = "schemagen.step.number";

            /// <summary>
            /// What decided a deploy's no-op check: <c>stamp</c> (the catalogs' row versions are the marker's: nothing
            /// rendered), <c>marker</c> (no marker of this model: no fingerprint needed), or <c>fingerprint</c> (the stamp
            /// moved, so the server rendered the catalog to compare).
            /// </summary>
            public const string NoOpCheck = "schemagen.noop_check";

            /// <summary>
            /// Where the target (the model as PostgreSQL prints it) came from: <c>stored</c> (the target a deployment of the same
            /// model recorded), <c>scoped</c> (only the tables changed since the last recorded target were rendered in the shadow,
            /// the rest taken from it) or <c>full</c> (the whole model rendered in the shadow). Absent on a first deploy.
            /// </summary>
            public const string Shadow = "schemagen.shadow";

            /// <summary>
            /// Where the live catalog a deploy planned against came from: <c>recorded</c> (the catalog's stamp is the one the last
            /// deployment recorded, so the catalog it read after applying is the live one: <c>RecordedLive</c>) or <c>read</c>.
            /// </summary>
            public const string LiveCatalog = "schemagen.live_catalog";

            /// <summary>
            /// What proved a <c>recorded</c> live catalog current: <c>stamp</c> (the catalog's stamp, computed under the lock, is the
            /// marker's) or <c>steps</c> (a changed model's deploy planned on the record first: the tables its steps act on were as
            /// recorded before applying, and every other catalog row added up as recorded after).
            /// </summary>
            public const string LiveCatalogConfirmedBy = "schemagen.live_catalog.confirmed_by";

            /// <summary>True when a deploy planned on the record without the stamp found it did not hold, rolled back and planned again.</summary>
            public const string Replanned = "schemagen.replanned";

            /// <summary>
            /// How a deploy read the catalog after applying: <c>scoped</c> (only the tables whose catalog rows its steps, or anyone,
            /// changed since the read it planned against: <c>ScopedCatalogRead</c>) or <c>full</c>. Absent on a no-op.
            /// </summary>
            public const string Reverify = "schemagen.reverify";

            /// <summary>
            /// How a scoped re-verification found the tables that moved: <c>listed</c> (the tables the steps act on were split by
            /// table, and every other catalog row added up to the sum recorded: <c>TableStamps.ReadListedAsync</c>) or <c>all</c>
            /// (every catalog row split by the table it belongs to).
            /// </summary>
            public const string ReverifyStamps = "schemagen.reverify.stamps";

            /// <summary>How many tables a scoped re-verification read again.</summary>
            public const string ReverifyTables = "schemagen.reverify.tables";

            /// <summary>How many tables were created in the shadow for the target (0 when it was stored).</summary>
            public const string ShadowTables = "schemagen.shadow.tables";

            /// <summary>Whether the advisory lock was acquired (false: LockTimeout passed).</summary>
            public const string LockAcquired = "schemagen.lock.acquired";

            /// <summary>OpenTelemetry's database name attribute: the database connected to.</summary>
            public const string Database = "db.namespace";

            /// <summary>OpenTelemetry's error attribute: the SQLSTATE, <c>hazards</c> for a refused plan, or the exception's type.</summary>
            public const string ErrorType = "error.type";
        }
    }
}

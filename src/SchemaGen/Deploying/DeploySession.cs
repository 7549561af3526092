using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Diffing;
using SchemaGen.Model;
using SchemaGen.Telemetry;

namespace SchemaGen.Deploying
{
    /// <summary>One deployment, plan or verification of a model against one database.</summary>
    internal sealed partial class DeploySession
    {
        private readonly DeployTarget _target;
        private readonly NpgsqlConnection _connection;
        private readonly DeployOptions _options;
        private readonly HistoryTable _history;

        // The model in the options' schema, checked and decoded on first use: a no-op decided by the stamp never needs it.
        private SchemaModel? _desired;
        private IReadOnlyList<string>? _schemas;

        private SchemaModel Desired
        {
            get
            {
                if (_desired == null)
                {
                    var model = _target.ModelFor(_options);
                    _history.EnsureNotInModel(model);
                    _desired = model;
                }

                return _desired;
            }
        }

        // The managed schemas, once LoadSchemasAsync has read them for the session.
        private IReadOnlyList<string> Schemas => _schemas ?? throw new InvalidOperationException("The managed schemas are read before the catalog.");

        // The model's schemas, the schemas a qualified [RenamedFrom] moves tables out of, and those the last deployment managed
        // that still exist (LeftSchemas). The history table's schema is read too.
        private async Task<string[]> LoadSchemasAsync(NpgsqlTransaction? transaction, CancellationToken cancellationToken)
        {
            _schemas ??= SchemaMapping.UsedSchemas(Desired).Concat(RenameDiffer.PreviousSchemas(Desired))
                .Concat(await LeftSchemas.ReadAsync(_connection, transaction, _history, cancellationToken))
                .Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
            return _schemas.ToArray();
        }

        // The model as PostgreSQL prints it depends only on the model, so it is rendered once per session.
        private SchemaModel? _rendered;

        // The model's table hashes (TableHashes): the scoped shadow compares them, the history row records them.
        private string[]? _tableHashes;

        private string[] DesiredTableHashes => _tableHashes ??= _tableHashesMeanwhile?.GetAwaiter().GetResult() ?? TableHashes.Of(Desired);

        // The table hashes of a changed model, computed by another thread while the lock is taken and the record read (the
        // shadow needs them next): a thousand tables written and hashed.
        private Task<string[]>? _tableHashesMeanwhile;

        // The managed schemas were empty when planned: the plan creates everything, and no shadow was rendered.
        private bool _firstDeploy;

        /// <summary>What the session is doing, for the exception that says where it failed, and for its telemetry spans.</summary>
        internal DeployPhase Phase
        {
            get => _phase;
            private set
            {
                _phase = value;
                Telemetry?.EnterPhase(value);
            }
        }

        private DeployPhase _phase;

        /// <summary>The operation's span, which each phase reports to (set by <see cref="SchemaDeployer"/>).</summary>
        internal OperationTelemetry? Telemetry
        {
            get => _telemetry;
            set
            {
                _telemetry = value;
                value?.Describe(_history.Schema, _target.ModelHash);
            }
        }

        private OperationTelemetry? _telemetry;

        // The apply phase, with a span of its own for each step.
        private void EnterStep(MigrationStep step, int number)
        {
            _phase = DeployPhase.ApplyingStep;
            Telemetry?.EnterStep(step, number);
        }

        // The history row this deployment restores, when it is a rollback.
        private readonly long? _rollingBackTo;

        public DeploySession(DeployTarget target, NpgsqlConnection connection, DeployOptions? options, long? rollingBackTo = null)
        {
            _target = target;
            _rollingBackTo = rollingBackTo;
            _connection = connection;
            _options = options ?? new DeployOptions();
            _history = new HistoryTable(target.SchemaFor(_options));
            Phase = DeployPhase.ValidatingModel;
        }

        private ILogger? Log => _options.Logger;

        /// <summary>The plan, computed inside a transaction that is rolled back.</summary>
        public async Task<SchemaPlan> PlanAsync(CancellationToken cancellationToken)
        {
            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
            var plan = await PlanInTransactionAsync(transaction, _options.DropUnmanaged, assess: true, cancellationToken);
            if (_options.Mode == DeployMode.Online)
                return new SchemaPlan(OnlinePlan.Split(await RefuseRewritesAsync(transaction, plan.Steps, cancellationToken)).Select(u => u.Step).ToList(), plan.Unmanaged);
            return new SchemaPlan(plan.Steps, plan.Unmanaged);
        }

        /// <summary>The drift, computed inside a transaction that is rolled back.</summary>
        public async Task<VerifyResult> VerifyAsync(CancellationToken cancellationToken)
        {
            // Verify's drift is what the plan with unmanaged objects dropped corrects: clean exactly when that plan is empty.
            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
            var drift = (await PlanInTransactionAsync(transaction, dropUnmanaged: true, assess: false, cancellationToken)).Drift;

            Phase = DeployPhase.CheckingFunctions;
            var findings = await CheckFunctionsInNewSessionAsync(cancellationToken);
            return new VerifyResult(drift, (IReadOnlyList<FunctionFinding>?)findings ?? new FunctionFinding[0]);
        }

        // Bodies are checked as a session with the bare search_path would run them, so a function that finds a table
        // or type only through search_path is reported. A new session, because PL/pgSQL keeps a function compiled
        // per session with the names it resolved then.
        private async Task<List<FunctionFinding>?> CheckFunctionsInNewSessionAsync(CancellationToken cancellationToken)
        {
            await using var session = _connection.CloneWith(new NpgsqlConnectionStringBuilder(_connection.ConnectionString) { Pooling = false }.ConnectionString);
            await session.OpenAsync(cancellationToken);
            await using var transaction = await session.BeginTransactionAsync(cancellationToken);
            await CatalogReader.SetSearchPathAsync(session, transaction, new string[0], cancellationToken);
            return await FunctionChecker.CheckAsync(session, transaction, Schemas, cancellationToken);
        }

        public async Task<DeployResult> DeployAsync(CancellationToken cancellationToken)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();

            // The fast path: one round trip, one row: the last deployment's marker and the stamp of the catalog (the full
            // fingerprint in a second one only when the stamp moved: CatalogFingerprint.CheckAsync).
            // DropUnmanaged must see whether anything is unmanaged, so it reads the whole catalog instead.
            Phase = DeployPhase.ReadingCatalog;
            var check = _options.DropUnmanaged
                ? await CheckByReadingAsync(cancellationToken)
                : await CatalogFingerprint.CheckAsync(_connection, () => LoadSchemasAsync(null, cancellationToken), _history, _target.ModelHash, Telemetry, cancellationToken);
            if (check.Unchanged)
            {
                // The fingerprint decided under a moved stamp: record the new one, so the next check is the stamp's again.
                if (check.RestampedMarker != null && !_options.DryRun)
                    await MarkerRestamp.RecordAsync(_connection, _history, check, Log, cancellationToken);
                Log?.LogInformation("Schema {Schema} already matches model {Hash}; nothing to do", _history.Schema, _target.ModelHash);
                return new DeployResult(true, true, Array.Empty<MigrationStep>(), clock.Elapsed, null);
            }

            if (_options.DryRun)
            {
                var plan = await PlanAsync(cancellationToken);
                return new DeployResult(plan.IsEmpty, plan.Hazards.Count == 0, plan.Steps, clock.Elapsed, null);
            }

            if (_options.Mode == DeployMode.Online)
                return await DeployOnlineAsync(clock, cancellationToken);

            var desired = Desired;
            _tableHashesMeanwhile = Task.Run(() => TableHashes.Of(desired));
            var applied = new List<MigrationStep>();
            while (true)
            {
                await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
                await SetTimeoutsAsync(transaction, _options.LockTimeout, cancellationToken);
                Phase = DeployPhase.Locking;
                await AdvisoryLock.AcquireAsync(_connection, transaction, _history.LockKey, _options.LockTimeout, cancellationToken);

                // Planned on the last deployment's record without its stamp (a changed model: CatalogSnapshot.Unconfirmed), the plan
                // stands only if the tables its steps act on are as recorded, and (after applying) every other row adds up as recorded.
                var (live, steps, _, _) = await PlanFirstDeployAsync(transaction, cancellationToken)
                    ?? await PlanInTransactionAsync(transaction, _options.DropUnmanaged, assess: true, cancellationToken,
                        unconfirmedUnless: _options.DropUnmanaged || _recordUnconfirmed ? null : _target.ModelHash);
                var listed = ScopedCatalogRead.Listed(live, _rendered, StepTables(steps));
                if (live.Unconfirmed && (listed == null || !await TableStamps.UnmovedAsync(_connection, transaction, Schemas, _history, live.TableStamps!, listed, cancellationToken)))
                {
                    await PlanAgainAsync(transaction, cancellationToken);
                    continue;
                }

                if (HistoryTable.Records(live.HistoryMarker, _target.ModelHash, live.Fingerprint) && !(_options.DropUnmanaged && HasUnmanaged(live.Model)))
                    return new DeployResult(applied.Count == 0, true, applied, clock.Elapsed, null); // another instance deployed it meanwhile

                var refused = _options.AllowDataLoss ? new List<Hazard>() : steps.SelectMany(s => s.Hazards).ToList();
                if (refused.Count > 0)
                    throw SchemaDeployException.Refused(refused);

                // A value added with ALTER TYPE … ADD VALUE cannot be used in the transaction that added it (55P04):
                // commit the additions (and the renames their positions may name) first, then plan the rest again.
                if (steps.Any(s => s.Kind == StepKind.AddEnumValue) && steps.Any(s => !IsEnumLabelStep(s)))
                {
                    var additions = steps.Where(IsEnumLabelStep).ToList();
                    await ApplyAsync(transaction, additions, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    applied.AddRange(additions);
                    _recordUnconfirmed = true; // the labels moved the catalog since the record: the next plan checks the stamp
                    continue;
                }

                var online = _options.OnlineIndexes ? steps.Where(IsOnlineIndex).ToList() : new List<MigrationStep>();
                var inTransaction = steps.Except(online).ToList();
                WriteHistoryTextsMeanwhile();
                await (_firstDeploy ? ApplyScriptAsync(transaction, inTransaction, cancellationToken) : ApplyAsync(transaction, inTransaction, cancellationToken));

                Phase = DeployPhase.Reverifying;
                var (after, split) = await ReadAppliedAsync(transaction, live, listed, cancellationToken);
                if (live.Unconfirmed && !split)
                {
                    // A row no step explains moved since the record: the plan may have missed it. Nothing of this attempt is kept.
                    await PlanAgainAsync(transaction, cancellationToken);
                    continue;
                }

                if (live.Unconfirmed)
                    Telemetry?.LiveCatalogConfirmedBy("steps");
                applied.AddRange(inTransaction);
                await VerifyAppliedAsync(transaction, after, online, cancellationToken);
                Phase = DeployPhase.CheckingFunctions;
                await CheckFunctionsAsync(transaction, cancellationToken);
                Phase = DeployPhase.RecordingHistory;
                var historyId = await RecordAsync(transaction, applied, after, clock.Elapsed, cancellationToken);
                await transaction.CommitAsync(cancellationToken);

                if (online.Count > 0)
                {
                    Phase = DeployPhase.BuildingOnlineIndexes;
                    await OnlineIndexes.BuildAsync(_connection, online, Log, cancellationToken);
                    applied.AddRange(online);
                    await RefreshMarkerAsync(cancellationToken);
                }

                Log?.LogInformation("Deployed model {Hash} to schema {Schema}: {Count} step(s) in {Elapsed}", _target.ModelHash, _history.Schema, applied.Count, clock.Elapsed);
                return new DeployResult(applied.Count == 0, applied.All(s => s.IsSafe), applied, clock.Elapsed, historyId);
            }
        }

        private async Task<NoOpCheck> CheckByReadingAsync(CancellationToken cancellationToken)
        {
            await LoadSchemasAsync(null, cancellationToken);
            var snapshot = await CatalogReader.ReadAsync(_connection, null, Schemas, _history, cancellationToken);
            var unchanged = HistoryTable.Records(snapshot.HistoryMarker, _target.ModelHash, snapshot.Fingerprint) && !HasUnmanaged(snapshot.Model);
            return NoOpCheck.Of(unchanged, snapshot.HistoryMarker, _target.ModelHash, snapshot.Fingerprint, snapshot.Stamp);
        }

        /// <summary>
        /// The plan: the renames first, then the rest computed against the database as it is after them (applied in a
        /// savepoint that is rolled back), so keys and foreign keys on renamed objects compare equal and every probe
        /// queries names that exist. <paramref name="assess"/> runs the probes.
        /// </summary>
        private async Task<PlannedChange> PlanInTransactionAsync(NpgsqlTransaction transaction, bool dropUnmanaged, bool assess, CancellationToken cancellationToken,
            string? unconfirmedUnless = null)
        {
            Phase = DeployPhase.ReadingCatalog;
            await LoadSchemasAsync(transaction, cancellationToken);
            var recorded = await RecordedLive.ReadAsync(_connection, transaction, Schemas, _history, unconfirmedUnless, cancellationToken);
            Telemetry?.LiveCatalogFrom(recorded == null ? "read" : "recorded");
            if (recorded is { Unconfirmed: false })
                Telemetry?.LiveCatalogConfirmedBy("stamp");
            var before = recorded ?? await CatalogReader.ReadAsync(_connection, transaction, Schemas, _history, cancellationToken);
            // Into empty schemas every step creates an object from the model's own DDL, whatever PostgreSQL would print:
            // the plan is the script, and the catalog after applying it is the target (FirstDeploy).
            _firstDeploy = _rendered == null && FirstDeploy.IsEmpty(before.Model);
            var target = _firstDeploy ? Desired : await RenderTargetAsync(transaction, before.RecordedAsTarget, cancellationToken);
            Phase = DeployPhase.Planning;
            var renames = RenameDiffer.Renames(Desired, before.Model);
            var live = before;
            if (renames.Count > 0)
            {
                await transaction.SaveAsync("schemagen_renames", cancellationToken);
                await ApplyAsync(transaction, renames, cancellationToken);
                Phase = DeployPhase.ReadingCatalog;
                live = await CatalogReader.ReadAsync(_connection, transaction, Schemas, _history, cancellationToken);
                Phase = DeployPhase.Planning;
            }

            try
            {
                var uncastable = await Planner.UncastableAsync(_connection, transaction, target, live.Model, cancellationToken);
                var diff = SchemaDiffer.Diff(Desired, target, live.Model, dropUnmanaged, uncastable);
                var rest = assess ? await Planner.AssessAsync(_connection, transaction, diff.Steps(), cancellationToken) : diff.Steps();
                var steps = renames.Concat(rest).ToList();
                if (assess)
                    steps = await StepCosts.AssessAsync(_connection, transaction, steps, cancellationToken);
                foreach (var step in steps)
                    Log?.LogInformation("Plan: {Step}", step);
                var drift = renames.Select(r => r.Cause!).Concat(diff.Drift).Distinct().ToList();
                return new PlannedChange(before, steps, diff.UnmanagedObjects, drift);
            }
            finally
            {
                // A broken connection (the session was killed) has no savepoint to go back to; its error is the one to report.
                if (renames.Count > 0 && _connection.State == System.Data.ConnectionState.Open)
                    await transaction.RollbackAsync("schemagen_renames", cancellationToken);
            }
        }

        private sealed record PlannedChange(CatalogSnapshot Live, List<MigrationStep> Steps, List<string> Unmanaged, List<Drift> Drift);

        // Objects DropUnmanaged would drop: then the fast path does not apply, whatever the marker says.
        private bool HasUnmanaged(SchemaModel live) =>
            !Diffing.DomainDiffer.OtherUnmanaged(Desired, Diffing.TemplateObjectDiffer.OtherUnmanaged(live), null).IsEmpty
            || live.Tables.Select(t => (t.Schema, t.Name)).Except(Desired.Tables.Select(t => (t.Schema, t.Name))).Any()
            || live.Enums.Any(e => !Desired.Enums.Any(d => d.Schema == e.Schema && d.Name == e.Name))
            || live.Functions.Any(f => !Desired.Functions.Any(d => d.Schema == f.Schema && d.Name == f.Name))
            || live.Triggers.Any(t => !Desired.Triggers.Any(d => d.Schema == t.Schema && d.Table == t.Table && d.Name == t.Name))
            || Diffing.TemplateObjectDiffer.HasUnmanaged(Desired, live);

        // known: a recorded target read already (the live catalog planned against, when it is the last row's target).
        private async Task<SchemaModel> RenderTargetAsync(NpgsqlTransaction transaction, StoredTarget.RecordedTarget? known, CancellationToken cancellationToken)
        {
            if (_rendered != null)
                return _rendered;
            // The caller sets its own phase after this one.
            Phase = DeployPhase.RenderingShadow;
            // A model deployed before was rendered then, on this server version: reading that back needs no CREATE privilege
            // (read-only roles, hot standbys) and no scratch schemas.
            _rendered = await StoredTarget.ReadAsync(_connection, transaction, _history, _target.ModelHash, cancellationToken);
            if (_rendered != null)
            {
                Telemetry?.ShadowRendered("stored", 0);
                return _rendered;
            }

            // A changed model: only the tables that changed since the last recorded target, when that is safe (ScopedShadow).
            if (await ScopedShadow.RenderAsync(_connection, transaction, Desired, DesiredTableHashes, Schemas, _history, known, Log, cancellationToken) is var (scoped, tables))
            {
                Telemetry?.ShadowRendered("scoped", tables);
                return _rendered = scoped;
            }

            Telemetry?.ShadowRendered("full", Desired.Tables.Count);
            return _rendered = await Shadow.RenderAsync(_connection, transaction, Desired, Schemas, _history, cancellationToken);
        }

        // SET LOCAL in a transaction; SET for the session (the statements of Online mode that run outside one, reset after them).
        private async Task SetTimeoutsAsync(NpgsqlTransaction? transaction, TimeSpan lockTimeout, CancellationToken cancellationToken)
        {
            var set = transaction == null ? "SET" : "SET LOCAL";
            var sql = $"{set} lock_timeout = {(long)lockTimeout.TotalMilliseconds}";
            if (_options.StatementTimeout is TimeSpan statementTimeout)
                sql += $"; {set} statement_timeout = {(long)statementTimeout.TotalMilliseconds}";
            await using var command = new NpgsqlCommand(sql, _connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private async Task ApplyAsync(NpgsqlTransaction transaction, IEnumerable<MigrationStep> steps, CancellationToken cancellationToken)
        {
            var number = 0;
            foreach (var step in steps)
            {
                number++;
                EnterStep(step, number);
                foreach (var statement in step.Statements)
                {
                    Log?.LogInformation("{Kind} {Object}: {Sql}", step.Kind, step.Object, statement);
                    await ExecuteAsync(transaction, statement, step, cancellationToken, number);
                }
            }
        }

        private async Task ExecuteAsync(NpgsqlTransaction? transaction, string statement, MigrationStep? step, CancellationToken cancellationToken, int? number = null)
        {
            try
            {
                await DdlBatch.ExecuteAsync(statement, _connection, transaction, cancellationToken);
            }
            catch (PostgresException e)
            {
                throw Refused(e, statement, step, number);
            }
        }

        private SchemaDeployException Refused(PostgresException e, string statement, MigrationStep? step, int? number)
        {
            var what = step == null ? "PostgreSQL refused a statement" : $"PostgreSQL refused {(number == null ? "" : $"step {number}, ")}{step.Kind} {step.Object}";
            // The step's hazards say what PostgreSQL's refusal is about (which rows), where its detail is redacted.
            if (step != null && !step.IsSafe)
                what += " (the step's hazards: " + string.Join("; ", step.Hazards.Select(h => h.Message)) + ")";
            return SchemaDeployException.FromPostgres(Phase, e, statement, what, step == null ? null : number, _connection);
        }

        // Re-read after applying: the database must now match the model, or nothing is committed.
        private async Task VerifyAppliedAsync(NpgsqlTransaction transaction, CatalogSnapshot after, List<MigrationStep> pendingOnline, CancellationToken cancellationToken)
        {
            if (_firstDeploy)
                _rendered = after.Model; // the script as this server printed it: recorded like a shadow's target
            var target = await RenderTargetAsync(transaction, null, cancellationToken);
            var remaining = SchemaDiffer.Diff(Desired, target, after.Model, _options.DropUnmanaged).Steps()
                .Where(s => !pendingOnline.Any(o => o.Object == s.Object))
                .ToList();
            if (remaining.Count > 0)
                throw new SchemaDeployException("After applying the plan the database still differs from the model, so nothing was committed:\n"
                    + string.Join("\n", remaining.Select(s => "  " + s + "\n    " + s.Sql.Replace("\n", "\n    "))));
        }

        // With plpgsql_check in the database, a function body that would fail when called fails the deployment.
        private async Task CheckFunctionsAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            var findings = await FunctionChecker.CheckAsync(_connection, transaction, Schemas, cancellationToken);
            if (findings == null)
                return;
            foreach (var warning in findings.Where(f => !f.IsError))
                Log?.LogWarning("plpgsql_check: {Finding}", warning);
            var errors = findings.Where(f => f.IsError).ToList();
            if (errors.Count > 0)
                throw new SchemaDeployException("plpgsql_check found errors in function bodies, so nothing was committed:\n"
                    + string.Join("\n", errors.Select(e => "  " + e)), sqlState: errors[0].SqlState, findings: errors);
        }

        // The tables the steps act on (qualified names), or null when a step acts on something else.
        private static List<string>? StepTables(IReadOnlyList<MigrationStep> steps) => steps.All(s => s.Table != null) ? steps.Select(s => s.Table!).Distinct().ToList() : null;

        // An unconfirmed record did not hold: roll back everything this attempt did, and plan again on a catalog the stamp checks.
        private async Task PlanAgainAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            await transaction.RollbackAsync(cancellationToken);
            _recordUnconfirmed = true;
            Telemetry?.Replanned();
        }

        // Set once a plan on an unconfirmed record did not hold: every later plan of the session checks the stamp first.
        private bool _recordUnconfirmed;

        // The catalog after applying, read once the history table exists: from that read to the commit only the history row and
        // the marker are written (no catalog row but the marker's own, which the stamp leaves out), so its stamp is the committed one.
        // Planned against the last deployment's record, only the tables whose catalog rows moved since are read again (ScopedCatalogRead),
        // split by table only where the steps act (listed; Split) when every other row adds up as recorded.
        private async Task<(CatalogSnapshot After, bool Split)> ReadAppliedAsync(NpgsqlTransaction transaction, CatalogSnapshot? before, IReadOnlyCollection<uint>? listed,
            CancellationToken cancellationToken)
        {
            await _history.EnsureUsableAsync(_connection, transaction, cancellationToken);
            if (before != null && await ScopedCatalogRead.ReadAsync(_connection, transaction, Schemas, _history, before, listed, cancellationToken) is { } scoped)
            {
                Telemetry?.Reverified("scoped", scoped.Reread, scoped.Listed ? "listed" : "all");
                return (scoped.Snapshot, scoped.Listed);
            }

            // With the table stamps, which the next deployment's re-verification starts from.
            Telemetry?.Reverified("full", null);
            return (await CatalogReader.ReadAsync(_connection, transaction, Schemas, _history, cancellationToken, withTableStamps: true), false);
        }

        private async Task<long> RecordAsync(NpgsqlTransaction transaction, List<MigrationStep> applied, CatalogSnapshot after, TimeSpan elapsed, CancellationToken cancellationToken)
        {
            var id = await InsertHistoryAsync(transaction, applied.Select(s => s.Sql).ToArray(), after.Fingerprint, elapsed, cancellationToken, after);
            await ExecuteAsync(transaction, _history.SetMarker(_target.ModelHash, after.Fingerprint, after.Stamp), null, cancellationToken);
            return id;
        }

        // A history row without the no-op marker (Online mode writes one per phase, the marker only at the end).
        private async Task<long> InsertHistoryAsync(NpgsqlTransaction transaction, string[] statements, string fingerprint, TimeSpan elapsed, CancellationToken cancellationToken,
            CatalogSnapshot? after = null)
        {
            await _history.EnsureUsableAsync(_connection, transaction, cancellationToken);
            await using var batch = new NpgsqlBatch(_connection, transaction)
            {
                BatchCommands = { new NpgsqlBatchCommand(HistoryTable.CompressWithLz4), new NpgsqlBatchCommand(_history.Insert) },
            };
            var insert = batch.BatchCommands[1];
            insert.Parameters.Add(new NpgsqlParameter { Value = _target.ModelHash });
            insert.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
            insert.Parameters.Add(new NpgsqlParameter { Value = statements });
            insert.Parameters.Add(new NpgsqlParameter { Value = elapsed.TotalMilliseconds });
            // The model itself, so that a later rollback can deploy it again (the model as given, before DeployOptions.Schema).
            var model = _modelText != null ? await _modelText : ModelData.WritePacked(_target.Model);
            var target = _rendered == null ? null : _targetText != null ? await _targetText : ModelData.WritePacked(_rendered);
            insert.Parameters.Add(new NpgsqlParameter { Value = model });
            insert.Parameters.Add(new NpgsqlParameter { Value = _target.DefaultSchema });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)_rollingBackTo ?? System.DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)target ?? System.DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter
            {
                Value = _rendered == null ? System.DBNull.Value : DesiredTableHashes,
                NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
            });
            // The catalog this deployment leaves, for the next one to plan against while nothing has changed (RecordedLive): null
            // when it is the target as PostgreSQL printed it (a first deploy's target is that catalog itself; after any other
            // deployment the two are usually equal too), so the megabytes of a large model are written once.
            // Compared as models, not as texts: the catalog read after a scoped deployment shares the unchanged tables with the target.
            var live = after == null || after.Model.Equals(_rendered) ? null : ModelData.WritePacked(after.Model);
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)live ?? System.DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter
            {
                Value = after == null ? System.DBNull.Value : RecordedLive.Scope(Schemas, after.SearchPath),
                NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
            });
            insert.Parameters.Add(new NpgsqlParameter { Value = Schemas.ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.TableDigests?.Write() ?? System.DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.TableStamps?.Write() ?? System.DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return reader.GetInt64(0);
        }

        // The history row's model and target as packed model data (the text of a 1,000-table model is 2 MB, packed 164 KB:
        // the row is sent and the next deployment reads it at that size), written by other threads while the server applies
        // and re-verifies: the model always, the target once it is final (a first deploy's is the catalog read after applying,
        // written with the row).
        private Task<string>? _modelText;
        private Task<string>? _targetText;

        private void WriteHistoryTextsMeanwhile()
        {
            _modelText ??= Task.Run(() => ModelData.WritePacked(_target.Model));
            if (!_firstDeploy && _rendered is { } target)
                _targetText ??= Task.Run(() => ModelData.WritePacked(target));
        }

        // After indexes built outside the transaction, record the catalog as it now is, so the next deploy is a no-op.
        private async Task RefreshMarkerAsync(CancellationToken cancellationToken)
        {
            var snapshot = await CatalogReader.ReadAsync(_connection, null, Schemas, _history, cancellationToken);
            await ExecuteAsync(null, _history.SetMarker(_target.ModelHash, snapshot.Fingerprint, snapshot.Stamp), null, cancellationToken);
        }

        private static bool IsEnumLabelStep(MigrationStep step) => step.Kind is StepKind.AddEnumValue or StepKind.RenameEnumValue;

        private static bool IsOnlineIndex(MigrationStep step) => step.Kind == StepKind.CreateIndex && step.IndexName != null;
    }
}

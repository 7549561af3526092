using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using SchemaGen.Catalog;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// <see cref="DeployMode.Online"/>: the plan as the phases of <see cref="OnlinePlan"/>, each unit a short transaction
    /// (or a concurrent index build) with a short lock_timeout, retried by <see cref="LockRetry"/>. Deployers are
    /// serialised by the session-level advisory lock, held across the phases and released in finally. Each phase is
    /// recorded in the history table as it ends; the no-op marker is written only when the database matches the model.
    /// A deployer killed between two units leaves a valid database: the next deploy plans from it and continues.
    /// </summary>
    internal sealed partial class DeploySession
    {
        /// <summary>Logged when a phase has committed (tests and operators hook it: the database is valid here).</summary>
        public static readonly EventId OnlinePhaseCommitted = new(1101, nameof(OnlinePhaseCommitted));

        private async Task<DeployResult> DeployOnlineAsync(Stopwatch clock, CancellationToken cancellationToken)
        {
            Phase = DeployPhase.Locking;
            await AdvisoryLock.AcquireSessionAsync(_connection, _history.LockKey, _options.LockTimeout, cancellationToken);
            try
            {
                var applied = new List<MigrationStep>();
                List<OnlineUnit>? units = null;
                while (units == null)
                {
                    // Expand: planned under the lock in the transaction that applies it, so the plan is of the database it changes.
                    var (done, labelsOnly, planned) = await LockRetry.RunAsync(_options, "the expand phase", async () =>
                    {
                        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
                        await SetTimeoutsAsync(transaction, _options.OnlineLockTimeout, cancellationToken);
                        var (live, steps, _, _) = await PlanInTransactionAsync(transaction, _options.DropUnmanaged, assess: true, cancellationToken);
                        if (HistoryTable.Records(live.HistoryMarker, _target.ModelHash, live.Fingerprint) && !(_options.DropUnmanaged && HasUnmanaged(live.Model)))
                            return (true, false, (List<OnlineUnit>?)null);
                        var refused = (_options.AllowDataLoss ? new List<Hazard>() : steps.SelectMany(s => s.Hazards).ToList())
                            .Concat((await RefuseRewritesAsync(transaction, steps, cancellationToken)).SelectMany(s => s.Hazards).Where(h => h.Kind == HazardKind.TableRewrite))
                            .Distinct().ToList();
                        if (refused.Count > 0)
                            throw SchemaDeployException.Refused(refused);

                        // As in Atomic mode, enum labels are committed before anything uses them (55P04), then the rest is planned again.
                        var labelsFirst = steps.Any(s => s.Kind == StepKind.AddEnumValue) && steps.Any(s => !IsEnumLabelStep(s));
                        var plan = OnlinePlan.Split(labelsFirst ? steps.Where(IsEnumLabelStep).ToList() : steps);
                        // The history row first and the DDL in one round trip: the locks it takes are held for as short a time as can be.
                        var expand = plan.Where(u => u.Phase == "expand").Select(u => u.Step).ToList();
                        if (expand.Count > 0)
                            await RecordPhaseAsync(transaction, "expand", expand, clock.Elapsed, cancellationToken);
                        await ApplyAsBatchAsync(transaction, expand, cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                        applied.AddRange(expand);
                        return (false, labelsFirst, plan.Where(u => u.Phase != "expand").ToList());
                    }, cancellationToken);
                    if (done)
                        return new DeployResult(applied.Count == 0, true, applied, clock.Elapsed, null); // another instance deployed it meanwhile
                    PhaseCommitted("expand");
                    if (!labelsOnly)
                        units = planned;
                }

                foreach (var phase in units.GroupBy(u => u.Phase))
                {
                    foreach (var unit in phase)
                    {
                        Phase = unit.Concurrent ? DeployPhase.BuildingOnlineIndexes : DeployPhase.ApplyingOnlinePhase;
                        await LockRetry.RunAsync(_options, $"{unit.Step.Kind} {unit.Step.Object} ({phase.Key} phase)",
                            () => unit.Concurrent ? RunConcurrentAsync(unit.Step, cancellationToken) : RunInTransactionAsync(unit.Step, cancellationToken), cancellationToken);
                        applied.Add(unit.Step);
                    }

                    await RecordPhaseAsync(null, phase.Key, phase.Select(u => u.Step).ToList(), clock.Elapsed, cancellationToken);
                    PhaseCommitted(phase.Key);
                }

                var historyId = await LockRetry.RunAsync(_options, "the final verification", () => FinishOnlineAsync(applied, clock.Elapsed, cancellationToken), cancellationToken);
                Log?.LogInformation("Deployed model {Hash} to schema {Schema} online: {Count} unit(s) in {Elapsed}", _target.ModelHash, _history.Schema, applied.Count, clock.Elapsed);
                return new DeployResult(applied.Count == 0, applied.All(s => s.IsSafe), applied, clock.Elapsed, historyId);
            }
            finally
            {
                try
                {
                    await AdvisoryLock.ReleaseSessionAsync(_connection, _history.LockKey);
                }
                catch (NpgsqlException)
                {
                    // The session is gone (the backend was terminated): its lock went with it, and the error that broke it is the one to report.
                }
            }
        }

        // In Online mode a step that rewrites a table with rows holds ACCESS EXCLUSIVE for the whole copy: a hazard, unless allowed.
        private async Task<List<MigrationStep>> RefuseRewritesAsync(NpgsqlTransaction transaction, IReadOnlyList<MigrationStep> steps, CancellationToken cancellationToken)
        {
            var result = new List<MigrationStep>(steps.Count);
            foreach (var step in steps)
            {
                if (_options.AllowTableRewrite || step.Cost.Impact != TableImpact.Rewrite || step.Cost.Table == null)
                {
                    result.Add(step);
                    continue;
                }

                await using var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {step.Cost.Table})", _connection, transaction);
                result.Add((bool)(await any.ExecuteScalarAsync(cancellationToken))!
                    ? step.WithHazard(HazardKind.TableRewrite,
                        $"rewrites {step.Cost.Table} (~{step.Cost.EstimatedRows?.ToString() ?? "?"} rows, {step.Cost.SizeBytes ?? 0} bytes) under ACCESS EXCLUSIVE, which Online mode refuses: writers would wait for the whole copy. Set AllowTableRewrite to run it anyway, or deploy it in Atomic mode in a maintenance window")
                    : step);
            }

            return result;
        }

        private async Task RunInTransactionAsync(MigrationStep step, CancellationToken cancellationToken)
        {
            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
            await SetTimeoutsAsync(transaction, _options.OnlineLockTimeout, cancellationToken);
            await ApplyAsBatchAsync(transaction, new[] { step }, cancellationToken);
            Phase = DeployPhase.ApplyingOnlinePhase;
            await transaction.CommitAsync(cancellationToken);
        }

        // The statements of the steps as one NpgsqlBatch: one round trip between taking the first lock and the commit.
        private async Task ApplyAsBatchAsync(NpgsqlTransaction transaction, IReadOnlyList<MigrationStep> steps, CancellationToken cancellationToken)
        {
            var statements = steps.SelectMany(s => s.Statements.Select(sql => (Step: s, Sql: sql))).ToList();
            if (statements.Count == 0)
                return;
            var phase = Phase;
            Phase = DeployPhase.ApplyingStep;
            await using var batch = new NpgsqlBatch(_connection, transaction);
            foreach (var (step, sql) in statements)
            {
                Log?.LogInformation("{Kind} {Object}: {Sql}", step.Kind, step.Object, sql);
                batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
            }

            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (!DdlBatch.NameFailedCommand(batch, e))
            {
                var index = e.BatchCommand == null ? -1 : batch.BatchCommands.IndexOf(e.BatchCommand);
                var (step, sql) = statements[Math.Max(index, 0)];
                throw SchemaDeployException.FromPostgres(phase == DeployPhase.ApplyingOnlinePhase ? phase : Phase, e, sql, $"PostgreSQL refused {step.Kind} {step.Object}",
                    connection: _connection);
            }

            Phase = phase;
        }

        // CREATE/DROP INDEX CONCURRENTLY refuse a transaction and a multi-statement batch: the timeouts are set for the session and reset after.
        private async Task RunConcurrentAsync(MigrationStep step, CancellationToken cancellationToken)
        {
            await SetTimeoutsAsync(null, _options.OnlineLockTimeout, cancellationToken);
            try
            {
                foreach (var statement in step.Statements)
                {
                    Log?.LogInformation("{Kind} {Object}: {Sql}", step.Kind, step.Object, statement);
                    await ExecuteAsync(null, statement, step, cancellationToken);
                }
            }
            finally
            {
                if (_connection.State == System.Data.ConnectionState.Open)
                    await ExecuteAsync(null, "RESET lock_timeout; RESET statement_timeout", null, CancellationToken.None);
            }
        }

        // The database must now match the model; then the final history row and the no-op marker.
        private async Task<long> FinishOnlineAsync(List<MigrationStep> applied, TimeSpan elapsed, CancellationToken cancellationToken)
        {
            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
            await SetTimeoutsAsync(transaction, _options.OnlineLockTimeout, cancellationToken);
            Phase = DeployPhase.Reverifying;
            var (after, _) = await ReadAppliedAsync(transaction, null, null, cancellationToken);
            await VerifyAppliedAsync(transaction, after, new List<MigrationStep>(), cancellationToken);
            Phase = DeployPhase.CheckingFunctions;
            await CheckFunctionsAsync(transaction, cancellationToken);
            Phase = DeployPhase.RecordingHistory;
            var id = await RecordAsync(transaction, applied, after, elapsed, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return id;
        }

        // One history row per phase: "-- online phase <name>" and its statements; fingerprint "online <name>" (not a catalog fingerprint).
        private async Task RecordPhaseAsync(NpgsqlTransaction? transaction, string phase, List<MigrationStep> steps, TimeSpan elapsed, CancellationToken cancellationToken)
        {
            var statements = new[] { "-- online phase " + phase }.Concat(steps.Select(s => s.Sql)).ToArray();
            if (transaction != null)
            {
                await InsertHistoryAsync(transaction, statements, "online " + phase, elapsed, cancellationToken);
                return;
            }

            await using var own = await _connection.BeginTransactionAsync(cancellationToken);
            await InsertHistoryAsync(own, statements, "online " + phase, elapsed, cancellationToken);
            await own.CommitAsync(cancellationToken);
        }

        private void PhaseCommitted(string phase) =>
            Log?.LogInformation(OnlinePhaseCommitted, "Online phase {Phase} committed; the database is valid here", phase);
    }
}

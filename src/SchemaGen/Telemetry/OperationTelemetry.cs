using System;
using System.Diagnostics;
using System.Linq;
using Npgsql;
using SchemaGen.Deploying;

namespace SchemaGen.Telemetry
{
    /// <summary>
    /// The span and measurements of one deploy, plan, verify or rollback. The session reports its phases here
    /// (<see cref="EnterPhase"/>, through its <c>Phase</c> property): each contiguous stretch of a phase is a child span
    /// of the operation's span; each step applied in Atomic mode is a span of its own.
    /// </summary>
    /// <remarks>
    /// Phase spans are started and stopped without becoming <see cref="Activity.Current"/>: the session changes phase
    /// inside nested async methods, whose changes to <see cref="Activity.Current"/> would not flow back to their callers,
    /// so a later span could end up parented to a stopped one. Every phase span names the operation's span as parent.
    /// </remarks>
    internal sealed class OperationTelemetry : IDisposable
    {
        private readonly DeployOperation _operation;
        private readonly string _database;
        private readonly Activity? _span;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private Activity? _phase;
        private string? _schema;

        private OperationTelemetry(DeployOperation operation, string database, Activity? span)
        {
            _operation = operation;
            _database = database;
            _span = span;
        }

        private string OperationName => _operation.ToString().ToLowerInvariant();

        public static OperationTelemetry Start(DeployOperation operation, NpgsqlConnection connection)
        {
            var name = SchemaGenTelemetry.Names.OperationPrefix + operation.ToString().ToLowerInvariant();
            var span = DeployInstruments.Source.StartActivity(name, ActivityKind.Internal);
            span?.SetTag(SchemaGenTelemetry.Tags.Database, connection.Database);
            return new OperationTelemetry(operation, connection.Database, span);
        }

        /// <summary>What is deployed where, once the session knows it.</summary>
        public void Describe(string schema, string modelHash)
        {
            _schema = schema;
            _span?.SetTag(SchemaGenTelemetry.Tags.Schema, schema);
            _span?.SetTag(SchemaGenTelemetry.Tags.ModelHash, modelHash);
        }

        /// <summary>Which tier of the no-op check decided (<see cref="SchemaGenTelemetry.Tags.NoOpCheck"/>).</summary>
        public void NoOpCheckedBy(string tier) => _span?.SetTag(SchemaGenTelemetry.Tags.NoOpCheck, tier);

        public void LiveCatalogFrom(string source) => _span?.SetTag(SchemaGenTelemetry.Tags.LiveCatalog, source);

        public void LiveCatalogConfirmedBy(string proof) => _span?.SetTag(SchemaGenTelemetry.Tags.LiveCatalogConfirmedBy, proof);

        public void Replanned() => _span?.SetTag(SchemaGenTelemetry.Tags.Replanned, true);

        public void Reverified(string how, int? tables, string? stamps = null)
        {
            _span?.SetTag(SchemaGenTelemetry.Tags.Reverify, how);
            if (tables != null)
                _span?.SetTag(SchemaGenTelemetry.Tags.ReverifyTables, tables);
            if (stamps != null)
                _span?.SetTag(SchemaGenTelemetry.Tags.ReverifyStamps, stamps);
        }

        public void ShadowRendered(string how, int tables)
        {
            _span?.SetTag(SchemaGenTelemetry.Tags.Shadow, how);
            _span?.SetTag(SchemaGenTelemetry.Tags.ShadowTables, tables);
        }

        public void EnterPhase(DeployPhase phase)
        {
            EndPhase();
            if (_span != null && PhaseSpanNames.Of(phase) is { } name)
                _phase = StartDetached(name);
        }

        /// <summary>A span for one step of the plan, in place of the apply phase's span.</summary>
        public void EnterStep(MigrationStep step, int number)
        {
            EnterPhase(DeployPhase.ApplyingStep);
            _phase?.SetTag(SchemaGenTelemetry.Tags.StepKind, step.Kind.ToString());
            _phase?.SetTag(SchemaGenTelemetry.Tags.StepObject, step.Object);
            _phase?.SetTag(SchemaGenTelemetry.Tags.StepNumber, number);
        }

        /// <summary>One span for a first deploy's whole script, sent as one batch (its steps are not timed apart).</summary>
        public void EnterScript(int steps)
        {
            EnterPhase(DeployPhase.ApplyingStep);
            _phase?.SetTag(SchemaGenTelemetry.Tags.Count, steps);
        }

        public void Succeeded(object result)
        {
            var (outcome, count) = result switch
            {
                DeployResult { NoOp: true } => ("noop", 0),
                DeployResult deployed when deployed.HistoryId == null => ("dry_run", deployed.Steps.Count),
                DeployResult deployed => ("applied", deployed.Steps.Count),
                SchemaPlan plan => ("planned", plan.Steps.Count),
                VerifyResult verified => (verified.IsClean ? "clean" : "drift", verified.Drift.Count),
                _ => ("done", 0),
            };
            if (result is DeployResult { NoOp: false, HistoryId: not null } applied)
                foreach (var step in applied.Steps)
                    DeployInstruments.StepsApplied.Add(1, Tag(SchemaGenTelemetry.Tags.Schema, _schema), Tag(SchemaGenTelemetry.Tags.StepKind, step.Kind.ToString()),
                        Tag(SchemaGenTelemetry.Tags.Database, _database));
            if (result is VerifyResult verify)
                DeployInstruments.Drift.Record(verify.Drift.Count, Tag(SchemaGenTelemetry.Tags.Schema, _schema), Tag(SchemaGenTelemetry.Tags.Database, _database));
            _span?.SetTag(SchemaGenTelemetry.Tags.Count, count);
            Finish(outcome);
        }

        public void Failed(Exception e)
        {
            var refused = e is SchemaDeployException { Hazards.Count: > 0 };
            var outcome = refused ? "refused" : "failed";
            var errorType = refused ? "hazards" : (e as SchemaDeployException)?.SqlState ?? e.GetType().Name;
            if (_span != null)
            {
                _span.SetStatus(ActivityStatusCode.Error, Describe(e));
                _span.SetTag(SchemaGenTelemetry.Tags.ErrorType, errorType);
                if (e is SchemaDeployException deployException)
                    _span.SetTag(SchemaGenTelemetry.Tags.Phase, deployException.Phase.ToString());
            }
            _phase?.SetStatus(ActivityStatusCode.Error);
            Finish(outcome, errorType);
        }

        public void Dispose()
        {
            EndPhase();
            _span?.Dispose();
        }

        private void Finish(string outcome, string? errorType = null)
        {
            EndPhase();
            _span?.SetTag(SchemaGenTelemetry.Tags.Outcome, outcome);
            var tags = new TagList
            {
                { SchemaGenTelemetry.Tags.Operation, OperationName },
                { SchemaGenTelemetry.Tags.Outcome, outcome },
                { SchemaGenTelemetry.Tags.Schema, _schema },
                { SchemaGenTelemetry.Tags.Database, _database },
            };
            if (errorType != null)
                tags.Add(SchemaGenTelemetry.Tags.ErrorType, errorType);
            DeployInstruments.OperationDuration.Record(_clock.Elapsed.TotalSeconds, tags);
        }

        private Activity? StartDetached(string name)
        {
            var current = Activity.Current;
            var span = DeployInstruments.Source.StartActivity(name, ActivityKind.Internal, _span!.Context);
            Activity.Current = current;
            return span;
        }

        private void EndPhase()
        {
            if (_phase == null)
                return;
            var current = Activity.Current;
            _phase.Dispose();
            Activity.Current = current;
            _phase = null;
        }

        // The message names the hazards or the refused statement; bounded, since backends limit an attribute's length.
        private static string Describe(Exception e) => e.Message.Length <= MaxDescription ? e.Message : e.Message.Substring(0, MaxDescription) + "…";

        private const int MaxDescription = 2000;

        private static System.Collections.Generic.KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
    }
}

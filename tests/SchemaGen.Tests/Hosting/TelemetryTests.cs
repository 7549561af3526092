using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SchemaGen.Hosting;
using SchemaGen.Tests.Infrastructure;
using Xunit;
using static SchemaGen.Tests.Hosting.HostedDeploymentTests;

namespace SchemaGen.Tests.Hosting;

/// <summary>
/// The "SchemaGen" ActivitySource and Meter, collected by OpenTelemetry's in-memory exporter while a real host deploys and
/// verifies against PostgreSQL: a span per phase under the operation's span, and the duration, steps, lock wait and drift
/// instruments. Other tests deploy at the same time, so everything is filtered by the test's own database name.
/// </summary>
public class TelemetryTests
{
    [Fact]
    public async Task ADeployInAHostIsASpanPerPhaseWithTheStepsAndItsMetrics()
    {
        var database = Postgres.Instance.CreateDatabase();
        using var telemetry = new CollectedTelemetry(database);
        await StartAndStopAsync(database);

        var deploy = Assert.Single(telemetry.Operations("schemagen.deploy"));
        Assert.Equal(ActivityStatusCode.Unset, deploy.Status);
        Assert.Equal("app", deploy.GetTagItem(SchemaGenTelemetry.Tags.Schema));
        Assert.Equal(JobPipeline.Schema.ModelHash, deploy.GetTagItem(SchemaGenTelemetry.Tags.ModelHash));
        Assert.Equal("applied", deploy.GetTagItem(SchemaGenTelemetry.Tags.Outcome));
        var phases = telemetry.ChildrenOf(deploy);
        foreach (var phase in new[] { "schemagen.catalog_read", "schemagen.lock_wait", "schemagen.planning", "schemagen.apply_step",
                     "schemagen.reverify", "schemagen.plpgsql_check", "schemagen.history" })
            Assert.Contains(phases, s => s.OperationName == phase);
        // Into an empty schema the script runs as it is: no shadow is rendered.
        Assert.DoesNotContain(phases, s => s.OperationName == "schemagen.shadow");
        // Each phase span ends before the next starts.
        Assert.All(phases.Zip(phases.Skip(1)), pair => Assert.True(pair.First.StartTimeUtc + pair.First.Duration <= pair.Second.StartTimeUtc));

        // Into an empty schema the script is one batch: one apply span, counting the steps of the history row.
        var script = Assert.Single(phases, s => s.OperationName == "schemagen.apply_step");
        var recorded = await ScalarAsync<int>(database, "SELECT cardinality(steps) FROM app.schemagen_history");
        Assert.Equal(recorded, script.GetTagItem(SchemaGenTelemetry.Tags.Count));

        telemetry.Flush();
        var duration = Assert.Single(telemetry.Points(SchemaGenTelemetry.Names.OperationDuration));
        Assert.Equal("deploy", duration.Tag(SchemaGenTelemetry.Tags.Operation));
        Assert.Equal("applied", duration.Tag(SchemaGenTelemetry.Tags.Outcome));
        Assert.Equal(1, duration.Point.GetHistogramCount());
        Assert.Equal(recorded, telemetry.Points(SchemaGenTelemetry.Names.StepsApplied).Sum(p => p.Point.GetSumLong()));
        Assert.Contains(telemetry.Points(SchemaGenTelemetry.Names.StepsApplied), p => (string?)p.Tag(SchemaGenTelemetry.Tags.StepKind) == "CreateTable");
        var lockWait = Assert.Single(telemetry.Points(SchemaGenTelemetry.Names.LockWait));
        Assert.Equal(true, lockWait.Tag(SchemaGenTelemetry.Tags.LockAcquired));

        // The next start is the fast path: one catalog read and nothing else.
        await StartAndStopAsync(database);
        var noOp = telemetry.Operations("schemagen.deploy").Last();
        Assert.Equal("noop", noOp.GetTagItem(SchemaGenTelemetry.Tags.Outcome));
        Assert.Equal(new[] { "schemagen.catalog_read" }, telemetry.ChildrenOf(noOp).Select(s => s.OperationName));

        // A deploy into a schema that is not empty: one apply span per step of its history row, each naming its step.
        await ExecuteAsync(database, "DROP TABLE app.worker_sites; COMMENT ON TABLE app.jobs IS 'edited by hand'");
        await StartAndStopAsync(database);
        var repair = telemetry.Operations("schemagen.deploy").Last();
        Assert.Equal("applied", repair.GetTagItem(SchemaGenTelemetry.Tags.Outcome));
        var steps = telemetry.ChildrenOf(repair).Where(s => s.OperationName == "schemagen.apply_step").ToList();
        var repaired = await ScalarAsync<int>(database, "SELECT cardinality(steps) FROM app.schemagen_history ORDER BY id DESC LIMIT 1");
        Assert.True(repaired == steps.Count, $"history {repaired}, spans {steps.Count}: " + string.Join(", ", steps.Select(s => s.GetTagItem(SchemaGenTelemetry.Tags.StepObject))));
        Assert.Contains(steps, s => (string?)s.GetTagItem(SchemaGenTelemetry.Tags.StepKind) == "CreateTable"
                                    && ((string?)s.GetTagItem(SchemaGenTelemetry.Tags.StepObject))!.EndsWith("worker_sites", StringComparison.Ordinal));
        Assert.Contains(steps, s => ((string?)s.GetTagItem(SchemaGenTelemetry.Tags.StepObject))!.Contains("jobs", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, steps.Count).Cast<object>(), steps.Select(s => s.GetTagItem(SchemaGenTelemetry.Tags.StepNumber)));
    }

    [Fact]
    public async Task ARefusedDeployIsAnErrorSpanThatSaysWhereAndWhy()
    {
        var database = Postgres.Instance.CreateDatabase();
        await DeployAsync(database);
        await ExecuteAsync(database, "ALTER TABLE app.jobs ADD COLUMN legacy_note text; INSERT INTO app.jobs (job_id, job_type, legacy_note) VALUES (repeat('a', 64), 'kept', 'precious')");
        using var telemetry = new CollectedTelemetry(database);

        await Assert.ThrowsAsync<SchemaDeployException>(() => StartAndStopAsync(database));

        var deploy = Assert.Single(telemetry.Operations("schemagen.deploy"));
        Assert.Equal(ActivityStatusCode.Error, deploy.Status);
        Assert.Contains("legacy_note", deploy.StatusDescription);
        Assert.Equal("refused", deploy.GetTagItem(SchemaGenTelemetry.Tags.Outcome));
        Assert.Equal("hazards", deploy.GetTagItem(SchemaGenTelemetry.Tags.ErrorType));
        Assert.Equal(nameof(DeployPhase.Planning), deploy.GetTagItem(SchemaGenTelemetry.Tags.Phase));
        Assert.DoesNotContain(telemetry.ChildrenOf(deploy), s => s.OperationName == "schemagen.apply_step");

        telemetry.Flush();
        var duration = Assert.Single(telemetry.Points(SchemaGenTelemetry.Names.OperationDuration));
        Assert.Equal("refused", duration.Tag(SchemaGenTelemetry.Tags.Outcome));
        Assert.Empty(telemetry.Points(SchemaGenTelemetry.Names.StepsApplied));
    }

    [Fact]
    public async Task AVerifyFromTheHealthCheckReportsItsDriftCount()
    {
        var database = Postgres.Instance.CreateDatabase();
        await DeployAsync(database);
        await ExecuteAsync(database, "ALTER TABLE app.tasks ADD COLUMN hand_made integer; DROP INDEX app.ix_tasks_status");
        using var telemetry = new CollectedTelemetry(database);
        var builder = TestApp.Builder(new Dictionary<string, string?> { ["SchemaGen:ConnectionString"] = database, ["SchemaGen:OnStartup"] = "None" }, new CapturedLog());
        builder.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        builder.Services.AddHealthChecks().AddSchemaDriftCheck();
        await using var app = builder.Build();
        await app.StartAsync();

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await app.StopAsync();

        var drifted = ((string[])report.Entries["schema"].Data["drift"]).Length;
        Assert.Equal(2, drifted);
        var verify = Assert.Single(telemetry.Operations("schemagen.verify"));
        Assert.Equal("drift", verify.GetTagItem(SchemaGenTelemetry.Tags.Outcome));
        Assert.Equal(drifted, verify.GetTagItem(SchemaGenTelemetry.Tags.Count));
        // The model was deployed: its stored target is read instead of a shadow (still the shadow phase's span).
        Assert.Equal(new[] { "schemagen.catalog_read", "schemagen.shadow", "schemagen.planning", "schemagen.plpgsql_check" },
            telemetry.ChildrenOf(verify).Select(s => s.OperationName));

        telemetry.Flush();
        var drift = Assert.Single(telemetry.Points(SchemaGenTelemetry.Names.Drift));
        Assert.Equal(1, drift.Point.GetHistogramCount());
        Assert.Equal(drifted, drift.Point.GetHistogramSum());
    }

    private static async Task StartAndStopAsync(string database)
    {
        var builder = TestApp.Builder(new Dictionary<string, string?> { ["SchemaGen:ConnectionString"] = database }, new CapturedLog());
        builder.Services.AddSchemaDeployment(JobPipeline.Schema.Target);
        await using var app = builder.Build();
        await app.StartAsync();
        await app.StopAsync();
    }

    /// <summary>Spans and metric points of the "SchemaGen" source and meter, as an application's OpenTelemetry set-up collects them.</summary>
    private sealed class CollectedTelemetry : IDisposable
    {
        private readonly string _database;
        private readonly List<Activity> _spans = new();
        private readonly List<MetricSnapshot> _metrics = new();
        private readonly TracerProvider _tracing;
        private readonly MeterProvider _meters;

        public CollectedTelemetry(string connectionString)
        {
            _database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            _tracing = Sdk.CreateTracerProviderBuilder().AddSource(SchemaGenTelemetry.ActivitySourceName).AddInMemoryExporter(_spans).Build()!;
            _meters = Sdk.CreateMeterProviderBuilder().AddMeter(SchemaGenTelemetry.MeterName).AddInMemoryExporter(_metrics).Build()!;
        }

        public List<Activity> Operations(string name)
        {
            lock (_spans)
                return _spans.Where(s => s.OperationName == name && (string?)s.GetTagItem(SchemaGenTelemetry.Tags.Database) == _database)
                    .OrderBy(s => s.StartTimeUtc).ToList();
        }

        public List<Activity> ChildrenOf(Activity parent)
        {
            lock (_spans)
                return _spans.Where(s => s.ParentSpanId == parent.SpanId && s.TraceId == parent.TraceId).OrderBy(s => s.StartTimeUtc).ToList();
        }

        public void Flush() => _meters.ForceFlush();

        /// <summary>The points of the last export of the instrument, of this test's database.</summary>
        public List<TaggedPoint> Points(string instrument)
        {
            var last = _metrics.LastOrDefault(m => m.Name == instrument);
            if (last == null)
                return new List<TaggedPoint>();
            return last.MetricPoints.Select(p => new TaggedPoint(p, TagsOf(p))).Where(p => (string?)p.Tag(SchemaGenTelemetry.Tags.Database) == _database).ToList();
        }

        private static Dictionary<string, object?> TagsOf(MetricPoint point)
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
                tags[tag.Key] = tag.Value;
            return tags;
        }

        public void Dispose()
        {
            _tracing.Dispose();
            _meters.Dispose();
        }
    }

    private sealed record TaggedPoint(MetricPoint Point, Dictionary<string, object?> Tags)
    {
        public object? Tag(string key) => Tags.TryGetValue(key, out var value) ? value : null;
    }
}

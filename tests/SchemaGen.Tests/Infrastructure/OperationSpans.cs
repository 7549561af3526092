using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Telemetry;
using Xunit;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>The span of one SchemaGen operation on a test's own database (tests run in parallel: other databases' spans are ignored).</summary>
public static class OperationSpans
{
    /// <summary>
    /// Runs <paramref name="operation"/> and returns its result with the span named <paramref name="name"/> it ended on the
    /// connection's database (its child spans are among <paramref name="all"/>, when given).
    /// </summary>
    public static async Task<(T Result, Activity Span)> CaptureAsync<T>(NpgsqlConnection connection, string name, Func<Task<T>> operation,
        ConcurrentQueue<Activity>? all = null)
    {
        var spans = all ?? new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SchemaGenTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var result = await operation();
        return (result, Assert.Single(spans, s => s.OperationName == name && (string?)s.GetTagItem(SchemaGenTelemetry.Tags.Database) == connection.Database));
    }

    /// <summary>A deploy and its <c>schemagen.deploy</c> span.</summary>
    public static Task<(DeployResult Result, Activity Span)> DeployAsync(NpgsqlConnection connection, DeployTarget target, DeployOptions? options = null) =>
        CaptureAsync(connection, "schemagen.deploy", () => SchemaDeployer.DeployAsync(target, connection, options));
}

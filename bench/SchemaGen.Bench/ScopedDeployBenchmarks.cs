using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Npgsql;
using SchemaGen.Model;
using SchemaGen.Testing;

namespace SchemaGen.Bench;

/// <summary>
/// Deploy cost follows the change (issue 10): <c>dotnet run -c Release --project bench/SchemaGen.Bench -- scoped-deploy [rounds]</c>.
/// On the 1,000-table benchmark model, in process: the no-op deploy of the model (the baseline), a deploy that adds one
/// nullable column to its middle table (the shadow renders that table and the one its foreign key references), and the
/// same change with the whole model rendered in the shadow (the recorded table hashes removed first, outside the
/// measurement). Each is one <c>SchemaDeployer.Deploy</c> on a new connection. Round r adds the
/// column <c>bench_extra_r</c>, so every model is new to the database: no deploy finds its own target recorded (which
/// would skip the shadow altogether, as a model deployed before does).
/// Each round measures the no-op and then the change, so the machine's load falls on both alike; the whole-shadow change is
/// measured after all rounds (its scratch tables evict the other databases' catalogs from shared buffers). Prints each round,
/// the medians, the ratios to the no-op, and the phases of the last scoped deploy (from the telemetry spans).
/// </summary>
public static class ScopedDeployBenchmarks
{
    public const int Tables = 1000;

    private static readonly DeployOptions Options = new() { AllowDataLoss = true };

    public static void Run(int rounds)
    {
        Console.WriteLine($"# one-column change vs no-op, {Tables} tables, {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}, {Environment.ProcessorCount} cores, load {LoadAverage()}");
        using var server = ThrowawayPostgres.Start();
        var loaded = ModelCompilation.EmitAndLoad(Tables);
        var model = (DeployTarget)loaded.Schema.GetProperty("Target")!.GetValue(null)!;
        var noOp = Deployed(server, model, "noop");
        var scoped = Deployed(server, model, "scoped");
        var whole = Deployed(server, model, "whole");

        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SchemaGenTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var times = new Dictionary<string, List<double>> { ["noop"] = [], ["scoped"] = [], ["whole"] = [] };
        Console.WriteLine("round noop_ms scoped_change_ms");
        List<Activity>? lastScoped = null;
        for (var round = 0; round <= rounds; round++)
        {
            var noOpMs = Measure(noOp, model, null, r => r.NoOp);
            spans.Clear();
            var scopedMs = Measure(scoped, WithExtraColumns(model, round + 1), Options, r => r.Steps.Count == 1);
            lastScoped = spans.ToList();
            Console.WriteLine($"{round}{(round == 0 ? " (warm-up, not counted)" : "")} {noOpMs:F0} {scopedMs:F0}");
            if (round == 0)
                continue;
            times["noop"].Add(noOpMs);
            times["scoped"].Add(scopedMs);
        }

        PrintPhases(lastScoped!);
        // The whole shadow after the pairs: its thousand scratch tables evict the other databases' catalogs from shared
        // buffers, which made the no-op measured after it up to 1.8 times slower in later rounds when the three alternated.
        Console.WriteLine("round whole_shadow_change_ms");
        for (var round = 1; round <= Math.Min(rounds, 3); round++)
        {
            Execute(whole, "UPDATE public.schemagen_history SET table_hashes = NULL");
            var wholeMs = Measure(whole, WithExtraColumns(model, round), Options, r => r.Steps.Count == 1);
            Console.WriteLine($"{round} {wholeMs:F0}");
            times["whole"].Add(wholeMs);
        }

        var baseline = Median(times["noop"]);
        Console.WriteLine($"median no-op {baseline:F0} ms; one-column change {Median(times["scoped"]):F0} ms ({Median(times["scoped"]) / baseline:F1}x); "
            + $"with the whole shadow {Median(times["whole"]):F0} ms ({Median(times["whole"]) / baseline:F1}x); load after {LoadAverage()}");
    }

    private static double Measure(string database, DeployTarget target, DeployOptions? options, Func<DeployResult, bool> expected)
    {
        var clock = Stopwatch.StartNew();
        DeployResult result;
        using (var connection = new NpgsqlConnection(database))
            result = SchemaDeployer.Deploy(target, connection, options);
        var ms = clock.Elapsed.TotalMilliseconds;
        return expected(result) ? ms : throw new InvalidOperationException($"unexpected result: NoOp {result.NoOp}, {result.Steps.Count} step(s): " + string.Join("\n", result.Steps));
    }

    private static void PrintPhases(List<Activity> spans)
    {
        var deploy = spans.Single(s => s.OperationName == "schemagen.deploy");
        Console.WriteLine($"phases of the last scoped deploy ({deploy.GetTagItem(SchemaGenTelemetry.Tags.Shadow)}, {deploy.GetTagItem(SchemaGenTelemetry.Tags.ShadowTables)} table(s) in the shadow, live catalog {deploy.GetTagItem(SchemaGenTelemetry.Tags.LiveCatalog)}):");
        foreach (var phase in spans.Where(s => s.Parent == deploy || s.ParentSpanId == deploy.SpanId).GroupBy(s => s.OperationName))
            Console.WriteLine($"  {phase.Key}: {phase.Sum(s => s.Duration.TotalMilliseconds):F0} ms");
    }

    // Long statements on a loaded machine: the 1,000-table catalog reads must not hit Npgsql's default 30 s command timeout.
    private static string Deployed(ThrowawayPostgres server, DeployTarget model, string prefix)
    {
        var database = new NpgsqlConnectionStringBuilder(server.CreateDatabase(prefix)) { CommandTimeout = 0 }.ConnectionString;
        using var connection = new NpgsqlConnection(database);
        SchemaDeployer.Deploy(model, connection);
        return database;
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(database);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    // The model with nullable integer columns bench_extra_1 … bench_extra_count added to its middle table, under a hash of its own.
    private static DeployTarget WithExtraColumns(DeployTarget target, int count)
    {
        var tables = target.Model.Tables.ToArray();
        var middle = tables[tables.Length / 2];
        tables[tables.Length / 2] = middle with
        {
            Columns = middle.Columns.Concat(Enumerable.Range(1, count).Select(i =>
                new ColumnModel("bench_extra_" + i, "integer", true, null, IdentityKind.None, null, null, null, null, null, null, null))).ToEquatableArray(),
        };
        var model = target.Model with { Tables = tables.ToEquatableArray() };
        return new DeployTarget(model, StableHash.Sha256Hex(DdlRenderer.Render(model)), target.DefaultSchema);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() => System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Trim() : "?";
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Npgsql;
using SchemaGen.Testing;

namespace SchemaGen.Bench;

/// <summary>
/// A whole-process harness (not BenchmarkDotNet: what is measured is another session's latency while one deploy runs):
/// <c>dotnet run -c Release --project bench/SchemaGen.Bench -- online-deploy [rows]</c>. For each mode, a fresh database
/// gets the "before" model and <c>rows</c> rows in <c>items</c> and in <c>parts</c> (default 2,000,000), then a writer
/// inserts and updates rows of <c>items</c> in a loop, one autocommit statement at a time, while the "after" model is
/// deployed: a foreign key (parts → items), a CHECK, NOT NULL over a column without NULLs, a unique index and a new
/// column with a constant default. The writer's statement latencies during the deploy give its max and p99.
/// Correctness is checked after each run (Verify clean, every row there), throwing rather than reporting a broken run.
/// </summary>
public static class OnlineDeployBenchmark
{
    private const string Before = """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using SchemaGen;
        namespace OnlineBench;

        [Table("items")]
        public class Item
        {
            [Key] public long Id { get; set; }
            [MaxLength(40)] public string Name { get; set; } = "";
            public int Count { get; set; }
            public string? Note { get; set; }
        }

        [Table("parts")]
        public class Part
        {
            [Key] public long Id { get; set; }
            public long ItemId { get; set; }
        }
        """;

    private static readonly string After = Before
        .Replace("public long ItemId", "[References<Item>] public long ItemId")
        .Replace("public int Count", "[Range(0, 1000)] public int Count")
        .Replace("public string? Note { get; set; }", "[Required] public string Note { get; set; } = \"\";\n    public int Priority { get; set; } = 3;")
        .Replace("[MaxLength(40)] public string Name", "[MaxLength(40), Indexed(IsUnique = true)] public string Name");

    public static async Task RunAsync(int rows)
    {
        using var server = ThrowawayPostgres.Start();
        var before = Load(Before, "before");
        var after = Load(After, "after");
        var results = new List<(string Mode, Run Run)>();
        string database = null!;
        foreach (var mode in new[] { DeployMode.Atomic, DeployMode.Online })
        {
            database = server.CreateDatabase(mode.ToString().ToLowerInvariant());
            results.Add((mode.ToString(), await MeasureAsync(database, before, rows, mode.ToString(), (connection, log) => DeployAsync(after, connection, mode, log))));
        }

        var efCommands = EfOnlineMigration.Commands();
        Console.WriteLine("EF Core's migration:\n  " + string.Join("\n  ", efCommands.Select(c => c.Trim())));
        results.Add(("EF Core migration", await MeasureAsync(server.CreateDatabase("efcore"), before, rows, "EF Core", (connection, _) => EfOnlineMigration.ApplyAsync(connection, efCommands))));
        var onlineDeploy = results.Single(r => r.Mode == "Online").Run.Deploy;

        // The noise floor: the same writer on the deployed database for as long as the online deploy took, with no deploy.
        results.Add(("No deploy (writer alone)", await IdleAsync(database, rows, onlineDeploy)));

        Console.WriteLine($"\n{rows:N0} rows in items and in parts; writer: one INSERT or UPDATE of items at a time, autocommit\n");
        Console.WriteLine("| Run | Deploy | Writer statements during it | Writer p99 | Writer max | Max vs Online |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var online = results.Single(r => r.Mode == "Online").Run.Max;
        foreach (var (mode, run) in results)
        {
            Console.WriteLine($"| {mode} | {(run.Deploy == TimeSpan.Zero ? "—" : $"{run.Deploy.TotalSeconds:0.0} s")} | {run.Statements:N0} | {run.P99.TotalMilliseconds:0.0} ms | {run.Max.TotalMilliseconds:0.0} ms | {run.Max.TotalMilliseconds / online.TotalMilliseconds:0.0}× |");
        }
    }

    private sealed record Run(TimeSpan Deploy, int Statements, TimeSpan P99, TimeSpan Max);

    // The SchemaGen rows: the deploy, then a check that it brought the database to the model.
    private static async Task DeployAsync(DeployTarget after, NpgsqlConnection connection, DeployMode mode, Microsoft.Extensions.Logging.ILogger log)
    {
        var result = await SchemaDeployer.DeployAsync(after, connection, new DeployOptions { Mode = mode, LockTimeout = TimeSpan.FromMinutes(5), Logger = log });
        if (result.NoOp || !(await SchemaDeployer.VerifyAsync(after, connection)).IsClean)
            throw new InvalidOperationException($"{mode}: the deploy did not bring the database to the model");
    }

    private static async Task<Run> MeasureAsync(string database, DeployTarget before, int rows, string name, Func<NpgsqlConnection, Microsoft.Extensions.Logging.ILogger, Task> apply)
    {
        await using (var setup = new NpgsqlConnection(database))
        {
            await setup.OpenAsync();
            await SchemaDeployer.DeployAsync(before, setup);
            await ExecuteAsync(setup, $"INSERT INTO items (id, name, count, note) SELECT i, 'item ' || i, i % 1000, 'note ' || i FROM generate_series(1, {rows}) i");
            await ExecuteAsync(setup, $"INSERT INTO parts (id, item_id) SELECT i, i FROM generate_series(1, {rows}) i");
            await ExecuteAsync(setup, "VACUUM ANALYZE items");
            await ExecuteAsync(setup, "VACUUM ANALYZE parts");
        }

        using var stop = new CancellationTokenSource();
        var latencies = new List<(TimeSpan At, TimeSpan Took)>();
        var clock = Stopwatch.StartNew();
        var writer = Task.Run(() => WriteAsync(database, rows, rows, clock, latencies, stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(2)); // the writer is in its stride before the deploy starts

        await using var deployer = new NpgsqlConnection(database);
        await deployer.OpenAsync();
        var log = new TimedLog(clock);
        var start = clock.Elapsed;
        await apply(deployer, log);
        var end = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1));
        stop.Cancel();
        var written = await writer;

        await using (var count = new NpgsqlCommand("SELECT count(*) FROM items", deployer))
        {
            var items = (long)(await count.ExecuteScalarAsync())!;
            if (items != rows + written)
                throw new InvalidOperationException($"{name}: {items} rows in items, expected {rows + written}");
        }

        // A statement that overlapped the deploy at all counts: one that started before and waited for its lock too.
        var overlapping = latencies.Where(l => l.At + l.Took >= start && l.At <= end).ToList();
        var during = overlapping.Select(l => l.Took).OrderBy(t => t).ToList();
        var worst = overlapping.MaxBy(l => l.Took);
        Console.WriteLine($"{name}: the longest writer statement started {(worst.At - start).TotalSeconds:0.00} s into the deploy; the deployer's last statement before it: "
            + log.LastBefore(worst.At + worst.Took));
        return new Run(end - start, during.Count, during[(int)Math.Ceiling(during.Count * 0.99) - 1], during[^1]);
    }

    // The deployer's log with the time of each entry, to say which statement the writer's longest wait overlapped.
    private sealed class TimedLog(Stopwatch clock) : Microsoft.Extensions.Logging.ILogger
    {
        private readonly List<(TimeSpan At, string Message)> _entries = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
                _entries.Add((clock.Elapsed, formatter(state, exception)));
        }

        public string LastBefore(TimeSpan at)
        {
            lock (_entries)
            {
                var entry = _entries.LastOrDefault(e => e.At <= at && !e.Message.StartsWith("Plan:", StringComparison.Ordinal));
                var text = entry.Message ?? "(none)";
                return text.Length > 160 ? text.Substring(0, 160) + "…" : text;
            }
        }
    }

    private static async Task<Run> IdleAsync(string database, int rows, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource();
        var latencies = new List<(TimeSpan At, TimeSpan Took)>();
        var clock = Stopwatch.StartNew();
        var writer = Task.Run(() => WriteAsync(database, rows, 10 * rows, clock, latencies, stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var start = clock.Elapsed;
        await Task.Delay(duration);
        stop.Cancel();
        await writer;
        var during = latencies.Where(l => l.At >= start && l.At <= start + duration).Select(l => l.Took).OrderBy(t => t).ToList();
        return new Run(TimeSpan.Zero, during.Count, during[(int)Math.Ceiling(during.Count * 0.99) - 1], during[^1]);
    }

    // Alternates an INSERT of a new item (ids after lastId) and an UPDATE of one of the first rows; values valid under both models. Returns the rows inserted.
    private static async Task<int> WriteAsync(string database, int rows, long lastId, Stopwatch clock, List<(TimeSpan, TimeSpan)> latencies, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO items (id, name, count, note) VALUES ($1, 'new ' || $1, 1, 'written')", connection);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
        await using var update = new NpgsqlCommand("UPDATE items SET count = (count + 1) % 1000 WHERE id = $1", connection);
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
        var random = new Random(42);
        var inserted = 0;
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var command = n % 2 == 0 ? insert : update;
            if (command == insert)
                ((NpgsqlParameter<long>)insert.Parameters[0]).TypedValue = lastId + inserted + 1;
            else
                ((NpgsqlParameter<long>)update.Parameters[0]).TypedValue = random.NextInt64(1, rows + 1);
            var at = clock.Elapsed;
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            latencies.Add((at, clock.Elapsed - at));
            if (command == insert)
                inserted++;
        }

        return inserted;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    // The model compiled in memory with the generator, and its generated Schema.Target.
    private static DeployTarget Load(string source, string name)
    {
        var compilation = ModelCompilation.Create("OnlineBench_" + name, new[] { CSharpSyntaxTree.ParseText(source, ModelCompilation.ParseOptions) });
        var schema = ModelCompilation.GeneratedSchema(ModelCompilation.EmitAndLoad(compilation, "online-bench-" + name));
        return (DeployTarget)schema.GetProperty("Target")!.GetValue(null)!;
    }
}

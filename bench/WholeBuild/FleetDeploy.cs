// The deploying program of the whole-process first-deploy and fleet benchmarks (run.sh, sections "first" and "fleet"):
// deploy the generated 200-table model to one database, or to every database of a file (@file, one connection string a
// line, four at a time as `schemagen deploy --connections-file` does), and exit; or write Schema.Sql for psql to run.
// SCHEMAGEN_BENCH_PHASES=1 prints each span of the "SchemaGen" ActivitySource (a span per phase) with its duration, and
// the time from process start to Main and the JIT's count of compiled methods, to stderr: the breakdown in docs/benchmarks.md.
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SchemaGen;

using var phases = Environment.GetEnvironmentVariable("SCHEMAGEN_BENCH_PHASES") == "1" ? PhasePrinter() : null;

if (args[0] == "--write-sql")
{
    File.WriteAllText(args[1], BenchModels.Schema.Sql);
    return 0;
}

var databases = args[0].StartsWith('@') ? File.ReadAllLines(args[0][1..]).Where(l => l.Length > 0).ToArray() : new[] { args[0] };
var results = await SchemaFleet.DeployAllAsync(BenchModels.Schema.Target, databases, maxParallelism: 4);
foreach (var failed in results.Where(r => !r.Succeeded))
    Console.Error.WriteLine(failed.Database + ": " + failed.Error!.Message);
var expectNoOp = args.Contains("--expect-no-op");
if (results.Any(r => !r.Succeeded) || (expectNoOp && results.Any(r => !r.Result!.NoOp)) || (!expectNoOp && results.Any(r => r.Result!.NoOp)))
{
    Console.Error.WriteLine("unexpected results: " + string.Join(", ", results.Select(r => r.Result?.NoOp.ToString() ?? "error")));
    return 1;
}

return 0;

static ActivityListener PhasePrinter()
{
    Console.Error.WriteLine($"main after {(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds:F0} ms, jit {System.Runtime.JitInfo.GetCompiledMethodCount()} methods");
    // Consecutive spans of one name (the apply_step spans) are printed as one line: their count and total.
    string? name = null;
    var (count, total) = (0, 0.0);
    void Flush()
    {
        if (name != null)
            Console.Error.WriteLine($"{name,-24} x{count,-5} {total,8:F1} ms  jit {System.Runtime.JitInfo.GetCompiledMethodCount()} methods, {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms");
        (name, count, total) = (null, 0, 0.0);
    }

    var listener = new ActivityListener
    {
        ShouldListenTo = source => source.Name == "SchemaGen",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        ActivityStarted = a =>
        {
            if (a.DisplayName != "schemagen.apply_step")
                lock (Console.Error)
                    Console.Error.WriteLine($"  start {a.DisplayName,-24} jit {System.Runtime.JitInfo.GetCompiledMethodCount()} methods, {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms");
        },
        ActivityStopped = a =>
        {
            lock (Console.Error)
            {
                if (a.DisplayName != name)
                    Flush();
                (name, count, total) = (a.DisplayName, count + 1, total + a.Duration.TotalMilliseconds);
                if (a.Parent == null)
                    Flush();
            }
        },
    };
    ActivitySource.AddActivityListener(listener);
    return listener;
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace SchemaGen.Bench;

/// <summary>
/// A whole-process harness for the generator's rerun costs, for a machine too busy for BenchmarkDotNet's
/// builds: <c>dotnet run -c Release --project bench/SchemaGen.Bench -- reruns [rounds]</c>. It uses the same
/// setup and operations as <see cref="GeneratorBenchmarks"/> (correctness checked there, throwing), runs every
/// operation once per round, interleaved, so that load that comes and goes hits them alike, and prints each
/// operation's median and its median ratio to the cold run of the same round.
/// </summary>
public static class RerunHarness
{
    public static void Run(int rounds)
    {
        var bench = new GeneratorBenchmarks();
        bench.SetupGenerator();
        var operations = new (string Name, Action Run)[]
        {
            (nameof(GeneratorBenchmarks.GeneratorCold), () => bench.GeneratorCold()),
            (nameof(GeneratorBenchmarks.GeneratorRerunAfterUnrelatedEdit), () => bench.GeneratorRerunAfterUnrelatedEdit()),
            (nameof(GeneratorBenchmarks.GeneratorRerunAfterModelFileComment), () => bench.GeneratorRerunAfterModelFileComment()),
            (nameof(GeneratorBenchmarks.ParseOnlyRerunAfterUnrelatedEdit), () => bench.ParseOnlyRerunAfterUnrelatedEdit()),
            (nameof(GeneratorBenchmarks.NameOnlyRerunAfterUnrelatedEdit), () => bench.NameOnlyRerunAfterUnrelatedEdit()),
            (nameof(GeneratorBenchmarks.BindModelAttributes), () => bench.BindModelAttributes()),
        };

        foreach (var operation in operations)
            operation.Run(); // warm-up: JIT and the first compilation's caches

        var times = operations.ToDictionary(o => o.Name, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, run) in operations)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var watch = Stopwatch.StartNew();
                run();
                times[name].Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var cold = times[operations[0].Name];
        Console.WriteLine($"| Operation | Median (ms) | Min (ms) | Max (ms) | Median ratio to cold (same round) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, _) in operations)
        {
            var own = times[name];
            var ratios = own.Select((t, i) => t / cold[i]).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{name}` | {Median(own):F0} | {own.Min():F0} | {own.Max():F0} | {Median(ratios):F2} |"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

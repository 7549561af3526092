using System;
using System.Globalization;
using System.IO;
using BenchmarkDotNet.Running;

namespace SchemaGen.Bench;

/// <summary>
/// dotnet run -c Release --project bench/SchemaGen.Bench -- --filter '*' runs the BenchmarkDotNet benchmarks;
/// <c>-- reruns [rounds]</c> the generator's reruns (see RerunHarness); <c>-- first-run [direct|probe]</c> the
/// generator's first runs in a fresh process (see FirstRunHarness);
/// <c>-- write-model &lt;directory&gt; &lt;tables&gt;</c> writes the benchmark model's sources for the whole-build
/// benchmark (bench/WholeBuild/run.sh); <c>-- online-deploy [rows]</c> the writer-latency harness of online deploys;
/// <c>-- scoped-deploy [rounds]</c> a one-column change of the 1,000-table model next to its no-op deploy.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "reruns")
            RerunHarness.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9);
        else if (args.Length > 0 && args[0] == "build-share")
            BuildShareHarness.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
        else if (args.Length > 0 && args[0] == "generator-only")
            BuildShareHarness.GeneratorOnly(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10);
        else if (args.Length > 0 && args[0] == "first-run")
            FirstRunHarness.Run(args.Length > 1 ? args[1] : "direct");
        else if (args.Length > 0 && args[0] == "online-deploy")
            OnlineDeployBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000_000).GetAwaiter().GetResult();
        else if (args.Length > 0 && args[0] == "scoped-deploy")
            ScopedDeployBenchmarks.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
        else if (args.Length > 0 && args[0] == "script-probe")
            ScriptProbe.Run(int.Parse(args[1], CultureInfo.InvariantCulture));
        else if (args.Length > 0 && args[0] == "read-probe")
            ReadProbe.Run(int.Parse(args[1], CultureInfo.InvariantCulture));
        else if (args.Length == 3 && args[0] == "write-model")
            WriteModel(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        else
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void WriteModel(string directory, int tables)
    {
        foreach (var file in ModelSource.Files(tables))
        {
            var path = Path.Combine(directory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }

        Console.WriteLine($"{tables} tables written to {directory}");
    }
}

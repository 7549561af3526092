using BenchmarkDotNet.Running;

namespace SchemaGen.Bench;

/// <summary>
/// dotnet run -c Release --project bench/SchemaGen.Bench -- --filter '*' (BenchmarkDotNet);
/// dotnet run -c Release --project bench/SchemaGen.Bench -- online-deploy [rows] (the writer-latency harness).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "online-deploy")
        {
            OnlineDeployBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2_000_000).GetAwaiter().GetResult();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

using System.Globalization;
using BenchmarkDotNet.Running;

namespace SchemaGen.Bench;

/// <summary>
/// dotnet run -c Release --project bench/SchemaGen.Bench -- --filter '*'
/// dotnet run -c Release --project bench/SchemaGen.Bench -- reruns [rounds]   (the generator's reruns, see RerunHarness)
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "reruns")
            RerunHarness.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9);
        else
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

using BenchmarkDotNet.Running;

namespace SchemaGen.Bench;

/// <summary>dotnet run -c Release --project bench/SchemaGen.Bench -- --filter '*'</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

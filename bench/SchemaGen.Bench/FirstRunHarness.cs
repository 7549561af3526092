using System;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SchemaGen.Bench;

/// <summary>
/// Where a build's generator time goes: <c>dotnet run -c Release --project bench/SchemaGen.Bench -- first-run
/// [direct|probe]</c>, each in a fresh process, as the compiler is when a build starts (nothing of the generator
/// JIT-compiled, no reference metadata read yet; run it with <c>DOTNET_TieredCompilation=0</c> or
/// <c>DOTNET_TieredPGO=0</c> to see what the JIT's tiers change). <c>direct</c> times SchemaGen on a new compilation
/// of the 1,000-table model three times in a row (each on a clone: new symbols, shared reference metadata, as the
/// compiler's own compilation after the generator); <c>probe</c> first runs the <see cref="TransformProbes.NameOnly"/>
/// generator (Roslyn's part: reference metadata, declaration table, the [Table] attributes found and bound), then
/// SchemaGen twice. Direct 1 − direct 3 is what being first in the process costs; probe's first SchemaGen run
/// − direct 3 is the generator's own JIT compilation and tier-0 code.
/// </summary>
public static class FirstRunHarness
{
    public static void Run(string order)
    {
        var compilation = ModelCompilation.Create(); // parsing is the compiler's, done before generators run
        var steps = order == "probe"
            ? new (string Name, Func<CSharpCompilation, GeneratorDriver> Run)[] { ("NameOnly probe", NameOnly), ("SchemaGen", SchemaGen), ("SchemaGen", SchemaGen) }
            : new (string Name, Func<CSharpCompilation, GeneratorDriver> Run)[] { ("SchemaGen", SchemaGen), ("SchemaGen", SchemaGen), ("SchemaGen", SchemaGen) };
        var times = steps.Select((step, i) =>
        {
            var watch = Stopwatch.StartNew();
            var result = step.Run(i == 0 ? compilation : (CSharpCompilation)compilation.Clone()).GetRunResult().Results.Single();
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (result.Exception != null || result.Diagnostics.Length > 0)
                throw new InvalidOperationException($"{step.Name} failed: {result.Exception}{string.Join("\n", result.Diagnostics)}");
            return $"{step.Name} {elapsed:F0} ms";
        }).ToList();
        Console.WriteLine($"{order}: {string.Join(", ", times)} (TieredCompilation={Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? "default"}, TieredPGO={Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "default"})");
    }

    private static GeneratorDriver SchemaGen(CSharpCompilation compilation) => ModelCompilation.CreateDriver().RunGenerators(compilation);

    private static GeneratorDriver NameOnly(CSharpCompilation compilation) =>
        CSharpGeneratorDriver.Create([new TransformProbes.NameOnly().AsSourceGenerator()], parseOptions: ModelCompilation.ParseOptions).RunGenerators(compilation);
}

using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SchemaGen.Bench;

/// <summary>
/// The generator's share of a build, in one warm process: <c>dotnet run -c Release --project bench/SchemaGen.Bench --
/// build-share [rounds]</c>. Each round compiles the 1,000-table model to an in-memory assembly without the generator
/// (a clone: new symbols, shared reference metadata), then with it: the driver's run, and the compilation with
/// <c>Schema.g.cs</c> emitted. What the compiler does besides (parsing, msbuild, writing files) is the same on both
/// sides and left out, so the ratio is an upper bound of what the generator adds to the compiler task.
/// </summary>
public static class BuildShareHarness
{
    public static void Run(int rounds)
    {
        var compilation = ModelCompilation.Create();
        Console.WriteLine("round none_ms generator_ms emit_with_ms with_total_ms ratio");
        for (var round = 0; round < rounds; round++)
        {
            var none = Time(() => Emit((CSharpCompilation)compilation.Clone()));
            Compilation? output = null;
            var generator = Time(() => ModelCompilation.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation.Clone(), out output, out _));
            var emitWith = Time(() => Emit(output!));
            var generated = output!.SyntaxTrees.Last();
            var text = generated.ToString();
            var start = text.IndexOf("public static class Ddl", StringComparison.Ordinal);
            var end = text.IndexOf("private static readonly", start, StringComparison.Ordinal);
            var withoutDdl = text.Remove(start, end - start).Replace("private static string ObjectSql(int index) => LazyObjects.Value[index].Sql;", "");
            var stripped = compilation.Clone().AddSyntaxTrees(CSharpSyntaxTree.ParseText(withoutDdl, ModelCompilation.ParseOptions, path: generated.FilePath));
            var emitNoDdl = Time(() => Emit(stripped));
            var dataStart = text.IndexOf("CompactModel => ", StringComparison.Ordinal) + "CompactModel => ".Length;
            var dataEnd = text.IndexOf("u8;", dataStart, StringComparison.Ordinal) + 2;
            var withoutData = text.Remove(dataStart, dataEnd - dataStart).Insert(dataStart, "\"x\"u8");
            var noData = compilation.Clone().AddSyntaxTrees(CSharpSyntaxTree.ParseText(withoutData, ModelCompilation.ParseOptions, path: generated.FilePath));
            var emitNoData = Time(() => Emit(noData));
            Console.WriteLine($"   no-data emit {emitNoData:F0} ({withoutData.Length} chars)");
            foreach (var size in new[] { 80_000, 270_000 })
            {
                var random = new Random(size);
                var bytes = new byte[size * 3 / 4];
                random.NextBytes(bytes);
                var withBase64 = text.Remove(dataStart, dataEnd - dataStart).Insert(dataStart, "\"" + Convert.ToBase64String(bytes) + "\"u8");
                var base64 = compilation.Clone().AddSyntaxTrees(CSharpSyntaxTree.ParseText(withBase64, ModelCompilation.ParseOptions, path: generated.FilePath));
                Console.WriteLine($"   base64 {size} emit {Time(() => Emit(base64)):F0}");
            }
            if (Environment.GetEnvironmentVariable("SCHEMAGEN_BENCH_DUMP") is { Length: > 0 } dump)
                File.WriteAllText(dump, text);
            Console.WriteLine($"{round} {none:F0} {generator:F0} {emitWith:F0} {generator + emitWith:F0} {(generator + emitWith) / none:F2} no-Ddl emit {emitNoDdl:F0} ({text.Length} chars, without Ddl {withoutDdl.Length})");
        }
    }

    /// <summary>The generator alone, <paramref name="runs"/> times on clones (for a sampling profiler).</summary>
    public static void GeneratorOnly(int runs)
    {
        var compilation = ModelCompilation.Create();
        for (var run = 0; run < runs; run++)
            Console.WriteLine($"generator {Time(() => ModelCompilation.CreateDriver().RunGenerators(compilation.Clone())):F0} ms");
    }

    private static void Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }
}

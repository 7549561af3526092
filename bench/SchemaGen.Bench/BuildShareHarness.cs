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
/// sides and left out, so the ratio is an upper bound of what the generator adds to the compiler task. Then the compile with
/// <c>Schema.g.cs</c> again without its <c>Ddl</c> class, and without its model data, to show what each costs.
/// <c>SCHEMAGEN_BENCH_DUMP=&lt;file&gt;</c> writes the generated source there.
/// </summary>
public static class BuildShareHarness
{
    public static void Run(int rounds)
    {
        var compilation = ModelCompilation.Create();
        Console.WriteLine("round none_ms generator_ms emit_with_ms ratio emit_without_Ddl_ms emit_without_model_data_ms generated_chars");
        for (var round = 0; round < rounds; round++)
        {
            var none = Time(() => Emit((CSharpCompilation)compilation.Clone()));
            Compilation? output = null;
            var generator = Time(() => ModelCompilation.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation.Clone(), out output, out _));
            var emitWith = Time(() => Emit(output!));
            var generated = output!.SyntaxTrees.Last().ToString();
            if (Environment.GetEnvironmentVariable("SCHEMAGEN_BENCH_DUMP") is { Length: > 0 } dump)
                File.WriteAllText(dump, generated);

            // What each part of Schema.g.cs costs the compiler: the same compile with that part cut out.
            var withoutDdl = Cut(generated, "public static class Ddl", "private static readonly", "")
                .Replace("private static string ObjectSql(int index) => LazyObjects.Value[index].Sql;", "", StringComparison.Ordinal);
            var withoutData = Cut(generated, "\"\"\"", "\"\"\"u8", "\"x\"u8");
            var emitWithoutDdl = Time(() => Emit(compilation.Clone().AddSyntaxTrees(Parse(withoutDdl))));
            var emitWithoutData = Time(() => Emit(compilation.Clone().AddSyntaxTrees(Parse(withoutData))));
            Console.WriteLine($"{round} {none:F0} {generator:F0} {emitWith:F0} {(generator + emitWith) / none:F2} {emitWithoutDdl:F0} {emitWithoutData:F0} {generated.Length}");
        }
    }

    private static string Cut(string text, string from, string to, string replacement)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        var end = text.IndexOf(to, start + from.Length, StringComparison.Ordinal) + (to.StartsWith('"') ? to.Length : 0);
        return text.Remove(start, end - start).Insert(start, replacement);
    }

    private static SyntaxTree Parse(string text) => CSharpSyntaxTree.ParseText(text, ModelCompilation.ParseOptions, path: "Schema.g.cs");

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

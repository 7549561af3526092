using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaGen.Tests.Infrastructure;
using SchemaGen.Tests.Templates;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// The [Table] classes are parsed on a second core too (Caching/ParseAhead): a worker goes from the last tree backwards
/// while Roslyn calls the transform from the first. Whichever side parses a class, the output and the diagnostics must be
/// those of a single-threaded build, every class parsed exactly once, and the worker must find the classes
/// ForAttributeWithMetadataName finds and no other.
/// </summary>
public class ParseAheadTests
{
    // Tables that reference each other, nested and record classes, a partial class over two files, a diagnostic, a
    // [Table] of another namespace (not a table), and one whose attribute is named through an alias (a table the worker
    // cannot tell by its syntax: the transform parses it).
    private static string[] Sources(int tables)
    {
        var files = Enumerable.Range(0, tables).Select(i => WrapperModels.Usings + $$"""
            namespace TestModels;
            /// <summary>Table {{i}}.</summary>
            [Table("t_{{i}}")]
            public class T{{i}}
            {
                [Key] public long Id { get; set; }
                [MaxLength(40)] public string Name { get; set; } = null!;
                [Range(0, {{i + 1}})] public int Level { get; set; }
                [ForeignKey(nameof(Parent))] public long? ParentId { get; set; }
                public T{{(i + 1) % tables}}? Parent { get; set; }
            }
            """).ToList();
        files.Add(WrapperModels.Usings + """
            namespace TestModels;
            public static class Outer
            {
                [Table("nested")] public class Nested { [Key] public int Id { get; set; } public object Unmappable { get; set; } = null!; }
            }
            [Table("records")] public record Entry([property: Key] int Id, string Text);
            [Table("parts")] public partial class Parts { [Key] public int Id { get; set; } }
            """);
        files.Add(WrapperModels.Usings + """
            namespace TestModels;
            public partial class Parts { public string? More { get; set; } }
            """);
        files.Add("""
            namespace Elsewhere { public sealed class TableAttribute : System.Attribute { public TableAttribute(string name) { } } }
            namespace TestModels { [Elsewhere.Table("not_a_table")] public class NotATable { public int Id { get; set; } } }
            """);
        files.Add(WrapperModels.Usings + """
            using Named = System.ComponentModel.DataAnnotations.Schema.TableAttribute;
            namespace TestModels;
            [Named("aliased")] public class Aliased { [System.ComponentModel.DataAnnotations.Key] public int Id { get; set; } }
            """);
        return files.ToArray();
    }

    private const int Tables = 40;
    private const int Targets = Tables + 4; // the generated tables, Nested, Entry, Parts and Aliased

    [Fact]
    public void EveryClassTheTransformIsAskedForIsParsedAheadOnceAndTheOutputIsTheSame()
    {
        var sources = Sources(Tables);
        var single = Run(SingleThreaded(sources), aheadFirst: false, out var singleCounts);
        var ahead = Run(GeneratorHarness.Compile(sources), aheadFirst: true, out var aheadCounts);

        Assert.Equal((Targets, 0, 0), singleCounts);
        // Every class but the aliased one, which only binding tells apart from any other attribute called Named.
        Assert.Equal((Targets, 0, Targets - 1), aheadCounts);
        Assert.Equal(single.Source, ahead.Source);
        Assert.Equal(single.Diagnostics, ahead.Diagnostics);
        Assert.Contains("SG0001", single.Diagnostics); // the nested class's unmappable property, found on either side
        Assert.DoesNotContain("not_a_table", single.Source);
    }

    [Fact]
    public void ASingleThreadedCompilationParsesNothingAhead()
    {
        Run(SingleThreaded(Sources(4)), aheadFirst: true, out var counts);
        Assert.Equal((4 + 4, 0, 0), counts);
    }

    [Fact]
    public void WithTheWorkerRacingTheTransformEachClassIsParsedOnceAndTheOutputIsTheSame()
    {
        var sources = Sources(Tables);
        var expected = Run(SingleThreaded(sources), aheadFirst: false, out _);
        for (var round = 0; round < 5; round++)
        {
            var raced = Run(GeneratorHarness.Compile(sources), aheadFirst: false, out var counts);
            Assert.Equal(Targets, counts.Parsed);
            Assert.Equal(0, counts.Reused);
            Assert.Equal(expected.Source, raced.Source);
            Assert.Equal(expected.Diagnostics, raced.Diagnostics);
        }
    }

    [Fact]
    public void AnEditThatDeclaresTheSameStartsNoWorkerAndReusesEveryClass()
    {
        var sources = Sources(6);
        var compilation = GeneratorHarness.Compile(sources);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().WithChanges(
            new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(0, 0), "// a comment\n"))));

        var counts = Count(aheadFirst: true, () => driver = driver.RunGenerators(edited));

        // The edited file's class is parsed again (its tree is a new object); the rest are reused, and no worker ran.
        Assert.Equal((1, 6 + 4 - 1, 0), counts);
    }

    // As csc /parallel- builds: ConcurrentBuild off.
    private static CSharpCompilation SingleThreaded(string[] sources)
    {
        var compilation = GeneratorHarness.Compile(sources);
        return compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
    }

    private sealed record Output(string Source, string Diagnostics);

    private static Output Run(CSharpCompilation compilation, bool aheadFirst, out (int Parsed, int Reused, int Ahead) counts)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver();
        counts = Count(aheadFirst, () => driver = driver.RunGenerators(compilation));
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        var source = result.GeneratedSources.Single(s => s.HintName == "Schema.g.cs").SourceText.ToString();
        var diagnostics = string.Join("\n", result.Diagnostics.Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal));
        return new Output(source, diagnostics);
    }

    // Caching/ParseCounters, read by reflection as IncrementalTests does, with the worker run first on request.
    private static (int Parsed, int Reused, int Ahead) Count(bool aheadFirst, Action run)
    {
        var counters = typeof(SchemaGen.Generators.SchemaGenerator).Assembly.GetType("SchemaGen.Generators.Caching.ParseCounters", throwOnError: true)!;
        var observed = (System.Threading.AsyncLocal<int[]?>)counters.GetField("Observed", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
        var first = (System.Threading.AsyncLocal<bool>)counters.GetField("AheadFirst", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
        var counts = new int[3];
        observed.Value = counts;
        first.Value = aheadFirst;
        try
        {
            run();
        }
        finally
        {
            observed.Value = null;
            first.Value = false;
        }

        return (counts[0], counts[1], counts[2]);
    }
}

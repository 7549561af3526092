using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// The generator is cheap in the IDE: an edit that does not touch a model reuses every step, a model edit
/// changes the output, the specs hold no Roslyn objects, and the output does not depend on file order.
/// </summary>
public class IncrementalTests
{
    private static readonly string[] ModelSteps = ["ParsedTables", "Tables", "Options", "Schema", "SchemaSpec"];

    private const string Helper = """
        namespace TestModels;
        public static class Helper
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    [Fact]
    public void AnUnrelatedEditLeavesEveryStepCachedOrUnchanged()
    {
        var (first, second) = RunTwice(Helper.Replace("x * 2", "x + x"));

        foreach (var step in ModelSteps)
        {
            var reasons = second.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }

        var output = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.All(output, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.Equal(first.GeneratedSources.Single().SourceText.ToString(), second.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void TemplatesAndWrappersAreCachedAndHoldNoRoslynObjects()
    {
        const string wrappers = """
            namespace TestModels;
            public sealed record AdvanceResult(bool Advanced, int NewStage, bool IsFinal);
            public static partial class Calls
            {
                [SqlFunction("advance_job_stage")]
                public static partial Task<AdvanceResult?> AdvanceAsync(this NpgsqlConnection connection, string jobId, int currentStage);

                [SqlFunction("count_jobs")]
                public static partial Task<long> CountAsync(this NpgsqlConnection connection, string status);
            }
            """;
        var compilation = GeneratorHarness.Compile(Templates.WrapperModels.Usings + Templates.WrapperModels.Model, Templates.WrapperModels.Usings + wrappers, Helper);
        var templates = Templates.WrapperModels.TemplateFiles.Select(t => (AdditionalText)new GeneratorHarness.Template(t.Item1, t.Item2));
        var driver = GeneratorHarness.CreateDriver(trackSteps: true, additionalTexts: templates).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        var helper = compilation.SyntaxTrees.Last();
        var second = driver.RunGenerators(compilation.ReplaceSyntaxTree(helper, CSharpSyntaxTree.ParseText(Helper.Replace("x * 2", "x + x"), GeneratorHarness.ParseOptions, helper.FilePath)))
            .GetRunResult().Results.Single();

        Assert.Equal(2, first.GeneratedSources.Length);
        foreach (var step in new[] { "Templates", "Wrappers", "BoundWrappers" })
        {
            var outputs = second.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
            foreach (var output in outputs)
                AssertNoRoslynTypes(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void AModelEditChangesTheOutput()
    {
        var sources = FeatureModels.Sample();
        var driver = GeneratorHarness.CreateDriver(trackSteps: true);
        var compilation = GeneratorHarness.Compile(sources);
        driver = driver.RunGenerators(compilation);
        var jobs = compilation.SyntaxTrees.Single(t => t.ToString().Contains("class JobRecord"));
        var edited = compilation.ReplaceSyntaxTree(jobs, jobs.WithChangedText(jobs.GetText().Replace(jobs.ToString().IndexOf("[Range(1, 100)]", StringComparison.Ordinal), "[Range(1, 100)]".Length, "[Range(1, 200)]")));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps["SchemaSpec"].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("stage <= 200", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void SpecsHoldNoRoslynObjects()
    {
        var (_, second) = RunTwice(Helper);
        foreach (var step in new[] { "Tables", "Options", "SchemaSpec" })
        {
            foreach (var output in second.TrackedSteps[step].SelectMany(s => s.Outputs))
                AssertNoRoslynTypes(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    [Fact]
    public void FileOrderDoesNotChangeTheOutput()
    {
        var sources = FeatureModels.All["ForeignKeys"].Concat(FeatureModels.Sample()).ToArray();
        var forward = GeneratorHarness.Run(sources).GeneratedSource;
        var backward = GeneratorHarness.Run(sources.Reverse().ToArray()).GeneratedSource;
        Assert.NotNull(forward);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void ASplitPartialClassKeepsItsColumnOrderWhateverTheFileOrder()
    {
        string[] sources =
        [
            "using System.ComponentModel.DataAnnotations; using System.ComponentModel.DataAnnotations.Schema; namespace TestModels; [Table(\"split\")] public partial class Split { [Key] public int Id { get; set; } public int A { get; set; } }",
            "namespace TestModels; public partial class Split { public int B { get; set; } public int C { get; set; } }",
        ];
        var forward = GeneratorHarness.Run(sources).GeneratedSource;
        Assert.Equal(forward, GeneratorHarness.Run(sources.Reverse().ToArray()).GeneratedSource);
        var sql = GeneratorHarness.Run(sources).Load().Sql;
        Assert.Contains("id integer NOT NULL,\n    a integer NOT NULL", sql);
        Assert.Contains("b integer NOT NULL,\n    c integer NOT NULL", sql);
    }

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(string editedHelper)
    {
        var compilation = GeneratorHarness.Compile(FeatureModels.Sample().Append(Helper).ToArray());
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();

        var helper = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(helper, CSharpSyntaxTree.ParseText(editedHelper, GeneratorHarness.ParseOptions, helper.FilePath));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();
        return (first, second);
    }

    // Walks an object graph and fails on anything from Microsoft.CodeAnalysis: a symbol, syntax node or
    // compilation in a cached spec would keep old compilations alive and defeat caching.
    private static void AssertNoRoslynTypes(object? value, string path, HashSet<object> seen)
    {
        if (value == null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
            return;
        var type = value.GetType();
        Assert.False(type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true
            && type.Name != "TextSpan" && type.Name != "LinePositionSpan" && type.Name != "LinePosition", $"{path} holds a {type.FullName}");

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
                AssertNoRoslynTypes(item, $"{path}[{i++}]", seen);
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            AssertNoRoslynTypes(property.GetValue(value), path + "." + property.Name, seen);
    }
}

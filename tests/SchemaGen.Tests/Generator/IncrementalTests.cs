using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaGen.Tests.Infrastructure;
using SchemaGen.Tests.Templates;
using Xunit;
using static Microsoft.CodeAnalysis.IncrementalStepRunReason;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// The generator is cheap in the IDE: an edit that does not change the model (an unrelated file, a comment or a
/// method body in a model file, a comment above a [SqlFunction] method, a comment in a template) reuses every
/// step, each named in TrackingNames; a real model edit changes the output; the output does not depend on file order.
/// </summary>
public class IncrementalTests
{
    private const string ModelFile = WrapperModels.Usings + """
        [assembly: SchemaOptions(DefaultSchema = "app")]

        namespace TestModels;

        public enum JobStatus { Queued, Done }

        [Table("jobs")]
        public class Job
        {
            [Key] public string JobId { get; set; } = null!;
            public JobStatus Status { get; set; } = JobStatus.Queued;
            [Range(1, 100)] public int Stage { get; set; } = 1;
            public int TotalStages { get; set; } = 1;
            public Dictionary<string, object> StageResults { get; set; } = new();

            public int Remaining()
            {
                return TotalStages - Stage;
            }
        }
        """;

    private const string WrapperFile = WrapperModels.Usings + """
        namespace TestModels;
        public sealed record AdvanceResult(bool Advanced, int NewStage, bool IsFinal);
        public static partial class Calls
        {
            [SqlFunction("advance_job_stage")]
            public static partial Task<AdvanceResult?> AdvanceAsync(this NpgsqlConnection connection, string jobId, int currentStage);

            [SqlFunction("count_jobs")]
            public static partial Task<long> CountAsync(this NpgsqlConnection connection, JobStatus status);
        }
        """;

    private const string HelperFile = """
        namespace TestModels;
        public static class Helper
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    private static readonly IncrementalStepRunReason[] Reused = [Cached, Unchanged];

    [Fact]
    public void AnUnrelatedEditReusesEveryStep()
    {
        var run = Rerun(HelperFile, "x * 2", "x + x");
        AssertEveryStepReused(run);
    }

    [Fact]
    public void ACommentAboveATableClassReusesEveryStep()
    {
        var run = Rerun(ModelFile, "[Table(\"jobs\")]", "// The queue.\n[Table(\"jobs\")]");
        AssertEveryStepReused(run);
    }

    [Fact]
    public void AMethodBodyEditedInAModelFileReusesEveryStep()
    {
        var run = Rerun(ModelFile, "return TotalStages - Stage;", "return Math.Max(0, TotalStages - Stage);");
        AssertEveryStepReused(run);
    }

    [Fact]
    public void ACommentAboveASqlFunctionMethodReusesEveryStep()
    {
        var run = Rerun(WrapperFile, "[SqlFunction(\"count_jobs\")]", "// How many.\n    [SqlFunction(\"count_jobs\")]");
        AssertEveryStepReused(run);
    }

    [Fact]
    public void ACommentAboveATemplateFunctionReparsesTheTemplateOnly()
    {
        var (compilation, driver, first) = RunOnce();
        var edited = new GeneratorHarness.Template(WrapperModels.TemplateFiles[0].Item1, "-- Functions of the job queue.\n" + WrapperModels.Templates);
        var original = TemplateTexts.Single();
        var run = driver.ReplaceAdditionalText(original, edited).RunGenerators(compilation).GetRunResult().Results.Single();

        // The functions moved down a line, so the parsed template differs; the model it becomes does not.
        AssertStep(run, "Templates", Modified);
        foreach (var step in AllSteps().Where(s => s != "Templates"))
            AssertStep(run, step, Reused);
        AssertOutputsReused(run);
        Assert.Equal(Sources(first), Sources(run));
    }

    [Fact]
    public void ARealModelEditChangesTheSchemaAndItsSource()
    {
        var (compilation, driver, first) = RunOnce();
        var run = driver.RunGenerators(Edit(compilation, ModelFile, "[Range(1, 100)]", "[Range(1, 200)]")).GetRunResult().Results.Single();

        AssertStep(run, "ParsedTables", Modified);
        AssertStep(run, "Tables", Modified);
        AssertStep(run, "Schema", Modified);
        AssertStep(run, "SchemaSpec", Modified);
        AssertStep(run, "Options", Reused);
        AssertStep(run, "Templates", Reused);
        AssertStep(run, "ParsedWrappers", Reused);
        AssertStep(run, "Wrappers", Reused);
        AssertStep(run, "BoundWrappers", Reused); // re-bound against the new schema, to the same wrappers
        Assert.DoesNotContain("stage <= 200", SchemaSql(first));
        Assert.Contains("stage <= 200", SchemaSql(run));
    }

    [Fact]
    public void AMovedDiagnosticIsReportedWhereItNowIsWhileTheModelIsReused()
    {
        // SG0002 (parser: no primary key) at Event, SG0004 (assembler: two classes, one table) at Copy.
        const string diagnosed = """
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;
            namespace TestModels;
            [Table("events")]
            public class Event { public string? Name { get; set; } }
            [Table("events")]
            public class Copy { [Key] public int Id { get; set; } }
            """;
        var compilation = GeneratorHarness.Compile(diagnosed, HelperFile);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().Diagnostics;

        var unrelated = driver.RunGenerators(Edit(compilation, HelperFile, "x * 2", "x + x")).GetRunResult().Results.Single();
        Assert.Equal(Lines(before), Lines(unrelated.Diagnostics));

        var moved = driver.RunGenerators(Edit(compilation, diagnosed, "namespace TestModels;", "namespace TestModels;\n// A comment.\n")).GetRunResult().Results.Single();
        AssertStep(moved, "Tables", Reused);
        AssertStep(moved, "Schema", Reused);
        AssertStep(moved, "SchemaSpec", Reused);
        Assert.Equal(Lines(before).Select(d => (d.Id, d.Line + 2)), Lines(moved.Diagnostics).Select(d => (d.Id, d.Line)));
        Assert.Equal(["SG0002", "SG0004"], Lines(moved.Diagnostics).Select(d => d.Id).Distinct().Order());
    }

    [Theory]
    [InlineData("an unrelated edit", "helper", 0, 4)]
    [InlineData("a comment in another model file", "model", 1, 3)]
    [InlineData("a method body in another model file", "body", 1, 3)]
    public void AnEditThatChangesNoDeclarationReusesTheParseOfEveryClassInAnUnchangedFile(string what, string edit, int parsed, int reused)
    {
        // Job in ModelFile, Note in its own file, two [SqlFunction] methods in WrapperFile: four transforms.
        const string noteFile = WrapperModels.Usings + """
            namespace TestModels;
            [Table("notes")]
            public class Note { [Key] public int Id { get; set; } }
            """;
        var compilation = GeneratorHarness.Compile(ModelFile, noteFile, WrapperFile, HelperFile);
        var driver = GeneratorHarness.CreateDriver(additionalTexts: TemplateTexts).RunGenerators(compilation);
        var before = Sources(driver.GetRunResult().Results.Single());
        var edited = edit switch
        {
            "helper" => Edit(compilation, HelperFile, "x * 2", "x + x"),
            "model" => Edit(compilation, ModelFile, "[Table(\"jobs\")]", "// The queue.\n[Table(\"jobs\")]"),
            _ => Edit(compilation, ModelFile, "return TotalStages - Stage;", "return Math.Max(0, TotalStages - Stage);"),
        };

        var counts = CountParses(() => driver = driver.RunGenerators(edited));

        Assert.True(counts == (parsed, reused), $"after {what}: {counts.Parsed} parsed, {counts.Reused} reused; expected {parsed} and {reused}");
        Assert.Equal(before, Sources(driver.GetRunResult().Results.Single()));
    }

    [Fact]
    public void AConstantUsedInAnAttributeElsewhereIsReadAgain()
    {
        const string limits = "namespace TestModels; public static class Limits { public const int Max = 100; }";
        var model = ModelFile.Replace("[Range(1, 100)]", "[Range(1, Limits.Max)]");
        var compilation = GeneratorHarness.Compile(model, limits, HelperFile);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Contains("stage <= 100", SchemaSql(driver.GetRunResult().Results.Single()));

        var counts = CountParses(() => driver = driver.RunGenerators(Edit(compilation, limits, "= 100", "= 200")));

        Assert.Equal((1, 0), counts);
        Assert.Contains("stage <= 200", SchemaSql(driver.GetRunResult().Results.Single()));
    }

    [Fact]
    public void AForeignKeyTargetsKeyEditedInItsOwnFileIsReadAgain()
    {
        // The target's columns are collected once per compilation and shared by the parses that reference it: the next
        // compilation must collect them again, or the foreign key would be checked against the old key.
        const string parent = WrapperModels.Usings + """
            namespace TestModels;
            [Table("parents")] public class Parent { [Key] public int Id { get; set; } }
            """;
        const string child = WrapperModels.Usings + """
            namespace TestModels;
            [Table("children")] public class Child { [Key] public int Id { get; set; } [References(typeof(Parent))] public int ParentId { get; set; } }
            """;
        var compilation = GeneratorHarness.Compile(parent, child, HelperFile);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Id == "SG0007");

        driver = driver.RunGenerators(Edit(compilation, parent, "public int Id", "public long Id"));

        var mismatch = Assert.Single(driver.GetRunResult().Diagnostics, d => d.Id == "SG0007");
        Assert.Contains("its key 'Id' is long and 'ParentId' is int", mismatch.GetMessage());
    }

    // How many transforms parsed and how many reused a result (Caching/ParseCounters, read by reflection and counted on this flow only).
    internal static (int Parsed, int Reused) CountParses(Action run)
    {
        var field = typeof(SchemaGen.Generators.SchemaGenerator).Assembly.GetType("SchemaGen.Generators.Caching.ParseCounters", throwOnError: true)!
            .GetField("Observed", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var observed = (System.Threading.AsyncLocal<int[]?>)field.GetValue(null)!;
        var counts = new int[2];
        observed.Value = counts;
        try
        {
            run();
        }
        finally
        {
            observed.Value = null;
        }

        return (counts[0], counts[1]);
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

    /// <summary>Every constant of TrackingNames, found by reflection so that a new step cannot be left out.</summary>
    internal static IReadOnlyList<string> AllSteps() =>
        typeof(SchemaGen.Generators.SchemaGenerator).Assembly.GetType("SchemaGen.Generators.TrackingNames", throwOnError: true)!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

    /// <summary>The tables, templates and wrappers model, run once with step tracking.</summary>
    internal static (CSharpCompilation Compilation, GeneratorDriver Driver, GeneratorRunResult First) RunOnce()
    {
        var compilation = GeneratorHarness.Compile(ModelFile, WrapperFile, HelperFile);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true, additionalTexts: TemplateTexts).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics);
        Assert.Equal(2, first.GeneratedSources.Length); // Schema.g.cs and the [SqlFunction] implementations
        return (compilation, driver, first);
    }

    private static GeneratorRunResult Rerun(string file, string find, string replace)
    {
        var (compilation, driver, first) = RunOnce();
        var run = driver.RunGenerators(Edit(compilation, file, find, replace)).GetRunResult().Results.Single();
        Assert.Equal(Sources(first), Sources(run));
        return run;
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, string file, string find, string replace)
    {
        Assert.Contains(find, file);
        var tree = compilation.SyntaxTrees.Single(t => t.ToString() == file);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(file.Replace(find, replace), GeneratorHarness.ParseOptions, tree.FilePath));
    }

    // One instance per file, so that a test can replace it in the driver.
    private static readonly IReadOnlyList<AdditionalText> TemplateTexts =
        WrapperModels.TemplateFiles.Select(t => (AdditionalText)new GeneratorHarness.Template(t.Item1, t.Item2)).ToList();

    private static void AssertEveryStepReused(GeneratorRunResult run)
    {
        foreach (var step in AllSteps())
            AssertStep(run, step, Reused);
        AssertOutputsReused(run);
    }

    private static void AssertStep(GeneratorRunResult run, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(run.TrackedSteps.TryGetValue(step, out var steps), $"step {step} did not run");
        var reasons = steps!.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        if (allowed.Contains(Modified))
            Assert.Contains(Modified, reasons); // a step that must change: at least one output did
        else
            Assert.All(reasons, r => Assert.True(allowed.Contains(r), $"{step}: {r}"));
    }

    private static void AssertOutputsReused(GeneratorRunResult run)
    {
        var outputs = run.TrackedOutputSteps.SelectMany(s => s.Value.SelectMany(step => step.Outputs).Select(o => (s.Key, o.Reason))).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(Reused.Contains(o.Reason), $"output {o.Key}: {o.Reason}"));
    }

    private static string Sources(GeneratorRunResult run) =>
        string.Join("\n", run.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.HintName + "\n" + s.SourceText));

    // The model is packed in Schema.g.cs: what a model edit changes is read from the SQL it renders.
    private static string SchemaSql(GeneratorRunResult run) =>
        GeneratorResult.RenderedSqlOf(run.GeneratedSources.Single(s => s.HintName == "Schema.g.cs").SourceText.ToString());

    private static List<(string Id, int Line)> Lines(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d => (d.Id, Line: d.Location.GetLineSpan().StartLinePosition.Line)).OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Line).ToList();
}

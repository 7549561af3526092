using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaGen.Tests.Infrastructure;
using SchemaGen.Tests.Templates;
using Xunit;

namespace SchemaGen.Tests.Generator;

/// <summary>
/// Diagnostics travel through the pipeline as plain data, yet land in the user's own syntax tree, at the same
/// place as when they were made from symbols: the compiler applies <c>#pragma warning disable</c> and
/// editorconfig severities to a generator's diagnostic only when its location is in one of the compilation's trees.
/// One diagnostic of each kind of step is checked: the parser's, the assembler's (across tables) and the binder's.
/// </summary>
public class DiagnosticLocationTests
{
    private const string Model = WrapperModels.Usings + """
        namespace TestModels;

        [Table("events")]
        public class Event { public string? Name { get; set; } }

        [Table("things")]
        public class Thing { [Key] public int Id { get; set; } }

        [Table("things")]
        public class OtherThing { [Key] public int Id { get; set; } }

        public static partial class Calls
        {
            [SqlFunction("no_such_function")]
            public static partial Task<long> MissingAsync(this NpgsqlConnection connection);

            [SqlFunction("count_jobs")]
            public static partial Task<long> CountAsync(this NpgsqlConnection connection, JobStatus state);
        }
        """;

    [Fact]
    public void ParserAssemblerAndBinderDiagnosticsAreInTheUsersSyntaxTree()
    {
        var result = Run(Model);

        AssertInSource(result, "SG0002", "Event");                                   // parser: no primary key
        AssertInSource(result, "SG0004", "Thing");                                   // assembler: one table, two classes
        AssertInSource(result, "SG0012", "SqlFunction(\"no_such_function\")");       // binder: no template defines it
        AssertInSource(result, "SG0010", "state");                                   // binder: no parameter of that name
    }

    [Fact]
    public void PragmaWarningDisableSilencesAGeneratorWarning()
    {
        var silenced = Run(Model.Replace("[Table(\"events\")]", "#pragma warning disable SG0002\n[Table(\"events\")]"));
        var loud = Run(Model);

        Assert.NotNull(Filter(loud, Single(loud, "SG0002")));
        Assert.Null(Filter(silenced, Single(silenced, "SG0002")));
    }

    private static GeneratorResult Run(string model) =>
        GeneratorHarness.Run([WrapperModels.Usings + WrapperModels.Model, model], WrapperModels.TemplateFiles);

    private static Diagnostic Single(GeneratorResult result, string id) => Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);

    private static void AssertInSource(GeneratorResult result, string id, string text)
    {
        var candidates = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.NotEmpty(candidates);
        Assert.All(candidates, d => Assert.True(d.Location.IsInSource, $"{id} is not in source: {d.Location}"));
        Assert.All(candidates, d => Assert.Contains(d.Location.SourceTree, result.Compilation.SyntaxTrees));
        Assert.Contains(text, candidates.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
    }

    // What the compiler does with a reported diagnostic before printing it (pragmas, editorconfig, /nowarn): nothing
    // left when suppressed. Compilation.FilterAndAppendDiagnostics is internal; the command-line compiler runs the
    // generator driver's diagnostics through it.
    private static Diagnostic? Filter(GeneratorResult result, Diagnostic diagnostic)
    {
        var filter = result.Compilation.GetType().GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Single(m => m.Name == "FilterAndAppendDiagnostics" && m.GetParameters().Length == 4);
        var bagType = filter.GetParameters()[0].ParameterType;
        var bag = System.Activator.CreateInstance(bagType)!;
        filter.Invoke(result.Compilation, [bag, new[] { diagnostic }, null, CancellationToken.None]);
        var kept = (System.Collections.Generic.IEnumerable<Diagnostic>)bagType.GetMethod("AsEnumerable", System.Type.EmptyTypes)!.Invoke(bag, null)!;
        return kept.SingleOrDefault();
    }
}

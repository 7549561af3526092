using System;
using System.Linq;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace SchemaGen.Bench;

/// <summary>
/// The generator on 1,000 tables × 20 columns, cold, after an unrelated edit and after a comment typed in a model
/// file, next to EF Core (Npgsql provider) building the model of the same classes and its create script at run
/// time (the baseline). <see cref="BindModelAttributes"/> measures what binding every [Table] class's and
/// property's attributes costs in a new compilation: what a rerun of the per-class transform paid before the parse
/// cache (Roslyn reruns it for every class whenever the compilation changes; the cache skips the binding).
/// Correctness is checked once per process in the global setups (throwing, not asserting time), so a broken
/// run cannot be measured silently.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class GeneratorBenchmarks
{
    private static readonly string[] ModelSteps = ["ParsedTables", "Tables", "Options", "Schema", "SchemaSpec", "Templates", "ParsedWrappers", "Wrappers", "BoundWrappers"];

    private CSharpCompilation _compilation = null!;
    private SyntaxTree _editedHelper = null!;
    private SyntaxTree _commentedModel = null!;
    private GeneratorDriver _warmDriver = null!;
    private GeneratorDriver _warmParseOnly = null!;
    private GeneratorDriver _warmNameOnly = null!;

    private LoadedModel _model = null!;
    private MemoryCache _efCache = null!;
    private DbContextOptions<ModelContext> _efOptions = null!;

    [GlobalSetup(Targets = [nameof(GeneratorCold), nameof(GeneratorRerunAfterUnrelatedEdit), nameof(GeneratorRerunAfterModelFileComment), nameof(BindModelAttributes),
        nameof(ParseOnlyRerunAfterUnrelatedEdit), nameof(NameOnlyRerunAfterUnrelatedEdit)])]
    public void SetupGenerator()
    {
        _compilation = ModelCompilation.Create();
        _editedHelper = ModelCompilation.ParseEditedHelper();
        _commentedModel = ModelCompilation.ParseCommentedModelFile(_compilation);

        // Checked once with step tracking on: the cold run produces the Schema source and no diagnostic, and
        // the rerun after the unrelated edit reuses every step.
        var tracking = ModelCompilation.CreateDriver(trackSteps: true).RunGenerators(_compilation);
        var cold = Single(tracking.GetRunResult());
        var source = cold.GeneratedSources.SingleOrDefault(s => s.HintName == "Schema.g.cs").SourceText?.ToString()
            ?? throw new InvalidOperationException("The generator produced no Schema.g.cs.");
        if (!source.Contains("public static string Sql", StringComparison.Ordinal) || Count(source, " table\t") < ModelSource.TableCount)
            throw new InvalidOperationException("Schema.g.cs does not hold the model data of every table.");

        foreach (var edited in new[] { ModelCompilation.WithUnrelatedEdit(_compilation, _editedHelper), ModelCompilation.WithModelFileComment(_compilation, _commentedModel) })
        {
            var rerun = Single(tracking.RunGenerators(edited).GetRunResult());
            foreach (var step in ModelSteps.Where(rerun.TrackedSteps.ContainsKey))
                RequireReused(step, rerun.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason));
            foreach (var step in new[] { "ParsedTables", "Tables", "Schema", "SchemaSpec" })
                RequireReused(step, rerun.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason) : []);
            RequireReused("output", rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason));
            if (rerun.GeneratedSources.Single().SourceText.ToString() != source)
                throw new InvalidOperationException("The rerun produced a different Schema.g.cs.");
        }

        // The timed drivers do not track steps (as in a build or the IDE); they must produce the same source.
        _warmDriver = ModelCompilation.CreateDriver().RunGenerators(_compilation);
        if (Single(_warmDriver.GetRunResult()).GeneratedSources.Single().SourceText.ToString() != source
            || Single(GeneratorRerunAfterUnrelatedEdit().GetRunResult()).GeneratedSources.Single().SourceText.ToString() != source)
            throw new InvalidOperationException("The untracked driver produced a different Schema.g.cs.");

        // The timed reruns parse again only the class whose file changed (Caching/ParseCounters, read by reflection).
        RequireParses("the unrelated edit", () => GeneratorRerunAfterUnrelatedEdit(), parsed: 0);
        RequireParses("the model-file comment", () => GeneratorRerunAfterModelFileComment(), parsed: 1);

        _warmParseOnly = Probe(new TransformProbes.ParseOnly()).RunGenerators(_compilation);
        _warmNameOnly = Probe(new TransformProbes.NameOnly()).RunGenerators(_compilation);
        foreach (var probe in new[] { _warmParseOnly, _warmNameOnly, ParseOnlyRerunAfterUnrelatedEdit(), NameOnlyRerunAfterUnrelatedEdit() })
        {
            if (probe.GetRunResult().Results.Single().Exception is { } exception)
                throw new InvalidOperationException("A probe generator threw.", exception);
        }

        Console.WriteLine($"// SchemaGen: {ModelSource.TableCount} tables x {ModelSource.ColumnsPerTable} columns in {_compilation.SyntaxTrees.Count()} files; " +
            $"Schema.g.cs {source.Length:N0} chars; rerun after the unrelated edit and after the model-file comment: every step Cached/Unchanged; " +
            $"{BindModelAttributes():N0} attributes bound.");
    }

    [GlobalSetup(Target = nameof(EfCoreModelAndCreateScript))]
    public void SetupEfCore()
    {
        // The same source text, compiled once in memory (with the generator, so Schema.Sql is there to compare).
        _model = ModelCompilation.EmitAndLoad();
        if (_model.Tables.Length != ModelSource.TableCount)
            throw new InvalidOperationException($"The model assembly has {_model.Tables.Length} [Table] classes.");
        _efCache = new MemoryCache(new MemoryCacheOptions());
        _efOptions = ModelContext.Options(_efCache);

        var ef = EfCoreModelAndCreateScript();
        var gen = _model.SchemaSql;
        var (efTables, genTables) = (Count(ef, "CREATE TABLE "), Count(gen, "CREATE TABLE "));
        var (efKeys, genKeys) = (Count(ef, "FOREIGN KEY"), Count(gen, "FOREIGN KEY"));
        var (efUnique, genUnique) = (Count(ef, "CREATE UNIQUE INDEX"), Count(gen, "CREATE UNIQUE INDEX"));
        var (efIndexes, genIndexes) = (Count(ef, "CREATE INDEX"), Count(gen, "CREATE INDEX"));
        if (efTables != ModelSource.TableCount || genTables != ModelSource.TableCount
            || efKeys != ModelSource.ForeignKeyCount() || genKeys != efKeys || efUnique != genUnique || efIndexes != genIndexes)
            throw new InvalidOperationException(
                $"The two scripts differ: tables {efTables}/{genTables}, foreign keys {efKeys}/{genKeys}, unique indexes {efUnique}/{genUnique}, indexes {efIndexes}/{genIndexes} (EF Core/SchemaGen).");

        Console.WriteLine($"// EF Core script: {ef.Length:N0} chars, {efTables} tables, {efKeys} foreign keys, {efUnique} unique + {efIndexes} other indexes, {Count(ef, "CHECK")} checks. " +
            $"SchemaGen Schema.Sql: {gen.Length:N0} chars, {genTables} tables, {genKeys} foreign keys, {genUnique} unique + {genIndexes} other indexes, {Count(gen, "CHECK")} checks.");
        _efCache.Compact(1.0);
    }

    /// <summary>A fresh driver over a fresh compilation of the same syntax trees (new symbols, nothing bound yet).</summary>
    [Benchmark]
    public GeneratorDriver GeneratorCold() =>
        ModelCompilation.CreateDriver().RunGenerators(_compilation.Clone());

    /// <summary>A driver that has run once, given the compilation after an edit of the helper's method body.</summary>
    [Benchmark]
    public GeneratorDriver GeneratorRerunAfterUnrelatedEdit() =>
        _warmDriver.RunGenerators(ModelCompilation.WithUnrelatedEdit(_compilation, _editedHelper));

    /// <summary>A driver that has run once, given the compilation in which a comment was typed above one [Table] class.</summary>
    [Benchmark]
    public GeneratorDriver GeneratorRerunAfterModelFileComment() =>
        _warmDriver.RunGenerators(ModelCompilation.WithModelFileComment(_compilation, _commentedModel));

    /// <summary>Part of a rerun: only the [Table] transform (TableParser.Parse) for every class, after the unrelated edit.</summary>
    [Benchmark]
    public GeneratorDriver ParseOnlyRerunAfterUnrelatedEdit() =>
        _warmParseOnly.RunGenerators(ModelCompilation.WithUnrelatedEdit(_compilation, _editedHelper));

    /// <summary>Roslyn's own part of a rerun: the same ForAttributeWithMetadataName with a transform that reads only the class's name.</summary>
    [Benchmark]
    public GeneratorDriver NameOnlyRerunAfterUnrelatedEdit() =>
        _warmNameOnly.RunGenerators(ModelCompilation.WithUnrelatedEdit(_compilation, _editedHelper));

    /// <summary>
    /// Not the generator: in a fresh compilation of the same trees, the symbol of every [Table] class and the
    /// attributes (with their arguments) of the class and each of its properties, bound as the transform reads them.
    /// </summary>
    [Benchmark]
    public int BindModelAttributes()
    {
        var compilation = _compilation.Clone();
        var count = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is not INamedTypeSymbol type)
                    continue;
                foreach (var symbol in type.GetMembers().OfType<IPropertySymbol>().Cast<ISymbol>().Prepend(type))
                {
                    foreach (var attribute in symbol.GetAttributes())
                        count += attribute.ConstructorArguments.Length + attribute.NamedArguments.Length + 1;
                }
            }
        }

        return count;
    }

    /// <summary>EF Core at run time: a new context, a model built from scratch, and its create script.</summary>
    [Benchmark(Baseline = true)]
    public string EfCoreModelAndCreateScript()
    {
        using var context = new ModelContext(_efOptions, _model.Tables);
        return context.Database.GenerateCreateScript();
    }

    /// <summary>Drops the models built so far, so iterations do not accumulate 1,000-entity models.</summary>
    [IterationCleanup(Target = nameof(EfCoreModelAndCreateScript))]
    public void EmptyEfModelCache() => _efCache.Compact(1.0);

    private static GeneratorDriver Probe(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: ModelCompilation.ParseOptions);

    private static GeneratorRunResult Single(GeneratorDriverRunResult result)
    {
        var run = result.Results.Single();
        if (run.Exception != null)
            throw new InvalidOperationException("The generator threw.", run.Exception);
        if (run.Diagnostics.Length > 0)
            throw new InvalidOperationException("The generator reported diagnostics:\n" + string.Join("\n", run.Diagnostics));
        return run;
    }

    private static void RequireReused(string step, System.Collections.Generic.IEnumerable<IncrementalStepRunReason> reasons)
    {
        var list = reasons.ToList();
        if (list.Count == 0)
            throw new InvalidOperationException($"Step {step} was not tracked in the rerun.");
        var redone = list.Where(r => r is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
        if (redone.Count > 0)
            throw new InvalidOperationException($"Step {step} was not reused after an unrelated edit: {string.Join(", ", redone.Distinct())}.");
    }

    private static void RequireParses(string edit, Action rerun, int parsed)
    {
        var field = typeof(SchemaGen.Generators.SchemaGenerator).Assembly.GetType("SchemaGen.Generators.Caching.ParseCounters", throwOnError: true)!
            .GetField("Observed", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var observed = (System.Threading.AsyncLocal<int[]?>)field.GetValue(null)!;
        var counts = new int[2];
        observed.Value = counts;
        rerun();
        observed.Value = null;
        if (counts[0] != parsed || counts[1] != ModelSource.TableCount - parsed)
            throw new InvalidOperationException($"After {edit} the generator parsed {counts[0]} classes and reused {counts[1]}; expected {parsed} and {ModelSource.TableCount - parsed}.");
    }

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));
}

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
/// The generator on 1,000 tables × 20 columns, cold and after an unrelated edit, next to EF Core (Npgsql
/// provider) building the model of the same classes and its create script at run time (the baseline).
/// Correctness is checked once per process in the global setups (throwing, not asserting time), so a broken
/// run cannot be measured silently.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class GeneratorBenchmarks
{
    private static readonly string[] ModelSteps = ["ParsedTables", "Tables", "Options", "Schema", "SchemaSpec"];

    private CSharpCompilation _compilation = null!;
    private SyntaxTree _editedHelper = null!;
    private GeneratorDriver _warmDriver = null!;

    private LoadedModel _model = null!;
    private MemoryCache _efCache = null!;
    private DbContextOptions<ModelContext> _efOptions = null!;

    [GlobalSetup(Targets = [nameof(GeneratorCold), nameof(GeneratorRerunAfterUnrelatedEdit)])]
    public void SetupGenerator()
    {
        _compilation = ModelCompilation.Create();
        _editedHelper = ModelCompilation.ParseEditedHelper();

        // Checked once with step tracking on: the cold run produces the Schema source and no diagnostic, and
        // the rerun after the unrelated edit reuses every step.
        var tracking = ModelCompilation.CreateDriver(trackSteps: true).RunGenerators(_compilation);
        var cold = Single(tracking.GetRunResult());
        var source = cold.GeneratedSources.SingleOrDefault(s => s.HintName == "Schema.g.cs").SourceText?.ToString()
            ?? throw new InvalidOperationException("The generator produced no Schema.g.cs.");
        if (!source.Contains("public static string Sql", StringComparison.Ordinal) || Count(source, " table\t") < ModelSource.TableCount)
            throw new InvalidOperationException("Schema.g.cs does not hold the model data of every table.");

        var rerun = Single(tracking.RunGenerators(ModelCompilation.WithUnrelatedEdit(_compilation, _editedHelper)).GetRunResult());
        foreach (var step in ModelSteps)
            RequireReused(step, rerun.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason) : []);
        RequireReused("output", rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason));
        if (rerun.GeneratedSources.Single().SourceText.ToString() != source)
            throw new InvalidOperationException("The rerun produced a different Schema.g.cs.");

        // The timed drivers do not track steps (as in a build or the IDE); they must produce the same source.
        _warmDriver = ModelCompilation.CreateDriver().RunGenerators(_compilation);
        if (Single(_warmDriver.GetRunResult()).GeneratedSources.Single().SourceText.ToString() != source
            || Single(GeneratorRerunAfterUnrelatedEdit().GetRunResult()).GeneratedSources.Single().SourceText.ToString() != source)
            throw new InvalidOperationException("The untracked driver produced a different Schema.g.cs.");

        Console.WriteLine($"// SchemaGen: {ModelSource.TableCount} tables x {ModelSource.ColumnsPerTable} columns in {_compilation.SyntaxTrees.Count()} files; " +
            $"Schema.g.cs {source.Length:N0} chars; rerun after the unrelated edit: every step Cached/Unchanged.");
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

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));
}

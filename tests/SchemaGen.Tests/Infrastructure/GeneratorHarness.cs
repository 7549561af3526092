using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SchemaGen;
using SchemaGen.Generators;
using SchemaGen.Model;
using Xunit.Sdk;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// Compiles real C# with the generator, the way a user's build does: the sources, .NET 10 reference
/// assemblies, the SchemaGen runtime and Npgsql, with nullable reference types on. Everything is in memory;
/// nothing is downloaded.
/// </summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    public static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Concat(new[] { typeof(IndexAttribute).Assembly, typeof(Npgsql.NpgsqlConnection).Assembly }.Select(a => MetadataReference.CreateFromFile(a.Location)))
        .Concat(NetTopologySuite)
        .ToImmutableArray();

    /// <summary>NetTopologySuite and Npgsql's plugin for it, from the test's own references, as a project with PostGIS columns has them.</summary>
    public static IEnumerable<MetadataReference> NetTopologySuite =>
        new[] { typeof(global::NetTopologySuite.Geometries.Point).Assembly, typeof(Npgsql.NpgsqlNetTopologySuiteExtensions).Assembly }
            .Select(a => MetadataReference.CreateFromFile(a.Location));

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "TestModels",
            // Files are named by their content, so reordering the sources reorders the files, nothing else.
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model_{StableHash.Hex32(s)}.cs")),
            References,
            // CS1701/CS1702 (a reference built against an older System.Runtime, as Npgsql.NetTopologySuite is) are off, as MSBuild has them.
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    public static GeneratorDriver CreateDriver(bool trackSteps = false, string? rootNamespace = "TestModels", IEnumerable<AdditionalText>? additionalTexts = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new SchemaGenerator().AsSourceGenerator() },
            additionalTexts: additionalTexts,
            parseOptions: ParseOptions,
            optionsProvider: new ProjectOptions(rootNamespace),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator over the sources and returns what it produced.</summary>
    public static GeneratorResult Run(params string[] sources) => Run(sources, []);

    /// <summary>Runs the generator over the sources and SQL template files (path, text), as a project's AdditionalFiles.</summary>
    public static GeneratorResult Run(string[] sources, (string Path, string Text)[] templates)
    {
        var compilation = Compile(sources);
        var driver = CreateDriver(additionalTexts: templates.Select(t => (AdditionalText)new Template(t.Path, t.Text)))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var run = driver.GetRunResult().Results.Single();
        if (run.Exception != null)
            throw new XunitException("The generator threw: " + run.Exception);
        return new GeneratorResult((CSharpCompilation)output,
            run.GeneratedSources.Where(s => s.HintName == "Schema.g.cs").Select(s => s.SourceText.ToString()).SingleOrDefault(),
            generatorDiagnostics,
            run.GeneratedSources.Where(s => s.HintName != "Schema.g.cs").Select(s => s.SourceText.ToString()).SingleOrDefault());
    }

    /// <summary>A SQL template file given to the generator as an AdditionalFile.</summary>
    public sealed class Template(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class ProjectOptions(string? rootNamespace) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(rootNamespace);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(null);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(null);

        private sealed class Options(string? rootNamespace) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = rootNamespace ?? "";
                return key == "build_property.RootNamespace" && rootNamespace != null;
            }
        }
    }
}

/// <summary>The generator's output for one compilation.</summary>
public sealed record GeneratorResult(CSharpCompilation Compilation, string? GeneratedSource, ImmutableArray<Diagnostic> GeneratorDiagnostics, string? GeneratedFunctions = null)
{
    /// <summary>Diagnostics of the generator and of compiling its output, errors and warnings only.</summary>
    public IReadOnlyList<Diagnostic> AllDiagnostics => GeneratorDiagnostics
        .Concat(Compilation.GetDiagnostics())
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToList();

    /// <summary>
    /// The create script of the generated model without compiling it (so also when the build has errors): the model
    /// data of Schema.g.cs read and rendered as the runtime does.
    /// </summary>
    public string? RenderedSql => GeneratedSource == null ? null : RenderedSqlOf(GeneratedSource);

    /// <summary>The create script of the model a generated Schema.g.cs holds, read and rendered as the runtime does.</summary>
    public static string RenderedSqlOf(string generatedSource) =>
        DdlRenderer.Render(ModelData.ReadPacked(System.Text.Encoding.ASCII.GetBytes(ModelDataOf(generatedSource))));

    // The content of the raw UTF-8 literal that holds the packed model: the lines between its delimiters, less their indentation.
    private static string ModelDataOf(string source)
    {
        var lines = source.Split('\n');
        var open = Array.FindIndex(lines, l => l.Contains(" CompactModel => \"\"\"", StringComparison.Ordinal));
        var quotes = lines[open].Substring(lines[open].IndexOf('"'));
        var close = Array.FindIndex(lines, open + 1, l => l.Trim() == quotes + "u8;");
        var indent = lines[close].Length - lines[close].TrimStart().Length;
        return string.Join("\n", lines[(open + 1)..close].Select(l => l.Substring(indent)));
    }

    /// <summary>Emits the compilation, loads it, and reads the generated Schema class. Fails on any error.</summary>
    public GeneratedSchema Load()
    {
        var errors = AllDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new XunitException("Compilation failed:\n" + string.Join("\n", errors));

        using var image = new MemoryStream();
        var emitted = Compilation.Emit(image);
        if (!emitted.Success)
            throw new XunitException("Emit failed:\n" + string.Join("\n", emitted.Diagnostics));
        image.Position = 0;

        // A collectible context per compilation; SchemaGen and Npgsql resolve to the test's own copies.
        var context = new AssemblyLoadContext("models-" + Guid.NewGuid(), isCollectible: true);
        var assembly = context.LoadFromStream(image);
        var schema = assembly.GetTypes().SingleOrDefault(t => t.GetCustomAttributes<System.CodeDom.Compiler.GeneratedCodeAttribute>().Any(a => a.Tool == "SchemaGen"))
            ?? throw new XunitException("No generated schema class in the compilation.");
        var sql = (string)schema.GetProperty("Sql")!.GetValue(null)!;
        var modelHash = (string)schema.GetField("ModelHash")!.GetValue(null)!;
        // Sql is rendered at run time from the decoded model; ModelHash is the hash of what the generator rendered
        // at compile time. Equal hashes, for every model a test compiles, hold the two renderings equal.
        if (StableHash.Sha256Hex(sql) != modelHash)
            throw new XunitException("Schema.Sql rendered at run time is not the script the generator hashed at compile time:\n" + sql);
        return new GeneratedSchema(
            assembly,
            sql,
            modelHash,
            (SchemaModel)schema.GetProperty("Model")!.GetValue(null)!,
            (DeployTarget)schema.GetProperty("Target")!.GetValue(null)!);
    }
}

/// <summary>The generated Schema class of a loaded compilation.</summary>
/// <remarks><see cref="Target"/> is what the generated Deploy, Plan and Verify hand the deployer.</remarks>
public sealed record GeneratedSchema(Assembly Assembly, string Sql, string ModelHash, SchemaModel Model, DeployTarget Target);

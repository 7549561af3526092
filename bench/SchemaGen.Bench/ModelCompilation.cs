using System;
using System.CodeDom.Compiler;
using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations.Schema;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaGen.Generators;

namespace SchemaGen.Bench;

/// <summary>
/// Compiles <see cref="ModelSource"/> the way a user's build does: .NET 10 reference assemblies, the SchemaGen
/// runtime and Npgsql, nullable reference types on, doc comments parsed (they become COMMENT ON).
/// </summary>
public static class ModelCompilation
{
    public const string AssemblyName = ModelSource.Namespace;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Concat(new[] { typeof(IndexAttribute).Assembly, typeof(Npgsql.NpgsqlConnection).Assembly }.Select(a => MetadataReference.CreateFromFile(a.Location)))
        .ToImmutableArray();

    /// <summary>Parses every file of the model (parsing is the compiler's cost, not the generator's: done once).</summary>
    public static CSharpCompilation Create(int tableCount = ModelSource.TableCount) =>
        CSharpCompilation.Create(
            AssemblyName,
            ModelSource.Files(tableCount).Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, path: f.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The same compilation with the helper's method body edited: a change that touches no model.</summary>
    public static CSharpCompilation WithUnrelatedEdit(CSharpCompilation compilation, SyntaxTree editedHelper) =>
        (CSharpCompilation)compilation.ReplaceSyntaxTree(Helper(compilation), editedHelper);

    public static SyntaxTree Helper(CSharpCompilation compilation) =>
        compilation.SyntaxTrees.Single(t => t.FilePath == ModelSource.HelperPath);

    public static SyntaxTree ParseEditedHelper() =>
        CSharpSyntaxTree.ParseText(ModelSource.EditedHelper, ParseOptions, path: ModelSource.HelperPath);

    /// <summary>A fresh driver with only the SchemaGen generator, as in a build.</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new SchemaGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// Runs the generator, compiles the model and the generated Schema class into an in-memory assembly and
    /// loads it. Throws on any diagnostic of the generator and any compile error.
    /// </summary>
    public static LoadedModel EmitAndLoad(int tableCount = ModelSource.TableCount)
    {
        var compilation = Create(tableCount);
        CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        if (generatorDiagnostics.Length > 0)
            throw new InvalidOperationException("The generator reported diagnostics:\n" + string.Join("\n", generatorDiagnostics));

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        if (!emitted.Success)
            throw new InvalidOperationException("The model does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;

        // SchemaGen, Npgsql and the BCL resolve to the benchmark's own copies through the default context.
        var context = new AssemblyLoadContext("bench-models-" + tableCount);
        var assembly = context.LoadFromStream(image);
        var tables = assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<TableAttribute>() != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();
        // The generated class is the one the generator marks as its own.
        var schema = assembly.GetTypes().SingleOrDefault(t => t.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == "SchemaGen")
            ?? throw new InvalidOperationException("No [GeneratedCode(\"SchemaGen\")] class in the model assembly.");
        var sql = (string)schema.GetProperty("Sql")!.GetValue(null)!;
        return new LoadedModel(tables, sql, schema);
    }
}

/// <summary>
/// The model's [Table] types, loaded from the in-memory assembly, the generator's create script, and the generated
/// Schema class itself (for its Target, Deploy and Verify).
/// </summary>
public sealed record LoadedModel(Type[] Tables, string SchemaSql, Type Schema);

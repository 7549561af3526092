using System;
using System.CodeDom.Compiler;
using System.Collections.Generic;
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
        Create(AssemblyName, ModelSource.Files(tableCount).Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, path: f.Path)));

    /// <summary>A library of these files, with the model's references (the BCL, SchemaGen, Npgsql).</summary>
    public static CSharpCompilation Create(string assemblyName, IEnumerable<SyntaxTree> files) =>
        CSharpCompilation.Create(assemblyName, files, References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The same compilation with the helper's method body edited: a change that touches no model.</summary>
    public static CSharpCompilation WithUnrelatedEdit(CSharpCompilation compilation, SyntaxTree editedHelper) =>
        (CSharpCompilation)compilation.ReplaceSyntaxTree(Helper(compilation), editedHelper);

    /// <summary>The path of the model file <see cref="ParseCommentedModelFile"/> edits.</summary>
    public static readonly string CommentedModelPath = "Models/" + ModelSource.ClassName(ModelSource.TableCount / 2) + ".cs";

    /// <summary>
    /// That model file with a comment typed above its [Table] attribute: an edit in a model file that does not
    /// change the model. Parsed once; <see cref="WithModelFileComment"/> puts it into a new compilation.
    /// </summary>
    public static SyntaxTree ParseCommentedModelFile(CSharpCompilation compilation)
    {
        var text = compilation.SyntaxTrees.Single(t => t.FilePath == CommentedModelPath).ToString();
        var edited = text.Replace("[Table(", "// Reviewed.\n[Table(", StringComparison.Ordinal);
        if (edited == text)
            throw new InvalidOperationException(CommentedModelPath + " has no [Table(.");
        return CSharpSyntaxTree.ParseText(edited, ParseOptions, path: CommentedModelPath);
    }

    /// <summary>A new compilation with the commented model file in place of the original (new symbols, as after a keystroke).</summary>
    public static CSharpCompilation WithModelFileComment(CSharpCompilation compilation, SyntaxTree commented) =>
        (CSharpCompilation)compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == CommentedModelPath), commented);

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
        var assembly = EmitAndLoad(Create(tableCount), "bench-models-" + tableCount);
        var tables = assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<TableAttribute>() != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();
        var schema = GeneratedSchema(assembly);
        var sql = (string)schema.GetProperty("Sql")!.GetValue(null)!;
        return new LoadedModel(tables, sql, schema);
    }

    /// <summary>Runs the generator on <paramref name="compilation"/>, compiles it in memory and loads it. Throws on any diagnostic of the generator and any compile error.</summary>
    public static Assembly EmitAndLoad(CSharpCompilation compilation, string contextName)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        if (generatorDiagnostics.Length > 0)
            throw new InvalidOperationException("The generator reported diagnostics:\n" + string.Join("\n", generatorDiagnostics));

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        if (!emitted.Success)
            throw new InvalidOperationException("The model does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;

        // SchemaGen, Npgsql and the BCL resolve to the benchmark's own copies through the default context.
        return new AssemblyLoadContext(contextName).LoadFromStream(image);
    }

    /// <summary>The generated class: the one the generator marks as its own.</summary>
    public static Type GeneratedSchema(Assembly assembly) =>
        assembly.GetTypes().SingleOrDefault(t => t.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == "SchemaGen")
        ?? throw new InvalidOperationException("No [GeneratedCode(\"SchemaGen\")] class in the model assembly.");
}

/// <summary>
/// The model's [Table] types, loaded from the in-memory assembly, the generator's create script, and the generated
/// Schema class itself (for its Target, Deploy and Verify).
/// </summary>
public sealed record LoadedModel(Type[] Tables, string SchemaSql, Type Schema);

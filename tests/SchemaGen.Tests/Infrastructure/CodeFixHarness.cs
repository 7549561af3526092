using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SchemaGen.CodeFixes;
using Xunit;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// Runs SchemaGen's code fixes the way the IDE does: the source in an in-memory workspace (the same reference
/// assemblies as <see cref="GeneratorHarness"/>, nothing downloaded), the generator's diagnostics for it, and
/// the provider's code actions applied to the document.
/// </summary>
public static class CodeFixHarness
{
    /// <summary>The code actions offered for the first diagnostic with <paramref name="id"/>.</summary>
    public static async Task<IReadOnlyList<CodeAction>> ActionsAsync(string source, string id, (string Path, string Text)[]? templates = null)
    {
        using var workspace = new AdhocWorkspace();
        var (document, diagnostic) = await DocumentWithDiagnosticAsync(workspace, source, id, templates);
        return await ActionsAsync(document, diagnostic);
    }

    /// <summary>The source after applying the action with <paramref name="equivalenceKey"/> to the first diagnostic with <paramref name="id"/>.</summary>
    public static async Task<string> ApplyAsync(string source, string id, string equivalenceKey, (string Path, string Text)[]? templates = null)
    {
        using var workspace = new AdhocWorkspace();
        var (document, diagnostic) = await DocumentWithDiagnosticAsync(workspace, source, id, templates);
        var action = Assert.Single(await ActionsAsync(document, diagnostic), a => a.EquivalenceKey == equivalenceKey);
        var operation = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
        var changed = operation.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }

    private static async Task<(Document, Diagnostic)> DocumentWithDiagnosticAsync(AdhocWorkspace workspace, string source, string id, (string Path, string Text)[]? templates)
    {
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "TestModels", "TestModels", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.References));
        var document = workspace.AddDocument(project.Id, "Model.cs", SourceText.From(source));

        // The generator runs over the workspace's own compilation, so the diagnostics point into its document.
        var compilation = (await document.Project.GetCompilationAsync())!;
        var additionalTexts = (templates ?? []).Select(t => (AdditionalText)new GeneratorHarness.Template(t.Path, t.Text));
        var diagnostics = GeneratorHarness.CreateDriver(additionalTexts: additionalTexts).RunGenerators(compilation).GetRunResult().Diagnostics;
        return (document, diagnostics.First(d => d.Id == id));
    }

    private static async Task<IReadOnlyList<CodeAction>> ActionsAsync(Document document, Diagnostic diagnostic)
    {
        var provider = new SchemaGenCodeFixProvider();
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return actions;
    }
}

using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Rename;

namespace SchemaGen.CodeFixes
{
    /// <summary>
    /// SG0010 (a [SqlFunction] parameter that the SQL function does not have): rename the C# parameter to one of
    /// the function's parameters the generator found close (Diagnostic.Properties["Suggested"], nearest first, one
    /// action each), everywhere it is used, including named arguments at the call sites.
    /// </summary>
    internal sealed class ParameterRenameFix : DiagnosticFix
    {
        public const string SuggestedProperty = "Suggested";

        public override string DiagnosticId => DiagnosticIds.ParameterMismatch;

        public override async Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(SuggestedProperty, out var suggestions) || string.IsNullOrEmpty(suggestions))
                return;
            var parameter = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<ParameterSyntax>().FirstOrDefault();
            if (parameter == null)
                return;

            var document = context.Document;
            var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (semanticModel?.GetDeclaredSymbol(parameter, cancellationToken) is not IParameterSymbol symbol)
                return;

            foreach (var suggested in suggestions!.Split(','))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Rename '{symbol.Name}' to '{suggested}'",
                        ct => Renamer.RenameSymbolAsync(document.Project.Solution, symbol, new SymbolRenameOptions(), suggested, ct),
                        equivalenceKey: DiagnosticId + ".Rename." + suggested),
                    diagnostic);
            }
        }
    }
}

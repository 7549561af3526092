using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SchemaGen.CodeFixes
{
    /// <summary>
    /// The fixes for one diagnostic ID. <see cref="SchemaGenCodeFixProvider"/> hands each diagnostic to the fix
    /// registered for its ID; a new fix is one subclass and one line in the provider's list. A fix reads what it
    /// needs from the diagnostic: its location, and any values the generator put in
    /// <see cref="Diagnostic.Properties"/> (for example a suggested name).
    /// </summary>
    internal abstract class DiagnosticFix
    {
        /// <summary>The diagnostic ID this fix handles.</summary>
        public abstract string DiagnosticId { get; }

        /// <summary>Registers the code actions for <paramref name="diagnostic"/>, if its location makes sense to this fix.</summary>
        public abstract Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, CancellationToken cancellationToken);
    }
}

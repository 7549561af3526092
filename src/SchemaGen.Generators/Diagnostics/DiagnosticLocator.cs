using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Parsing;
using SchemaGen.Generators.Specs;

namespace SchemaGen.Generators.Diagnostics
{
    /// <summary>
    /// Turns each diagnostic's <see cref="DiagnosticTarget"/> into a location in the compilation being reported on:
    /// a span into the syntax tree of its path, a declaration into its symbol's (or parameter's, or attribute's)
    /// location. The only place where a diagnostic meets a compilation; nothing is looked up when there is nothing to report.
    /// </summary>
    internal static class DiagnosticLocator
    {
        public static LocatedDiagnostic Locate(DiagnosticInfo diagnostic, Compilation compilation, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new LocatedDiagnostic(diagnostic, Resolve(diagnostic.Target, compilation, cancellationToken));
        }

        private static Location? Resolve(DiagnosticTarget? target, Compilation compilation, CancellationToken cancellationToken)
        {
            switch (target)
            {
                case DiagnosticTarget.SourceSpan span:
                    var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == span.At.FilePath);
                    return tree != null && span.At.Span.End <= tree.Length ? Location.Create(tree, span.At.Span) : span.At.ToLocation();
                case DiagnosticTarget.ExternalSpan external:
                    return external.At.ToLocation();
                case DiagnosticTarget.Declaration declaration:
                    return Declared(declaration, compilation, cancellationToken);
                case DiagnosticTarget.AssemblyAttribute attribute:
                    return compilation.Assembly.GetAttributes()
                        .FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == attribute.MetadataName && (attribute.FirstArgument == null || a.Argument(0) as string == attribute.FirstArgument))
                        ?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();
                default:
                    return null;
            }
        }

        private static Location? Declared(DiagnosticTarget.Declaration declaration, Compilation compilation, CancellationToken cancellationToken)
        {
            var symbol = DocumentationCommentId.GetFirstSymbolForDeclarationId(declaration.DocumentationId, compilation);
            var location = InSource(symbol);
            if (symbol == null || location == null)
                return declaration.Fallback == null ? null : Declared(new DiagnosticTarget.Declaration(declaration.Fallback), compilation, cancellationToken);
            if (declaration.Parameter != null && symbol is IMethodSymbol method)
                return InSource(method.Parameters.FirstOrDefault(p => p.Name == declaration.Parameter)) ?? location;
            if (declaration.SqlFunctionAttribute)
            {
                var attribute = symbol.GetAttribute(KnownSymbols.For(compilation).SqlFunctionAttribute);
                return attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? location;
            }

            return location;
        }

        private static Location? InSource(ISymbol? symbol) => symbol?.Locations.FirstOrDefault(l => l.IsInSource);
    }
}

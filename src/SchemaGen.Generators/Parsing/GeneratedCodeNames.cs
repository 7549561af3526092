using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Whether Schema.g.cs, a namespace-level class of the same assembly, can name a type: MapTypes names every enum of
    /// the model (MapEnum) and every CLR type stored as JSON (EnableDynamicJson). A type it cannot name would be a
    /// compiler error inside the generated file, so the property is reported instead (SG0001).
    /// </summary>
    internal static class GeneratedCodeNames
    {
        /// <summary>Why the type cannot be named from the generated class, or null when it can.</summary>
        public static string? Problem(ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return Problem(array.ElementType);
                case ITypeParameterSymbol parameter:
                    return "it uses the type parameter " + parameter.Name;
                case INamedTypeSymbol named:
                    foreach (var argument in named.TypeArguments)
                    {
                        if (Problem(argument) is string inArgument)
                            return inArgument;
                    }

                    for (var current = named; current != null; current = current.ContainingType)
                    {
                        if (current.IsFileLocal)
                            return current.Name + " is a file-local type";
                        if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                            return current.Name + " is " + SyntaxFacts(current.DeclaredAccessibility) + " to its containing class";
                        if (!SymbolEqualityComparer.Default.Equals(current, named) && current.TypeParameters.Length > 0)
                            return "it is declared inside the generic type " + current.ToDisplayString();
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static string SyntaxFacts(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Private => "private",
            Accessibility.Protected => "protected",
            _ => "private protected",
        };
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>Small helpers for reading attributes and type names from symbols.</summary>
    internal static class SymbolExtensions
    {
        // These run for every known attribute of every property, so they loop rather than allocate a LINQ closure per call.

        /// <summary>
        /// The symbol's attributes; for a property that overrides another, also the inheritable attributes of the properties
        /// it overrides whose class it does not apply itself, as reflection (and so Validator) gives them.
        /// </summary>
        public static ImmutableArray<AttributeData> EffectiveAttributes(this ISymbol symbol)
        {
            var own = symbol.GetAttributes();
            return symbol is IPropertySymbol { IsOverride: true, OverriddenProperty: { } overridden } ? WithInherited(own, overridden) : own;
        }

        // Apart from EffectiveAttributes, which runs for every attribute lookup of every property (about 600,000 in a
        // 1,000-table build): its lambdas' closure would otherwise be allocated on every call, override or not.
        private static ImmutableArray<AttributeData> WithInherited(ImmutableArray<AttributeData> own, IPropertySymbol overridden)
        {
            var result = ImmutableArray.CreateBuilder<AttributeData>();
            result.AddRange(own);
            var classes = new HashSet<INamedTypeSymbol?>(own.Select(a => a.AttributeClass), SymbolEqualityComparer.Default);
            for (var property = overridden; property != null; property = property.OverriddenProperty)
            {
                var level = property.GetAttributes().Where(a => !classes.Contains(a.AttributeClass) && IsInherited(a.AttributeClass)).ToList();
                result.AddRange(level);
                classes.UnionWith(level.Select(a => a.AttributeClass));
            }

            return result.ToImmutable();
        }

        // AttributeUsage(Inherited = …) of the attribute class or its nearest base that has one; true by default. Read only for
        // overriding properties ([RenamedFrom] is not inherited: a base table's rename is not the derived table's).
        private static bool IsInherited(INamedTypeSymbol? attributeClass)
        {
            for (var current = attributeClass; current != null; current = current.BaseType)
            {
                foreach (var usage in current.GetAttributes())
                {
                    if (usage.AttributeClass is { MetadataName: "AttributeUsageAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
                        return usage.Named("Inherited") as bool? ?? true;
                }
            }

            return true;
        }

        /// <summary>
        /// The documentation id by which a diagnostic finds its declaration again (<c>DiagnosticLocator</c>): the original
        /// definition's, because a member of a constructed generic type (a property inherited from <c>Base&lt;long&gt;</c>, a
        /// row type <c>Row&lt;int&gt;</c>'s property) has an id that no declaration answers to.
        /// </summary>
        public static string DeclarationId(this ISymbol symbol) => symbol.OriginalDefinition.GetDocumentationCommentId() ?? "";

        /// <summary>
        /// <see cref="DeclarationId(ISymbol)"/> of a column's property, from its class's id when the class declares it: the
        /// same text (a member's id is its type's and its name), without walking the symbol again for each of a large
        /// model's columns.
        /// </summary>
        public static string DeclarationId(this IPropertySymbol property, INamedTypeSymbol declaringType, string declaringTypeId) =>
            SymbolEqualityComparer.Default.Equals(property.ContainingType, declaringType) && declaringTypeId.StartsWith("T:", System.StringComparison.Ordinal)
                ? "P:" + declaringTypeId.Substring(2) + "." + property.MetadataName
                : property.DeclarationId();

        /// <summary>The first attribute of the known type (generic or not), if the symbol has one.</summary>
        public static AttributeData? GetAttribute(this ISymbol symbol, KnownType attribute)
        {
            foreach (var candidate in symbol.EffectiveAttributes())
            {
                if (attribute.Matches(candidate.AttributeClass))
                    return candidate;
            }

            return null;
        }

        /// <summary>Every attribute of the known type.</summary>
        public static List<AttributeData> GetAttributes(this ISymbol symbol, KnownType attribute)
        {
            var result = new List<AttributeData>();
            foreach (var candidate in symbol.EffectiveAttributes())
            {
                if (attribute.Matches(candidate.AttributeClass))
                    result.Add(candidate);
            }

            return result;
        }

        public static bool HasAttribute(this ISymbol symbol, KnownType attribute) => symbol.GetAttribute(attribute) != null;

        /// <summary>The attribute as a message names it: MaxLength for MaxLengthAttribute.</summary>
        public static string ShortName(this AttributeData attribute)
        {
            var name = attribute.AttributeClass?.Name ?? "";
            return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        /// <summary>A named argument's value, or null when it was not given.</summary>
        public static object? Named(this AttributeData attribute, string name)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name)
                    return argument.Value.Kind == TypedConstantKind.Array ? null : argument.Value.Value;
            }

            return null;
        }

        /// <summary>A named argument holding an array, or null when it was not given.</summary>
        public static TypedConstant? NamedArray(this AttributeData attribute, string name)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Array)
                    return argument.Value;
            }

            return null;
        }

        /// <summary>A constructor argument's value, or null when there is none at that position.</summary>
        public static object? Argument(this AttributeData attribute, int index) =>
            attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Kind != TypedConstantKind.Array
                ? attribute.ConstructorArguments[index].Value
                : null;

        /// <summary>The strings of an array-valued argument (a <c>params string[]</c>).</summary>
        public static string[] Strings(this TypedConstant constant) =>
            constant.IsNull ? new string[0]
            : constant.Kind == TypedConstantKind.Array
                ? constant.Values.Select(v => v.Value as string).Where(v => v != null).Select(v => v!).ToArray()
                : constant.Value is string single ? new[] { single } : new string[0];

        /// <summary>The location of the attribute as written in source, falling back to the symbol's.</summary>
        public static Location? GetLocation(this AttributeData attribute, ISymbol fallback) =>
            attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback.Locations.FirstOrDefault();

        /// <summary>
        /// The location of the attribute's constructor argument at <paramref name="index"/> as written in source (the
        /// string literal, or the constant naming it), falling back to the attribute's.
        /// </summary>
        public static Location? GetArgumentLocation(this AttributeData attribute, int index, ISymbol fallback)
        {
            var parameter = attribute.AttributeConstructor?.Parameters.ElementAtOrDefault(index)?.Name;
            if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } list })
            {
                // Constructor arguments come before named ones (Name = …); a name: moves an argument anywhere.
                var arguments = list.Arguments.Where(a => a.NameEquals == null).ToList();
                var argument = arguments.FirstOrDefault(a => a.NameColon != null && a.NameColon.Name.Identifier.ValueText == parameter)
                    ?? (index < arguments.Count && arguments[index].NameColon == null ? arguments[index] : null);
                if (argument != null)
                    return argument.Expression.GetLocation();
            }

            return attribute.GetLocation(fallback);
        }

        /// <summary>
        /// The location of the named argument <paramref name="name"/> (<c>Name = "…"</c>) as written in source (its
        /// value), falling back to the attribute's.
        /// </summary>
        public static Location? GetNamedArgumentLocation(this AttributeData attribute, string name, ISymbol fallback) =>
            attribute.NamedArgumentLocation(name) ?? attribute.GetLocation(fallback);

        /// <summary>The location of the named argument's value as written in source, or null when it is not written there.</summary>
        public static Location? NamedArgumentLocation(this AttributeData attribute, string name) =>
            attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } list }
                ? list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.Expression.GetLocation()
                : null;

        /// <summary><c>System.Collections.Generic.List`1</c> for any constructed List&lt;T&gt;.</summary>
        /// <remarks>
        /// Asked of every property's type several times (the type mapping, JSON, collections, geometry), so each definition's
        /// name is built once: a symbol display string per call was a tenth of the parse's allocations. Roslyn keeps one
        /// symbol object per definition, which is the key; an entry goes with its compilation.
        /// </remarks>
        public static string FullMetadataName(this ITypeSymbol type) => MetadataNames.GetValue(type.OriginalDefinition, static original =>
        {
            var ns = original.ContainingNamespace;
            var prefix = ns == null || ns.IsGlobalNamespace ? "" : ns.ToDisplayString() + ".";
            var containing = original.ContainingType;
            return containing != null ? containing.FullMetadataName() + "+" + original.MetadataName : prefix + original.MetadataName;
        });

        private static readonly ConditionalWeakTable<ITypeSymbol, string> MetadataNames = new ConditionalWeakTable<ITypeSymbol, string>();

        /// <summary>True for a class marked [Table] (a mapped table, which in a property means a navigation).</summary>
        public static bool IsTableType(this ITypeSymbol type, KnownSymbols known) =>
            type.TypeKind == TypeKind.Class && type.HasAttribute(known.TableAttribute);
    }
}

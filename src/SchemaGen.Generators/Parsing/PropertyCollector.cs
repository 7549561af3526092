using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Finds the properties of a model that become columns: public instance properties with a setter (or
    /// get-only auto-properties), base class first, in declaration order; not [NotMapped], not navigations. A property
    /// a derived class redeclares is the derived declaration, in the base declaration's place.
    /// </summary>
    internal static class PropertyCollector
    {
        /// <remarks>
        /// Collected once per class and compilation: a foreign key collects its target's columns to find its key, and the
        /// target's own parse collects them again. Keyed by the compilation's known symbols and the class's symbol (Roslyn
        /// keeps one object per class), so an entry goes with its compilation. The list is shared: callers only read it.
        /// </remarks>
        public static IReadOnlyList<IPropertySymbol> Collect(INamedTypeSymbol type, KnownSymbols known) =>
            Collected.GetValue(known, static _ => new ConditionalWeakTable<INamedTypeSymbol, List<IPropertySymbol>>()).GetValue(type, _ => CollectUncached(type, known));

        private static readonly ConditionalWeakTable<KnownSymbols, ConditionalWeakTable<INamedTypeSymbol, List<IPropertySymbol>>> Collected =
            new ConditionalWeakTable<KnownSymbols, ConditionalWeakTable<INamedTypeSymbol, List<IPropertySymbol>>>();

        private static List<IPropertySymbol> CollectUncached(INamedTypeSymbol type, KnownSymbols known)
        {
            var chain = new List<INamedTypeSymbol>();
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
                chain.Insert(0, current);

            // A property redeclared further down (new, or override) is the model type's property of that name: the most
            // derived declaration decides whether it is a column, its type and its attributes; the first keeps its place.
            var names = new List<string>();
            var declarations = new Dictionary<string, (INamedTypeSymbol Declaring, IPropertySymbol Property)>(StringComparer.Ordinal);
            foreach (var declaring in chain)
            {
                foreach (var property in InDeclarationOrder(declaring))
                {
                    if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public)
                        continue;
                    if (!declarations.ContainsKey(property.Name))
                        names.Add(property.Name);
                    declarations[property.Name] = (declaring, property);
                }
            }

            var result = new List<IPropertySymbol>();
            foreach (var name in names)
            {
                var (declaring, property) = declarations[name];
                if (IsColumn(declaring, property, known))
                    result.Add(property);
            }

            return result;
        }

        // Partial classes spread over files: order by file path, then position, so that the column order
        // does not depend on the order the compiler was given the files.
        private static IEnumerable<IPropertySymbol> InDeclarationOrder(INamedTypeSymbol type)
        {
            var properties = type.GetMembers().OfType<IPropertySymbol>().ToList();
            // One class declaration (the usual case): GetMembers is already in source order (a record's positional
            // properties are synthesized, so records are sorted). Metadata types keep theirs.
            if ((type.DeclaringSyntaxReferences.Length <= 1 && !type.IsRecord) || properties.Any(p => p.Locations.FirstOrDefault()?.IsInSource != true))
                return properties;
            return properties
                .OrderBy(p => p.Locations[0].SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(p => p.Locations[0].SourceSpan.Start);
        }

        private static bool IsColumn(INamedTypeSymbol declaring, IPropertySymbol property, KnownSymbols known)
        {
            if (property.GetMethod == null)
                return false;
            if (property.HasAttribute(known.NotMappedAttribute))
                return false;
            if (TypeMapper.IsNavigation(property.Type, known))
                return false;
            return property.SetMethod != null || IsAutoProperty(declaring, property);
        }

        // A get-only auto-property stores a value; an expression-bodied one computes it and is not a column.
        private static bool IsAutoProperty(INamedTypeSymbol declaring, IPropertySymbol property) =>
            declaring.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));
    }
}

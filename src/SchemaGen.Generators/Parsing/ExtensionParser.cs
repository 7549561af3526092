using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Reads <c>[assembly: Extension("citext", Schema = …, Version = …)]</c>: the extensions the model needs, sorted by
    /// name, each once (the same extension declared twice keeps the declaration that says more: a schema or version).
    /// </summary>
    internal static class ExtensionParser
    {
        public static EquatableArray<ExtensionModel> Parse(Compilation compilation)
        {
            var known = KnownSymbols.For(compilation).ExtensionAttribute;
            return compilation.Assembly.GetAttributes()
                .Where(a => known.Matches(a.AttributeClass))
                .Select(a => (Name: Trimmed(a.Argument(0)), Schema: Trimmed(a.Named("Schema")), Version: Trimmed(a.Named("Version"))))
                .Where(e => e.Name != null)
                .Select(e => new ExtensionModel(e.Name!, e.Schema, e.Version))
                .GroupBy(e => e.Name, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(e => (e.Schema != null ? 2 : 0) + (e.Version != null ? 1 : 0)).First())
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToEquatableArray();
        }

        private static string? Trimmed(object? value) => value is string text && text.Trim().Length > 0 ? text.Trim() : null;
    }
}

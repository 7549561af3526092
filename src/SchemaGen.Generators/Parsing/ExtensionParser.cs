using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Reads <c>[assembly: Extension("citext", Schema = …, Version = …)]</c>: the extensions the model needs, sorted by
    /// name, each once (the same extension declared twice keeps the declaration that says more: a schema or version).
    /// A name, schema or version PostgreSQL cannot take as written (SG0014, SG0003) leaves the declaration out.
    /// </summary>
    internal static class ExtensionParser
    {
        public static EquatableArray<ExtensionModel> Parse(Compilation compilation, List<DiagnosticInfo> diagnostics)
        {
            var known = KnownSymbols.For(compilation).ExtensionAttribute;
            return compilation.Assembly.GetAttributes()
                .Where(a => known.Matches(a.AttributeClass))
                .Select(a => (Attribute: a, Name: Trimmed(a.Argument(0)), Schema: Trimmed(a.Named("Schema")), Version: Trimmed(a.Named("Version"))))
                .Where(e => e.Name != null && Usable(e.Attribute, e.Name, e.Schema, e.Version, diagnostics))
                .Select(e => new ExtensionModel(e.Name!, e.Schema, e.Version))
                .GroupBy(e => e.Name, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(e => (e.Schema != null ? 2 : 0) + (e.Version != null ? 1 : 0)).First())
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToEquatableArray();
        }

        // Every problem of the declaration reported (not only the first), each at its argument.
        private static bool Usable(AttributeData attribute, string name, string? schema, string? version, List<DiagnosticInfo> diagnostics)
        {
            var problems = new[]
            {
                NameRules.Check("extension", name, attribute.GetArgumentLocation(0, attribute.AttributeClass!)),
                schema == null ? null : NameRules.Check("extension schema", schema, attribute.NamedArgumentLocation("Schema")),
                version == null || SqlSyntax.UnstorableText(version) == null ? null : NameRules.Check("extension version", version, attribute.NamedArgumentLocation("Version")),
            }.Where(p => p != null).ToList();
            diagnostics.AddRange(problems!);
            return problems.Count == 0;
        }

        private static string? Trimmed(object? value) => value is string text && text.Trim().Length > 0 ? text.Trim() : null;
    }
}

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Reads <c>[assembly: SchemaOptions(…)]</c>, with the documented defaults for what it leaves out. A name given that
    /// cannot be used is a diagnostic at its argument and the default takes its place, so the rest is still generated:
    /// a default schema PostgreSQL cannot take as written (SG0014, SG0003), a class name or namespace that is not a C#
    /// name (SG0026).
    /// </summary>
    internal static class OptionsParser
    {
        public const string DefaultClassName = "Schema";
        public const string DefaultSchema = "public";

        // Every [Table] class's parse reads the options of its compilation: parsed once per compilation, not once per class.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, OptionsParseResult> Cache = new();

        public static OptionsParseResult Parse(Compilation compilation) => Cache.GetValue(compilation, Read);

        private static OptionsParseResult Read(Compilation compilation)
        {
            var attribute = compilation.Assembly.GetAttribute(KnownSymbols.For(compilation).SchemaOptionsAttribute);
            var diagnostics = new List<DiagnosticInfo>();
            var schema = NonEmpty(attribute?.Named("DefaultSchema"));
            if (schema != null && NameRules.Check("default schema", schema, attribute!.NamedArgumentLocation("DefaultSchema") ?? Location(attribute!)) is { } schemaProblem)
            {
                diagnostics.Add(schemaProblem);
                schema = null;
            }

            var spec = new OptionsSpec
            {
                ClassName = CSharpName(attribute, "ClassName", dotted: false, diagnostics) ?? DefaultClassName,
                Namespace = CSharpName(attribute, "Namespace", dotted: true, diagnostics),
                DefaultSchema = schema ?? DefaultSchema,
                SnakeCase = !(attribute?.Named("Naming") is int naming) || naming == 0,
                IndexForeignKeys = !(attribute?.Named("IndexForeignKeys") is false),
                FunctionParameterPrefix = attribute?.Named("FunctionParameterPrefix") is string prefix ? prefix.Trim() : "p_",
                Extensions = ExtensionParser.Parse(compilation, diagnostics),
                Domains = DomainParser.Parse(compilation),
                DefaultSrid = attribute?.Named("DefaultSrid") is int srid ? srid : 0,
            };
            return new OptionsParseResult { Spec = spec, Diagnostics = diagnostics.ToEquatableArray() };
        }

        // The class name (an identifier) or namespace (identifiers joined by dots) as given, or null when none is given or
        // it is not one (SG0026): the generated class would not compile.
        private static string? CSharpName(AttributeData? attribute, string argument, bool dotted, List<DiagnosticInfo> diagnostics)
        {
            var name = NonEmpty(attribute?.Named(argument));
            if (name == null)
                return null;
            var parts = dotted ? name.Split('.') : new[] { name };
            if (parts.All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None))
                return name;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCSharpName, DiagnosticTarget.From(attribute!.NamedArgumentLocation(argument) ?? Location(attribute!)),
                argument, SqlSyntax.Printable(name), dotted ? "a namespace (identifiers joined by dots, no keyword)" : "a C# identifier (not a keyword)"));
            return null;
        }

        private static Location? Location(AttributeData attribute) => attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();

        private static string? NonEmpty(object? value) => value is string text && text.Trim().Length > 0 ? text.Trim() : null;
    }
}

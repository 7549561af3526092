using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace SchemaGen.Generators.Emitting
{
    /// <summary>C# source text for values the emitter writes.</summary>
    internal static class CSharpLiterals
    {
        public static string String(string? value) => value == null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>A verbatim string: the DDL stays readable in the generated file.</summary>
        public static string Verbatim(string value) => "@\"" + value.Replace("\"", "\"\"") + "\"";

        /// <summary>A name as a C# identifier: <c>@</c> in front of a keyword (a parameter called <c>@event</c>).</summary>
        public static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        public static string Bool(bool value) => value ? "true" : "false";

        public static string Array(string elementType, IEnumerable<string> items) =>
            "M.EquatableArray.Create<" + elementType + ">(" + string.Join(", ", items) + ")";

        public static string Strings(IEnumerable<string> items) => Array("string", items.Select(String));

        /// <summary>Text for an XML doc comment.</summary>
        public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}

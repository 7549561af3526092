using Microsoft.CodeAnalysis.CSharp;

namespace SchemaGen.Generators.Emitting
{
    /// <summary>C# source text for values the emitter writes.</summary>
    internal static class CSharpLiterals
    {
        public static string String(string? value) => value == null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>A name as a C# identifier: <c>@</c> in front of a keyword (a parameter called <c>@event</c>).</summary>
        public static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>Text for an XML doc comment.</summary>
        public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}

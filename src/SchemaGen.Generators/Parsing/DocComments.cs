using System;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaGen.Generators.Diagnostics;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Reads the XML doc <c>&lt;summary&gt;</c> of a declaration, which becomes COMMENT ON. Reads the trivia
    /// itself rather than <c>GetDocumentationCommentXml</c>, which is empty in projects that do not generate a
    /// documentation file.
    /// </summary>
    internal static class DocComments
    {
        /// <summary>
        /// The summary of <paramref name="symbol"/>, or null when it has none. A doc comment that is not well-formed XML
        /// (<c>a &lt; b</c>, <c>AT&amp;T</c>) is SG0025 at the symbol: its text cannot be read reliably, and the compiler
        /// says so itself (CS1570) only in projects that generate a documentation file.
        /// </summary>
        public static string? Summary(ISymbol symbol, ParseContext context)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                var node = reference.GetSyntax();
                if (node is ParameterSyntax parameter)
                    return ParameterSummary(parameter, symbol, context);

                var doc = DocText(node);
                var text = doc == null ? null : TryPlainSummary(doc, out var plain) ? plain : Element(Parse(doc, symbol, context), "summary");
                if (text != null)
                    return text;
            }

            return null;
        }

        // A positional record's property is documented by <param name="…"> on the record.
        private static string? ParameterSummary(ParameterSyntax parameter, ISymbol symbol, ParseContext context)
        {
            var record = parameter.Parent?.Parent;
            if (record == null)
                return null;
            var text = DocText(record);
            var doc = text == null ? null : Parse(text, symbol, context);
            var name = symbol.Name;
            var element = doc?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == name);
            return element == null ? null : Flatten(element);
        }

        // The text of the /// lines above a declaration, without the slashes; null when there are none.
        private static string? DocText(SyntaxNode node)
        {
            var lines = new StringBuilder();
            foreach (var trivia in node.GetLeadingTrivia())
            {
                var isDoc = trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
                    || (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.ToString().StartsWith("///", StringComparison.Ordinal));
                if (!isDoc)
                    continue;
                foreach (var line in trivia.ToFullString().Split('\n'))
                {
                    var trimmed = line.Trim();
                    if (trimmed.StartsWith("///", StringComparison.Ordinal))
                        lines.Append(trimmed.Substring(3)).Append('\n');
                }
            }

            return lines.Length == 0 ? null : lines.ToString();
        }

        // Most summaries are plain text: <summary>, text without markup or entities, </summary>. Their flattened text is
        // read directly, which is what XML parsing would give and spares loading System.Xml into the compiler.
        private static bool TryPlainSummary(string doc, out string? summary)
        {
            const string open = "<summary>", close = "</summary>";
            summary = null;
            var start = doc.IndexOf('<');
            if (start < 0 || string.CompareOrdinal(doc, start, open, 0, open.Length) != 0)
                return false;
            var end = doc.IndexOf('<', start + open.Length);
            if (end < 0 || string.CompareOrdinal(doc, end, close, 0, close.Length) != 0 || doc.IndexOf('<', end + close.Length) >= 0)
                return false;
            foreach (var c in doc)
            {
                // An entity, or a character XML refuses or reads as two (a surrogate pair), goes to the XML parser.
                if (c == '&' || (c < ' ' && c != '\t' && c != '\n' && c != '\r') || char.IsSurrogate(c) || c > '\uFFFD')
                    return false;
            }

            if (doc.IndexOf("]]>", StringComparison.Ordinal) >= 0)
                return false;
            summary = Collapse(doc.Substring(start + open.Length, end - start - open.Length));
            return true;
        }

        private static XElement? Parse(string doc, ISymbol symbol, ParseContext context)
        {
            try
            {
                return XElement.Parse("<doc>" + doc + "</doc>", LoadOptions.PreserveWhitespace);
            }
            catch (XmlException e)
            {
                // The position is in the comment with its slashes taken off, which would only mislead; the reason is kept.
                var reason = System.Text.RegularExpressions.Regex.Replace(e.Message, @"\s*Line \d+, position \d+\.\s*$", "");
                context.Report(DiagnosticDescriptors.MalformedDocComment, symbol.Locations.FirstOrDefault(), symbol.Name, reason);
                return null;
            }
        }

        private static string? Element(XElement? doc, string name)
        {
            var element = doc?.Element(name);
            return element == null ? null : Flatten(element);
        }

        private static string? Flatten(XElement element)
        {
            var text = new StringBuilder();
            foreach (var node in element.DescendantNodes())
            {
                if (node is XText xtext && !(xtext.Parent != element && IsReference(xtext.Parent!)))
                    text.Append(xtext.Value);
                else if (node is XElement child && IsReference(child))
                    text.Append(ReferenceText(child));
            }

            return Collapse(text.ToString());
        }

        // Runs of spaces, tabs and line breaks become one space; nothing but them is no comment at all.
        private static string? Collapse(string text)
        {
            var collapsed = string.Join(" ", text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
            return collapsed.Length == 0 ? null : collapsed;
        }

        private static bool IsReference(XElement element) =>
            element.Name == "see" || element.Name == "seealso" || element.Name == "paramref" || element.Name == "typeparamref";

        private static string ReferenceText(XElement element)
        {
            if (element.Value.Length > 0)
                return element.Value;
            var target = (string?)element.Attribute("cref") ?? (string?)element.Attribute("name") ?? (string?)element.Attribute("langword") ?? "";
            var withoutPrefix = target.Length > 2 && target[1] == ':' ? target.Substring(2) : target;
            return withoutPrefix.Split('.').Last();
        }
    }
}

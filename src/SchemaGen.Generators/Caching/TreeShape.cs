using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaGen.Generators.Caching
{
    /// <summary>
    /// The declarations of one syntax tree as text: every token outside the bodies of methods, constructors,
    /// destructors, operators and top-level statements (each body replaced by a marker), plus the trivia that can
    /// change what a declaration means or what the parsers read: preprocessor directives (<c>#nullable</c> inside a
    /// body changes the members after it, so directives in bodies are kept too), documentation comments (COMMENT ON
    /// text; <c>///</c> lines also when the project does not parse documentation) and skipped tokens. Other
    /// comments, white space and disabled text are left out: they change no symbol. Computed only for trees that
    /// are not the same object in two compilations (an edited file), and kept per tree object.
    /// Accessor bodies are kept as written: whether a get-only property's accessor uses <c>field</c> decides whether
    /// it has a backing field, which decides whether it is a column (<c>PropertyCollector.IsAutoProperty</c>).
    /// </summary>
    internal static class TreeShape
    {
        private static readonly ConditionalWeakTable<SyntaxTree, string> Shapes = new ConditionalWeakTable<SyntaxTree, string>();

        public static bool Equal(SyntaxTree a, SyntaxTree b) =>
            ReferenceEquals(a, b)
            || (a.FilePath == b.FilePath && a.Options.Equals(b.Options) && Of(a) == Of(b));

        private static string Of(SyntaxTree tree) => Shapes.GetValue(tree, static t => Compute(t.GetRoot()));

        private static string Compute(SyntaxNode root)
        {
            var text = new StringBuilder();
            Append(text, root);
            return text.ToString();
        }

        private static void Append(StringBuilder text, SyntaxNode node)
        {
            foreach (var child in node.ChildNodesAndTokens())
            {
                if (child.IsToken)
                {
                    Append(text, child.AsToken());
                }
                else if (IsBody(child.AsNode()!))
                {
                    text.Append("\u0001body\u0001");
                    if (child.ContainsDirectives)
                        AppendDirectives(text, child.AsNode()!);
                }
                else
                {
                    Append(text, child.AsNode()!);
                }
            }
        }

        // Bodies that declare nothing visible outside them. Property and indexer arrows and accessors are not among them.
        private static bool IsBody(SyntaxNode node) =>
            node is GlobalStatementSyntax
            || ((node is BlockSyntax || node is ArrowExpressionClauseSyntax) && node.Parent is BaseMethodDeclarationSyntax);

        private static void Append(StringBuilder text, SyntaxToken token)
        {
            AppendTrivia(text, token.LeadingTrivia);
            // Kind and length first, so that two token sequences never write the same text.
            text.Append((char)token.RawKind).Append(token.Text.Length).Append(':').Append(token.Text);
            AppendTrivia(text, token.TrailingTrivia);
        }

        private static void AppendTrivia(StringBuilder text, SyntaxTriviaList trivia)
        {
            foreach (var item in trivia)
            {
                if (Matters(item))
                    text.Append('\u0002').Append(item.ToFullString()).Append('\u0002');
            }
        }

        private static void AppendDirectives(StringBuilder text, SyntaxNode body)
        {
            foreach (var trivia in body.DescendantTrivia())
            {
                if (trivia.IsDirective)
                    text.Append('\u0003').Append(trivia.ToFullString()).Append('\u0003');
            }
        }

        private static bool Matters(SyntaxTrivia trivia)
        {
            if (trivia.IsDirective)
                return true;
            switch ((SyntaxKind)trivia.RawKind)
            {
                case SyntaxKind.SingleLineDocumentationCommentTrivia:
                case SyntaxKind.MultiLineDocumentationCommentTrivia:
                case SyntaxKind.SkippedTokensTrivia:
                    return true;
                case SyntaxKind.SingleLineCommentTrivia:
                case SyntaxKind.MultiLineCommentTrivia:
                    var comment = trivia.ToString();
                    return comment.StartsWith("///", System.StringComparison.Ordinal) || comment.StartsWith("/**", System.StringComparison.Ordinal);
                default:
                    return false;
            }
        }
    }
}

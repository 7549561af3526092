using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace SchemaGen.CodeFixes
{
    /// <summary>
    /// Adds attributes the way a person would write them: on their own line above a member that has none, beside
    /// the member's other attributes otherwise, with a using directive for their namespace when it is missing.
    /// </summary>
    internal static class AttributeEditing
    {
        /// <summary>The attribute lists of a property, or of a record's positional parameter.</summary>
        public static SyntaxList<AttributeListSyntax> Lists(SyntaxNode member) =>
            member is PropertyDeclarationSyntax property ? property.AttributeLists
            : member is ParameterSyntax parameter ? parameter.AttributeLists
            : default;

        /// <summary>Adds <c>[qualifiedName(arguments)]</c> to the member (<c>[property: …]</c> on a record parameter).</summary>
        public static async Task<Document> AddAsync(Document document, SyntaxNode member, string qualifiedName, string? arguments, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null)
                return document;

            var attribute = SyntaxFactory.Attribute(
                SyntaxFactory.ParseName(qualifiedName),
                arguments == null ? null : SyntaxFactory.ParseAttributeArgumentList(arguments));
            var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute));
            if (member is ParameterSyntax)
                list = list.WithTarget(SyntaxFactory.AttributeTargetSpecifier(SyntaxFactory.Token(SyntaxKind.PropertyKeyword)));
            list = list.NormalizeWhitespace().WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

            var updated = member is PropertyDeclarationSyntax property
                ? (SyntaxNode)AddToProperty(property, list, EndOfLine(root))
                : AddToParameter((ParameterSyntax)member, list);
            return await CleanUpAsync(document.WithSyntaxRoot(root.ReplaceNode(member, updated)), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Adds a named argument (<c>TypeName = "jsonb"</c>) to an attribute that is already there.</summary>
        public static async Task<Document> AddArgumentAsync(Document document, AttributeSyntax attribute, string argument, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null)
                return document;

            var existing = attribute.ArgumentList?.Arguments.Select(a => a.ToString()) ?? Enumerable.Empty<string>();
            var arguments = SyntaxFactory.ParseAttributeArgumentList("(" + string.Join(", ", existing.Concat(new[] { argument })) + ")");
            if (arguments == null)
                return document;
            if (attribute.ArgumentList != null)
                arguments = arguments.WithTriviaFrom(attribute.ArgumentList);
            return document.WithSyntaxRoot(root.ReplaceNode(attribute, attribute.WithArgumentList(arguments)));
        }

        // No attributes yet: the new list takes the member's leading trivia (doc comment, indentation) and goes on
        // a line of its own. Otherwise it goes after the last list, separated as that one is from the member.
        private static PropertyDeclarationSyntax AddToProperty(PropertyDeclarationSyntax property, AttributeListSyntax list, SyntaxTrivia endOfLine)
        {
            if (property.AttributeLists.Count == 0)
            {
                var leading = property.GetLeadingTrivia();
                var indentation = Indentation(leading);
                return property
                    .WithLeadingTrivia(indentation)
                    .WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine)));
            }

            return property.WithAttributeLists(AppendList(property.AttributeLists, list, Indentation(property.AttributeLists.Last().GetLastToken().GetNextToken().LeadingTrivia)));
        }

        private static ParameterSyntax AddToParameter(ParameterSyntax parameter, AttributeListSyntax list)
        {
            if (parameter.AttributeLists.Count == 0)
            {
                var leading = parameter.GetLeadingTrivia();
                return parameter
                    .WithLeadingTrivia(SyntaxTriviaList.Empty)
                    .WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.Space)));
            }

            return parameter.WithAttributeLists(AppendList(parameter.AttributeLists, list, SyntaxTriviaList.Empty));
        }

        private static SyntaxList<AttributeListSyntax> AppendList(SyntaxList<AttributeListSyntax> lists, AttributeListSyntax list, SyntaxTriviaList indentation)
        {
            var last = lists.Last();
            var separator = last.GetTrailingTrivia();
            var ownLine = separator.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            return lists.Add(list.WithLeadingTrivia(ownLine ? indentation : SyntaxTriviaList.Empty).WithTrailingTrivia(separator));
        }

        // The whitespace after the last line break of a leading trivia list: the member's indentation.
        private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
        {
            var whitespace = new List<SyntaxTrivia>();
            foreach (var trivia in leading)
            {
                if (trivia.IsKind(SyntaxKind.WhitespaceTrivia))
                    whitespace.Add(trivia);
                else
                    whitespace.Clear();
            }

            return SyntaxFactory.TriviaList(whitespace);
        }

        private static SyntaxTrivia EndOfLine(SyntaxNode root)
        {
            var existing = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            return existing.IsKind(SyntaxKind.EndOfLineTrivia) ? existing : SyntaxFactory.CarriageReturnLineFeed;
        }

        // using System.ComponentModel.DataAnnotations.Schema; when missing, then the name shortened to [NotMapped].
        private static async Task<Document> CleanUpAsync(Document document, CancellationToken cancellationToken)
        {
            document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}

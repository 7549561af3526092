using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaGen.CodeFixes
{
    /// <summary>
    /// SG0001 (the property's type has no PostgreSQL type): keep the property out of the table with [NotMapped],
    /// or store it as JSON with [Column(TypeName = "jsonb")] — added to an existing [Column] if there is one.
    /// Works on properties and on the positional parameters of records ([property: …]).
    /// </summary>
    internal sealed class UnmappableTypeFix : DiagnosticFix
    {
        private const string SchemaNamespace = "System.ComponentModel.DataAnnotations.Schema";
        private const string ColumnAttribute = SchemaNamespace + ".ColumnAttribute";
        private const string TypeNameArgument = "TypeName = \"jsonb\"";

        public override string DiagnosticId => DiagnosticIds.UnmappableType;

        public override async Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, CancellationToken cancellationToken)
        {
            var member = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?
                .AncestorsAndSelf()
                .FirstOrDefault(n => n is PropertyDeclarationSyntax || (n is ParameterSyntax && n.Parent?.Parent is RecordDeclarationSyntax));
            if (member == null)
                return;

            var name = member is PropertyDeclarationSyntax property ? property.Identifier.ValueText : ((ParameterSyntax)member).Identifier.ValueText;
            var document = context.Document;

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Exclude '{name}' from the table with [NotMapped]",
                    ct => AttributeEditing.AddAsync(document, member, SchemaNamespace + ".NotMapped", arguments: null, ct),
                    equivalenceKey: DiagnosticId + ".NotMapped"),
                diagnostic);

            var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var column = AttributeEditing.Lists(member)
                .SelectMany(list => list.Attributes)
                .FirstOrDefault(a => semanticModel?.GetSymbolInfo(a, cancellationToken).Symbol?.ContainingType?.ToDisplayString() == ColumnAttribute);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Store '{name}' as jsonb with [Column(TypeName = \"jsonb\")]",
                    ct => column != null
                        ? AttributeEditing.AddArgumentAsync(document, column, TypeNameArgument, ct)
                        : AttributeEditing.AddAsync(document, member, SchemaNamespace + ".Column", "(" + TypeNameArgument + ")", ct),
                    equivalenceKey: DiagnosticId + ".Jsonb"),
                diagnostic);
        }
    }
}

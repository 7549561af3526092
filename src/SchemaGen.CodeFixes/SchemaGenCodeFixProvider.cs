using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SchemaGen.CodeFixes
{
    /// <summary>
    /// Code fixes for the diagnostics the SchemaGen generator reports. Each diagnostic ID has one
    /// <see cref="DiagnosticFix"/>; this provider only dispatches.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SchemaGenCodeFixProvider)), Shared]
    public sealed class SchemaGenCodeFixProvider : CodeFixProvider
    {
        // One entry per fixable ID.
        private static readonly ImmutableDictionary<string, DiagnosticFix> Fixes = new DiagnosticFix[]
        {
            new UnmappableTypeFix(),
            new ParameterRenameFix(),
        }.ToImmutableDictionary(fix => fix.DiagnosticId);

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = Fixes.Keys.OrderBy(id => id, System.StringComparer.Ordinal).ToImmutableArray();

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
                return;

            foreach (var diagnostic in context.Diagnostics)
            {
                if (Fixes.TryGetValue(diagnostic.Id, out var fix) && diagnostic.Location.IsInSource && diagnostic.Location.SourceTree == root.SyntaxTree)
                    await fix.RegisterAsync(context, diagnostic, root, context.CancellationToken).ConfigureAwait(false);
            }
        }
    }
}

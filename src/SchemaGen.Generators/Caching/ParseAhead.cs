using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaGen.Generators.Parsing;

namespace SchemaGen.Generators.Caching
{
    /// <summary>
    /// Parses the [Table] classes of a compilation on a second core, from the last syntax tree backwards, while Roslyn
    /// calls the transform for them one by one from the first: the two meet in the middle, and each class is parsed once
    /// (<see cref="ParseCache{TResult}"/> holds a class's entry locked while either side parses it, and the transform
    /// waits for a parse the worker has begun).
    /// <para>
    /// Why: Roslyn runs a generator's transforms on one thread, and binding a large model (every property's type and
    /// attributes) is most of a cold build's generator time, while the compiler leaves the machine's other cores idle
    /// until the generators are done. The worker finds its classes as <c>ForAttributeWithMetadataName</c> does (a class
    /// or record class, an attribute named Table or TableAttribute on it, bound to a type of that metadata name, applied
    /// in the node's own tree), so it parses no class the transform is not asked for.
    /// </para>
    /// One worker at most, and none when the compilation asks for a single-threaded build (<c>ConcurrentBuild</c> false,
    /// csc's <c>/parallel-</c>), or when the compilation declares what the last one did (the cache then has
    /// every class already). A parse the worker could not finish is simply left to the transform.
    /// </summary>
    internal sealed class ParseAhead<TResult>
        where TResult : class
    {
        private readonly string _attributeMetadataName;
        private readonly string _attributeName;
        private readonly Func<ISymbol, Compilation, CancellationToken, TResult> _parse;
        private readonly object _gate = new object();
        private volatile DeclarationShape? _started; // the shape of the compilation the last worker was started for

        public ParseAhead(string attributeMetadataName, Func<ISymbol, Compilation, CancellationToken, TResult> parse)
        {
            _attributeMetadataName = attributeMetadataName;
            _attributeName = attributeMetadataName.Substring(attributeMetadataName.LastIndexOf('.') + 1);
            _parse = parse;
        }

        /// <summary>Whether the node is a declaration the transform is called for: a class or a record class.</summary>
        public static bool IsClassDeclaration(SyntaxNode node) =>
            node is ClassDeclarationSyntax || (node is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StructKeyword));

        /// <summary>Starts the worker for this compilation unless one ran for its shape already.</summary>
        public void Start(ParseCache<TResult> cache, Compilation compilation, DeclarationShape shape, CancellationToken cancellationToken)
        {
            if (!compilation.Options.ConcurrentBuild)
                return;
            lock (_gate)
            {
                if (ReferenceEquals(_started, shape))
                    return;
                _started = shape;
            }

            if (ParseCounters.AheadFirst.Value)
            {
                Work(cache, compilation, shape, cancellationToken);
                return;
            }

            // Not awaited: the transform waits only for the classes it asks for, and a worker that fails leaves them to it.
            Task.Run(() => Work(cache, compilation, shape, cancellationToken), cancellationToken)
                .ContinueWith(static task => _ = task.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        }

        private void Work(ParseCache<TResult> cache, Compilation compilation, DeclarationShape shape, CancellationToken cancellationToken)
        {
            var trees = new List<SyntaxTree>(compilation.SyntaxTrees);
            for (var t = trees.Count - 1; t >= 0; t--)
            {
                var candidates = Candidates(trees[t].GetRoot(cancellationToken));
                if (candidates.Count == 0)
                    continue;
                var model = compilation.GetSemanticModel(trees[t]);
                for (var i = candidates.Count - 1; i >= 0; i--)
                {
                    if (cancellationToken.IsCancellationRequested || !ReferenceEquals(_started, shape))
                        return; // cancelled, or a newer compilation has its own worker
                    var node = candidates[i];
                    var met = !cache.TryParseAhead(node, shape, compilation, () =>
                        model.GetDeclaredSymbol(node, cancellationToken) is { } symbol && IsTarget(symbol, node.SyntaxTree) ? _parse(symbol, compilation, cancellationToken) : null);
                    if (met)
                        return; // the transform, going forwards, has done this class and every one before it
                }
            }
        }

        // Class and record-class declarations with an attribute of the right simple name, in source order; nested ones too.
        private List<SyntaxNode> Candidates(SyntaxNode root)
        {
            var found = new List<SyntaxNode>();
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax || n is BaseNamespaceDeclarationSyntax || n is TypeDeclarationSyntax))
            {
                if (node is TypeDeclarationSyntax type && IsClassDeclaration(type) && HasAttributeNamed(type))
                    found.Add(type);
            }

            return found;
        }

        private bool HasAttributeNamed(TypeDeclarationSyntax type)
        {
            foreach (var list in type.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    var name = attribute.Name switch
                    {
                        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                        SimpleNameSyntax simple => simple.Identifier.ValueText,
                        _ => "",
                    };
                    if (name == _attributeName || name + "Attribute" == _attributeName)
                        return true;
                }
            }

            return false;
        }

        // As ForAttributeWithMetadataName: an attribute of that metadata name applied in the declaration's tree.
        private bool IsTarget(ISymbol symbol, SyntaxTree tree)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.ApplicationSyntaxReference?.SyntaxTree == tree && attribute.AttributeClass is { } type && type.FullMetadataName() == _attributeMetadataName)
                    return true;
            }

            return false;
        }
    }
}

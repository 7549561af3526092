using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Caching
{
    /// <summary>
    /// Reuses a <c>ForAttributeWithMetadataName</c> transform's result for a declaration whose syntax tree did not
    /// change, while the compilation declares the same things. Roslyn runs the transform again for every [Table]
    /// class on every compilation change (any edit can change what a name binds to), and binding the model's
    /// attributes in a new compilation costs about half a cold run; this cache skips it when nothing it reads changed.
    /// <para>
    /// What a parse reads, and why the key covers it. (a) The declaration's own syntax: the node Roslyn hands the
    /// transform is the same object only while its tree is the same object, so the same text, path and parse
    /// options (language version, <c>#define</c> symbols, documentation mode). (b) Other declarations, through
    /// symbols and their syntax: property types and nullable annotations (with <c>#nullable</c> and the project's
    /// nullable option), base classes and partial parts in other files (their properties, attributes, initializers,
    /// doc comments and file order), enums (members, values, <c>[PgName]</c>, doc comments), foreign-key targets'
    /// keys, constants and <c>nameof</c> in attribute arguments, <c>[assembly: SchemaOptions]</c> and the other
    /// assembly attributes, global usings and aliases, attribute types from references (<c>KnownSymbols</c>),
    /// backing fields (accessor bodies). All of that is in <see cref="DeclarationShape"/>: every tree's tokens
    /// outside method, constructor, operator and top-level-statement bodies, directives and doc comments
    /// (<see cref="TreeShape"/>), the reference objects, the compilation options and the assembly name. Method
    /// bodies declare nothing another declaration can see. (c) Locations: a diagnostic's span in another file moves
    /// with an edit inside a body there, so a result with a span outside its own tree is never reused.
    /// </para>
    /// One cache per generator driver (created in <c>Initialize</c>), so a fresh driver never sees another's results.
    /// </summary>
    internal sealed class ParseCache<TResult>
        where TResult : class
    {
        private readonly ConditionalWeakTable<SyntaxNode, Entry> _entries = new ConditionalWeakTable<SyntaxNode, Entry>();
        private readonly DeclarationShape.Tracker _shapes = new DeclarationShape.Tracker();
        private readonly Func<GeneratorAttributeSyntaxContext, CancellationToken, TResult> _parse;
        private readonly Func<TResult, EquatableArray<DiagnosticInfo>> _diagnostics;
        private readonly ParseAhead<TResult>? _ahead;

        public ParseCache(Func<GeneratorAttributeSyntaxContext, CancellationToken, TResult> parse, Func<TResult, EquatableArray<DiagnosticInfo>> diagnostics, ParseAhead<TResult>? ahead = null)
        {
            _parse = parse;
            _diagnostics = diagnostics;
            _ahead = ahead;
        }

        /// <summary>
        /// The transform: the result already made for this compilation (by <see cref="ParseAhead{TResult}"/>, waiting
        /// while it parses this node), else the previous result if the node and the compilation's declarations are the
        /// same, else a parse.
        /// </summary>
        public TResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var compilation = context.SemanticModel.Compilation;
            var shape = _shapes.Of(compilation);
            _ahead?.Start(this, compilation, shape, cancellationToken);
            var entry = _entries.GetValue(context.TargetNode, static _ => new Entry());
            lock (entry)
            {
                if (entry.ResultFor(shape, compilation) is { } ready)
                {
                    if (!entry.MadeAheadFor(compilation))
                        ParseCounters.Count(reused: true);
                    entry.ParsedAhead = null;
                    return ready;
                }

                var result = _parse(context, cancellationToken); // a cancelled parse throws and stores nothing
                Store(entry, result, context.TargetNode.SyntaxTree, shape, compilation, ahead: false);
                return result;
            }
        }

        /// <summary>
        /// For <see cref="ParseAhead{TResult}"/>: parses the node, or stores nothing when <paramref name="parse"/> finds it is no
        /// target (null). False when the transform holds the node or has its result already: the two have met.
        /// </summary>
        internal bool TryParseAhead(SyntaxNode node, DeclarationShape shape, Compilation compilation, Func<TResult?> parse)
        {
            var entry = _entries.GetValue(node, static _ => new Entry());
            if (!Monitor.TryEnter(entry))
                return false;
            try
            {
                if (entry.ResultFor(shape, compilation) != null)
                    return false;
                if (parse() is { } result)
                    Store(entry, result, node.SyntaxTree, shape, compilation, ahead: true);
                return true;
            }
            finally
            {
                Monitor.Exit(entry);
            }
        }

        private void Store(Entry entry, TResult result, SyntaxTree tree, DeclarationShape shape, Compilation compilation, bool ahead)
        {
            ParseCounters.Count(reused: false, ahead);
            entry.Shape = shape;
            entry.Result = result;
            entry.Reusable = Reusable(result, tree, shape);
            entry.Compilation = new WeakReference<Compilation>(compilation);
            entry.ParsedAhead = ahead ? entry.Compilation : null;
        }

        // Spans in the node's own tree stay right while the node is the same object; spans elsewhere may move.
        private bool Reusable(TResult result, SyntaxTree tree, DeclarationShape shape)
        {
            foreach (var diagnostic in _diagnostics(result))
            {
                switch (diagnostic.Target)
                {
                    case null:
                    case DiagnosticTarget.Declaration _:
                    case DiagnosticTarget.AssemblyAttribute _:
                        continue;
                    case DiagnosticTarget.SourceSpan span when shape.TreePathsAreDistinct && span.At.FilePath == tree.FilePath:
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        }

        // Read and written under the entry's lock.
        private sealed class Entry
        {
            public DeclarationShape? Shape;
            public TResult? Result;
            public bool Reusable;
            public WeakReference<Compilation>? Compilation;
            public WeakReference<Compilation>? ParsedAhead;

            // This compilation's own result, or one an earlier compilation of the same shape made and that stays right.
            public TResult? ResultFor(DeclarationShape shape, Compilation compilation) =>
                Result != null && ReferenceEquals(Shape, shape) && (Reusable || Is(Compilation, compilation)) ? Result : null;

            public bool MadeAheadFor(Compilation compilation) => Is(ParsedAhead, compilation);

            private static bool Is(WeakReference<Compilation>? reference, Compilation compilation) =>
                reference != null && reference.TryGetTarget(out var target) && ReferenceEquals(target, compilation);
        }
    }
}

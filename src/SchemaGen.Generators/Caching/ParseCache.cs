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

        public ParseCache(Func<GeneratorAttributeSyntaxContext, CancellationToken, TResult> parse, Func<TResult, EquatableArray<DiagnosticInfo>> diagnostics)
        {
            _parse = parse;
            _diagnostics = diagnostics;
        }

        /// <summary>The transform: the previous result if the node and the compilation's declarations are the same, else a parse.</summary>
        public TResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var shape = _shapes.Of(context.SemanticModel.Compilation);
            var entry = _entries.GetValue(context.TargetNode, static _ => new Entry());
            lock (entry)
            {
                if (ReferenceEquals(entry.Shape, shape) && entry.Result != null)
                {
                    ParseCounters.Count(reused: true);
                    return entry.Result;
                }
            }

            var result = _parse(context, cancellationToken); // a cancelled parse throws and stores nothing
            ParseCounters.Count(reused: false);
            lock (entry)
            {
                (entry.Shape, entry.Result) = Reusable(result, context.TargetNode.SyntaxTree, shape) ? (shape, result) : (null, null);
            }

            return result;
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

        private sealed class Entry
        {
            public DeclarationShape? Shape;
            public TResult? Result;
        }
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SchemaGen.Generators.Caching
{
    /// <summary>
    /// A class of compilations that declare the same things: the same syntax trees in the same order, each the same
    /// object or with the same <see cref="TreeShape"/> (an edit inside a method body or a comment), the same parse
    /// options and file paths, the same metadata reference objects (a reference is a snapshot: a new build of a
    /// referenced project is a new object), the same compilation options and assembly name. A [Table] class's spec
    /// is a function of its own syntax and of these (see <see cref="ParseCache{TResult}"/>), so within one class a
    /// parse can be reused. Instances are compared by reference: <see cref="Tracker.Of"/> returns the current
    /// instance while each new compilation is equal to the one before, and a new instance otherwise.
    /// </summary>
    internal sealed class DeclarationShape
    {
        private SyntaxTree[] _trees;
        private readonly ImmutableArray<MetadataReference> _references;
        private readonly CompilationOptions _options;
        private readonly string? _assemblyName;

        private DeclarationShape(Compilation compilation)
        {
            _trees = compilation.SyntaxTrees.ToArray();
            _references = compilation.References.ToImmutableArray();
            _options = compilation.Options;
            _assemblyName = compilation.AssemblyName;
            TreePathsAreDistinct = new HashSet<string>(_trees.Select(t => t.FilePath)).Count == _trees.Length;
        }

        /// <summary>Whether a file path names one tree only, so that a diagnostic's path says which tree it is in.</summary>
        public bool TreePathsAreDistinct { get; }

        private bool Declares(Compilation compilation, SyntaxTree[] trees)
        {
            if (_assemblyName != compilation.AssemblyName || !_options.Equals(compilation.Options) || trees.Length != _trees.Length)
                return false;
            var references = compilation.References.ToList();
            if (references.Count != _references.Length || references.Where((r, i) => !ReferenceEquals(r, _references[i])).Any())
                return false;
            for (var i = 0; i < trees.Length; i++)
            {
                if (!TreeShape.Equal(_trees[i], trees[i]))
                    return false;
            }

            return true;
        }

        /// <summary>The shapes of one generator driver's compilations (one per driver, so drivers never share results).</summary>
        internal sealed class Tracker
        {
            private readonly ConditionalWeakTable<Compilation, DeclarationShape> _byCompilation = new ConditionalWeakTable<Compilation, DeclarationShape>();
            private readonly object _gate = new object();
            private DeclarationShape? _current;

            /// <summary>The shape of the compilation: the current one if it declares the same, else a new one.</summary>
            public DeclarationShape Of(Compilation compilation)
            {
                lock (_gate)
                {
                    if (_byCompilation.TryGetValue(compilation, out var known))
                        return known;
                    var trees = compilation.SyntaxTrees.ToArray();
                    if (_current != null && _current.Declares(compilation, trees))
                        _current._trees = trees; // the newest trees stand for the class, so older ones can be collected
                    else
                        _current = new DeclarationShape(compilation);
                    _byCompilation.Add(compilation, _current);
                    return _current;
                }
            }
        }
    }
}

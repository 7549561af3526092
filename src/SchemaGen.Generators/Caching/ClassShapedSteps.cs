using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Model;

namespace SchemaGen.Generators.Caching
{
    /// <summary>
    /// <c>Collect</c> and <c>Combine</c> whose outputs are classes. Roslyn keeps each step's outputs in tables generic over
    /// the output type, and its precompiled image holds that code only for reference types (and the shapes its own
    /// <c>ForAttributeWithMetadataName</c> uses: a pair of classes, an array of classes). Every other shape, a
    /// <c>ValueTuple</c> holding an <c>ImmutableArray</c> or another tuple, an <see cref="EquatableArray{T}"/>, is compiled
    /// by the JIT in every build that runs the generator: 691 methods in the benchmark's build before these steps
    /// (docs/benchmarks.md). Compared by value, so a step after them is as cached as after Roslyn's own.
    /// </summary>
    internal static class ClassShapedSteps
    {
        /// <summary>The values, in the order Roslyn gives them; equal to an earlier list with equal values.</summary>
        public static IncrementalValueProvider<ValueList<T>> CollectList<T>(this IncrementalValuesProvider<T> values) =>
            values.Collect().Select(static (items, _) => new ValueList<T>(items.IsDefault ? EquatableArray<T>.Empty : new EquatableArray<T>(items.ToArray())));

        /// <summary>Both values as a record, rather than Combine's tuple.</summary>
        public static IncrementalValueProvider<Joined<TLeft, TRight>> Join<TLeft, TRight>(this IncrementalValueProvider<TLeft> left, IncrementalValueProvider<TRight> right)
            where TLeft : class?
            where TRight : class? =>
            left.Combine(right).Select(static (pair, _) => new Joined<TLeft, TRight>(pair.Left, pair.Right));
    }

    /// <summary>A step's list of values, as a class.</summary>
    internal sealed record ValueList<T>(EquatableArray<T> Items);

    /// <summary>Two steps' values, as a class.</summary>
    internal sealed record Joined<TLeft, TRight>(TLeft Left, TRight Right)
        where TLeft : class?
        where TRight : class?;
}

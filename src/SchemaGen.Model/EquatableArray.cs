using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Model
{
    /// <summary>
    /// An immutable array with value equality, so that records holding lists compare by content. The
    /// generator's incremental pipeline relies on this to tell an unchanged model from a changed one.
    /// </summary>
    readonly partial struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    {
        private readonly T[]? _items;

        /// <summary>Wraps <paramref name="items"/>; the caller must not change the array afterwards.</summary>
        public EquatableArray(T[] items) => _items = items;

        /// <summary>An array with no items.</summary>
        public static EquatableArray<T> Empty => default;

        /// <inheritdoc />
        public int Count => _items?.Length ?? 0;

        /// <inheritdoc />
        public T this[int index] => (_items ?? Array.Empty<T>())[index];

        /// <summary>True when the array has no items.</summary>
        public bool IsEmpty => Count == 0;

        /// <inheritdoc />
        public bool Equals(EquatableArray<T> other)
        {
            var left = _items ?? Array.Empty<T>();
            var right = other._items ?? Array.Empty<T>();
            return left.SequenceEqual(right);
        }

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            unchecked
            {
                var hash = 17;
                foreach (var item in this)
                    hash = hash * 31 + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item));
                return hash;
            }
        }

        /// <inheritdoc />
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Compares by content.</summary>
        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        /// <summary>Compares by content.</summary>
        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

        /// <inheritdoc />
        public override string ToString() => "[" + string.Join(", ", this) + "]";
    }

    /// <summary>Creates <see cref="EquatableArray{T}"/> values.</summary>
    static partial class EquatableArray
    {
        /// <summary>An array of the given items.</summary>
        public static EquatableArray<T> Create<T>(params T[] items) => new EquatableArray<T>(items);

        /// <summary>Copies a sequence into an equatable array.</summary>
        public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new EquatableArray<T>(items.ToArray());
    }
}

using System;

namespace SchemaGen
{
    /// <summary>
    /// Creates an index on the table. Name the properties in key order (<c>nameof</c> works):
    /// <c>[Index(nameof(ParentJobId), nameof(Stage))]</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class IndexAttribute : Attribute
    {
        /// <summary>An index over the given properties, in key order.</summary>
        public IndexAttribute(params string[] properties) => Properties = properties;

        /// <summary>The indexed properties, by C# name, in key order.</summary>
        public string[] Properties { get; }

        /// <summary>True for a UNIQUE index (named <c>ux_…</c> instead of <c>ix_…</c>).</summary>
        public bool IsUnique { get; set; }

        /// <summary>The index's name; derived from the table and columns when not given.</summary>
        public string? Name { get; set; }

        /// <summary>The predicate of a partial index, SQL over column names: <c>"heartbeat IS NOT NULL"</c>.</summary>
        public string? Where { get; set; }

        /// <summary>The access method: "btree" (the default), "hash", "gin", "gist", "brin" or "spgist".</summary>
        public string? Method { get; set; }

        /// <summary>Non-key properties stored in the index (INCLUDE), by C# name.</summary>
        public string[]? Include { get; set; }
    }

    /// <summary>Creates a single-column index on this property; shorthand for a class-level <see cref="IndexAttribute"/>.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class IndexedAttribute : Attribute
    {
        /// <summary>True for a UNIQUE index.</summary>
        public bool IsUnique { get; set; }

        /// <summary>The index's name; derived from the table and column when not given.</summary>
        public string? Name { get; set; }

        /// <summary>The predicate of a partial index, SQL over column names.</summary>
        public string? Where { get; set; }

        /// <summary>The access method: "btree" (the default), "hash", "gin", "gist", "brin" or "spgist".</summary>
        public string? Method { get; set; }
    }
}

using System;

namespace SchemaGen
{
    /// <summary>
    /// Makes this property a foreign key to the primary key of another <c>[Table]</c> class:
    /// <c>[References(typeof(JobRecord), OnDelete = ReferentialAction.Cascade)]</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public class ReferencesAttribute : Attribute
    {
        /// <summary>A foreign key to <paramref name="table"/>'s primary key.</summary>
        public ReferencesAttribute(Type table) => Table = table;

        /// <summary>The referenced <c>[Table]</c> class.</summary>
        public Type Table { get; }

        /// <summary>What happens to this row when the referenced row is deleted. Default: NoAction.</summary>
        public ReferentialAction OnDelete { get; set; }

        /// <summary>What happens to this row when the referenced key is updated. Default: NoAction.</summary>
        public ReferentialAction OnUpdate { get; set; }

        /// <summary>The constraint's name; derived (<c>fk_table_column</c>) when not given.</summary>
        public string? Name { get; set; }
    }

    /// <summary>A foreign key to the primary key of <typeparamref name="T"/>: <c>[References&lt;JobRecord&gt;]</c>.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class ReferencesAttribute<T> : ReferencesAttribute
    {
        /// <summary>A foreign key to <typeparamref name="T"/>'s primary key.</summary>
        public ReferencesAttribute() : base(typeof(T)) { }
    }
}

using System;

namespace SchemaGen
{
    /// <summary>
    /// A PostgreSQL domain: a type with rules (<c>CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE &gt;= 1901 AND
    /// VALUE &lt;= 2155)</c>), declared once and used by columns through <c>[Column(TypeName = "year")]</c> (or
    /// <c>"public.year"</c>). The deployer creates it before the tables, changes its check, default and NOT NULL in place,
    /// and drops one the model no longer declares only as the unmanaged rules say. See docs/type-mapping.md ("Domains") and
    /// docs/deploying.md ("Domains").
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    public sealed class DomainAttribute : Attribute
    {
        /// <param name="name">The domain's name, e.g. <c>year</c>, <c>us_postal_code</c>.</param>
        /// <param name="baseType">The type it is based on, written as <c>[Column(TypeName)]</c> takes it: <c>integer</c>,
        /// <c>text</c>, <c>character varying(10)</c>, one of the model's enums or domains, or a type of a declared extension.</param>
        public DomainAttribute(string name, string baseType)
        {
            Name = name;
            BaseType = baseType;
        }

        /// <summary>The domain's name.</summary>
        public string Name { get; }

        /// <summary>The type the domain is based on.</summary>
        public string BaseType { get; }

        /// <summary>The schema to create it in. Default: the model's default schema (<c>SchemaOptions.DefaultSchema</c>).</summary>
        public string? Schema { get; set; }

        /// <summary>
        /// The CHECK expression over <c>VALUE</c>, e.g. <c>VALUE &gt;= 1901 AND VALUE &lt;= 2155</c>. It becomes the constraint
        /// <c>&lt;name&gt;_check</c>. Default: none.
        /// </summary>
        public string? Check { get; set; }

        /// <summary>True for <c>NOT NULL</c>: no column of the domain can hold NULL. Default: false.</summary>
        public bool NotNull { get; set; }

        /// <summary>The DEFAULT expression (SQL, e.g. <c>1901</c> or <c>'00000'</c>) of columns of the domain that have none of their own. Default: none.</summary>
        public string? Default { get; set; }

        /// <summary>The domain's comment (<c>COMMENT ON DOMAIN</c>). Default: none.</summary>
        public string? Comment { get; set; }
    }
}

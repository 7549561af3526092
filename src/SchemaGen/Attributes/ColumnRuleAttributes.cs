using System;

namespace SchemaGen
{
    /// <summary>A CHECK constraint in raw SQL over column names, for rules that span columns: <c>[Check("stage &lt;= total_stages")]</c>.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class CheckAttribute : Attribute
    {
        /// <summary>A CHECK constraint with the given SQL expression.</summary>
        public CheckAttribute(string sql) => Sql = sql;

        /// <summary>The SQL expression between CHECK's parentheses.</summary>
        public string Sql { get; }

        /// <summary>The constraint's name; derived (<c>ck_table_…</c>) when not given.</summary>
        public string? Name { get; set; }
    }

    /// <summary>The column's DEFAULT as a SQL expression, used verbatim: <c>[DefaultSql("now()")]</c>.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class DefaultSqlAttribute : Attribute
    {
        /// <summary>A default given as SQL.</summary>
        public DefaultSqlAttribute(string sql) => Sql = sql;

        /// <summary>The SQL expression.</summary>
        public string Sql { get; }
    }

    /// <summary>Sets a decimal column's precision and scale: <c>[Numeric(10, 2)]</c> is <c>numeric(10,2)</c>.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class NumericAttribute : Attribute
    {
        /// <summary>numeric(precision, scale).</summary>
        public NumericAttribute(int precision, int scale = 0)
        {
            Precision = precision;
            Scale = scale;
        }

        /// <summary>Total number of significant digits.</summary>
        public int Precision { get; }

        /// <summary>Digits after the decimal point.</summary>
        public int Scale { get; }
    }

    /// <summary>A stored generated column: <c>[Generated("price * quantity")]</c> becomes <c>GENERATED ALWAYS AS (…) STORED</c>.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class GeneratedAttribute : Attribute
    {
        /// <summary>A column computed from the given SQL expression.</summary>
        public GeneratedAttribute(string sql) => Sql = sql;

        /// <summary>The SQL expression over other columns of the row.</summary>
        public string Sql { get; }
    }

    /// <summary>
    /// The table, column or enum member had another name before: the deployer renames it
    /// instead of dropping the old one and creating a new, empty one.
    /// </summary>
    /// <remarks>
    /// The old name may be the database name (<c>[RenamedFrom("display_name")]</c>) or the C# name the member had
    /// (<c>[RenamedFrom("DisplayName")]</c>, or <c>nameof</c> of a member that still exists elsewhere): a C#
    /// identifier with an upper-case letter is named by the naming convention, exactly as the member was, so
    /// under snake_case both examples mean the column <c>display_name</c>. A database name that itself has upper
    /// case (given with <c>[Column("DisplayName")]</c> under snake_case) cannot be told from a C# name; rename
    /// such a column in two steps, or with SQL.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class RenamedFromAttribute : Attribute
    {
        /// <summary>The name it had before: the database name, or the C# name (see the remarks).</summary>
        public RenamedFromAttribute(string oldName) => OldName = oldName;

        /// <summary>The previous name, as written: the database name or the C# name.</summary>
        public string OldName { get; }
    }
}

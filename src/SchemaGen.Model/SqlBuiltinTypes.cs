using System;
using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Model
{
    /// <summary>Which type modifiers a built-in type takes, and so how <see cref="SqlTypeNames"/> checks and prints them.</summary>
#if SCHEMAGEN_GENERATOR
    internal
#else
    public
#endif
    enum SqlTypeModifiers
    {
        /// <summary>No modifiers (<c>integer</c>, <c>jsonb</c>).</summary>
        None,

        /// <summary>One length (<c>character varying(n)</c>, <c>bit(n)</c>).</summary>
        Length,

        /// <summary>float(p): bits of precision that choose real or double precision.</summary>
        FloatPrecision,

        /// <summary>numeric(p, s).</summary>
        PrecisionScale,

        /// <summary>time(p), timestamp(p), with or without time zone.</summary>
        TimePrecision,

        /// <summary>interval [fields] [(p)].</summary>
        Interval,
    }

    /// <summary>
    /// A built-in type: the name format_type prints, the spellings PostgreSQL reads as it, its modifiers, and the C#
    /// types Npgsql reads a value of it into without configuration (empty: SchemaGen does not check).
    /// </summary>
    sealed partial class SqlBuiltinType
    {
        /// <summary>A built-in type; <paramref name="bare"/> defaults to the name.</summary>
        public SqlBuiltinType(string name, SqlTypeModifiers modifiers, string[] aliases, string[] clrTypes, string? bare = null, int maxLength = 0)
        {
            Name = name;
            Modifiers = modifiers;
            Aliases = aliases;
            ClrTypes = clrTypes;
            Bare = bare ?? name;
            MaxLength = maxLength;
        }

        /// <summary>format_type's name for the type (<c>format_type(oid, NULL)</c>).</summary>
        public string Name { get; }

        /// <summary>Which modifiers it takes.</summary>
        public SqlTypeModifiers Modifiers { get; }

        /// <summary>Every spelling of the type, lower case, words single-spaced, without modifiers; the name among them.</summary>
        public IReadOnlyList<string> Aliases { get; }

        /// <summary>The C# types (as C# writes them: <c>int</c>, <c>DateTimeOffset</c>, <c>JsonDocument</c>) Npgsql reads this type into.</summary>
        public IReadOnlyList<string> ClrTypes { get; }

        /// <summary>How a column of the type written without modifiers prints: <c>character(1)</c> for <c>char</c>.</summary>
        public string Bare { get; }

        /// <summary>The largest length a <see cref="SqlTypeModifiers.Length"/> type takes.</summary>
        public int MaxLength { get; }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    /// <summary>
    /// The one table of PostgreSQL's built-in type names: what <see cref="SqlTypeNames"/> canonicalises a
    /// [Column(TypeName)] with, and what the generator checks a [SqlFunction] wrapper's C# types against. A test asks
    /// PostgreSQL for every alias (<c>format_type('alias'::regtype, NULL)</c>) and reads a value of every type into
    /// each of its C# types with Npgsql.
    /// </summary>
    static partial class SqlBuiltinTypes
    {
        private const int MaxCharLength = 10485760; // character varying(n), character(n): PostgreSQL's limit

        private const int MaxBitLength = 83886080;

        private static readonly string[] Json = { "JsonDocument", "JsonElement", "JsonNode", "string" };

        private static readonly string[] Text = { "string" };

        /// <summary>Every built-in type SchemaGen knows by name.</summary>
        public static IReadOnlyList<SqlBuiltinType> All { get; } = new[]
        {
            new SqlBuiltinType("smallint", SqlTypeModifiers.None, new[] { "smallint", "int2" }, new[] { "short", "int", "long", "decimal" }),
            new SqlBuiltinType("integer", SqlTypeModifiers.None, new[] { "integer", "int", "int4" }, new[] { "int", "long", "decimal" }),
            new SqlBuiltinType("bigint", SqlTypeModifiers.None, new[] { "bigint", "int8" }, new[] { "long", "decimal" }),
            new SqlBuiltinType("boolean", SqlTypeModifiers.None, new[] { "boolean", "bool" }, new[] { "bool" }),
            new SqlBuiltinType("real", SqlTypeModifiers.None, new[] { "real", "float4" }, new[] { "float", "double" }),
            new SqlBuiltinType("double precision", SqlTypeModifiers.None, new[] { "double precision", "float8" }, new[] { "double" }),
            // float(p) is real for 1-24 bits of precision: SqlTypeNames reads the precision.
            new SqlBuiltinType("double precision", SqlTypeModifiers.FloatPrecision, new[] { "float" }, new[] { "double" }),
            new SqlBuiltinType("numeric", SqlTypeModifiers.PrecisionScale, new[] { "numeric", "decimal", "dec" }, new[] { "decimal" }),
            new SqlBuiltinType("text", SqlTypeModifiers.None, new[] { "text" }, Text),
            new SqlBuiltinType("character varying", SqlTypeModifiers.Length,
                new[] { "character varying", "varchar", "char varying", "national character varying", "national char varying", "nchar varying" }, Text,
                maxLength: MaxCharLength),
            new SqlBuiltinType("character", SqlTypeModifiers.Length, new[] { "character", "char", "nchar", "national character", "national char" }, Text,
                bare: "character(1)", maxLength: MaxCharLength),
            // bpchar is character too, but without a length it takes any length, and format_type says so.
            new SqlBuiltinType("character", SqlTypeModifiers.Length, new[] { "bpchar" }, Text, bare: "bpchar", maxLength: MaxCharLength),
            new SqlBuiltinType("name", SqlTypeModifiers.None, new[] { "name" }, Text),
            new SqlBuiltinType("bit", SqlTypeModifiers.Length, new[] { "bit" }, Array.Empty<string>(), bare: "bit(1)", maxLength: MaxBitLength),
            new SqlBuiltinType("bit varying", SqlTypeModifiers.Length, new[] { "bit varying", "varbit" }, Array.Empty<string>(), maxLength: MaxBitLength),
            new SqlBuiltinType("json", SqlTypeModifiers.None, new[] { "json" }, Json),
            new SqlBuiltinType("jsonb", SqlTypeModifiers.None, new[] { "jsonb" }, Json),
            new SqlBuiltinType("timestamp without time zone", SqlTypeModifiers.TimePrecision, new[] { "timestamp without time zone", "timestamp" }, new[] { "DateTime" }),
            new SqlBuiltinType("timestamp with time zone", SqlTypeModifiers.TimePrecision, new[] { "timestamp with time zone", "timestamptz" }, new[] { "DateTime", "DateTimeOffset" }),
            new SqlBuiltinType("time without time zone", SqlTypeModifiers.TimePrecision, new[] { "time without time zone", "time" }, new[] { "TimeOnly", "TimeSpan" }),
            new SqlBuiltinType("time with time zone", SqlTypeModifiers.TimePrecision, new[] { "time with time zone", "timetz" }, new[] { "DateTimeOffset" }),
            new SqlBuiltinType("date", SqlTypeModifiers.None, new[] { "date" }, new[] { "DateOnly", "DateTime" }),
            new SqlBuiltinType("interval", SqlTypeModifiers.Interval, new[] { "interval" }, new[] { "TimeSpan" }),
            new SqlBuiltinType("uuid", SqlTypeModifiers.None, new[] { "uuid" }, new[] { "Guid" }),
            new SqlBuiltinType("bytea", SqlTypeModifiers.None, new[] { "bytea" }, new[] { "byte[]" }),
            new SqlBuiltinType("inet", SqlTypeModifiers.None, new[] { "inet" }, Array.Empty<string>()),
            new SqlBuiltinType("cidr", SqlTypeModifiers.None, new[] { "cidr" }, Array.Empty<string>()),
            new SqlBuiltinType("macaddr", SqlTypeModifiers.None, new[] { "macaddr" }, Array.Empty<string>()),
            new SqlBuiltinType("macaddr8", SqlTypeModifiers.None, new[] { "macaddr8" }, Array.Empty<string>()),
            new SqlBuiltinType("money", SqlTypeModifiers.None, new[] { "money" }, Array.Empty<string>()),
            new SqlBuiltinType("xml", SqlTypeModifiers.None, new[] { "xml" }, Array.Empty<string>()),
            new SqlBuiltinType("tsvector", SqlTypeModifiers.None, new[] { "tsvector" }, Array.Empty<string>()),
            new SqlBuiltinType("tsquery", SqlTypeModifiers.None, new[] { "tsquery" }, Array.Empty<string>()),
        };

        private static readonly Dictionary<string, SqlBuiltinType> ByAlias = All.SelectMany(t => t.Aliases.Select(a => (a, t))).ToDictionary(p => p.a, p => p.t, StringComparer.Ordinal);

        /// <summary>The built-in type a spelling names (lower case, words single-spaced, no modifiers: <c>int4</c>, <c>timestamp with time zone</c>), or null.</summary>
        public static SqlBuiltinType? Find(string spelling) => ByAlias.TryGetValue(spelling, out var type) ? type : null;
    }
}

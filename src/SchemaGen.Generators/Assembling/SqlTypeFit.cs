using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Specs;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// Whether a C# type can hold the values of a PostgreSQL type as Npgsql reads and writes them: a bigint
    /// does not fit an int, a text does not fit an enum. Types it does not know are assumed to fit.
    /// </summary>
    internal static class SqlTypeFit
    {
        private static ClrKind Of(ScalarType type) => new ClrKind.Scalar(type);

        private static readonly Dictionary<string, ClrKind[]> Fits = new Dictionary<string, ClrKind[]>(StringComparer.Ordinal)
        {
            ["bigint"] = new[] { Of(ScalarType.Long), Of(ScalarType.Decimal) },
            ["integer"] = new[] { Of(ScalarType.Int), Of(ScalarType.Long), Of(ScalarType.Decimal) },
            ["smallint"] = new[] { Of(ScalarType.Short), Of(ScalarType.Int), Of(ScalarType.Long), Of(ScalarType.Decimal) },
            ["boolean"] = new[] { Of(ScalarType.Bool) },
            ["text"] = new[] { ClrKind.String },
            ["numeric"] = new[] { Of(ScalarType.Decimal) },
            ["real"] = new[] { Of(ScalarType.Float), Of(ScalarType.Double) },
            ["double precision"] = new[] { Of(ScalarType.Double) },
            ["jsonb"] = new[] { ClrKind.Json.Instance, ClrKind.String },
            ["timestamp with time zone"] = new[] { Of(ScalarType.DateTime), Of(ScalarType.DateTimeOffset) },
            ["timestamp without time zone"] = new[] { Of(ScalarType.DateTime) },
            ["date"] = new[] { Of(ScalarType.DateOnly), Of(ScalarType.DateTime) },
            ["time without time zone"] = new[] { Of(ScalarType.TimeOnly), Of(ScalarType.TimeSpan) },
            ["interval"] = new[] { Of(ScalarType.TimeSpan) },
            ["uuid"] = new[] { Of(ScalarType.Guid) },
            ["bytea"] = new[] { Of(ScalarType.Bytes) },
        };

        private static readonly Dictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["int8"] = "bigint", ["int"] = "integer", ["int4"] = "integer", ["int2"] = "smallint", ["bool"] = "boolean",
            ["character varying"] = "text", ["varchar"] = "text", ["character"] = "text", ["char"] = "text", ["citext"] = "text", ["name"] = "text",
            ["decimal"] = "numeric", ["float4"] = "real", ["float8"] = "double precision", ["float"] = "double precision", ["json"] = "jsonb",
            ["timestamptz"] = "timestamp with time zone", ["timestamp"] = "timestamp without time zone", ["time"] = "time without time zone",
        };

        /// <summary>Null when <paramref name="kind"/> holds <paramref name="sqlType"/>; otherwise the C# type to use instead.</summary>
        public static string? Mismatch(string sqlType, ClrKind kind, IReadOnlyList<EnumMapping> enums)
        {
            var type = Normalize(sqlType);
            if (type.EndsWith("[]", StringComparison.Ordinal))
            {
                if (!(kind is ClrKind.ArrayOf array))
                    return kind is ClrKind.Other ? null : "an array or List<T>";
                var element = Mismatch(sqlType.Substring(0, sqlType.LastIndexOf('[')), array.Element, enums);
                return element == null ? null : element + "[]";
            }

            var modelEnum = enums.FirstOrDefault(e => type == e.Name || type == e.Schema + "." + e.Name);
            if (modelEnum != null)
                return kind == new ClrKind.EnumType(modelEnum.TypeReference) || kind == ClrKind.String ? null : modelEnum.TypeReference.Replace("global::", "");

            if (!Fits.TryGetValue(type, out var fitting))
                return null; // a type SchemaGen does not know: Npgsql decides at run time
            if (fitting.Contains(kind))
                return null;
            return CSharpName(fitting[0]);
        }

        /// <summary>The type as a readable word: lower case, no length or precision, aliases resolved.</summary>
        public static string Normalize(string sqlType)
        {
            var type = sqlType.Trim().ToLowerInvariant();
            if (type.StartsWith("setof ", StringComparison.Ordinal))
                type = type.Substring("setof ".Length).Trim();
            var array = type.EndsWith("[]", StringComparison.Ordinal);
            type = array ? type.Substring(0, type.Length - 2).Trim() : type;
            var modifier = type.IndexOf('(');
            if (modifier >= 0)
            {
                var close = type.IndexOf(')', modifier);
                type = (type.Substring(0, modifier) + (close < 0 ? "" : type.Substring(close + 1))).Trim();
            }

            type = string.Join(" ", type.Split(new[] { ' ', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries)).Replace("\"", "");
            if (type.StartsWith("pg_catalog.", StringComparison.Ordinal))
                type = type.Substring("pg_catalog.".Length);
            return (Aliases.TryGetValue(type, out var canonical) ? canonical : type) + (array ? "[]" : "");
        }

        private static string CSharpName(ClrKind kind) => kind is ClrKind.Scalar scalar ? scalar.Type.CSharpName() : "JsonDocument";
    }
}

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
        private static readonly Dictionary<string, string[]> Fits = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["bigint"] = new[] { "long", "decimal" },
            ["integer"] = new[] { "int", "long", "decimal" },
            ["smallint"] = new[] { "short", "int", "long", "decimal" },
            ["boolean"] = new[] { "bool" },
            ["text"] = new[] { "string" },
            ["numeric"] = new[] { "decimal" },
            ["real"] = new[] { "float", "double" },
            ["double precision"] = new[] { "double" },
            ["jsonb"] = new[] { "json", "string" },
            ["timestamp with time zone"] = new[] { "DateTime", "DateTimeOffset" },
            ["timestamp without time zone"] = new[] { "DateTime" },
            ["date"] = new[] { "DateOnly", "DateTime" },
            ["time without time zone"] = new[] { "TimeOnly", "TimeSpan" },
            ["interval"] = new[] { "TimeSpan" },
            ["uuid"] = new[] { "Guid" },
            ["bytea"] = new[] { "byte[]" },
        };

        private static readonly Dictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["int8"] = "bigint", ["int"] = "integer", ["int4"] = "integer", ["int2"] = "smallint", ["bool"] = "boolean",
            ["character varying"] = "text", ["varchar"] = "text", ["character"] = "text", ["char"] = "text", ["citext"] = "text", ["name"] = "text",
            ["decimal"] = "numeric", ["float4"] = "real", ["float8"] = "double precision", ["float"] = "double precision", ["json"] = "jsonb",
            ["timestamptz"] = "timestamp with time zone", ["timestamp"] = "timestamp without time zone", ["time"] = "time without time zone",
        };

        /// <summary>Null when <paramref name="kind"/> holds <paramref name="sqlType"/>; otherwise the C# type to use instead.</summary>
        public static string? Mismatch(string sqlType, string kind, IReadOnlyList<EnumMapping> enums)
        {
            var type = Normalize(sqlType);
            if (type.EndsWith("[]", StringComparison.Ordinal))
            {
                if (!kind.StartsWith("array:", StringComparison.Ordinal))
                    return kind.StartsWith("other:", StringComparison.Ordinal) ? null : "an array or List<T>";
                var element = Mismatch(sqlType.Substring(0, sqlType.LastIndexOf('[')), kind.Substring("array:".Length), enums);
                return element == null ? null : element + "[]";
            }

            var modelEnum = enums.FirstOrDefault(e => type == e.Name || type == e.Schema + "." + e.Name);
            if (modelEnum != null)
                return kind == "enum:" + modelEnum.TypeReference || kind == "string" ? null : modelEnum.TypeReference.Replace("global::", "");

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

        private static string CSharpName(string kind) => kind switch
        {
            "json" => "JsonDocument",
            _ => kind,
        };
    }
}

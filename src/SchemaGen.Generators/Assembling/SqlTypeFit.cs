using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Assembling
{
    /// <summary>
    /// Whether a C# type can hold the values of a PostgreSQL type as Npgsql reads and writes them: a bigint
    /// does not fit an int, a text does not fit an enum. Types it does not know are assumed to fit.
    /// </summary>
    internal static class SqlTypeFit
    {
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

            var fitting = SqlBuiltinTypes.Find(type)?.ClrTypes;
            if (fitting == null || fitting.Count == 0)
                return null; // a type SchemaGen does not know: Npgsql decides at run time
            if (TableName(kind) is string name && fitting.Contains(name))
                return null;
            return fitting[0];
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
            if (type.StartsWith("interval ", StringComparison.Ordinal))
                type = "interval"; // interval day to second, interval year: the fields restrict an interval's values, not its type
            return (SqlBuiltinTypes.Find(type)?.Name ?? type) + (array ? "[]" : "");
        }

        // The kind as the type table spells the C# types it lists (int, DateTimeOffset, JsonDocument); null for others.
        private static string? TableName(ClrKind kind) => kind switch
        {
            ClrKind.Scalar scalar => scalar.Type.CSharpName(),
            ClrKind.Json => "JsonDocument",
            _ => null,
        };
    }
}

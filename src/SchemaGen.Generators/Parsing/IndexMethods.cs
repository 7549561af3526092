using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Whether PostgreSQL's built-in operator classes let an access method index a column type. Only what is
    /// known to fail is refused (<c>gin</c> on an integer or an enum: "has no default operator class for access
    /// method"); unknown types (extensions, domains) are let through. Extensions such as btree_gin add operator
    /// classes, so the finding is SG0005 and the index is still generated: suppressing it keeps the index.
    /// </summary>
    /// <remarks>
    /// A column of a built-in type (the C# type's, or a [Column(TypeName)]'s) is judged by that SQL type, from the table
    /// PostgreSQL 15 gives for its default operator classes (<c>CREATE INDEX … USING m (c)</c> for each type and method);
    /// any other column (an enum, an extension's type) by the kind of its C# type.
    /// </remarks>
    internal static class IndexMethods
    {
        private static readonly string[] Ordered = { "btree", "hash", "brin" };

        // The methods whose default operator classes index each built-in type, by format_type's name without modifiers.
        private static readonly Dictionary<string, string[]> ByBuiltinType = new(StringComparer.Ordinal)
        {
            ["text"] = new[] { "btree", "hash", "spgist", "brin" },
            ["character varying"] = new[] { "btree", "hash", "spgist", "brin" },
            ["character"] = Ordered,
            ["name"] = Ordered,
            ["smallint"] = Ordered, ["integer"] = Ordered, ["bigint"] = Ordered, ["real"] = Ordered, ["double precision"] = Ordered, ["numeric"] = Ordered,
            ["time without time zone"] = Ordered, ["time with time zone"] = Ordered, ["timestamp without time zone"] = Ordered,
            ["timestamp with time zone"] = Ordered, ["date"] = Ordered, ["interval"] = Ordered, ["uuid"] = Ordered, ["bytea"] = Ordered,
            ["macaddr"] = Ordered, ["macaddr8"] = Ordered,
            ["bit"] = new[] { "btree", "brin" },
            ["bit varying"] = new[] { "btree", "brin" },
            ["boolean"] = new[] { "btree", "hash" },
            ["money"] = new[] { "btree" },
            ["inet"] = new[] { "btree", "hash", "spgist", "brin" },
            ["cidr"] = new[] { "btree", "hash", "spgist", "brin" },
            ["jsonb"] = new[] { "btree", "hash", "gin" },
            ["json"] = new string[0],
            ["xml"] = new string[0],
            ["tsvector"] = new[] { "btree", "gin", "gist" },
            ["tsquery"] = new[] { "btree", "gist" },
        };

        /// <summary>Why <paramref name="method"/> cannot index a column of <paramref name="type"/>, or null.</summary>
        public static string? Unsupported(string method, MappedType type, string sqlType)
        {
            var isArray = sqlType.EndsWith("[]", StringComparison.Ordinal);
            if (isArray)
                return method is "btree" or "hash" or "gin" ? null : method + " cannot index arrays; gin, btree and hash can";
            if (BuiltinName(sqlType) is { } builtin && ByBuiltinType.TryGetValue(builtin, out var methods))
            {
                if (methods.Contains(method))
                    return null;
                return methods.Length == 0
                    ? method + " cannot index " + builtin + ": it has no operator class for any index method" + (builtin == "json" ? "; use jsonb" : "")
                    : method + " cannot index " + builtin + " with PostgreSQL's own operator classes (" + string.Join(", ", methods) + " can"
                      + (method is "gin" or "gist" ? "; extensions such as btree_" + method + " add more" : "") + ")";
            }

            // An enum or a type SchemaGen does not know: only what the C# type says is known to fail.
            var isScalar = type.Kind == ValueKind.Integer || type.Kind == ValueKind.Floating || type.Kind == ValueKind.Decimal
                || type.Kind == ValueKind.Boolean || type.Kind == ValueKind.Enum || type.Kind == ValueKind.Bytes;
            return method switch
            {
                "gin" when isScalar => "gin indexes arrays, jsonb and tsvector (other types need the btree_gin extension)",
                "gist" when isScalar => "gist indexes ranges, geometric types, inet and tsvector (scalars need the btree_gist extension)",
                "spgist" when isScalar => "spgist indexes text, inet, ranges and geometric types",
                _ => null,
            };
        }

        // format_type's name of a built-in SQL type without its modifiers (numeric(5,2) is numeric; interval day to second(3)
        // is interval), or null when the type is not one SchemaGen knows by name.
        private static string? BuiltinName(string sqlType)
        {
            var open = sqlType.IndexOf('(');
            var bare = open < 0 ? sqlType : sqlType.Substring(0, open).TrimEnd() + sqlType.Substring(sqlType.IndexOf(')', open) + 1);
            if (bare.StartsWith("interval", StringComparison.Ordinal))
                return "interval";
            return SqlBuiltinTypes.Find(bare.Trim())?.Name;
        }
    }
}

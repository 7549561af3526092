using System;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Whether PostgreSQL's built-in operator classes let an access method index a column type. Only what is
    /// known to fail is refused (<c>gin</c> on an integer or an enum: "has no default operator class for access
    /// method"); unknown types (extensions, domains) are let through. Extensions such as btree_gin add operator
    /// classes, so the finding is SG0005 and the index is still generated: suppressing it keeps the index.
    /// </summary>
    internal static class IndexMethods
    {
        /// <summary>Why <paramref name="method"/> cannot index a column of <paramref name="type"/>, or null.</summary>
        public static string? Unsupported(string method, MappedType type, string sqlType)
        {
            var isArray = sqlType.EndsWith("[]", StringComparison.Ordinal);
            var isScalar = !isArray && (type.Kind == ValueKind.Integer || type.Kind == ValueKind.Floating || type.Kind == ValueKind.Decimal
                || type.Kind == ValueKind.Boolean || type.Kind == ValueKind.Enum || type.Kind == ValueKind.Bytes || sqlType == "uuid"
                || sqlType == "date" || sqlType.StartsWith("timestamp", StringComparison.Ordinal) || sqlType.StartsWith("time ", StringComparison.Ordinal)
                || sqlType == "interval");
            var isText = !isArray && (sqlType == "text" || sqlType.StartsWith("character", StringComparison.Ordinal));
            switch (method)
            {
                case "gin":
                    return isScalar || isText || sqlType == "json" ? "gin indexes arrays, jsonb and tsvector (other types need the btree_gin extension)" : null;
                case "gist":
                    return isScalar || isText || isArray || sqlType == "jsonb" || sqlType == "json"
                        ? "gist indexes ranges, geometric types, inet and tsvector (scalars need the btree_gist extension)" : null;
                case "spgist":
                    return isScalar || isArray || sqlType == "jsonb" || sqlType == "json" ? "spgist indexes text, inet, ranges and geometric types" : null;
                case "brin":
                    return isArray || sqlType == "jsonb" || sqlType == "json" ? "brin indexes scalar types, not arrays or JSON" : null;
                default: // btree and hash: every built-in type but json, which has no equality
                    return sqlType == "json" || sqlType == "json[]" ? method + " cannot index json (it has no equality); use jsonb" : null;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SchemaGen.Model
{
    /// <summary>
    /// The one place where names and values become SQL text (the C# analogue of psycopg's <c>sql</c> module).
    /// Identifiers are quoted exactly when PostgreSQL's own <c>quote_ident</c> would quote them, so rendered
    /// DDL reads like pg_dump's and compares equal to what the catalog prints back.
    /// </summary>
    static partial class SqlSyntax
    {
        // Keywords that cannot be used bare as a column or table name: every category of pg_get_keywords()
        // except unreserved (PostgreSQL 15: reserved, column-name and type-function-name keywords).
        private static readonly HashSet<string> QuotedKeywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
            "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
            "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
            "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user",
            "dec", "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists",
            "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest",
            "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect",
            "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like", "limit",
            "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull",
            "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay",
            "placing", "position", "precision", "primary", "real", "references", "returning", "right", "row", "select",
            "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample",
            "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using",
            "values", "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable",
        };

        /// <summary>An identifier, double-quoted when it is not a plain lowercase name or is a keyword.</summary>
        public static string Identifier(string name)
        {
            if (name is null)
                throw new ArgumentNullException(nameof(name));
            if (name.Length == 0)
                throw new ArgumentException("A PostgreSQL identifier cannot be empty.", nameof(name));
            if (name.IndexOf('\0') >= 0)
                throw new ArgumentException($"The identifier '{name.Replace("\0", "\\0")}' contains a NUL character, which PostgreSQL cannot store.", nameof(name));

            return IsPlain(name) ? name : "\"" + name.Replace("\"", "\"\"") + "\"";
        }

        /// <summary><c>schema.name</c>, each part quoted as needed.</summary>
        public static string QualifiedName(string schema, string name) => Identifier(schema) + "." + Identifier(name);

        /// <summary>A comma-separated list of quoted identifiers.</summary>
        public static string IdentifierList(IEnumerable<string> names) => string.Join(", ", names.Select(Identifier));

        /// <summary>
        /// A string literal as PostgreSQL's <c>quote_literal</c> writes it: quotes doubled, and an E'' literal with
        /// doubled backslashes when the text has a backslash, so the value is the same whatever
        /// standard_conforming_strings is set to.
        /// </summary>
        public static string Literal(string value)
        {
            if (value is null)
                throw new ArgumentNullException(nameof(value));
            if (value.IndexOf('\0') >= 0)
                throw new ArgumentException("PostgreSQL text cannot contain a NUL character.", nameof(value));

            var escaped = value.Replace("'", "''");
            return value.IndexOf('\\') >= 0 ? "E'" + escaped.Replace("\\", "\\\\") + "'" : "'" + escaped + "'";
        }

        /// <summary>
        /// SQL text (a function body, a trigger definition) with every schema qualifier <c>old.</c> (bare or
        /// double-quoted) written as <c>new.</c>. It is textual: an <c>old.</c> inside a string literal moves too.
        /// </summary>
        public static string RenameQualifiers(string sql, IReadOnlyDictionary<string, string> schemas)
        {
            if (schemas.Count == 0)
                return sql;

            // One pass, longest names first, so that a renamed qualifier is never renamed again.
            var alternatives = schemas.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal)
                .Select(k => Regex.Escape("\"" + k.Replace("\"", "\"\"") + "\"") + (IsPlain(k) ? "|" + Regex.Escape(k) : ""));
            var pattern = @"(?<![\w$.""])(?:" + string.Join("|", alternatives) + @")(?=\s*\.)";
            return Regex.Replace(sql, pattern, match =>
            {
                var name = match.Value.StartsWith("\"", StringComparison.Ordinal) ? match.Value.Substring(1, match.Value.Length - 2).Replace("\"\"", "\"") : match.Value;
                return Identifier(schemas[name]);
            });
        }

        private static bool IsPlain(string name)
        {
            var first = name[0];
            if (!(first >= 'a' && first <= 'z') && first != '_')
                return false;
            foreach (var c in name)
            {
                var ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                if (!ok)
                    return false;
            }

            return !QuotedKeywords.Contains(name);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

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
        /// SQL text (an expression, a function definition, a trigger definition) with schema qualifiers renamed token
        /// by token: an identifier (bare, compared as PostgreSQL folds it, or double-quoted) that is a key of
        /// <paramref name="schemas"/> and is followed by <c>.</c> and a name becomes the mapped schema, written through
        /// <see cref="Identifier"/>. String literals, comments and quoted identifiers that only contain the name stay as
        /// written, and so does a qualifier that is itself preceded by a dot. With <paramref name="owns"/>, only a
        /// qualified name it accepts (schema, object name) is renamed: the model's own objects, never an extension's
        /// function that happens to live in the same schema. Dollar-quoted text is code when
        /// <paramref name="dollarQuotedIsCode"/> (a function body) and a string literal otherwise.
        /// </summary>
        public static string RenameQualifiers(string sql, IReadOnlyDictionary<string, string> schemas, Func<string, string, bool>? owns = null,
            bool dollarQuotedIsCode = true)
        {
            if (schemas.Count == 0 || string.IsNullOrEmpty(sql))
                return sql;

            var output = new StringBuilder(sql.Length);
            RenameIn(sql, 0, sql.Length, schemas, owns, dollarQuotedIsCode, output);
            return output.ToString();
        }

        private static void RenameIn(string sql, int start, int end, IReadOnlyDictionary<string, string> schemas, Func<string, string, bool>? owns,
            bool dollarQuotedIsCode, StringBuilder output, Action<string, int, bool>? identifier = null)
        {
            var previousIsDot = false;
            var i = start;
            while (i < end)
            {
                var c = sql[i];
                if (char.IsWhiteSpace(c))
                {
                    output.Append(c);
                    i++;
                    continue;
                }

                var tokenStart = i;
                if (c == '-' && i + 1 < end && sql[i + 1] == '-')
                {
                    while (i < end && sql[i] != '\n')
                        i++;
                    output.Append(sql, tokenStart, i - tokenStart);
                    continue; // a comment does not change what precedes the next token
                }

                if (c == '/' && i + 1 < end && sql[i + 1] == '*')
                {
                    i = SkipBlockComment(sql, i, end);
                    output.Append(sql, tokenStart, i - tokenStart);
                    continue;
                }

                if (c == '\'')
                {
                    i = SkipQuoted(sql, i, end, '\'', backslashEscapes: false);
                    output.Append(sql, tokenStart, i - tokenStart);
                    previousIsDot = false;
                    continue;
                }

                if (c == '$' && TryDollarTag(sql, i, end, out var tag))
                {
                    var bodyStart = i + tag.Length;
                    var close = sql.IndexOf(tag, bodyStart, end - bodyStart, StringComparison.Ordinal);
                    var bodyEnd = close < 0 ? end : close;
                    output.Append(tag);
                    if (dollarQuotedIsCode)
                        RenameIn(sql, bodyStart, bodyEnd, schemas, owns, dollarQuotedIsCode, output, identifier);
                    else
                        output.Append(sql, bodyStart, bodyEnd - bodyStart);
                    if (close >= 0)
                        output.Append(tag);
                    i = close < 0 ? end : close + tag.Length;
                    previousIsDot = false;
                    continue;
                }

                if (c >= '0' && c <= '9')
                {
                    // A number: digits, a decimal point, an exponent (1.5e-3); never a qualifier.
                    while (i < end && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '.'
                                       || ((sql[i] == '+' || sql[i] == '-') && (sql[i - 1] == 'e' || sql[i - 1] == 'E'))))
                        i++;
                    output.Append(sql, tokenStart, i - tokenStart);
                    previousIsDot = false;
                    continue;
                }

                string? name = null;
                if (c == '"')
                {
                    i = SkipQuoted(sql, i, end, '"', backslashEscapes: false);
                    name = sql.Substring(tokenStart + 1, Math.Max(0, i - tokenStart - 2)).Replace("\"\"", "\"");
                }
                else if (IsIdentifierStart(c))
                {
                    while (i < end && IsIdentifierPart(sql[i]))
                        i++;
                    var word = sql.Substring(tokenStart, i - tokenStart);
                    if (i < end && sql[i] == '\'' && (word.Length == 1 || (word.Length == 2 && word[1] == '&')))
                    {
                        // E'…' (backslash escapes), B'…', X'…', N'…', U&'…': one literal.
                        var escapes = word == "E" || word == "e";
                        i = SkipQuoted(sql, i, end, '\'', escapes);
                        output.Append(sql, tokenStart, i - tokenStart);
                        previousIsDot = false;
                        continue;
                    }

                    name = word.ToLowerInvariant();
                }

                if (name == null)
                {
                    // Any other character: an operator or punctuation.
                    output.Append(c);
                    previousIsDot = c == '.';
                    i++;
                    continue;
                }

                var token = sql.Substring(tokenStart, i - tokenStart);
                identifier?.Invoke(name, i, previousIsDot);
                if (!previousIsDot && schemas.TryGetValue(name, out var mapped) && TryQualified(sql, i, end, out var objectName)
                    && (owns == null || owns(name, objectName)))
                    output.Append(Identifier(mapped));
                else
                    output.Append(token);
                previousIsDot = false;
            }
        }

        /// <summary>
        /// The names SQL text uses, in order, outside string literals and comments: each identifier with the qualifier
        /// before it (when written <c>schema.name</c>) and whether a parenthesis follows (a call). Bare names are folded
        /// to lower case as PostgreSQL folds them. Dollar-quoted text is scanned as code when
        /// <paramref name="dollarQuotedIsCode"/> (a function body).
        /// </summary>
        public static IReadOnlyList<(string? Qualifier, string Name, bool IsCall)> NameReferences(string sql, bool dollarQuotedIsCode)
        {
            var names = new List<(string? Qualifier, string Name, bool IsCall)>();
            if (string.IsNullOrEmpty(sql))
                return names;

            // The renamer's scanner, with a map that matches nothing, hands every identifier to the callback.
            var tokens = new List<(string Name, int End, bool PreviousIsDot)>();
            Scan(sql, 0, sql.Length, dollarQuotedIsCode, (name, end, previousIsDot) => tokens.Add((name, end, previousIsDot)));
            for (var t = 0; t < tokens.Count; t++)
            {
                var (name, end, previousIsDot) = tokens[t];
                if (previousIsDot)
                    continue;
                string? qualifier = null;
                var last = t;
                if (TryQualified(sql, end, sql.Length, out var objectName) && t + 1 < tokens.Count && tokens[t + 1].PreviousIsDot)
                {
                    qualifier = name;
                    name = objectName;
                    last = t + 1;
                }

                var after = tokens[last].End;
                while (after < sql.Length && char.IsWhiteSpace(sql[after]))
                    after++;
                names.Add((qualifier, name, after < sql.Length && sql[after] == '('));
            }

            return names;
        }

        private static void Scan(string sql, int start, int end, bool dollarQuotedIsCode, Action<string, int, bool> identifier)
        {
            var output = new StringBuilder();
            RenameIn(sql, start, end, EmptyMap, null, dollarQuotedIsCode, output, identifier);
        }

        private static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();

        // After a qualifier: optional whitespace, a dot, optional whitespace, and a name (bare or quoted).
        private static bool TryQualified(string sql, int i, int end, out string objectName)
        {
            objectName = "";
            while (i < end && char.IsWhiteSpace(sql[i]))
                i++;
            if (i >= end || sql[i] != '.')
                return false;
            i++;
            while (i < end && char.IsWhiteSpace(sql[i]))
                i++;
            if (i < end && sql[i] == '"')
            {
                var close = SkipQuoted(sql, i, end, '"', backslashEscapes: false);
                objectName = sql.Substring(i + 1, Math.Max(0, close - i - 2)).Replace("\"\"", "\"");
                return true;
            }

            var start = i;
            if (i >= end || !IsIdentifierStart(sql[i]))
                return false;
            while (i < end && IsIdentifierPart(sql[i]))
                i++;
            objectName = sql.Substring(start, i - start).ToLowerInvariant();
            return true;
        }

        /// <summary>
        /// The statements of a script, split at the semicolons outside quotes, dollar quotes and comments, each with the
        /// offset of its first character that is not white space (where PostgreSQL counts a statement's positions from).
        /// </summary>
        public static IReadOnlyList<(int Start, string Text)> Statements(string sql)
        {
            var statements = new List<(int, string)>();
            var start = 0;
            var i = 0;
            while (i < sql.Length)
            {
                var c = sql[i];
                if (c == '\'' || c == '"')
                    i = SkipQuoted(sql, i, sql.Length, c, backslashEscapes: false);
                else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
                    i = End(sql.IndexOf('\n', i), sql.Length);
                else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
                    i = SkipBlockComment(sql, i, sql.Length);
                else if (c == '$' && TryDollarTag(sql, i, sql.Length, out var tag))
                    i = End(sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal), sql.Length - tag.Length) + tag.Length;
                else if (c == ';')
                {
                    AddStatement(statements, sql, start, ++i);
                    start = i;
                }
                else
                    i++;
            }

            AddStatement(statements, sql, start, sql.Length);
            return statements;
        }

        private static int End(int found, int otherwise) => found < 0 ? otherwise : found;

        private static void AddStatement(List<(int, string)> statements, string sql, int start, int end)
        {
            while (start < end && char.IsWhiteSpace(sql[start]))
                start++;
            if (start < end)
                statements.Add((start, sql.Substring(start, end - start)));
        }

        private static int SkipQuoted(string sql, int i, int end, char quote, bool backslashEscapes)
        {
            i++;
            while (i < end)
            {
                if (backslashEscapes && sql[i] == '\\')
                {
                    i += 2;
                    continue;
                }

                if (sql[i] == quote)
                {
                    if (i + 1 < end && sql[i + 1] == quote)
                    {
                        i += 2;
                        continue;
                    }

                    return i + 1;
                }

                i++;
            }

            return end;
        }

        private static int SkipBlockComment(string sql, int i, int end)
        {
            var depth = 0;
            while (i < end)
            {
                if (sql[i] == '/' && i + 1 < end && sql[i + 1] == '*')
                {
                    depth++;
                    i += 2;
                }
                else if (sql[i] == '*' && i + 1 < end && sql[i + 1] == '/')
                {
                    depth--;
                    i += 2;
                    if (depth == 0)
                        return i;
                }
                else
                {
                    i++;
                }
            }

            return end;
        }

        // $$ or $tag$ (a tag is an identifier without $); $1 is a parameter, not a quote.
        private static bool TryDollarTag(string sql, int i, int end, out string tag)
        {
            tag = "";
            var j = i + 1;
            if (j < end && sql[j] != '$' && !(IsIdentifierStart(sql[j])))
                return false;
            while (j < end && sql[j] != '$')
            {
                if (!IsIdentifierPart(sql[j]) || sql[j] == '$')
                    return false;
                j++;
            }

            if (j >= end)
                return false;
            tag = sql.Substring(i, j - i + 1);
            return true;
        }

        private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';

        private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';

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

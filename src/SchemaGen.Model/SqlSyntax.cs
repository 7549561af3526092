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

        /// <summary>
        /// Why PostgreSQL cannot be sent <paramref name="text"/> as a name, literal or statement ("contains a NUL character,
        /// which PostgreSQL cannot store"), or null when it can. A NUL is refused by every PostgreSQL text; a lone UTF-16
        /// surrogate (<c>"\uD800"</c>, half of a pair) is no character at all, and no encoding, UTF-8 included, can send it.
        /// </summary>
        public static string? UnstorableText(string text)
        {
            if (text.IndexOf('\0') >= 0)
                return "contains a NUL character, which PostgreSQL cannot store";
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    i++;
                else if (char.IsSurrogate(text[i]))
                    return "contains a lone UTF-16 surrogate (\\u" + ((int)text[i]).ToString("X4") + ", half of a pair), which is no character and cannot be sent to PostgreSQL";
            }

            return null;
        }

        /// <summary>The text as a message shows it: a NUL as \0, a lone surrogate as \uXXXX, everything else as itself.</summary>
        public static string Printable(string text)
        {
            var printable = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    printable.Append(text[i]).Append(text[++i]);
                else if (char.IsSurrogate(text[i]))
                    printable.Append("\\u").Append(((int)text[i]).ToString("X4"));
                else if (text[i] == '\0')
                    printable.Append("\\0");
                else
                    printable.Append(text[i]);
            }

            return printable.ToString();
        }

        /// <summary>An identifier, double-quoted when it is not a plain lowercase name or is a keyword.</summary>
        public static string Identifier(string name)
        {
            if (name is null)
                throw new ArgumentNullException(nameof(name));
            if (name.Length == 0)
                throw new ArgumentException("A PostgreSQL identifier cannot be empty.", nameof(name));
            if (UnstorableText(name) is string problem)
                throw new ArgumentException($"The identifier '{Printable(name)}' {problem}.", nameof(name));

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
            if (UnstorableText(value) is string problem)
                throw new ArgumentException($"The text '{Printable(value)}' {problem}.", nameof(value));

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
            bool dollarQuotedIsCode = true) =>
            schemas.Count == 0 ? sql
                : RenameQualifiers(sql, (schema, name) => schemas.TryGetValue(schema, out var mapped) && (owns == null || owns(schema, name)) ? mapped : null, dollarQuotedIsCode);

        /// <summary>
        /// As above, with the new qualifier of each qualified name chosen by <paramref name="place"/> from the qualifier and
        /// the name it qualifies (null: left as written), for schemas whose objects go back to different schemas by name.
        /// </summary>
        public static string RenameQualifiers(string sql, Func<string, string, string?> place, bool dollarQuotedIsCode)
        {
            if (string.IsNullOrEmpty(sql))
                return sql;

            // Tokens carry their offsets, so everything between them (white space, comments, dollar-quote tags) is
            // copied as written and only a qualifier token is replaced.
            var tokens = CodeTokens(sql, dollarQuotedIsCode);
            var output = new StringBuilder(sql.Length);
            var copied = 0;
            for (var t = 0; t < tokens.Count; t++)
            {
                var token = tokens[t];
                if (!token.IsIdentifier || (t > 0 && tokens[t - 1].IsSymbol("."))
                    || !(t + 2 < tokens.Count && tokens[t + 1].IsSymbol(".") && tokens[t + 2].IsIdentifier)
                    || place(token.Value, tokens[t + 2].Value) is not string mapped)
                    continue;
                output.Append(sql, copied, token.Start - copied).Append(Identifier(mapped));
                copied = token.End;
            }

            return output.Append(sql, copied, sql.Length - copied).ToString();
        }

        /// <summary>
        /// <paramref name="sql"/> with <paramref name="qualifier"/> removed where it qualifies a call of a function that
        /// <paramref name="isFunction"/> names (<c>pg_temp.f(</c> becomes <c>f(</c>), never inside a string literal.
        /// </summary>
        public static string DropCallQualifier(string sql, string qualifier, Func<string, bool> isFunction)
        {
            if (string.IsNullOrEmpty(sql))
                return sql;
            var tokens = CodeTokens(sql, dollarQuotedIsCode: false);
            var output = new StringBuilder(sql.Length);
            var copied = 0;
            for (var t = 0; t + 3 < tokens.Count; t++)
            {
                if (!tokens[t].IsIdentifier || tokens[t].Value != qualifier || (t > 0 && tokens[t - 1].IsSymbol("."))
                    || !tokens[t + 1].IsSymbol(".") || !tokens[t + 2].IsIdentifier || !tokens[t + 3].IsSymbol("(") || !isFunction(tokens[t + 2].Value))
                    continue;
                output.Append(sql, copied, tokens[t].Start - copied);
                copied = tokens[t + 2].Start;
            }

            return output.Append(sql, copied, sql.Length - copied).ToString();
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

            var tokens = CodeTokens(sql, dollarQuotedIsCode);
            for (var t = 0; t < tokens.Count; t++)
            {
                if (!tokens[t].IsIdentifier || (t > 0 && tokens[t - 1].IsSymbol(".")))
                    continue;
                string? qualifier = null;
                var name = tokens[t].Value;
                var last = t;
                if (t + 2 < tokens.Count && tokens[t + 1].IsSymbol(".") && tokens[t + 2].IsIdentifier)
                {
                    qualifier = name;
                    name = tokens[t + 2].Value;
                    last = t + 2;
                }

                names.Add((qualifier, name, last + 1 < tokens.Count && tokens[last + 1].IsSymbol("(")));
            }

            return names;
        }

        // The tokens of SQL text, the tokens of each dollar-quoted body in its place when it is code.
        private static List<SqlToken> CodeTokens(string sql, bool dollarQuotedIsCode)
        {
            var tokens = SqlLexer.Tokens(sql);
            if (!dollarQuotedIsCode)
                return tokens;
            var code = new List<SqlToken>(tokens.Count);
            foreach (var token in tokens)
            {
                if (SqlLexer.DollarBody(token) is { } body)
                    code.AddRange(SqlLexer.Tokens(sql, body.Start, body.End, comments: false));
                else
                    code.Add(token);
            }

            return code;
        }

        /// <summary>
        /// The statements of a script, split where <see cref="SqlLexer.Statements"/> splits them (semicolons outside
        /// quotes, dollar quotes, comments, parentheses and BEGIN ATOMIC bodies), each with the offset of its first
        /// character that is not white space (where PostgreSQL counts a statement's positions from) and its text
        /// through the semicolon.
        /// </summary>
        public static IReadOnlyList<(int Start, string Text)> Statements(string sql)
        {
            var statements = new List<(int, string)>();
            var start = 0;
            foreach (var (token, ends) in SqlLexer.WithTerminators(SqlLexer.Tokens(sql, 0, sql.Length, comments: true)))
            {
                if (!ends)
                    continue;
                AddStatement(statements, sql, start, token.End);
                start = token.End;
            }

            AddStatement(statements, sql, start, sql.Length);
            return statements;
        }

        private static void AddStatement(List<(int, string)> statements, string sql, int start, int end)
        {
            while (start < end && SqlLexer.IsSpace(sql[start]))
                start++;
            if (start < end)
                statements.Add((start, sql.Substring(start, end - start)));
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

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>An identifier of a [Check] expression that can only be a column of the table.</summary>
    /// <param name="Name">The name PostgreSQL looks up: folded to lower case unless it was quoted.</param>
    /// <param name="Text">The identifier as written.</param>
    internal sealed record ColumnReference(string Name, string Text);

    /// <summary>
    /// The column references of a [Check] expression, found conservatively, so that every one reported as
    /// unknown (SG0013) is one PostgreSQL would refuse. Skipped: string literals (with E'', B'', X'', U&amp;'',
    /// dollar quoting), comments, numbers, function names (an identifier before '('), qualified names (either
    /// side of a '.'), type names after '::', AS and COLLATE, SQL keywords and type names used as typed literals
    /// (date '…'). Quoted identifiers keep their case; unquoted ones are folded to lower case, as PostgreSQL does.
    /// </summary>
    internal static class CheckColumns
    {
        private static readonly HashSet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
        {
            // operators and predicates
            "and", "or", "not", "null", "is", "isnull", "notnull", "true", "false", "unknown", "in", "between",
            "symmetric", "asymmetric", "like", "ilike", "similar", "to", "escape", "distinct", "from", "any", "all",
            "some", "exists", "case", "when", "then", "else", "end", "cast", "as", "collate", "array", "row",
            "overlaps", "at", "zone", "local", "for", "both", "leading", "trailing", "placing", "normalized",
            "nfc", "nfd", "nfkc", "nfkd", "of", "operator", "default", "value", "only", "using",
            // niladic functions
            "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user",
            "current_role", "current_catalog", "current_schema", "session_user", "user",
            // extract / date_part fields
            "century", "day", "decade", "dow", "doy", "epoch", "hour", "isodow", "isoyear", "julian", "microseconds",
            "millennium", "milliseconds", "minute", "month", "quarter", "second", "timezone", "timezone_hour",
            "timezone_minute", "week", "year",
            // type names (typed literals like date '2024-01-01', interval '1 day')
            "bigint", "bigserial", "bit", "bool", "boolean", "box", "bytea", "char", "character", "cidr", "circle",
            "date", "daterange", "dec", "decimal", "double", "precision", "float", "float4", "float8", "inet",
            "int", "int2", "int4", "int8", "integer", "interval", "json", "jsonb", "line", "lseg", "macaddr",
            "money", "name", "national", "nchar", "numeric", "oid", "path", "point", "polygon", "real",
            "regclass", "regtype", "serial", "smallint", "text", "time", "timestamp", "timestamptz", "timetz",
            "tsquery", "tsvector", "uuid", "varbit", "varchar", "varying", "with", "without", "xml",
            "tsrange", "tstzrange", "int4range", "int8range", "numrange",
        };

        public static List<ColumnReference> Find(string sql)
        {
            var tokens = Tokenize(sql);
            var result = new List<ColumnReference>();
            for (var k = 0; k < tokens.Count; k++)
            {
                var token = tokens[k];
                if (token.Kind != TokenKind.Identifier && token.Kind != TokenKind.QuotedIdentifier)
                    continue;

                var previous = k > 0 ? tokens[k - 1] : null;
                var next = k + 1 < tokens.Count ? tokens[k + 1] : null;
                if (next != null && (next.Text == "(" || next.Text == "."))
                    continue; // a function, or a qualifier
                if (previous != null && (previous.Text == "." || previous.Text == "::"))
                    continue; // a qualified name, or a type
                if (previous != null && previous.Kind == TokenKind.Identifier && (previous.Name == "as" || previous.Name == "collate"))
                    continue; // CAST(x AS type), COLLATE "C"
                if (token.Kind == TokenKind.Identifier && Keywords.Contains(token.Name))
                    continue; // also the rest of ::double precision, ::timestamp with time zone, ::character varying

                result.Add(new ColumnReference(token.Name, token.Text));
            }

            return result;
        }

        private enum TokenKind
        {
            Identifier,
            QuotedIdentifier,
            Other,
        }

        private sealed record Token(TokenKind Kind, string Text, string Name);

        // Identifiers, quoted identifiers and punctuation; literals, numbers and comments are dropped.
        private static List<Token> Tokenize(string sql)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < sql.Length)
            {
                var c = sql[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '-' && At(sql, i + 1) == '-')
                {
                    var end = sql.IndexOf('\n', i);
                    i = end < 0 ? sql.Length : end + 1;
                }
                else if (c == '/' && At(sql, i + 1) == '*')
                {
                    var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? sql.Length : end + 2;
                }
                else if (c == '\'')
                {
                    i = SkipString(sql, i, backslashEscapes: false);
                    tokens.Add(new Token(TokenKind.Other, "'", ""));
                }
                else if (c == '"')
                {
                    var name = new StringBuilder();
                    var start = i;
                    i++;
                    while (i < sql.Length)
                    {
                        if (sql[i] == '"' && At(sql, i + 1) == '"')
                        {
                            name.Append('"');
                            i += 2;
                        }
                        else if (sql[i] == '"')
                        {
                            i++;
                            break;
                        }
                        else
                        {
                            name.Append(sql[i++]);
                        }
                    }

                    tokens.Add(new Token(TokenKind.QuotedIdentifier, sql.Substring(start, i - start), name.ToString()));
                }
                else if (c == '$' && DollarTag(sql, i) is string tag)
                {
                    var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                    i = end < 0 ? sql.Length : end + tag.Length;
                    tokens.Add(new Token(TokenKind.Other, "'", ""));
                }
                else if (char.IsDigit(c) || (c == '.' && char.IsDigit(At(sql, i + 1))))
                {
                    // 12, 1.5, .5, 1e-3 (and PostgreSQL 16's 0x1F, 1_000): letters and digits run on
                    while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '.'
                        || ((sql[i] == '+' || sql[i] == '-') && (sql[i - 1] == 'e' || sql[i - 1] == 'E'))))
                        i++;
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    var start = i;
                    while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$'))
                        i++;
                    var word = sql.Substring(start, i - start);

                    // E'…', B'…', X'…', N'…' and U&'…' are string literals, not identifiers.
                    var lower = FoldCase(word);
                    if (At(sql, i) == '\'' && (lower == "e" || lower == "b" || lower == "x" || lower == "n"))
                    {
                        i = SkipString(sql, i, backslashEscapes: lower == "e");
                        tokens.Add(new Token(TokenKind.Other, "'", ""));
                    }
                    else if (lower == "u" && At(sql, i) == '&' && (At(sql, i + 1) == '\'' || At(sql, i + 1) == '"'))
                    {
                        // U&'…' is a literal; U&"…" an identifier with escapes: skip both rather than guess.
                        i = SkipString(sql, i + 1, backslashEscapes: false, quote: sql[i + 1]);
                        tokens.Add(new Token(TokenKind.Other, "'", ""));
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Identifier, word, lower));
                    }
                }
                else if (c == ':' && At(sql, i + 1) == ':')
                {
                    tokens.Add(new Token(TokenKind.Other, "::", ""));
                    i += 2;
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Other, c.ToString(), ""));
                    i++;
                }
            }

            return tokens;
        }

        // i is at the opening quote; returns the index after the closing one ('' is a quote inside).
        private static int SkipString(string sql, int i, bool backslashEscapes, char quote = '\'')
        {
            i++;
            while (i < sql.Length)
            {
                if (backslashEscapes && sql[i] == '\\')
                {
                    i += 2;
                    continue;
                }

                if (sql[i] == quote)
                {
                    if (At(sql, i + 1) == quote)
                    {
                        i += 2;
                        continue;
                    }

                    return i + 1;
                }

                i++;
            }

            return sql.Length;
        }

        // $$ or $tag$ opening a dollar-quoted string, else null.
        private static string? DollarTag(string sql, int i)
        {
            var j = i + 1;
            while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_'))
                j++;
            return j < sql.Length && sql[j] == '$' && !(j > i + 1 && char.IsDigit(sql[i + 1])) ? sql.Substring(i, j - i + 1) : null;
        }

        // PostgreSQL folds only ASCII letters of an unquoted identifier (in a multi-byte encoding such as UTF8).
        private static string FoldCase(string word)
        {
            var chars = word.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (chars[i] >= 'A' && chars[i] <= 'Z')
                    chars[i] = (char)(chars[i] + ('a' - 'A'));
            }

            return new string(chars);
        }

        private static char At(string s, int i) => i < s.Length ? s[i] : '\0';
    }
}

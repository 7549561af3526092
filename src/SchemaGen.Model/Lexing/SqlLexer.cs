using System;
using System.Collections.Generic;

namespace SchemaGen.Model
{
    /// <summary>
    /// The one SQL lexer: splits text into <see cref="SqlToken"/>s exactly as PostgreSQL 15's scanner
    /// (src/backend/parser/scan.l) does for a UTF8 database with standard_conforming_strings on. Every place
    /// that reads SQL (template files, [Check] expressions, type names, statement splitting, qualifier renaming)
    /// goes through it, so they cannot disagree about where a string, a comment or a dollar quote ends.
    /// It never throws: what PostgreSQL would refuse is a token with an <see cref="SqlToken.Error"/>, and an
    /// unterminated quote or comment runs to the end of the text.
    /// </summary>
    static partial class SqlLexer
    {
        /// <summary>The tokens of <paramref name="sql"/>, comments left out.</summary>
        public static List<SqlToken> Tokens(string sql) => Tokens(sql, 0, sql.Length, comments: false);

        /// <summary>The tokens of <paramref name="sql"/> from <paramref name="start"/> to <paramref name="end"/> (positions stay offsets into the whole text).</summary>
        public static List<SqlToken> Tokens(string sql, int start, int end, bool comments)
        {
            var tokens = new List<SqlToken>();
            var i = start;
            while (i < end)
            {
                var c = sql[i];
                if (IsSpace(c))
                {
                    i++;
                    continue;
                }

                var token = Next(sql, i, end);
                if (token.Kind != SqlTokenKind.Comment || comments)
                    tokens.Add(token);
                i = token.End;
            }

            return tokens;
        }

        /// <summary>The first error of <paramref name="tokens"/>, or null.</summary>
        public static SqlToken? FirstError(IEnumerable<SqlToken> tokens)
        {
            foreach (var token in tokens)
            {
                if (token.Error != null)
                    return token;
            }

            return null;
        }

        /// <summary>scan.l's <c>space</c>: PostgreSQL 15 does not count a vertical tab or a no-break space as white space.</summary>
        public static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';

        /// <summary>scan.l's <c>ident_start</c>: ASCII letters, underscore, and every non-ASCII character (any byte ≥ 0x80 in UTF-8).</summary>
        public static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';

        /// <summary>scan.l's <c>ident_cont</c>: adds digits and <c>$</c>.</summary>
        public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c) || c == '$';

        /// <summary>An unquoted identifier as PostgreSQL folds it: ASCII letters to lower case, nothing else.</summary>
        public static string Fold(string word)
        {
            var chars = word.ToCharArray();
            for (var k = 0; k < chars.Length; k++)
            {
                if (chars[k] >= 'A' && chars[k] <= 'Z')
                    chars[k] = (char)(chars[k] + ('a' - 'A'));
            }

            return new string(chars);
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static char At(string sql, int i, int end) => i < end ? sql[i] : '\0';

        /// <summary>The one token that starts at <paramref name="i"/> (not white space).</summary>
        internal static SqlToken Next(string sql, int i, int end)
        {
            var c = sql[i];
            var next = At(sql, i + 1, end);
            if (c == '-' && next == '-')
                return LineComment(sql, i, end);
            if (c == '/' && next == '*')
                return BlockComment(sql, i, end);
            if (c == '\'')
                return SqlStringScanner.Quoted(sql, i, i, end, SqlStringScanner.Style.Standard);
            if (c == '"')
                return SqlStringScanner.QuotedIdentifier(sql, i, i, end, unicode: false);
            if (IsIdentifierStart(c))
                return WordOrPrefixedString(sql, i, end);
            if (IsDigit(c) || (c == '.' && IsDigit(next)))
                return Number(sql, i, end);
            if (c == '$')
                return Dollar(sql, i, end);
            if (c == ':' && (next == ':' || next == '='))
                return Symbol(sql, i, 2, SqlTokenKind.Punctuation);
            if (c == '.' && next == '.')
                return Symbol(sql, i, 2, SqlTokenKind.Punctuation);
            if ("()[],;:.".IndexOf(c) >= 0)
                return Symbol(sql, i, 1, SqlTokenKind.Punctuation);
            if (IsOperatorChar(c))
                return Operator(sql, i, end);
            // A character no SQL token starts with (a control character, a backslash, a '{').
            return new SqlToken(SqlTokenKind.Punctuation, i, i + 1, c.ToString(), c.ToString(), $"'{Printable(c)}' is not a character SQL can have here");
        }

        private static SqlToken Symbol(string sql, int i, int length, SqlTokenKind kind)
        {
            var text = sql.Substring(i, length);
            return new SqlToken(kind, i, i + length, text, text);
        }

        private static SqlToken LineComment(string sql, int i, int end)
        {
            var j = i;
            while (j < end && sql[j] != '\n' && sql[j] != '\r')
                j++;
            var text = sql.Substring(i, j - i);
            return new SqlToken(SqlTokenKind.Comment, i, j, text, text);
        }

        // /* … */ nests in PostgreSQL (unlike the SQL standard's other dialects).
        private static SqlToken BlockComment(string sql, int i, int end)
        {
            var depth = 0;
            var j = i;
            while (j < end)
            {
                if (sql[j] == '/' && At(sql, j + 1, end) == '*')
                {
                    depth++;
                    j += 2;
                }
                else if (sql[j] == '*' && At(sql, j + 1, end) == '/')
                {
                    j += 2;
                    if (--depth == 0)
                        return new SqlToken(SqlTokenKind.Comment, i, j, sql.Substring(i, j - i), sql.Substring(i, j - i));
                }
                else
                {
                    j++;
                }
            }

            return new SqlToken(SqlTokenKind.Comment, i, end, sql.Substring(i, end - i), sql.Substring(i, end - i), "a /* comment is not closed");
        }

        // A word, or the prefix of a string constant: E'…', B'…', X'…', N'…', U&'…', U&"…".
        private static SqlToken WordOrPrefixedString(string sql, int i, int end)
        {
            var c = sql[i];
            var next = At(sql, i + 1, end);
            if (next == '\'')
            {
                switch (c)
                {
                    case 'e': case 'E': return SqlStringScanner.Quoted(sql, i, i + 1, end, SqlStringScanner.Style.Escape);
                    case 'n': case 'N': return SqlStringScanner.Quoted(sql, i, i + 1, end, SqlStringScanner.Style.Standard);
                    case 'b': case 'B': return SqlStringScanner.Quoted(sql, i, i + 1, end, SqlStringScanner.Style.Bits);
                    case 'x': case 'X': return SqlStringScanner.Quoted(sql, i, i + 1, end, SqlStringScanner.Style.Hex);
                }
            }

            if ((c == 'u' || c == 'U') && next == '&')
            {
                var quote = At(sql, i + 2, end);
                if (quote == '\'')
                    return SqlStringScanner.Quoted(sql, i, i + 2, end, SqlStringScanner.Style.Unicode);
                if (quote == '"')
                    return SqlStringScanner.QuotedIdentifier(sql, i, i + 2, end, unicode: true);
            }

            var j = i + 1;
            while (j < end && IsIdentifierPart(sql[j]))
                j++;
            var word = sql.Substring(i, j - i);
            return new SqlToken(SqlTokenKind.Identifier, i, j, word, Fold(word));
        }

        // integer, decimal (1.5, 1., .5), real (1e10, 1.5E-3); PostgreSQL 15 refuses a letter right after one
        // ("trailing junk"), and 1..2 is the integer 1 followed by '..'.
        private static SqlToken Number(string sql, int i, int end)
        {
            var j = i;
            while (j < end && IsDigit(sql[j]))
                j++;
            if (At(sql, j, end) == '.' && At(sql, j + 1, end) != '.')
            {
                j++;
                while (j < end && IsDigit(sql[j]))
                    j++;
            }

            var e = At(sql, j, end);
            if (e == 'e' || e == 'E')
            {
                var k = j + 1;
                if (At(sql, k, end) == '+' || At(sql, k, end) == '-')
                    k++;
                if (IsDigit(At(sql, k, end)))
                {
                    j = k;
                    while (j < end && IsDigit(sql[j]))
                        j++;
                }
            }

            return WithJunk(sql, i, j, end, SqlTokenKind.Number, "trailing junk after numeric literal");
        }

        // A number or parameter from i to j; PostgreSQL 15 refuses a name that runs on from it (1abc, $1x), kept in the token.
        private static SqlToken WithJunk(string sql, int i, int j, int end, SqlTokenKind kind, string junk)
        {
            string? error = null;
            if (j < end && IsIdentifierStart(sql[j]))
            {
                while (j < end && IsIdentifierPart(sql[j]))
                    j++;
                error = junk;
            }

            var text = sql.Substring(i, j - i);
            return new SqlToken(kind, i, j, text, text, error);
        }

        // $1 (a parameter), $$ or $tag$ (a dollar-quoted string), else a stray '$'.
        private static SqlToken Dollar(string sql, int i, int end)
        {
            var j = i + 1;
            if (IsDigit(At(sql, j, end)))
            {
                while (j < end && IsDigit(sql[j]))
                    j++;
                return WithJunk(sql, i, j, end, SqlTokenKind.Parameter, "trailing junk after parameter");
            }

            // A tag is an identifier without '$' (scan.l's dolq_start dolq_cont*).
            if (j < end && IsIdentifierStart(sql[j]))
            {
                while (j < end && IsIdentifierPart(sql[j]) && sql[j] != '$')
                    j++;
            }

            if (At(sql, j, end) != '$')
                return new SqlToken(SqlTokenKind.Punctuation, i, i + 1, "$", "$", "'$' starts neither a parameter nor a dollar quote");
            var tag = sql.Substring(i, j - i + 1);
            var bodyStart = j + 1;
            var close = bodyStart <= end ? sql.IndexOf(tag, bodyStart, end - bodyStart, StringComparison.Ordinal) : -1;
            if (close < 0)
                return new SqlToken(SqlTokenKind.String, i, end, sql.Substring(i, end - i), sql.Substring(bodyStart, end - bodyStart),
                    $"the dollar-quoted string {tag} is not closed");
            var stop = close + tag.Length;
            return new SqlToken(SqlTokenKind.String, i, stop, sql.Substring(i, stop - i), sql.Substring(bodyStart, close - bodyStart));
        }

        /// <summary>The body of a dollar-quoted token (between its tags), as a range of the text; null for another token.</summary>
        public static (int Start, int End)? DollarBody(SqlToken token)
        {
            if (token.Kind != SqlTokenKind.String || token.Text.Length < 2 || token.Text[0] != '$')
                return null;
            var tagLength = token.Text.IndexOf('$', 1) + 1;
            var bodyEnd = token.Error == null ? token.End - tagLength : token.End;
            return (token.Start + tagLength, Math.Max(token.Start + tagLength, bodyEnd));
        }

        private static bool IsOperatorChar(char c) => "~!@#^&|`?+-*/%<>=".IndexOf(c) >= 0;

        // scan.l's {operator}: the longest run of operator characters, cut where a comment starts, and a trailing
        // + or - dropped unless the operator has one of ~!@#^&|`?% (so that a+-1 is a + -1).
        private static SqlToken Operator(string sql, int i, int end)
        {
            var j = i;
            while (j < end && IsOperatorChar(sql[j]))
            {
                if (j > i && ((sql[j] == '*' && sql[j - 1] == '/') || (sql[j] == '-' && sql[j - 1] == '-')))
                {
                    j--;
                    break;
                }

                j++;
            }

            var length = j - i;
            if (length > 1 && (sql[i + length - 1] == '+' || sql[i + length - 1] == '-'))
            {
                var hasSpecial = false;
                for (var k = i; k < i + length - 1; k++)
                    hasSpecial |= "~!@#^&|`?%".IndexOf(sql[k]) >= 0;
                if (!hasSpecial)
                {
                    do
                        length--;
                    while (length > 1 && (sql[i + length - 1] == '+' || sql[i + length - 1] == '-'));
                }
            }

            return Symbol(sql, i, length, SqlTokenKind.Operator);
        }

        internal static string Printable(char c) => c < ' ' || c == '\u007f' ? "\\u" + ((int)c).ToString("x4") : c.ToString();
    }
}

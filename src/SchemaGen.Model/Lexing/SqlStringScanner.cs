using System;
using System.Collections.Generic;
using System.Text;

namespace SchemaGen.Model
{
    /// <summary>
    /// The quoted constants of <see cref="SqlLexer"/>: string constants in all their styles and double-quoted
    /// identifiers, with their values decoded as scan.l decodes them — doubled quotes, E'' backslash escapes
    /// (octal and hex bytes checked as UTF-8, \u and \U code points with surrogate pairs), U&amp;'' and U&amp;""
    /// escapes with an optional UESCAPE, and the continuation of a string on the next line (<c>'a'</c> newline
    /// <c>'b'</c> is <c>'ab'</c>).
    /// </summary>
    static class SqlStringScanner
    {
        public enum Style { Standard, Escape, Unicode, Bits, Hex }

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

        /// <summary>A string constant whose opening quote is at <paramref name="quote"/> (after its prefix, which starts at <paramref name="start"/>).</summary>
        public static SqlToken Quoted(string sql, int start, int quote, int end, Style style)
        {
            var bytes = new List<byte>();
            string? error = null;
            var pendingSurrogate = 0;
            var j = quote + 1;
            var closed = false;
            while (j < end)
            {
                var c = sql[j];
                if (c == '\'')
                {
                    if (j + 1 < end && sql[j + 1] == '\'')
                    {
                        Literal(bytes, '\'');
                        j += 2;
                        continue;
                    }

                    var continued = Continuation(sql, j + 1, end);
                    if (continued < 0)
                    {
                        j++;
                        closed = true;
                        break;
                    }

                    j = continued + 1;
                    continue;
                }

                if (style == Style.Escape && c == '\\' && j + 1 < end)
                {
                    j = Escape(sql, j, end, bytes, ref pendingSurrogate, ref error);
                    continue;
                }

                if (pendingSurrogate != 0)
                    error ??= "invalid Unicode surrogate pair";
                j = AppendChar(sql, j, end, bytes);
            }

            if (pendingSurrogate != 0)
                error ??= "invalid Unicode surrogate pair";
            if (!closed)
                error = style switch
                {
                    Style.Bits => "a bit string literal is not closed",
                    Style.Hex => "a hexadecimal string literal is not closed",
                    _ => "a string literal is not closed",
                };
            var value = Decode(bytes, ref error);
            if (closed && style == Style.Unicode)
                j = UnicodeEscapes(sql, j, end, ref value, ref error);
            var kind = style == Style.Bits ? SqlTokenKind.BitString : style == Style.Hex ? SqlTokenKind.HexString : SqlTokenKind.String;
            return new SqlToken(kind, start, j, sql.Substring(start, j - start), value, error);
        }

        /// <summary>A double-quoted identifier whose opening quote is at <paramref name="quote"/> (after U&amp; when <paramref name="unicode"/>).</summary>
        public static SqlToken QuotedIdentifier(string sql, int start, int quote, int end, bool unicode)
        {
            var name = new StringBuilder();
            string? error = null;
            var j = quote + 1;
            var closed = false;
            while (j < end)
            {
                if (sql[j] == '"')
                {
                    if (j + 1 < end && sql[j + 1] == '"')
                    {
                        name.Append('"');
                        j += 2;
                        continue;
                    }

                    j++;
                    closed = true;
                    break;
                }

                name.Append(sql[j++]);
            }

            var value = name.ToString();
            if (!closed)
                error = "a quoted identifier is not closed";
            else if (unicode)
                j = UnicodeEscapes(sql, j, end, ref value, ref error);
            if (closed && value.Length == 0)
                error ??= "zero-length delimited identifier";
            return new SqlToken(SqlTokenKind.QuotedIdentifier, start, j, sql.Substring(start, j - start), value, error);
        }

        // scan.l's quotecontinue: after a closing quote, white space holding a newline (and -- comments) and another
        // quote continue the same string. Returns the index of that quote, or -1.
        private static int Continuation(string sql, int j, int end)
        {
            while (j < end && (sql[j] == ' ' || sql[j] == '\t' || sql[j] == '\f' || IsCommentStart(sql, j, end)))
                j = IsCommentStart(sql, j, end) ? CommentEnd(sql, j, end) : j + 1;
            if (j >= end || (sql[j] != '\n' && sql[j] != '\r'))
                return -1;
            j++;
            while (j < end && (SqlLexer.IsSpace(sql[j]) || IsCommentStart(sql, j, end)))
                j = IsCommentStart(sql, j, end) ? CommentEnd(sql, j, end) : j + 1;
            return j < end && sql[j] == '\'' ? j : -1;
        }

        private static bool IsCommentStart(string sql, int j, int end) => sql[j] == '-' && j + 1 < end && sql[j + 1] == '-';

        private static int CommentEnd(string sql, int j, int end)
        {
            while (j < end && sql[j] != '\n' && sql[j] != '\r')
                j++;
            return j;
        }

        // One backslash escape of an E'' string at j; returns the index after it.
        private static int Escape(string sql, int j, int end, List<byte> bytes, ref int pendingSurrogate, ref string? error)
        {
            var c = sql[j + 1];
            if (c >= '0' && c <= '7')
            {
                var k = j + 1;
                var value = 0;
                while (k < end && k < j + 4 && sql[k] >= '0' && sql[k] <= '7')
                    value = value * 8 + (sql[k++] - '0');
                AddByte(bytes, (byte)value, ref pendingSurrogate, ref error);
                return k;
            }

            if (c == 'x' && j + 2 < end && IsHex(sql[j + 2]))
            {
                var k = j + 2;
                var value = 0;
                while (k < end && k < j + 4 && IsHex(sql[k]))
                    value = value * 16 + Hex(sql[k++]);
                AddByte(bytes, (byte)value, ref pendingSurrogate, ref error);
                return k;
            }

            if (c == 'u' || c == 'U')
            {
                var digits = c == 'u' ? 4 : 8;
                if (!HexRun(sql, j + 2, end, digits, out var code))
                {
                    error ??= "invalid Unicode escape (Unicode escapes must be \\uXXXX or \\UXXXXXXXX)";
                    return j + 2;
                }

                AddCodePoint(bytes, code, ref pendingSurrogate, ref error);
                return j + 2 + digits;
            }

            if (pendingSurrogate != 0)
                error ??= "invalid Unicode surrogate pair";
            var single = c switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => '\0' };
            if (single != '\0')
            {
                Literal(bytes, single);
                return j + 2;
            }

            return AppendChar(sql, j + 1, end, bytes);
        }

        // After U&'…' or U&"…": an optional UESCAPE 'c', then the escapes decoded. Returns the token's end.
        // (Read by hand rather than with the lexer, so that a run of U&'' strings is not lexed again and again.)
        private static int UnicodeEscapes(string sql, int j, int end, ref string value, ref string? error)
        {
            var escape = '\\';
            var k = SkipSpaceAndComments(sql, j, end);
            if (k + 7 <= end && string.Compare(sql, k, "uescape", 0, 7, StringComparison.OrdinalIgnoreCase) == 0
                && (k + 7 == end || !SqlLexer.IsIdentifierPart(sql[k + 7])))
            {
                var quote = SkipSpaceAndComments(sql, k + 7, end);
                var literal = quote < end && sql[quote] == '\'' ? Quoted(sql, quote, quote, end, Style.Standard) : default;
                if (literal.Text == null || literal.Error != null || literal.Value.Length != 1)
                {
                    error ??= "UESCAPE must be followed by a simple string literal";
                    return k + 7;
                }

                escape = literal.Value[0];
                j = literal.End;
                if (IsHex(escape) || escape == '+' || escape == '\'' || escape == '"' || SqlLexer.IsSpace(escape))
                {
                    error ??= "invalid Unicode escape character";
                    return j;
                }
            }

            if (error == null)
                value = DecodeUnicode(value, escape, ref error);
            return j;
        }

        private static int SkipSpaceAndComments(string sql, int j, int end)
        {
            while (j < end)
            {
                if (SqlLexer.IsSpace(sql[j]))
                    j++;
                else if (IsCommentStart(sql, j, end) || (sql[j] == '/' && j + 1 < end && sql[j + 1] == '*'))
                    j = SqlLexer.Next(sql, j, end).End;
                else
                    break;
            }

            return j;
        }

        // U&'…' escapes: \XXXX, \+XXXXXX, and the escape character doubled (scan.l's str_udeescape).
        private static string DecodeUnicode(string raw, char escape, ref string? error)
        {
            var bytes = new List<byte>();
            var pendingSurrogate = 0;
            var i = 0;
            while (i < raw.Length)
            {
                if (raw[i] != escape)
                {
                    if (pendingSurrogate != 0)
                        error ??= "invalid Unicode surrogate pair";
                    i = AppendChar(raw, i, raw.Length, bytes);
                    continue;
                }

                if (i + 1 < raw.Length && raw[i + 1] == escape)
                {
                    Literal(bytes, escape);
                    i += 2;
                }
                else if (HexRun(raw, i + 1, raw.Length, 4, out var code))
                {
                    AddCodePoint(bytes, code, ref pendingSurrogate, ref error);
                    i += 5;
                }
                else if (i + 1 < raw.Length && raw[i + 1] == '+' && HexRun(raw, i + 2, raw.Length, 6, out code))
                {
                    AddCodePoint(bytes, code, ref pendingSurrogate, ref error);
                    i += 8;
                }
                else
                {
                    error ??= "invalid Unicode escape (Unicode escapes must be \\XXXX, \\+XXXXXX, or the escape character doubled)";
                    return raw;
                }
            }

            if (pendingSurrogate != 0)
                error ??= "invalid Unicode surrogate pair";
            return Decode(bytes, ref error);
        }

        private static void AddByte(List<byte> bytes, byte value, ref int pendingSurrogate, ref string? error)
        {
            if (pendingSurrogate != 0)
                error ??= "invalid Unicode surrogate pair";
            bytes.Add(value);
        }

        private static void AddCodePoint(List<byte> bytes, int code, ref int pendingSurrogate, ref string? error)
        {
            if (pendingSurrogate != 0)
            {
                if (code < 0xDC00 || code > 0xDFFF)
                {
                    error ??= "invalid Unicode surrogate pair";
                    pendingSurrogate = 0;
                    return;
                }

                code = 0x10000 + ((pendingSurrogate - 0xD800) << 10) + (code - 0xDC00);
                pendingSurrogate = 0;
            }
            else if (code >= 0xD800 && code <= 0xDBFF)
            {
                pendingSurrogate = code;
                return;
            }
            else if (code >= 0xDC00 && code <= 0xDFFF)
            {
                error ??= "invalid Unicode surrogate pair";
                return;
            }

            if (code <= 0 || code > 0x10FFFF)
            {
                error ??= "invalid Unicode escape value";
                return;
            }

            bytes.AddRange(StrictUtf8.GetBytes(char.ConvertFromUtf32(code)));
        }

        // The character at j (a surrogate pair as one), UTF-8 encoded; returns the index after it.
        private static int AppendChar(string text, int j, int end, List<byte> bytes)
        {
            var length = char.IsHighSurrogate(text[j]) && j + 1 < end && char.IsLowSurrogate(text[j + 1]) ? 2 : 1;
            bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(j, length)));
            return j + length;
        }

        private static void Literal(List<byte> bytes, char c) => bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));

        // The bytes as UTF-8, as PostgreSQL checks a literal against the database encoding (and NUL is never text).
        private static string Decode(List<byte> bytes, ref string? error)
        {
            var array = bytes.ToArray();
            if (Array.IndexOf(array, (byte)0) >= 0)
            {
                error ??= "invalid byte sequence for encoding \"UTF8\": 0x00";
                return Encoding.UTF8.GetString(array);
            }

            try
            {
                return StrictUtf8.GetString(array);
            }
            catch (ArgumentException)
            {
                error ??= "invalid byte sequence for encoding \"UTF8\"";
                return Encoding.UTF8.GetString(array);
            }
        }

        private static bool HexRun(string text, int start, int end, int digits, out int value)
        {
            value = 0;
            if (start + digits > end)
                return false;
            for (var k = start; k < start + digits; k++)
            {
                if (!IsHex(text[k]))
                    return false;
                value = value * 16 + Hex(text[k]);
            }

            return true;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}

using System;
using System.Collections.Generic;

namespace SchemaGen.Generators.Parsing
{
    internal enum SqlTokenKind { Word, QuotedIdentifier, String, Number, Symbol }

    /// <summary>A token of a SQL template: its kind, its text, and where it is in the file.</summary>
    internal readonly struct SqlToken
    {
        public SqlToken(SqlTokenKind kind, string text, int start, int end)
        {
            Kind = kind;
            Text = text;
            Start = start;
            End = end;
        }

        public SqlTokenKind Kind { get; }
        public string Text { get; }
        public int Start { get; }
        public int End { get; }

        public bool Is(string word) => Kind == SqlTokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

        public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;

        /// <summary>An identifier as PostgreSQL folds it: unquoted words lower-cased, quoted ones as written.</summary>
        public string Identifier => Kind == SqlTokenKind.QuotedIdentifier ? Text.Substring(1, Text.Length - 2).Replace("\"\"", "\"") : Text.ToLowerInvariant();

        public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
    }

    /// <summary>
    /// Splits SQL text into statements of tokens the way PostgreSQL's lexer does for what templates need:
    /// comments are skipped, and semicolons inside strings, quoted identifiers and dollar-quoted bodies do not
    /// end a statement.
    /// </summary>
    internal static class SqlTokenizer
    {
        /// <summary>The statements of <paramref name="text"/>; <paramref name="error"/> is set (with its offset) when a quote or comment is not closed.</summary>
        public static List<List<SqlToken>> Statements(string text, out (int Offset, string Message)? error)
        {
            error = null;
            var statements = new List<List<SqlToken>>();
            var current = new List<SqlToken>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                var start = i;
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '-' && Next(text, i) == '-')
                {
                    while (i < text.Length && text[i] != '\n')
                        i++;
                }
                else if (c == '/' && Next(text, i) == '*')
                {
                    var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (close < 0)
                        return Fail(statements, current, start, "a /* comment is not closed", out error);
                    i = close + 2;
                }
                else if (c == '\'' || ((c == 'E' || c == 'e') && Next(text, i) == '\''))
                {
                    i = c == '\'' ? i : i + 1;
                    var close = ClosingQuote(text, i, '\'');
                    if (close < 0)
                        return Fail(statements, current, start, "a string literal is not closed", out error);
                    i = close + 1;
                    current.Add(new SqlToken(SqlTokenKind.String, text.Substring(start, i - start), start, i));
                }
                else if (c == '"')
                {
                    var close = ClosingQuote(text, i, '"');
                    if (close < 0)
                        return Fail(statements, current, start, "a quoted identifier is not closed", out error);
                    i = close + 1;
                    current.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, text.Substring(start, i - start), start, i));
                }
                else if (c == '$' && DollarTag(text, i) is string tag)
                {
                    var close = text.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                    if (close < 0)
                        return Fail(statements, current, start, $"the dollar-quoted string {tag} is not closed", out error);
                    i = close + tag.Length;
                    current.Add(new SqlToken(SqlTokenKind.String, text.Substring(start, i - start), start, i));
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '$'))
                        i++;
                    current.Add(new SqlToken(SqlTokenKind.Word, text.Substring(start, i - start), start, i));
                }
                else if (char.IsDigit(c))
                {
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '.'))
                        i++;
                    current.Add(new SqlToken(SqlTokenKind.Number, text.Substring(start, i - start), start, i));
                }
                else if (c == ';')
                {
                    i++;
                    if (current.Count > 0)
                        statements.Add(current);
                    current = new List<SqlToken>();
                }
                else
                {
                    i += c == ':' && Next(text, i) == ':' ? 2 : 1;
                    current.Add(new SqlToken(SqlTokenKind.Symbol, text.Substring(start, i - start), start, i));
                }
            }

            if (current.Count > 0)
                statements.Add(current);
            return statements;
        }

        private static List<List<SqlToken>> Fail(List<List<SqlToken>> statements, List<SqlToken> current, int offset, string message, out (int, string)? error)
        {
            error = (offset, message);
            if (current.Count > 0)
                statements.Add(current);
            return statements;
        }

        private static char Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';

        // The index of the quote that closes the one at start (a doubled quote is an escaped one).
        private static int ClosingQuote(string text, int start, char quote)
        {
            for (var i = start + 1; i < text.Length; i++)
            {
                if (text[i] != quote)
                    continue;
                if (Next(text, i) == quote)
                {
                    i++;
                    continue;
                }

                return i;
            }

            return -1;
        }

        // $tag$ or $$ at i, else null (a $1 parameter is not a tag).
        private static string? DollarTag(string text, int i)
        {
            var j = i + 1;
            while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '_'))
                j++;
            if (j >= text.Length || text[j] != '$' || (j > i + 1 && char.IsDigit(text[i + 1])))
                return null;
            return text.Substring(i, j - i + 1);
        }
    }
}

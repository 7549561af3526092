using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SchemaGen.Model
{
    /// <summary>
    /// Reads a type name as PostgreSQL's grammar does (its <c>Typename</c> rule, without SETOF): an optionally
    /// qualified name or a multi-word built-in (<c>double precision</c>, <c>character varying</c>,
    /// <c>timestamp(3) with time zone</c>, <c>interval day to second</c>), type modifiers in parentheses, and
    /// array bounds (<c>[]</c>, <c>[3]</c>, <c>ARRAY[3]</c>). Nothing else: whatever follows a type name (NOT NULL,
    /// a COLLATE, a parenthesis closing the column list) is an error, so a type name never carries other SQL.
    /// </summary>
    sealed class SqlTypeNameReader
    {
        private readonly List<Token> _tokens;
        private int _i;

        private SqlTypeNameReader(List<Token> tokens) => _tokens = tokens;

        /// <summary>The parts of a type name, or an error saying where it stops being one.</summary>
        public static ParsedTypeName Read(string text)
        {
            var tokens = Tokenize(text);
            if (tokens.Count == 0)
                return ParsedTypeName.Fail("it is empty");
            return new SqlTypeNameReader(tokens).Read();
        }

        private ParsedTypeName Read()
        {
            var words = new List<string>();
            var modifiers = new List<string>();
            var qualified = false;
            string? suffix = null; // "with time zone", "without time zone", interval fields
            var first = Peek();
            if (first.Kind == TokenKind.Word && MultiWord(first.Text, words))
            {
                if (words[0] == "time" || words[0] == "timestamp")
                {
                    if (!Modifiers(modifiers, out var error))
                        return ParsedTypeName.Fail(error!);
                    if (Words("with", "time", "zone"))
                        suffix = "with time zone";
                    else if (Words("without", "time", "zone"))
                        suffix = "without time zone";
                }
                else if (words[0] == "interval")
                {
                    suffix = IntervalFields();
                    if (!Modifiers(modifiers, out var error))
                        return ParsedTypeName.Fail(error!);
                }
                else if (!Modifiers(modifiers, out var error))
                {
                    return ParsedTypeName.Fail(error!);
                }
            }
            else
            {
                // A name, optionally qualified: schema.type (or database.schema.type, as PostgreSQL allows).
                while (true)
                {
                    var part = Next();
                    if (part.Kind != TokenKind.Word && part.Kind != TokenKind.Quoted)
                        return ParsedTypeName.Fail(Unexpected(part, "a type name"));
                    words.Add(part.Kind == TokenKind.Quoted ? "\"" + part.Text.Replace("\"", "\"\"") + "\"" : part.Text);
                    if (Peek().Text != "." || Peek().Kind != TokenKind.Punct)
                        break;
                    _i++;
                    qualified = true;
                    if (words.Count == 3)
                        return ParsedTypeName.Fail("it has more than three dotted parts");
                }

                if (!Modifiers(modifiers, out var error))
                    return ParsedTypeName.Fail(error!);
            }

            var isArray = false;
            while (Peek().Kind == TokenKind.Punct && Peek().Text == "[")
            {
                _i++;
                if (Peek().Kind == TokenKind.Number)
                    _i++;
                if (Next().Text != "]")
                    return ParsedTypeName.Fail("an array bound is not [] or [n]");
                isArray = true;
            }

            if (!isArray && Peek().Kind == TokenKind.Word && Peek().Text == "array")
            {
                _i++;
                isArray = true;
                if (Peek().Text == "[")
                {
                    _i++;
                    if (Next().Kind != TokenKind.Number || Next().Text != "]")
                        return ParsedTypeName.Fail("ARRAY takes one bound, ARRAY[n]");
                }
            }

            if (_i < _tokens.Count)
                return ParsedTypeName.Fail(Unexpected(Peek(), "the end of the type name"));
            return new ParsedTypeName(words, qualified, modifiers, suffix, isArray, null);
        }

        // The multi-word built-ins; true when the name is one (its words joined in `words`, one entry).
        private bool MultiWord(string firstWord, List<string> words)
        {
            var start = _i;
            string? name = null;
            switch (firstWord)
            {
                case "double":
                    if (PeekAt(1).Text == "precision" && PeekAt(1).Kind == TokenKind.Word) { _i += 2; name = "double precision"; }
                    break;
                case "character":
                case "char":
                case "nchar":
                    _i++;
                    name = Words("varying") ? firstWord + " varying" : firstWord;
                    break;
                case "national":
                    if (PeekAt(1).Text == "character" || PeekAt(1).Text == "char")
                    {
                        var second = PeekAt(1).Text;
                        _i += 2;
                        name = Words("varying") ? "national " + second + " varying" : "national " + second;
                    }
                    break;
                case "bit":
                    _i++;
                    name = Words("varying") ? "bit varying" : "bit";
                    break;
                case "time":
                case "timestamp":
                case "interval":
                    _i++;
                    name = firstWord;
                    break;
            }

            if (name == null || PeekIsDot())
            {
                _i = start; // a schema named like a built-in: read it as a qualified name
                return false;
            }

            words.Add(name);
            return true;
        }

        private bool PeekIsDot() => Peek().Kind == TokenKind.Punct && Peek().Text == ".";

        private string? IntervalFields()
        {
            string[] fields = { "year", "month", "day", "hour", "minute", "second" };
            if (Peek().Kind != TokenKind.Word || Array.IndexOf(fields, Peek().Text) < 0)
                return null;
            var from = Next().Text;
            if (!Words("to"))
                return from;
            var to = Peek().Text;
            var ok = (from == "year" && to == "month") || (from == "day" && (to == "hour" || to == "minute" || to == "second"))
                || (from == "hour" && (to == "minute" || to == "second")) || (from == "minute" && to == "second");
            if (!ok)
                return from + " to ?"; // refused by SqlTypeNames: not an interval range PostgreSQL has
            _i++;
            return from + " to " + to;
        }

        private bool Modifiers(List<string> modifiers, out string? error)
        {
            error = null;
            if (!(Peek().Kind == TokenKind.Punct && Peek().Text == "("))
                return true;
            _i++;
            while (true)
            {
                var sign = "";
                if (Peek().Kind == TokenKind.Punct && (Peek().Text == "-" || Peek().Text == "+"))
                    sign = Next().Text == "-" ? "-" : "";
                var value = Next();
                if (value.Kind == TokenKind.Number)
                    modifiers.Add(sign + value.Text);
                else if (sign.Length == 0 && (value.Kind == TokenKind.Word || value.Kind == TokenKind.Quoted))
                    modifiers.Add(value.Original); // geometry(Point,4326): an extension's own modifiers
                else
                {
                    error = Unexpected(value, "a number or a name in the type modifiers");
                    return false;
                }

                var separator = Next();
                if (separator.Text == ")" && separator.Kind == TokenKind.Punct)
                    return true;
                if (separator.Text != "," || separator.Kind != TokenKind.Punct)
                {
                    error = Unexpected(separator, "',' or ')' in the type modifiers");
                    return false;
                }
            }
        }

        private bool Words(params string[] words)
        {
            for (var k = 0; k < words.Length; k++)
            {
                if (PeekAt(k).Kind != TokenKind.Word || PeekAt(k).Text != words[k])
                    return false;
            }

            _i += words.Length;
            return true;
        }

        private Token Peek() => PeekAt(0);

        private Token PeekAt(int offset) => _i + offset < _tokens.Count ? _tokens[_i + offset] : Token.End;

        private Token Next()
        {
            var token = Peek();
            if (_i < _tokens.Count)
                _i++;
            return token;
        }

        private static string Unexpected(Token token, string expected) =>
            token.Kind == TokenKind.End ? "it ends where " + expected + " should follow" : "'" + token.Original + "' is where " + expected + " should be";

        // The lexer's tokens as the parser reads them, stopping at the first token no type name can hold (a string, a
        // comment, a semicolon, an operator other than a sign, a bad quoted name) with an Invalid token for it, so the
        // parser reports the first place where the text stops being a type name.
        private static List<Token> Tokenize(string text)
        {
            var tokens = new List<Token>();
            foreach (var token in SqlLexer.Tokens(text, 0, text.Length, comments: true))
            {
                var kind = token.Error != null ? TokenKind.Invalid : token.Kind switch
                {
                    SqlTokenKind.Identifier => TokenKind.Word,
                    SqlTokenKind.QuotedIdentifier when token.Value.IndexOf('\0') < 0 => TokenKind.Quoted,
                    SqlTokenKind.Number => TokenKind.Number,
                    SqlTokenKind.Operator when token.Text is "-" or "+" => TokenKind.Punct,
                    SqlTokenKind.Punctuation when token.Text is "(" or ")" or "." or "," or "[" or "]" => TokenKind.Punct,
                    _ => TokenKind.Invalid,
                };
                if (kind == TokenKind.Word && BlankAt(token.Text) is int blank)
                {
                    // PostgreSQL reads a no-break space as part of a name; in a type name it is surely a typo.
                    if (blank > 0)
                        tokens.Add(new Token(TokenKind.Word, SqlLexer.Fold(token.Text.Substring(0, blank)), token.Text.Substring(0, blank)));
                    tokens.Add(new Token(TokenKind.Invalid, "", SqlLexer.Printable(token.Text[blank])));
                    return tokens;
                }

                var value = kind != TokenKind.Number ? token.Value : token.Text.TrimStart('0').Length == 0 ? "0" : token.Text.TrimStart('0');
                tokens.Add(new Token(kind, value, token.Text.Replace("\0", "\\0")));
                if (kind == TokenKind.Invalid)
                    return tokens;
            }

            return tokens;
        }

        // The first non-ASCII white-space or control character of an unquoted word, or null.
        private static int? BlankAt(string word)
        {
            for (var k = 0; k < word.Length; k++)
            {
                if (word[k] > 127 && (char.IsWhiteSpace(word[k]) || char.IsControl(word[k])))
                    return k;
            }

            return null;
        }

        private enum TokenKind { Word, Quoted, Number, Punct, Invalid, End }

        private sealed class Token
        {
            public static readonly Token End = new Token(TokenKind.End, "", "");

            public Token(TokenKind kind, string text, string original)
            {
                Kind = kind;
                Text = text;
                Original = original;
            }

            public TokenKind Kind { get; }

            public string Text { get; }

            public string Original { get; }
        }
    }

    /// <summary>
    /// A type name read by <see cref="SqlTypeNameReader"/>. Words: one multi-word built-in (<c>double precision</c>),
    /// or the dotted parts, quoted parts kept in quotes. Modifiers: as written (numbers without leading zeros).
    /// Suffix: <c>with time zone</c>, <c>without time zone</c>, or the fields of an interval.
    /// </summary>
    sealed class ParsedTypeName
    {
        public ParsedTypeName(List<string> words, bool isQualified, List<string> modifiers, string? suffix, bool isArray, string? error)
        {
            Words = words;
            IsQualified = isQualified;
            Modifiers = modifiers;
            Suffix = suffix;
            IsArray = isArray;
            Error = error;
        }

        public List<string> Words { get; }

        public bool IsQualified { get; }

        public List<string> Modifiers { get; }

        public string? Suffix { get; }

        public bool IsArray { get; }

        public string? Error { get; }

        public static ParsedTypeName Fail(string error) => new ParsedTypeName(new List<string>(), false, new List<string>(), null, false, error);
    }
}

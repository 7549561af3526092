using System.Collections.Generic;
using System.Globalization;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>A .NET regular expression construct that PostgreSQL rejects or reads differently.</summary>
    /// <param name="Construct">What the pattern uses, quoting it: <c>the named group '(?&lt;year&gt;'</c>.</param>
    /// <param name="Advice">Why PostgreSQL cannot run it as .NET does, and what to write instead.</param>
    internal sealed record RegexIncompatibility(string Construct, string Advice);

    /// <summary>
    /// Finds the constructs of a [RegularExpression] pattern that PostgreSQL 15's regular expressions (AREs)
    /// reject, or accept with another meaning, so the CHECK would fail to create or refuse other values than
    /// Validator. Only what the real server rejects or misreads is listed: lookahead, lookbehind, back
    /// references, <c>\A</c>, <c>\Z</c>, <c>\d\w\s</c>, lazy quantifiers and comments <c>(?#…)</c> run as in .NET.
    /// A test runs every construct listed here against PostgreSQL. One finding per kind of construct.
    /// </summary>
    internal static class RegexCompatibility
    {
        /// <summary>The leading option the CHECK keeps in front of the anchors (see <see cref="CheckBuilder"/>).</summary>
        public const string LeadingCaseInsensitive = "(?i)";

        // PostgreSQL's RE_DUP_MAX: {n,m} counts above it are "invalid repetition count(s)".
        private const int MaxRepetition = 255;

        /// <summary>
        /// The reason the pattern cannot be a CHECK at all, or null: .NET itself refuses it (Validator throws on
        /// every value), or it holds a NUL or a lone surrogate, which PostgreSQL text cannot. Asked after <see cref="Find"/>.
        /// </summary>
        public static List<RegexIncompatibility>? Invalid(string pattern)
        {
            if (pattern.IndexOf('\0') >= 0)
                return new List<RegexIncompatibility> { new RegexIncompatibility("a NUL character", "PostgreSQL text cannot hold one, so the pattern cannot be written into a CHECK; a text column never holds NUL, so remove it from the pattern") };
            if (Model.SqlSyntax.UnstorableText(pattern) != null)
                return new List<RegexIncompatibility> { new RegexIncompatibility("a lone UTF-16 surrogate", "it is no character, so the pattern cannot be sent to PostgreSQL in a CHECK; a text column holds only whole characters, so match a surrogate pair as a whole or remove it") };
            try
            {
                _ = new System.Text.RegularExpressions.Regex(pattern);
                return null;
            }
            catch (System.ArgumentException e)
            {
                return new List<RegexIncompatibility> { new RegexIncompatibility("an invalid pattern", ".NET refuses it (" + e.Message + "), so Validator throws on every value; fix the pattern") };
            }
        }

        public static List<RegexIncompatibility> Find(string pattern)
        {
            var scanner = new Scanner(pattern);
            scanner.Run();
            return scanner.Found;
        }

        private sealed class Scanner
        {
            private readonly string _p;
            private readonly HashSet<string> _kinds = new HashSet<string>();
            private readonly Stack<bool> _groups = new Stack<bool>(); // true: a lookaround
            private int _lookarounds;
            private int _i;

            public Scanner(string pattern) => _p = pattern;

            public List<RegexIncompatibility> Found { get; } = new List<RegexIncompatibility>();

            public void Run()
            {
                if (_p.StartsWith(LeadingCaseInsensitive, System.StringComparison.Ordinal))
                    _i = LeadingCaseInsensitive.Length;

                while (_i < _p.Length)
                {
                    var c = _p[_i];
                    switch (c)
                    {
                        case '\\':
                            Escape(inClass: false);
                            break;
                        case '[':
                            CharacterClass();
                            break;
                        case '(':
                            Group();
                            break;
                        case ')':
                            if (_groups.Count > 0 && _groups.Pop())
                                _lookarounds--;
                            _i++;
                            break;
                        case '*':
                        case '+':
                        case '?':
                            _i++;
                            AfterQuantifier(c.ToString());
                            break;
                        case '{':
                            Braces();
                            break;
                        default:
                            _i++;
                            break;
                    }
                }
            }

            private char At(int index) => index < _p.Length ? _p[index] : '\0';

            private void Report(string kind, string construct, string advice)
            {
                if (_kinds.Add(kind))
                    Found.Add(new RegexIncompatibility(construct, advice));
            }

            // _i is at a backslash.
            private void Escape(bool inClass)
            {
                var start = _i;
                var e = At(_i + 1);
                _i += 2;
                switch (e)
                {
                    case 'p':
                    case 'P':
                        if (At(_i) == '{')
                        {
                            var end = _p.IndexOf('}', _i);
                            _i = end < 0 ? _p.Length : end + 1;
                        }

                        Report("unicode", $"the Unicode category '{Text(start)}'",
                            "PostgreSQL has no Unicode categories; list the characters in brackets instead, e.g. [a-zA-Z] or [0-9]");
                        return;
                    case 'x':
                        if (IsHex(At(_i)) && IsHex(At(_i + 1)) && IsHex(At(_i + 2)))
                        {
                            var hex = _p.Substring(_i, 2);
                            Report("hex", $"'\\x{hex}' followed by the hex digit '{At(_i + 2)}'",
                                $".NET reads two hex digits after \\x, PostgreSQL reads them all; write \\u00{hex} (exactly four digits in both)");
                        }

                        _i += 2;
                        return;
                    case 'u':
                        _i += 4;
                        return;
                    case 'c':
                        _i += 1;
                        return;
                    case 'w':
                    case 'W':
                        // .NET's \w is every Unicode letter, mark, digit and connector (thousands of ranges); PostgreSQL's
                        // depends on the database's locale. No short class matches exactly what Validator matches.
                        Report("word", $"'{Text(start)}'",
                            ".NET's \\w matches every Unicode letter, combining mark, decimal digit and connector, and PostgreSQL's depends on the database's locale; write the class you mean, e.g. [A-Za-z0-9_]");
                        return;
                }

                if (inClass)
                    return; // in brackets \b is a backspace in both, and the anchors below do not apply

                switch (e)
                {
                    case 'k':
                        var close = At(_i) == '<' ? '>' : At(_i) == '\'' ? '\'' : '\0';
                        if (close != '\0')
                        {
                            var end = _p.IndexOf(close, _i + 1);
                            _i = end < 0 ? _p.Length : end + 1;
                        }

                        Report("named-reference", $"the named back reference '{Text(start)}'",
                            "PostgreSQL has no named groups; make the group unnamed and refer to it by number (\\1)");
                        return;
                    case 'G':
                        Report("G", "'\\G'", "PostgreSQL has no \\G; remove it, the match starts at the beginning of the value anyway");
                        return;
                    case 'z':
                        Report("z", "'\\z'", "PostgreSQL has no \\z (its end of string is \\Z); remove it, the whole value must match anyway");
                        return;
                    case 'b':
                        Report("b", "the word boundary '\\b'", "PostgreSQL reads \\b as a backspace character; remove it, or write a lookaround both engines run, e.g. (?<=[A-Za-z0-9_])(?![A-Za-z0-9_]) at the end of a word");
                        return;
                    case 'B':
                        Report("B", "'\\B'", "PostgreSQL reads \\B as a backslash; write a lookaround both engines run, e.g. (?<=\\w)(?=\\w) between two word characters");
                        return;
                }

                if (e >= '1' && e <= '9' && _lookarounds > 0)
                    Report("lookaround-reference", $"the back reference '{Text(start)}' inside a lookahead or lookbehind",
                        "PostgreSQL does not allow back references in lookahead or lookbehind; write the group's pattern again instead");
            }

            // _i is at '['. Handles [^…], a leading ']', escapes, POSIX [:…:] and .NET subtraction [a-z-[aeiou]].
            private void CharacterClass()
            {
                var start = _i;
                _i++;
                if (At(_i) == '^')
                    _i++;
                if (At(_i) == ']')
                    _i++;
                while (_i < _p.Length)
                {
                    var c = _p[_i];
                    if (c == ']')
                    {
                        _i++;
                        return;
                    }

                    if (c == '\\')
                    {
                        Escape(inClass: true);
                        continue;
                    }

                    if (c == '[' && (At(_i + 1) == ':' || At(_i + 1) == '.' || At(_i + 1) == '='))
                    {
                        var close = _p.IndexOf(At(_i + 1) + "]", _i + 2, System.StringComparison.Ordinal);
                        var end = close < 0 ? _p.Length : close + 2;
                        Report("posix", $"the POSIX bracket expression '{_p.Substring(_i, end - _i)}'",
                            ".NET reads it as the characters it is made of, PostgreSQL as a character class; list the characters instead, e.g. [a-zA-Z] for [:alpha:]");
                        _i = end;
                        continue;
                    }

                    if (c == '-' && At(_i + 1) == '[' && _i > start + 1)
                    {
                        var end = _p.IndexOf(']', _i + 2);
                        var stop = end < 0 ? _p.Length : end + 1;
                        Report("subtraction", $"the character class subtraction '{_p.Substring(_i, stop - _i)}'",
                            "PostgreSQL has no class subtraction; list the remaining characters, e.g. [b-df-hj-np-tv-z] for [a-z-[aeiou]]");
                        _i = stop;
                        continue;
                    }

                    _i++;
                }
            }

            // _i is at '('.
            private void Group()
            {
                var start = _i;
                if (At(_i + 1) != '?')
                {
                    _groups.Push(false);
                    _i++;
                    return;
                }

                var kind = At(_i + 2);
                var lookaround = kind == '=' || kind == '!' || (kind == '<' && (At(_i + 3) == '=' || At(_i + 3) == '!'));
                if (kind == '#')
                {
                    var end = _p.IndexOf(')', _i);
                    _i = end < 0 ? _p.Length : end + 1;
                    return;
                }

                _groups.Push(lookaround);
                if (lookaround)
                {
                    _lookarounds++;
                    _i += kind == '<' ? 4 : 3;
                    return;
                }

                switch (kind)
                {
                    case ':':
                        _i += 3;
                        return;
                    case '>':
                        _i += 3;
                        Report("atomic", "the atomic group '(?>'",
                            "PostgreSQL has no atomic groups; write a non-capturing group (?:…) if backtracking into it cannot change what matches");
                        return;
                    case '<':
                    case '\'':
                        var close = kind == '<' ? '>' : '\'';
                        var end = _p.IndexOf(close, _i + 3);
                        _i = end < 0 ? _p.Length : end + 1;
                        Report("named-group", $"the named group '{Text(start)}'",
                            "PostgreSQL has no named groups; write an unnamed group (…), or (?:…) if nothing refers to it");
                        return;
                    case '(':
                        _i += 2; // the condition is read as a group of its own
                        Report("conditional", "the conditional group '(?('",
                            "PostgreSQL has no conditional groups; write an alternation (a|b), with a lookahead if the condition needs one");
                        return;
                }

                // Inline options (?imnsx-imnsx) and (?imnsx-imnsx:…); only a leading (?i) is kept, by CheckBuilder.
                var j = _i + 2;
                while (j < _p.Length && "imnsx-".IndexOf(_p[j]) >= 0)
                    j++;
                if (j > _i + 2 && (At(j) == ')' || At(j) == ':'))
                {
                    var text = _p.Substring(_i, j - _i + 1);
                    if (At(j) == ')')
                        _groups.Pop(); // (?m) opens no group
                    _i = j + 1;
                    Report("option", $"the inline option '{text}'", OptionAdvice(text));
                    return;
                }

                _i += 2; // not a .NET construct either; .NET refuses the pattern
            }

            private static string OptionAdvice(string text)
            {
                const string Only = "PostgreSQL accepts only a (?i) at the very start of the pattern, for all of it";
                var flags = text.TrimStart('(', '?').TrimEnd(')', ':');
                if (flags == "i" || flags.Contains("-"))
                    return Only + "; move (?i) to the start, or spell the cases out ([Aa])";
                if (flags == "s")
                    return Only + "; remove (?s) and write [\\s\\S] where any character, newline included, may match";
                if (flags == "x")
                    return Only + "; remove (?x) and the pattern's unescaped whitespace and # comments";
                if (flags == "n")
                    return Only + "; remove (?n) and write (?:…) for groups that should not capture";
                if (flags == "m")
                    return Only + "; remove (?m): the whole value must match, so ^ and $ are its start and end";
                return Only + "; remove it";
            }

            // _i just passed * + ? or {n,m}: a following + makes it possessive (.NET refuses that too), a ? lazy
            // (the same in both engines; Validator's first-match rule is a documented difference, not this one's).
            private void AfterQuantifier(string quantifier)
            {
                var next = At(_i);
                if (next == '+')
                {
                    Report("possessive", $"the possessive quantifier '{quantifier}+'",
                        $"neither PostgreSQL nor .NET (\"nested quantifier\") has possessive quantifiers; write '{quantifier}'");
                    _i++;
                }
                else if (next == '?')
                {
                    _i++;
                }
            }

            // _i is at '{': a quantifier {n}, {n,} or {n,m}, else a literal brace (as in both engines).
            private void Braces()
            {
                var start = _i;
                var j = _i + 1;
                var min = Digits(ref j);
                if (min == null)
                {
                    _i++;
                    return;
                }

                var max = min;
                if (At(j) == ',')
                {
                    j++;
                    max = Digits(ref j);
                }

                if (At(j) != '}')
                {
                    _i++;
                    return;
                }

                _i = j + 1;
                var quantifier = _p.Substring(start, _i - start);
                if (TooLarge(min) || (max != null && TooLarge(max)))
                    Report("count", $"the repetition count '{quantifier}'",
                        $"PostgreSQL allows repetition counts up to {MaxRepetition}; write * or + and check the length with [MaxLength] or [StringLength]");
                AfterQuantifier(quantifier);
            }

            private string? Digits(ref int j)
            {
                var from = j;
                while (j < _p.Length && _p[j] >= '0' && _p[j] <= '9')
                    j++;
                return j > from ? _p.Substring(from, j - from) : null;
            }

            private static bool TooLarge(string digits) =>
                digits.TrimStart('0').Length > 3 || int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) > MaxRepetition;

            private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

            private string Text(int start) => _p.Substring(start, System.Math.Min(_i, _p.Length) - start);
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// .NET's <c>\d</c> and <c>\s</c> as PostgreSQL bracket-expression members matching exactly the same characters.
    /// .NET's <c>\d</c> is every Unicode decimal digit (Arabic-Indic <c>١</c> too) and PostgreSQL's depends on the
    /// database's locale, so the class is spelled out: the UTF-16 code units .NET's own <c>char.IsDigit</c> (the
    /// category Nd that <c>\d</c> tests) accepts, as ranges. A character outside the BMP is two code units that
    /// <c>\d</c> never matches, and is outside these ranges in PostgreSQL too. <c>\s</c> is <c>char.IsWhiteSpace</c>.
    /// PostgreSQL's own <c>\d</c> and <c>\s</c> follow the database's locale, so they are never left to it.
    /// </summary>
    internal static class RegexClasses
    {
        private static string? _digits, _notDigits, _whiteSpace, _notWhiteSpace;

        /// <summary>The members (no brackets) of the class of .NET's <c>\d</c>.</summary>
        public static string Digits => _digits ??= Ranges(IsDigit, negate: false);

        /// <summary>The members of the class of .NET's <c>\D</c>, for use inside brackets: every other character, also beyond the BMP.</summary>
        public static string NotDigits => _notDigits ??= Ranges(IsDigit, negate: true);

        /// <summary>The members of the class of .NET's <c>\s</c>: <c>[\f\n\r\t\v\x85\p{Z}]</c>, which is char.IsWhiteSpace.</summary>
        public static string WhiteSpace => _whiteSpace ??= Ranges(char.IsWhiteSpace, negate: false);

        /// <summary>The members of the class of .NET's <c>\S</c>, for use inside brackets.</summary>
        public static string NotWhiteSpace => _notWhiteSpace ??= Ranges(char.IsWhiteSpace, negate: true);

        private static bool IsDigit(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber;

        // Ranges of the BMP characters in (or, negated, outside) the class, without the surrogate code units,
        // which no PostgreSQL text holds; negated, every character beyond the BMP too (.NET sees two non-members).
        private static string Ranges(System.Func<char, bool> inClass, bool negate)
        {
            bool member(char ch) => (ch < 0xD800 || ch > 0xDFFF) && inClass(ch) != negate;
            var text = new StringBuilder();
            var c = 0;
            while (c <= 0xFFFF)
            {
                if (!member((char)c))
                {
                    c++;
                    continue;
                }

                var start = c;
                while (c + 1 <= 0xFFFF && member((char)(c + 1)))
                    c++;
                text.Append(Char(start));
                if (c > start)
                    text.Append('-').Append(Char(c));
                c++;
            }

            if (negate)
                text.Append("\\U00010000-\\U0010ffff");
            return text.ToString();
        }

        // Printable ASCII as itself, except what is special in brackets; everything else as \uXXXX.
        public static string Char(int c) => c > 32 && c < 127 && c != '\\' && c != ']' && c != '^' && c != '-' && c != '['
            ? ((char)c).ToString()
            : "\\u" + c.ToString("x4", CultureInfo.InvariantCulture);
    }
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// A leading <c>(?i)</c> written out, so that PostgreSQL matches exactly the characters .NET does. .NET's
    /// case-insensitive matching has its own equivalence table (<c>k</c> also matches the Kelvin sign U+212A), and
    /// PostgreSQL's follows the database's locale, so neither <c>(?i)</c> nor a guess from ToUpper/ToLower agrees.
    /// .NET itself is asked instead: the members of a character or bracket expression are the BMP characters a
    /// case-insensitive .NET regex of it matches (as Validator runs it in any culture but Turkish and Azeri),
    /// written as a bracket expression. Results are cached for the process (each costs one pass over the BMP).
    /// </summary>
    internal static class RegexCaseFolding
    {
        private static readonly ConcurrentDictionary<string, string> Cache = new ConcurrentDictionary<string, string>();

        /// <summary>A bracket expression matching what <paramref name="atom"/> (one character, escape or bracket expression in .NET syntax) matches case-insensitively.</summary>
        public static string Bracket(string atom) => Cache.GetOrAdd(atom, Compute);

        private static string Compute(string atom)
        {
            var regex = new Regex("^(?:" + atom + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            var text = new StringBuilder("[");
            var c = 0;
            while (c <= 0xFFFF)
            {
                if (!Member(regex, c))
                {
                    c++;
                    continue;
                }

                var start = c;
                while (c + 1 <= 0xFFFF && Member(regex, c + 1))
                    c++;
                text.Append(RegexClasses.Char(start));
                if (c > start)
                    text.Append('-').Append(RegexClasses.Char(c));
                c++;
            }

            // A negated class also matches every character beyond the BMP, each one code point in PostgreSQL.
            if (atom.StartsWith("[^", System.StringComparison.Ordinal))
                text.Append("\\U00010000-\\U0010ffff");
            return text.Length == 1 ? "[^\\u0000-\\U0010ffff]" : text.Append(']').ToString(); // nothing matches: an empty class
        }

        private static bool Member(Regex regex, int c) => (c < 0xD800 || c > 0xDFFF) && regex.IsMatch(((char)c).ToString());
    }
}

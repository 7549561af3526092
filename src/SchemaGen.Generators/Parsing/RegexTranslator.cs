using System.Text;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Writes a .NET pattern (one <see cref="RegexCompatibility"/> found nothing wrong with) so that PostgreSQL's
    /// engine matches the same strings. .NET's <c>.</c> does not match a newline, PostgreSQL's does, so an unescaped
    /// dot outside a bracket expression becomes <c>[^\n]</c>; <c>\d</c> and <c>\s</c> become the classes .NET means;
    /// and when the pattern is case-insensitive every character and bracket expression becomes the class of what
    /// .NET matches with it (<see cref="RegexCaseFolding"/>).
    /// </summary>
    internal static class RegexTranslator
    {
        public static string ForPostgres(string pattern, bool ignoreCase = false)
        {
            var result = new StringBuilder(pattern.Length + 8);
            var bracketStart = -1; // where the open bracket expression starts, or -1
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '\\' && i + 1 < pattern.Length)
                {
                    var escapeStart = i;
                    var e = pattern[++i];
                    if (bracketStart >= 0)
                    {
                        // Inside brackets: written out at the closing bracket when ignoring case.
                        if (!ignoreCase)
                            result.Append(e == 'd' ? RegexClasses.Digits : e == 'D' ? RegexClasses.NotDigits : e == 's' ? RegexClasses.WhiteSpace : e == 'S' ? RegexClasses.NotWhiteSpace : "\\" + e);
                        continue;
                    }

                    // \d \D \s \S as the classes .NET means (RegexClasses), never PostgreSQL's locale-dependent ones.
                    var members = e == 'd' || e == 'D' ? RegexClasses.Digits : e == 's' || e == 'S' ? RegexClasses.WhiteSpace : null;
                    if (members != null)
                        result.Append(char.IsUpper(e) ? "[^" : "[").Append(members).Append(']');
                    else if (ignoreCase && (e == 'x' || e == 'u'))
                    {
                        var length = e == 'x' ? 2 : 4; // a character given by its code: its case variants too
                        var end = System.Math.Min(pattern.Length, i + 1 + length);
                        result.Append(RegexCaseFolding.Bracket(pattern.Substring(escapeStart, end - escapeStart)));
                        i = end - 1;
                    }
                    else
                        result.Append('\\').Append(e);
                    continue;
                }

                if (bracketStart >= 0)
                {
                    if (!ignoreCase)
                        result.Append(c);
                    if (c == ']')
                    {
                        if (ignoreCase)
                            result.Append(RegexCaseFolding.Bracket(pattern.Substring(bracketStart, i - bracketStart + 1)));
                        bracketStart = -1;
                    }

                    continue;
                }

                if (c == '[')
                {
                    // A ']' right after '[' or '[^' is a literal member, not the end of the expression.
                    bracketStart = i;
                    if (!ignoreCase)
                        result.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        i++;
                        if (!ignoreCase)
                            result.Append('^');
                    }

                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        i++;
                        if (!ignoreCase)
                            result.Append(']');
                    }

                    continue;
                }

                if (c == '.')
                    result.Append("[^\\n]");
                else if (ignoreCase && char.ToUpperInvariant(c) != char.ToLowerInvariant(c) || ignoreCase && IsCaseSpecial(c))
                    result.Append(RegexCaseFolding.Bracket(c.ToString()));
                else
                    result.Append(c);
            }

            return result.ToString();
        }

        // Characters without an upper/lower pair that .NET still folds with others (the Kelvin sign's k, long s).
        private static bool IsCaseSpecial(char c) => char.IsLetter(c);
    }
}

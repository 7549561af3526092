using System.Text;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Writes a .NET pattern (one <see cref="RegexCompatibility"/> found nothing wrong with) so that PostgreSQL's
    /// engine matches the same strings. .NET's <c>.</c> does not match a newline, PostgreSQL's does, so an unescaped
    /// dot outside a bracket expression becomes <c>[^\n]</c>; <c>\d</c> and <c>\s</c> become the classes .NET means.
    /// </summary>
    internal static class RegexTranslator
    {
        public static string ForPostgres(string pattern)
        {
            var result = new StringBuilder(pattern.Length + 8);
            var inBrackets = false;
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '\\' && i + 1 < pattern.Length)
                {
                    var e = pattern[++i];
                    // \d \D \s \S as the classes .NET means (RegexClasses), never PostgreSQL's locale-dependent ones.
                    var members = e == 'd' || e == 'D' ? RegexClasses.Digits : e == 's' || e == 'S' ? RegexClasses.WhiteSpace : null;
                    if (members == null)
                        result.Append(c).Append(e);
                    else if (inBrackets)
                        result.Append(e == 'D' ? RegexClasses.NotDigits : e == 'S' ? RegexClasses.NotWhiteSpace : members);
                    else
                        result.Append(char.IsUpper(e) ? "[^" : "[").Append(members).Append(']');
                    continue;
                }

                if (inBrackets)
                {
                    result.Append(c);
                    inBrackets = c != ']';
                    continue;
                }

                if (c == '[')
                {
                    // A ']' right after '[' or '[^' is a literal member, not the end of the expression.
                    result.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                        result.Append(pattern[++i]);
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                        result.Append(pattern[++i]);
                    inBrackets = true;
                    continue;
                }

                result.Append(c == '.' ? "[^\\n]" : c.ToString());
            }

            return result.ToString();
        }
    }
}

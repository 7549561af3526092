using System.Text;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Writes a .NET pattern (one <see cref="RegexCompatibility"/> found nothing wrong with) so that PostgreSQL's
    /// engine matches the same strings. The one difference left is the dot: .NET's <c>.</c> does not match a
    /// newline, PostgreSQL's does, so an unescaped dot outside a bracket expression becomes <c>[^\n]</c>.
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
                    result.Append(c).Append(pattern[++i]);
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

using System.Collections.Generic;
using System.Text;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>The bare words of a SQL expression, skipping string literals and quoted identifiers' quotes.</summary>
    internal static class SqlIdentifiers
    {
        public static IEnumerable<string> Words(string sql)
        {
            var word = new StringBuilder();
            var inLiteral = false;
            foreach (var c in sql)
            {
                if (c == '\'')
                {
                    inLiteral = !inLiteral;
                    continue;
                }

                if (!inLiteral && (char.IsLetterOrDigit(c) || c == '_'))
                {
                    word.Append(c);
                    continue;
                }

                if (word.Length > 0)
                    yield return word.ToString();
                word.Clear();
            }

            if (word.Length > 0)
                yield return word.ToString();
        }
    }
}

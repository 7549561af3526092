using System;
using System.Collections.Generic;

namespace SchemaGen.Model
{
    static partial class SqlLexer
    {
        /// <summary>
        /// The statements of a script's tokens (comments dropped), each without its terminating semicolon; empty
        /// statements are dropped. A semicolon ends a statement as in psql (src/fe_utils/psqlscan.l): not inside
        /// parentheses, and not inside the <c>BEGIN … END</c> of a SQL-standard function body (<c>CREATE [OR
        /// REPLACE] FUNCTION|PROCEDURE … BEGIN ATOMIC …; END</c>), which the server reads as one statement.
        /// </summary>
        public static List<List<SqlToken>> Statements(IReadOnlyList<SqlToken> tokens)
        {
            var statements = new List<List<SqlToken>>();
            var current = new List<SqlToken>();
            foreach (var (token, ends) in WithTerminators(tokens))
            {
                if (token.Kind == SqlTokenKind.Comment)
                    continue;
                if (!ends)
                {
                    current.Add(token);
                    continue;
                }

                if (current.Count > 0)
                    statements.Add(current);
                current = new List<SqlToken>();
            }

            if (current.Count > 0)
                statements.Add(current);
            return statements;
        }

        /// <summary>Each token, and whether it is a semicolon that ends a statement.</summary>
        public static IEnumerable<(SqlToken Token, bool EndsStatement)> WithTerminators(IReadOnlyList<SqlToken> tokens)
        {
            var parens = 0;
            var begins = 0;
            var words = new char[4]; // the first letters of CREATE, OR, REPLACE, FUNCTION, PROCEDURE among a statement's first four words
            var wordCount = 0;
            foreach (var token in tokens)
            {
                if (token.Kind == SqlTokenKind.Comment)
                {
                    yield return (token, false);
                    continue;
                }

                if (token.IsSymbol(";") && parens == 0 && begins == 0)
                {
                    wordCount = 0;
                    Array.Clear(words, 0, words.Length);
                    yield return (token, true);
                    continue;
                }

                if (token.IsSymbol("("))
                    parens++;
                else if (token.IsSymbol(")") && parens > 0)
                    parens--;
                else if (token.Kind == SqlTokenKind.Identifier)
                {
                    if (wordCount < words.Length && token.Value is "create" or "function" or "procedure" or "or" or "replace")
                        words[wordCount] = token.Value[0];
                    wordCount++;
                    var routine = words[0] == 'c' && (words[1] == 'f' || words[1] == 'p' || (words[1] == 'o' && words[2] == 'r' && (words[3] == 'f' || words[3] == 'p')));
                    if (routine && parens == 0)
                    {
                        if (token.Value == "begin")
                            begins++;
                        else if (token.Value == "case" && begins > 0)
                            begins++; // CASE also ends with END
                        else if (token.Value == "end" && begins > 0)
                            begins--;
                    }
                }

                yield return (token, false);
            }
        }
    }
}

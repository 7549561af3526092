using System;
using System.Collections.Generic;
using System.Text;

namespace SchemaGen.Model
{
    static partial class SchemaMapping
    {
        // Functions whose first argument names a sequence as a string ('app.invoice_no', cast to regclass by PostgreSQL).
        private static readonly HashSet<string> SequenceFunctions = new HashSet<string>(StringComparer.Ordinal) { "nextval", "currval", "setval" };

        /// <summary>
        /// Moves the schema of a sequence named in a string literal, <c>nextval('app.invoice_no')</c>: the one place where a
        /// name in a literal is code (PostgreSQL casts it to regclass), so that a model moved to another schema, or into the
        /// shadow's scratch schemas, calls its own sequence. Other literals stay as written.
        /// </summary>
        private static string RenameSequenceLiterals(string sql, Func<string, string, string?> place)
        {
            if (sql.IndexOf('\'') < 0)
                return sql;

            var tokens = SqlLexer.Tokens(sql, 0, sql.Length, comments: false);
            var output = new StringBuilder(sql.Length);
            var copied = 0;
            for (var t = 0; t + 2 < tokens.Count; t++)
            {
                if (!(tokens[t].Kind == SqlTokenKind.Identifier && SequenceFunctions.Contains(tokens[t].Value) && tokens[t + 1].IsSymbol("(")
                      && tokens[t + 2].Kind == SqlTokenKind.String))
                    continue;
                var literal = tokens[t + 2];
                var name = SqlLexer.Tokens(literal.Value, 0, literal.Value.Length, comments: false);
                if (name.Count != 3 || !name[0].IsIdentifier || !name[1].IsSymbol(".") || !name[2].IsIdentifier
                    || place(name[0].Value, name[2].Value) is not string mapped)
                    continue;
                output.Append(sql, copied, literal.Start - copied).Append(SqlSyntax.Literal(SqlSyntax.QualifiedName(mapped, name[2].Value)));
                copied = literal.End;
            }

            return output.Append(sql, copied, sql.Length - copied).ToString();
        }
    }
}

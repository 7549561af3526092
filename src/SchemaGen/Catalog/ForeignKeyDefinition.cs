using SchemaGen.Model;

namespace SchemaGen.Catalog
{
    /// <summary>What a foreign key's <c>pg_get_constraintdef</c> says that its catalog columns read elsewhere do not.</summary>
    internal static class ForeignKeyDefinition
    {
        /// <summary>
        /// True for <c>ON DELETE SET NULL (a)</c> or <c>SET DEFAULT (a)</c> (PostgreSQL 15): only the named columns are set.
        /// The model cannot say that (its actions set every column), so such a key is read as a constraint the model lacks.
        /// Read from the definition's tokens: a quoted identifier is one token, and the clause stands outside parentheses.
        /// </summary>
        public static bool SetsSomeColumnsOnDelete(string definition)
        {
            if (definition.IndexOf("ON DELETE SET ", System.StringComparison.Ordinal) < 0)
                return false; // most keys: no lexing in a catalog read
            var tokens = SqlLexer.Tokens(definition);
            var depth = 0;
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                depth += token.IsSymbol("(") ? 1 : token.IsSymbol(")") ? -1 : 0;
                if (depth == 0 && token.Is("on") && i + 4 < tokens.Count && tokens[i + 1].Is("delete") && tokens[i + 2].Is("set")
                    && (tokens[i + 3].Is("null") || tokens[i + 3].Is("default")) && tokens[i + 4].IsSymbol("("))
                    return true;
            }

            return false;
        }
    }
}

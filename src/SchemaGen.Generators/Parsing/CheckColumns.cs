using System;
using System.Collections.Generic;
using System.Linq;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>An identifier of a [Check] expression that can only be a column of the table.</summary>
    /// <param name="Name">The name PostgreSQL looks up: folded to lower case unless it was quoted.</param>
    /// <param name="Text">The identifier as written.</param>
    internal sealed record ColumnReference(string Name, string Text);

    /// <summary>
    /// The column references of a [Check] expression, found conservatively, so that every one reported as
    /// unknown (SG0013) is one PostgreSQL would refuse. Tokens come from <see cref="SqlLexer"/>. Skipped: string literals (with E'',
    /// B'', X'', U&amp;'', dollar quoting), comments, numbers, function names (an identifier before '('), qualified names (either
    /// side of a '.'), type names after '::', AS and COLLATE, SQL keywords and type names used as typed literals
    /// (date '…'). Quoted identifiers keep their case; unquoted ones are folded to lower case, as PostgreSQL does.
    /// </summary>
    internal static class CheckColumns
    {
        private static readonly HashSet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
        {
            // operators and predicates
            "and", "or", "not", "null", "is", "isnull", "notnull", "true", "false", "unknown", "in", "between",
            "symmetric", "asymmetric", "like", "ilike", "similar", "to", "escape", "distinct", "from", "any", "all",
            "some", "exists", "case", "when", "then", "else", "end", "cast", "as", "collate", "array", "row",
            "overlaps", "at", "zone", "local", "for", "both", "leading", "trailing", "placing", "normalized",
            "nfc", "nfd", "nfkc", "nfkd", "of", "operator", "default", "value", "only", "using",
            // niladic functions
            "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user",
            "current_role", "current_catalog", "current_schema", "session_user", "user",
            // extract / date_part fields
            "century", "day", "decade", "dow", "doy", "epoch", "hour", "isodow", "isoyear", "julian", "microseconds",
            "millennium", "milliseconds", "minute", "month", "quarter", "second", "timezone", "timezone_hour",
            "timezone_minute", "week", "year",
            // type names the type table does not have (typed literals like point '(1,2)', ::regclass)
            "bigserial", "box", "circle", "daterange", "line", "lseg", "oid", "path", "point", "polygon", "regclass", "regtype", "serial",
            "tsrange", "tstzrange", "int4range", "int8range", "numrange",
        };

        // Every word of every built-in type's spellings (date '…', ::double precision, ::timestamp with time zone).
        private static readonly HashSet<string> TypeWords = new HashSet<string>(
            SqlBuiltinTypes.All.SelectMany(t => t.Aliases).SelectMany(a => a.Split(' ')), StringComparer.Ordinal);

        public static List<ColumnReference> Find(string sql)
        {
            var tokens = Tokenize(sql);
            var result = new List<ColumnReference>();
            for (var k = 0; k < tokens.Count; k++)
            {
                var token = tokens[k];
                if (token.Kind != TokenKind.Identifier && token.Kind != TokenKind.QuotedIdentifier)
                    continue;

                var previous = k > 0 ? tokens[k - 1] : null;
                var next = k + 1 < tokens.Count ? tokens[k + 1] : null;
                if (next != null && (next.Text == "(" || next.Text == "."))
                    continue; // a function, or a qualifier
                if (previous != null && (previous.Text == "." || previous.Text == "::"))
                    continue; // a qualified name, or a type
                if (previous != null && previous.Kind == TokenKind.Identifier && (previous.Name == "as" || previous.Name == "collate"))
                    continue; // CAST(x AS type), COLLATE "C"
                if (token.Kind == TokenKind.Identifier && (Keywords.Contains(token.Name) || TypeWords.Contains(token.Name)))
                    continue; // also the rest of ::double precision, ::timestamp with time zone, ::character varying

                result.Add(new ColumnReference(token.Name, token.Text));
            }

            return result;
        }

        private enum TokenKind
        {
            Identifier,
            QuotedIdentifier,
            Other,
        }

        private sealed record Token(TokenKind Kind, string Text, string Name);

        // Identifiers, quoted identifiers and punctuation from the lexer; literals become one "'" token, numbers are dropped.
        private static List<Token> Tokenize(string sql)
        {
            var tokens = new List<Token>();
            foreach (var token in SqlLexer.Tokens(sql))
            {
                switch (token.Kind)
                {
                    case SqlTokenKind.Identifier:
                        tokens.Add(new Token(TokenKind.Identifier, token.Text, token.Value));
                        break;
                    case SqlTokenKind.QuotedIdentifier:
                        tokens.Add(new Token(TokenKind.QuotedIdentifier, token.Text, token.Value));
                        break;
                    case SqlTokenKind.String:
                    case SqlTokenKind.BitString:
                    case SqlTokenKind.HexString:
                        tokens.Add(new Token(TokenKind.Other, "'", ""));
                        break;
                    case SqlTokenKind.Number:
                        break;
                    default:
                        tokens.Add(new Token(TokenKind.Other, token.Text, ""));
                        break;
                }
            }

            return tokens;
        }
    }
}

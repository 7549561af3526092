using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    internal static partial class TemplateParser
    {
        /// <summary>
        /// Reads <c>CREATE SEQUENCE</c>, <c>CREATE [OR REPLACE] [RECURSIVE] VIEW</c>, <c>CREATE MATERIALIZED VIEW</c>,
        /// <c>CREATE [UNIQUE] INDEX name ON</c> and <c>CREATE [OR REPLACE] AGGREGATE name (types) (…)</c>, the reader just
        /// after <c>CREATE [OR REPLACE]</c>. False when the statement is none of these (a function, a trigger, or SG0012).
        /// </summary>
        private static bool ParseObject(string path, SourceText text, string source, List<SqlToken> statement, TokenReader reader, bool orReplace,
            List<ObjectTemplate> objects, List<DiagnosticInfo> diagnostics)
        {
            var first = reader.Current;
            TemplateObjectKind kind;
            string head;
            if (reader.Take("sequence"))
                (kind, head) = (TemplateObjectKind.Sequence, "CREATE SEQUENCE");
            else if (reader.Take("view"))
                (kind, head) = (TemplateObjectKind.View, "CREATE OR REPLACE VIEW");
            else if (reader.Take("recursive") && reader.Take("view"))
                (kind, head) = (TemplateObjectKind.View, "CREATE OR REPLACE RECURSIVE VIEW");
            else if (reader.Take("materialized") && reader.Take("view"))
                (kind, head) = (TemplateObjectKind.MaterializedView, "CREATE MATERIALIZED VIEW");
            else if (reader.Take("aggregate"))
                (kind, head) = (TemplateObjectKind.Aggregate, "CREATE OR REPLACE AGGREGATE");
            else if (reader.Take("unique") ? reader.Take("index") : reader.Take("index"))
                (kind, head) = (TemplateObjectKind.Index, first.Is("unique") ? "CREATE UNIQUE INDEX" : "CREATE INDEX");
            else if (first.Is("temp") || first.Is("temporary") || first.Is("unlogged"))
            {
                diagnostics.Add(Error(path, text, first.Start, first.End, "a template creates permanent objects; remove " + first.Text.ToUpperInvariant()));
                return true;
            }
            else
            {
                return first.Is("recursive") || first.Is("materialized") ? Unreadable("expected VIEW") : false;
            }

            if (orReplace && kind is TemplateObjectKind.Sequence or TemplateObjectKind.MaterializedView or TemplateObjectKind.Index)
                return Unreadable("PostgreSQL has no CREATE OR REPLACE for a " + DdlRenderer.KindName(kind) + "; write CREATE");
            if (kind == TemplateObjectKind.Index && reader.Current.Is("concurrently"))
                return Unreadable("CREATE INDEX CONCURRENTLY cannot run in the deployment's transaction; write CREATE INDEX");
            // IF NOT EXISTS would hide a changed definition: the deployer decides what exists.
            if (reader.Current.Is("if"))
                return Unreadable("remove IF NOT EXISTS: the deployer creates, alters or replaces the " + DdlRenderer.KindName(kind) + " as the model says");

            var nameToken = reader.Current;
            if (!reader.QualifiedName(out var schema, out var name))
                return Unreadable("expected the " + DdlRenderer.KindName(kind) + "'s name");
            var nameEnd = statement[reader.Position - 1].End;

            // OWNED BY a column: the sequence is created before the tables (their defaults call nextval), and ownership is
            // not among the options the deployer compares. NONE, the default, says nothing.
            if (kind == TemplateObjectKind.Sequence && OwnedByColumn(statement, reader.Position) is int owned)
            {
                diagnostics.Add(Error(path, text, statement[owned].Start, statement[owned + 1].End,
                    "OWNED BY ties the sequence to a column, which a template cannot: sequences are created before the tables, and the deployer does not compare ownership; for a column's own numbers use an identity column ([DatabaseGenerated(DatabaseGeneratedOption.Identity)]), or leave OWNED BY out"));
                return true;
            }

            string? tableSchema = null, table = null, signature = null;
            if (kind == TemplateObjectKind.Index)
            {
                if (schema != null)
                    return Unreadable("an index is created in its materialized view's schema; write its name without a schema");
                if (!reader.Take("on"))
                    return Unreadable("expected ON and the materialized view of the index");
                reader.Take("only");
                if (!reader.QualifiedName(out tableSchema, out var onTable))
                    return Unreadable("expected the materialized view of the index after ON");
                table = onTable;
                nameEnd = statement[reader.Position - 1].End;
            }
            else if (kind == TemplateObjectKind.Aggregate)
            {
                if (!reader.Current.IsSymbol("("))
                    return Unreadable("expected the aggregate's argument types in parentheses: CREATE AGGREGATE name (type, …) (SFUNC = …, STYPE = …)");
                var types = new List<string>();
                foreach (var part in reader.Parenthesized())
                {
                    if (part.Count == 1 && part[0].IsSymbol("*"))
                    {
                        types.Add("*");
                        continue;
                    }

                    var parameter = ParseParameter(source, part, out _);
                    if (parameter == null)
                        return Unreadable("an aggregate's argument needs a type");
                    types.Add(parameter.Type);
                }

                if (!reader.Current.IsSymbol("("))
                    return Unreadable("expected the aggregate's options in parentheses after its argument types");
                signature = string.Join(", ", types);
            }

            objects.Add(new ObjectTemplate
            {
                Kind = kind,
                Head = head,
                Schema = schema,
                Name = name,
                TableSchema = tableSchema,
                Table = table,
                Signature = signature,
                Rest = source.Substring(nameEnd, statement[statement.Count - 1].End - nameEnd),
                Location = Location(path, text, nameToken.Start, nameToken.End),
            });
            return true;

            bool Unreadable(string message)
            {
                diagnostics.Add(Error(path, text, reader.Current.Start, reader.Current.End, message));
                return true;
            }
        }

        // The position of OWNED in an OWNED BY that names a column (not NONE), from the given token on; null when there is none.
        private static int? OwnedByColumn(List<SqlToken> statement, int from)
        {
            for (var i = from; i + 2 < statement.Count; i++)
            {
                if (statement[i].Is("owned") && statement[i + 1].Is("by") && !statement[i + 2].Is("none"))
                    return i;
            }

            return null;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SchemaGen.Generators.Diagnostics;
using SchemaGen.Generators.Specs;
using SchemaGen.Model;

namespace SchemaGen.Generators.Parsing
{
    /// <summary>
    /// Reads a <c>.sql</c> template file: each <c>CREATE [OR REPLACE] FUNCTION</c> with its signature (schema,
    /// name, parameters with types and defaults, RETURNS TABLE / SETOF / scalar / trigger) and each
    /// <c>CREATE [OR REPLACE] TRIGGER</c> with its table and function; sequences, views, materialized views, their
    /// indexes and aggregates in <c>TemplateParser.Objects.cs</c>. Anything else is SG0012 at its line.
    /// </summary>
    internal static partial class TemplateParser
    {
        // Words after the result type that start the function's options.
        private static readonly HashSet<string> OptionWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "language", "as", "immutable", "stable", "volatile", "strict", "called", "returns", "security", "external", "parallel",
            "cost", "rows", "set", "window", "leakproof", "not", "support", "transform", "begin",
        };

        public static TemplateFileSpec Parse(string path, SourceText? text, CancellationToken cancellationToken)
        {
            var functions = new List<FunctionTemplate>();
            var triggers = new List<TriggerTemplate>();
            var objects = new List<ObjectTemplate>();
            var diagnostics = new List<DiagnosticInfo>();
            if (text == null)
            {
                diagnostics.Add(Error(path, null, 0, 0, "the file could not be read"));
                return File(path, functions, triggers, diagnostics);
            }

            var source = text.ToString();
            var tokens = SqlLexer.Tokens(source, 0, source.Length, comments: true);
            var firstError = SqlLexer.FirstError(tokens);
            if (firstError is { } bad)
                diagnostics.Add(Error(path, text, bad.Start, bad.Start + 1, bad.Error!));
            var statements = SqlLexer.Statements(tokens);

            foreach (var statement in statements)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // A NUL anywhere in a statement (a string, a body, a quoted name) cannot be sent: the statement is left out.
                var nul = source.IndexOf('\0', statement[0].Start, statement[statement.Count - 1].End - statement[0].Start);
                if (nul >= 0)
                {
                    if (firstError?.Start != nul)
                        diagnostics.Add(Error(path, text, nul, nul + 1, "a NUL character, which no statement can carry (PostgreSQL reads a statement only up to its first NUL); remove it"));
                    continue;
                }

                var reader = new TokenReader(statement);
                if (!reader.Take("create"))
                {
                    diagnostics.Add(Unsupported(path, text, statement));
                    continue;
                }

                var orReplace = reader.Take("or");
                if (orReplace && !reader.Take("replace"))
                {
                    diagnostics.Add(Error(path, text, reader.Current.Start, reader.Current.End, "expected REPLACE after CREATE OR"));
                    continue;
                }

                if (ParseObject(path, text, source, statement, reader, orReplace, objects, diagnostics))
                    continue;
                reader.Take("constraint");
                if (reader.Take("function"))
                    ParseFunction(path, text, source, statement, reader, functions, diagnostics);
                else if (reader.Take("trigger"))
                    ParseTrigger(path, text, source, statement, reader, triggers, diagnostics);
                else
                    diagnostics.Add(Unsupported(path, text, statement));
            }

            // A name PostgreSQL would cut at 63 bytes would be created under another name than the model's (SG0003): left out.
            functions.RemoveAll(f => TooLong(f.Schema, f.Name, "function", f.Location, diagnostics));
            triggers.RemoveAll(t => TooLong(null, t.Name, "trigger", t.Location, diagnostics));
            objects.RemoveAll(o => TooLong(o.Schema, o.Name, o.Kind == TemplateObjectKind.MaterializedView ? "materialized view" : o.Kind.ToString().ToLowerInvariant(), o.Location, diagnostics));
            return File(path, functions, triggers, diagnostics) with { Objects = objects.ToEquatableArray() };
        }

        private static bool TooLong(string? schema, string name, string what, LocationInfo location, List<DiagnosticInfo> diagnostics)
        {
            var tooLong = new[] { (what, name), (what + " schema", schema) }.Where(n => n.Item2 != null && SqlNaming.ByteLength(n.Item2) > SqlNaming.MaxIdentifierBytes).ToList();
            foreach (var (kind, value) in tooLong)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IdentifierTooLong, new DiagnosticTarget.ExternalSpan(location), kind, value!, SqlNaming.ByteLength(value!).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return tooLong.Count > 0;
        }

        private static void ParseFunction(string path, SourceText text, string source, List<SqlToken> statement, TokenReader reader,
            List<FunctionTemplate> functions, List<DiagnosticInfo> diagnostics)
        {
            var nameToken = reader.Current;
            if (!reader.QualifiedName(out var schema, out var name) || !reader.Current.IsSymbol("("))
            {
                diagnostics.Add(Error(path, text, reader.Current.Start, reader.Current.End, "expected the function's name and its parameter list in parentheses"));
                return;
            }

            var open = reader.Current;
            var parameters = new List<FunctionParameter>();
            var outColumns = new List<FunctionParameter>();
            foreach (var part in reader.Parenthesized())
            {
                var parameter = ParseParameter(source, part, out var mode);
                if (parameter == null)
                {
                    diagnostics.Add(Error(path, text, part.Count == 0 ? open.Start : part[0].Start, part.Count == 0 ? open.End : part[part.Count - 1].End, "a parameter needs a type"));
                    return;
                }

                if (mode != "out")
                    parameters.Add(parameter);
                if (mode is "out" or "inout")
                    outColumns.Add(parameter);
            }

            if (!reader.Take("returns"))
            {
                if (outColumns.Count == 0)
                {
                    diagnostics.Add(Error(path, text, reader.Current.Start, reader.Current.End, "expected RETURNS after the parameter list"));
                    return;
                }
            }

            var returns = "record";
            var columns = outColumns;
            if (reader.Take("table"))
            {
                columns = new List<FunctionParameter>();
                foreach (var part in reader.Parenthesized())
                {
                    var column = ParseParameter(source, part, out _);
                    if (column == null)
                    {
                        diagnostics.Add(Error(path, text, open.Start, open.End, "a RETURNS TABLE column needs a name and a type"));
                        return;
                    }

                    columns.Add(column);
                }

                returns = "TABLE(" + string.Join(", ", columns.Select(c => c.Name + " " + c.Type)) + ")";
            }
            else if (!reader.AtEnd && !OptionWords.Contains(reader.Current.Text))
            {
                var setOf = reader.Take("setof");
                var typeStart = reader.Position;
                while (!reader.AtEnd && !(reader.Current.Kind == SqlTokenKind.Identifier && OptionWords.Contains(reader.Current.Text)))
                    reader.Skip();
                if (reader.Position == typeStart)
                {
                    diagnostics.Add(Error(path, text, reader.Current.Start, reader.Current.End, "expected the result type after RETURNS"));
                    return;
                }

                returns = (setOf ? "SETOF " : "") + Text(source, statement, typeStart, reader.Position);
            }

            var definition = source.Substring(open.Start, statement[statement.Count - 1].End - open.Start);
            functions.Add(new FunctionTemplate
            {
                Schema = schema,
                Name = name,
                Parameters = parameters.ToEquatableArray(),
                Returns = returns,
                Columns = columns.ToEquatableArray(),
                Definition = definition,
                Location = Location(path, text, nameToken.Start, open.Start),
            });
        }

        // [IN | OUT | INOUT | VARIADIC] [name] type [DEFAULT expr | = expr]
        private static FunctionParameter? ParseParameter(string source, List<SqlToken> tokens, out string mode)
        {
            mode = "in";
            var i = 0;
            if (i < tokens.Count && tokens[i].Kind == SqlTokenKind.Identifier && tokens[i].Text.ToLowerInvariant() is "in" or "out" or "inout" or "variadic")
                mode = tokens[i++].Text.ToLowerInvariant();

            var end = tokens.FindIndex(i, t => t.Is("default") || t.IsSymbol("="));
            var typeEnd = end < 0 ? tokens.Count : end;
            if (typeEnd - i < 1)
                return null;

            // A name comes first unless what is left is a type name on its own ("double precision", "character varying(10)").
            var named = typeEnd - i >= 2 && tokens[i].IsIdentifier
                && SqlTypeNameReader.Read(source.Substring(tokens[i].Start, tokens[typeEnd - 1].End - tokens[i].Start)).Error != null;
            var name = named ? tokens[i++].Value : "";
            if (typeEnd - i < 1)
                return null;
            var type = source.Substring(tokens[i].Start, tokens[typeEnd - 1].End - tokens[i].Start);
            return new FunctionParameter(name, type, end >= 0);
        }

        private static void ParseTrigger(string path, SourceText text, string source, List<SqlToken> statement, TokenReader reader,
            List<TriggerTemplate> triggers, List<DiagnosticInfo> diagnostics)
        {
            var nameToken = reader.Current;
            if (!nameToken.IsIdentifier)
            {
                diagnostics.Add(Error(path, text, nameToken.Start, nameToken.End, "expected the trigger's name"));
                return;
            }

            reader.Skip();
            var afterName = reader.Current.Start;
            while (!reader.AtEnd && !reader.Current.Is("on"))
                reader.Skip();
            reader.Skip();
            var tableStart = reader.Current;
            if (reader.AtEnd || !reader.QualifiedName(out var tableSchema, out var table))
            {
                diagnostics.Add(Error(path, text, nameToken.Start, nameToken.End, "expected ON and the trigger's table"));
                return;
            }

            var afterTable = reader.Position;
            while (!reader.AtEnd && !reader.Current.Is("execute"))
                reader.Skip();
            reader.Skip();
            if (reader.AtEnd || !(reader.Take("function") || reader.Take("procedure")))
            {
                diagnostics.Add(Error(path, text, nameToken.Start, nameToken.End, "expected EXECUTE FUNCTION and the trigger's function"));
                return;
            }

            var functionStart = reader.Current;
            if (!reader.QualifiedName(out var functionSchema, out var function) || !reader.Current.IsSymbol("("))
            {
                diagnostics.Add(Error(path, text, functionStart.Start, functionStart.End, "expected the trigger function's name and its arguments"));
                return;
            }

            var end = statement[statement.Count - 1].End;
            triggers.Add(new TriggerTemplate
            {
                TableSchema = tableSchema,
                Table = table,
                Name = nameToken.Value,
                FunctionSchema = functionSchema,
                Function = function,
                Timing = source.Substring(afterName, tableStart.Start - afterName),
                Middle = source.Substring(statement[afterTable - 1].End, functionStart.Start - statement[afterTable - 1].End),
                Arguments = source.Substring(reader.Current.Start, end - reader.Current.Start),
                Location = Location(path, text, nameToken.Start, nameToken.End),
            });
        }

        private static TemplateFileSpec File(string path, List<FunctionTemplate> functions, List<TriggerTemplate> triggers, List<DiagnosticInfo> diagnostics) =>
            new TemplateFileSpec { Path = path, Functions = functions.ToEquatableArray(), Triggers = triggers.ToEquatableArray(), Diagnostics = diagnostics.ToEquatableArray() };

        private static string Text(string source, List<SqlToken> tokens, int from, int to) =>
            source.Substring(tokens[from].Start, tokens[to - 1].End - tokens[from].Start);

        private static DiagnosticInfo Unsupported(string path, SourceText text, List<SqlToken> statement)
        {
            var words = string.Join(" ", statement.Take(3).Select(t => t.Text));
            return Error(path, text, statement[0].Start, statement[Math.Min(2, statement.Count - 1)].End,
                $"only CREATE FUNCTION, TRIGGER, VIEW, MATERIALIZED VIEW, SEQUENCE, AGGREGATE and INDEX (on a materialized view) statements can be templates, not '{words}'");
        }

        private static DiagnosticInfo Error(string path, SourceText? text, int start, int end, string message) =>
            DiagnosticInfo.Create(DiagnosticDescriptors.TemplateError, new DiagnosticTarget.ExternalSpan(text == null ? new LocationInfo(path, default, default) : Location(path, text, start, end)), System.IO.Path.GetFileName(path), message);

        private static LocationInfo Location(string path, SourceText text, int start, int end)
        {
            start = Math.Min(start, text.Length);
            var span = TextSpan.FromBounds(start, Math.Max(start, Math.Min(end, text.Length)));
            return new LocationInfo(path, span, text.Lines.GetLinePositionSpan(span));
        }

        /// <summary>Walks the tokens of one statement.</summary>
        private sealed class TokenReader
        {
            private readonly List<SqlToken> _tokens;

            public TokenReader(List<SqlToken> tokens) => _tokens = tokens;

            public int Position { get; private set; }

            public bool AtEnd => Position >= _tokens.Count;

            public SqlToken Current => AtEnd ? _tokens[_tokens.Count - 1] : _tokens[Position];

            public void Skip() => Position++;

            public bool Take(string word)
            {
                if (AtEnd || !_tokens[Position].Is(word))
                    return false;
                Position++;
                return true;
            }

            /// <summary>name or schema.name; the schema is null when not written.</summary>
            public bool QualifiedName(out string? schema, out string name)
            {
                schema = null;
                name = "";
                if (AtEnd || !Current.IsIdentifier)
                    return false;
                name = Current.Value;
                Position++;
                if (!AtEnd && Current.IsSymbol(".") && Position + 1 < _tokens.Count && _tokens[Position + 1].IsIdentifier)
                {
                    schema = name;
                    name = _tokens[Position + 1].Value;
                    Position += 2;
                }

                return true;
            }

            /// <summary>The comma-separated parts of the parenthesised list at the current token, which must be '('.</summary>
            public List<List<SqlToken>> Parenthesized()
            {
                var parts = new List<List<SqlToken>>();
                if (AtEnd || !Current.IsSymbol("("))
                    return parts;
                Position++;
                var depth = 0;
                var part = new List<SqlToken>();
                while (!AtEnd)
                {
                    var token = _tokens[Position++];
                    if (token.IsSymbol("("))
                    {
                        depth++;
                    }
                    else if (token.IsSymbol(")"))
                    {
                        if (depth-- == 0)
                            break;
                    }
                    else if (token.IsSymbol(",") && depth == 0)
                    {
                        parts.Add(part);
                        part = new List<SqlToken>();
                        continue;
                    }

                    part.Add(token);
                }

                if (part.Count > 0 || parts.Count > 0)
                    parts.Add(part);
                return parts;
            }
        }
    }
}

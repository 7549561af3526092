using System;
using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Model
{
    /// <summary>
    /// Moves a model to other schema names: every table, enum, domain, enum- or domain-typed column and foreign key target, and the
    /// schema qualifiers in raw SQL (defaults, generated columns, checks, index predicates, the text of functions and
    /// triggers: <c>app.jobs</c> becomes <c>tenant.jobs</c>), token by token and never inside a string literal.
    /// The deployer uses it for a run-time schema override and to build its scratch (shadow) copy.
    /// </summary>
    static partial class SchemaMapping
    {
        /// <summary>
        /// The model with every schema name passed through <paramref name="map"/>. In raw SQL only qualified names of
        /// the model's own objects (its tables, enum types and template functions) move: <c>public.uuid_generate_v4()</c>
        /// stays where the extension put it when the model's public objects move elsewhere.
        /// </summary>
        public static SchemaModel Rename(SchemaModel model, Func<string, string> map) => Rename(model, map, OwnObjects(model));

        /// <summary>
        /// The model with every schema name passed through <paramref name="map"/>, and every qualifier in raw SQL that
        /// <paramref name="map"/> changes, whatever it qualifies (for names that only the deployer uses, such as the
        /// shadow's scratch schemas).
        /// </summary>
        public static SchemaModel RenameAll(SchemaModel model, Func<string, string> map) => Rename(model, map, null);

        /// <summary>
        /// The model with <paramref name="qualifier"/> removed from calls of the functions <paramref name="isFunction"/> names,
        /// in the SQL PostgreSQL prints (defaults, checks, generated columns, indexes, trigger definitions), not in function
        /// bodies, which keep the text as written. The shadow in pg_temp needs it: PostgreSQL never finds a function in
        /// pg_temp through search_path, so it prints calls of it qualified where it prints the live schema's unqualified.
        /// </summary>
        public static SchemaModel UnqualifyCalls(SchemaModel model, string qualifier, Func<string, bool> isFunction)
        {
            string? Printed(string? sql) => sql == null ? null : SqlSyntax.DropCallQualifier(sql, qualifier, isFunction);
            return Map(model, (schema, _) => schema, Printed, code => code, sql => Printed(sql)!);
        }

        /// <summary>
        /// The model read back from the one temporary schema that several managed schemas were folded into (the shadow of a
        /// role without CREATE on the database): every object, column type, foreign key target and qualified name in SQL
        /// whose schema is one of <paramref name="folded"/> (the names PostgreSQL prints the temporary schema by) goes back
        /// to the schema <paramref name="schemaOf"/> gives its name. The folded schemas' names are disjoint (ScratchSpace
        /// checks), so a name says where it came from.
        /// </summary>
        public static SchemaModel Unfold(SchemaModel model, ICollection<string> folded, Func<string, string?> schemaOf)
        {
            string? Place(string schema, string name) => folded.Contains(schema) ? schemaOf(name) : null;
            string? Expression(string? sql) => sql == null ? null
                : RenameSequenceLiterals(SqlSyntax.RenameQualifiers(sql, Place, dollarQuotedIsCode: false), Place);
            string Code(string sql) => SqlSyntax.RenameQualifiers(sql, Place, dollarQuotedIsCode: true);
            var unfolded = Map(model, (schema, name) => Place(schema, name) ?? schema, Expression, Code, Code);
            return unfolded with { Schemas = unfolded.Schemas.Where(s => !folded.Contains(s)).ToEquatableArray() };
        }

        private static SchemaModel Rename(SchemaModel model, Func<string, string> map, Func<string, string, bool>? owns)
        {
            var qualifiers = UsedSchemas(model).Where(s => map(s) != s).ToDictionary(s => s, map);
            string? Place(string schema, string name) => qualifiers.TryGetValue(schema, out var mapped) && (owns == null || owns(schema, name)) ? mapped : null;
            string? Expression(string? sql) => sql == null || qualifiers.Count == 0 ? sql
                : RenameSequenceLiterals(SqlSyntax.RenameQualifiers(sql, Place, dollarQuotedIsCode: false), Place);
            string Code(string sql) => qualifiers.Count == 0 ? sql : SqlSyntax.RenameQualifiers(sql, Place, dollarQuotedIsCode: true);
            return Map(model, (schema, _) => map(schema), Expression, Code, Code) with { Schemas = model.Schemas.Select(map).ToEquatableArray() };
        }

        // Every object's schema through place (with the object's name), every SQL expression through expression, function
        // bodies through code, and the definitions PostgreSQL prints whole (triggers) through printed: one place that knows
        // where each kind keeps its schema names and its SQL.
        private static SchemaModel Map(SchemaModel model, Func<string, string, string> place, Func<string?, string?> expression, Func<string, string> code,
            Func<string, string> printed)
        {
            var tables = model.Tables.Select(t => t with
            {
                Schema = place(t.Schema, t.Name),
                Columns = t.Columns.Select(c => c with
                {
                    TypeSchema = c.TypeSchema == null ? null : place(c.TypeSchema, TypeName(c.SqlType)),
                    DefaultSql = expression(c.DefaultSql),
                    GeneratedSql = expression(c.GeneratedSql),
                    Collation = expression(c.Collation),
                }).ToEquatableArray(),
                PrimaryKey = t.PrimaryKey == null ? null : t.PrimaryKey with { Definition = expression(t.PrimaryKey.Definition) },
                OtherConstraints = t.OtherConstraints.Select(k => k with { Definition = expression(k.Definition)! }).ToEquatableArray(),
                Checks = t.Checks.Select(k => k with { Expression = expression(k.Expression)! }).ToEquatableArray(),
                ForeignKeys = t.ForeignKeys.Select(f => f with { RefSchema = place(f.RefSchema, f.RefTable) }).ToEquatableArray(),
                Indexes = t.Indexes.Select(i => i with { Where = expression(i.Where), Definition = expression(i.Definition) }).ToEquatableArray(),
            }).ToEquatableArray();
            var enums = model.Enums.Select(e => e with { Schema = place(e.Schema, e.Name) }).ToEquatableArray();
            var functions = model.Functions.Select(f => f with
            {
                Schema = place(f.Schema, f.Name),
                Definition = code(f.Definition),
            }).ToEquatableArray();
            var triggers = model.Triggers.Select(t => t with
            {
                Schema = place(t.Schema, t.Table),
                FunctionSchema = place(t.FunctionSchema, t.FunctionName),
                Definition = printed(t.Definition),
            }).ToEquatableArray();
            var unmanaged = model.Unmanaged.Select(o => o with { Schema = place(o.Schema, o.Name) }).ToEquatableArray();
            var objects = model.Objects.Select(o => o with
            {
                Schema = place(o.Schema, o.Name),
                Definition = expression(o.Definition)!,
                DependsOn = o.DependsOn.Select(d => d with { Schema = place(d.Schema, d.Name) }).ToEquatableArray(),
            }).ToEquatableArray();
            var domains = model.Domains.Select(d => d with
            {
                Schema = place(d.Schema, d.Name),
                BaseType = expression(d.BaseType)!,
                DefaultSql = expression(d.DefaultSql),
                Checks = d.Checks.Select(k => k with { Expression = expression(k.Expression)! }).ToEquatableArray(),
            }).ToEquatableArray();
            return model with { Enums = enums, Tables = tables, Functions = functions, Triggers = triggers, Unmanaged = unmanaged, Objects = objects, Domains = domains };
        }

        // The type a column's SqlType names (its first token: "Mood"[] is the type "Mood").
        private static string TypeName(string sqlType) => SqlLexer.Tokens(sqlType) is { Count: > 0 } tokens && tokens[0].IsIdentifier ? tokens[0].Value : sqlType;

        /// <summary>Every schema the model puts an object in (including public), sorted.</summary>
        public static IReadOnlyList<string> UsedSchemas(SchemaModel model) =>
            model.Schemas.Concat(model.Tables.Select(t => t.Schema)).Concat(model.Enums.Select(e => e.Schema)).Concat(model.Functions.Select(f => f.Schema))
                .Concat(model.Objects.Select(o => o.Schema)).Concat(model.Domains.Select(d => d.Schema))
                .Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();

        // (schema, name) of every object the model creates, as a qualified name in raw SQL can name it.
        private static Func<string, string, bool> OwnObjects(SchemaModel model)
        {
            var own = new HashSet<(string, string)>(
                model.Tables.Select(t => (t.Schema, t.Name))
                    .Concat(model.Enums.Select(e => (e.Schema, e.Name)))
                    .Concat(model.Functions.Select(f => (f.Schema, f.Name)))
                    .Concat(model.Objects.Select(o => (o.Schema, o.Name)))
                    .Concat(model.Domains.Select(d => (d.Schema, d.Name))));
            return (schema, name) => own.Contains((schema, name));
        }
    }
}

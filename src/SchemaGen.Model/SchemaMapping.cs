using System;
using System.Collections.Generic;
using System.Linq;

namespace SchemaGen.Model
{
    /// <summary>
    /// Moves a model to other schema names: every table, enum, enum-typed column and foreign key target, and the
    /// schema qualifiers in the text of functions and triggers (<c>app.jobs</c> becomes <c>tenant.jobs</c>).
    /// The deployer uses it for a run-time schema override and to build its scratch (shadow) copy.
    /// </summary>
    static partial class SchemaMapping
    {
        /// <summary>The model with every schema name passed through <paramref name="map"/>.</summary>
        public static SchemaModel Rename(SchemaModel model, Func<string, string> map)
        {
            var tables = model.Tables.Select(t => t with
            {
                Schema = map(t.Schema),
                Columns = t.Columns.Select(c => c.TypeSchema == null ? c : c with { TypeSchema = map(c.TypeSchema) }).ToEquatableArray(),
                ForeignKeys = t.ForeignKeys.Select(f => f with { RefSchema = map(f.RefSchema) }).ToEquatableArray(),
            }).ToEquatableArray();
            var enums = model.Enums.Select(e => e with { Schema = map(e.Schema) }).ToEquatableArray();
            var schemas = model.Schemas.Select(map).ToEquatableArray();
            var qualifiers = UsedSchemas(model).Where(s => map(s) != s).ToDictionary(s => s, map);
            var functions = model.Functions.Select(f => f with
            {
                Schema = map(f.Schema),
                Definition = SqlSyntax.RenameQualifiers(f.Definition, qualifiers),
            }).ToEquatableArray();
            var triggers = model.Triggers.Select(t => t with
            {
                Schema = map(t.Schema),
                FunctionSchema = map(t.FunctionSchema),
                Definition = SqlSyntax.RenameQualifiers(t.Definition, qualifiers),
            }).ToEquatableArray();
            return new SchemaModel(schemas, enums, tables, functions, triggers);
        }

        /// <summary>Every schema the model puts an object in (including public), sorted.</summary>
        public static IReadOnlyList<string> UsedSchemas(SchemaModel model) =>
            model.Schemas.Concat(model.Tables.Select(t => t.Schema)).Concat(model.Enums.Select(e => e.Schema)).Concat(model.Functions.Select(f => f.Schema))
                .Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
    }
}

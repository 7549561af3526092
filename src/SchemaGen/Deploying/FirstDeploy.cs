using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// A first deployment: the managed schemas hold nothing (no object of the model, nothing unmanaged). Then the shadow
    /// would only run the model's script in scratch schemas to learn how PostgreSQL prints it; the deployment runs that
    /// script where it belongs instead, and the catalog read after it (the re-verification's read) is the target, recorded
    /// in the history row as a shadow's would be. A first deploy costs the script and two catalog reads, and needs no
    /// scratch place (no CREATE or TEMPORARY on the database).
    /// </summary>
    internal static class FirstDeploy
    {
        /// <summary>
        /// Whether the catalog of the managed schemas holds nothing: its create script is empty (so a kind of object added
        /// to the model, which the renderer must render, is covered without a change here) and nothing is unmanaged.
        /// Extensions belong to the database, not to the managed schemas (plpgsql is in every one): they do not count.
        /// </summary>
        public static bool IsEmpty(SchemaModel live) =>
            live.Unmanaged.IsEmpty
            && live.Tables.IsEmpty // each table is an object: no need to render thousands to know
            && DdlRenderer.RenderObjects(live with { Schemas = EquatableArray<string>.Empty, Extensions = EquatableArray<ExtensionModel>.Empty }).Count == 0;

        // Every catalog whose objects live in a schema, with the column that names it. Any object the catalog reader reads in
        // the managed schemas (and the history table) is a row of one of them, so when none has a row there, every query of
        // the reader but the schemas' and the extensions' is empty. Planning this costs the server a few milliseconds, where
        // the reader's own queries as NOT EXISTS cost it more to plan than the whole script takes to run on an empty database.
        // An extension whose members are in a managed schema makes it not empty: such a first deploy reads the catalog.
        private static readonly (string Catalog, string Column)[] Namespaced =
        {
            ("pg_class", "relnamespace"), ("pg_type", "typnamespace"), ("pg_proc", "pronamespace"), ("pg_constraint", "connamespace"),
            ("pg_collation", "collnamespace"), ("pg_conversion", "connamespace"), ("pg_operator", "oprnamespace"), ("pg_opclass", "opcnamespace"),
            ("pg_opfamily", "opfnamespace"), ("pg_ts_config", "cfgnamespace"), ("pg_ts_dict", "dictnamespace"), ("pg_ts_parser", "prsnamespace"),
            ("pg_ts_template", "tmplnamespace"), ("pg_statistic_ext", "stxnamespace"),
        };

        private static readonly string EmptySql = "SELECT "
            + string.Join("\n  AND ", Namespaced.Select(c =>
                $"NOT EXISTS (SELECT 1 FROM pg_catalog.{c.Catalog} WHERE {c.Column} IN (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ANY($1)))"));

        /// <summary>
        /// The live catalog when the managed schemas hold no object at all (the history table neither: a database deployed
        /// before), in one round trip that renders nothing; null when they hold anything, and then the deployment reads the
        /// whole catalog as always. What it returns is what <see cref="CatalogReader"/> would read then: the same queries give
        /// the schemas and the database's extensions, and every other query reads objects of those schemas, of which there are none.
        /// </summary>
        public static async Task<SchemaModel?> ReadIfEmptyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> schemas,
            CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            // The search_path the full read would set for the rest of the transaction: the script runs under it, so a body or
            // default that names a type of the model unqualified resolves as it does on every other deploy.
            batch.BatchCommands.Add(CatalogReader.SearchPathCommand(schemas, withSessionPath: true));
            foreach (var sql in new[] { EmptySql, CatalogQueries.Schemas, CatalogQueries.Extensions })
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!reader.GetBoolean(0))
                return null;
            await reader.NextResultAsync(cancellationToken);
            var existing = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
                existing.Add(reader.GetString(0));
            await reader.NextResultAsync(cancellationToken);
            var extensions = new List<ExtensionModel>();
            while (await reader.ReadAsync(cancellationToken))
                extensions.Add(new ExtensionModel(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            return new SchemaModel(existing.ToEquatableArray(), EquatableArray<EnumModel>.Empty, EquatableArray<TableModel>.Empty,
                EquatableArray<FunctionModel>.Empty, EquatableArray<TriggerModel>.Empty, EquatableArray<CatalogObject>.Empty,
                EquatableArray<TemplateObjectModel>.Empty) { Extensions = extensions.ToEquatableArray() };
        }
    }
}

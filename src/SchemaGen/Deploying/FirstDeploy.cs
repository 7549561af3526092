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
            && DdlRenderer.RenderObjects(live with { Schemas = EquatableArray<string>.Empty, Extensions = EquatableArray<ExtensionModel>.Empty }).Count == 0;

        // No history table, and not one row from any query of the catalog reader but the schemas' and the extensions' (the
        // reader's own queries, so a kind of object added to the reader is covered without a change here). The server
        // stops at the first row of each; nothing is rendered.
        private static readonly string EmptySql = "SELECT to_regclass($2) IS NULL"
            + string.Concat(CatalogReader.Queries.Where(q => q != CatalogQueries.Schemas && q != CatalogQueries.Extensions)
                .Select(q => "\n  AND NOT EXISTS (" + q + ")"));

        /// <summary>
        /// The live catalog when it holds nothing but existing schemas and the database's extensions, in one round trip that
        /// renders nothing; null when anything else is there (or the history table is: a database deployed before), and
        /// then the deployment reads the whole catalog as always. What it returns is what <see cref="CatalogReader"/> would
        /// read then: the same queries give the schemas and extensions, and every other query is proved empty.
        /// </summary>
        public static async Task<SchemaModel?> ReadIfEmptyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> schemas,
            HistoryTable history, CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var sql in new[] { EmptySql, CatalogQueries.Schemas, CatalogQueries.Extensions })
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.Add(new NpgsqlParameter { Value = schemas.ToArray() });
                if (sql == EmptySql)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
                    command.Parameters.Add(new NpgsqlParameter { Value = history.Name });
                }

                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
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

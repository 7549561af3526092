using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Catalog
{
    /// <summary>
    /// The deployer's catalog reader for tools (<c>schemagen scaffold</c>): what a database has, in the same
    /// <see cref="SchemaModel"/> shape the generator produces, read exactly as <c>Deploy</c> and <c>Verify</c> read it.
    /// </summary>
    public static class SchemaCatalog
    {
        /// <summary>
        /// Reads the given schemas in one round trip. Expressions (defaults, checks, predicates) are printed relative to
        /// a search_path of these schemas, as the deployer prints them; the history table is left out.
        /// </summary>
        public static async Task<SchemaModel> ReadAsync(NpgsqlConnection connection, IReadOnlyList<string> schemas, CancellationToken cancellationToken = default)
        {
            // The search_path the reader sets lasts for the transaction, so it does not leak into the caller's session.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var history = new HistoryTable(schemas.FirstOrDefault() ?? "public");
            var snapshot = await CatalogReader.ReadAsync(connection, transaction, schemas, history, cancellationToken, fingerprinted: false);
            await transaction.RollbackAsync(cancellationToken);
            return snapshot.Model;
        }

        /// <summary>
        /// Sets the transaction's search_path as the reader sets it for these schemas (them first, then the session's), so
        /// that expressions a tool has PostgreSQL print in that transaction read exactly as the catalog's.
        /// </summary>
        public static Task SetSearchPathAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> schemas,
            CancellationToken cancellationToken = default) =>
            CatalogReader.SetSearchPathAsync(connection, transaction, schemas, cancellationToken, withSessionPath: true);

        /// <summary>The schemas of the database a user may own: every schema but PostgreSQL's own and those an extension created.</summary>
        public static async Task<IReadOnlyList<string>> UserSchemasAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
        {
            await using var command = new NpgsqlCommand("""
                SELECT n.nspname::text FROM pg_namespace n
                WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
                ORDER BY 1
                """, connection);
            var schemas = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                schemas.Add(reader.GetString(0));
            return schemas;
        }
    }
}

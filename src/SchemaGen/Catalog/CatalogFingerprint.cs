using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Catalog
{
    /// <summary>
    /// The fingerprint of the managed schemas, computed by the server: md5 over the rows of each of the catalog reader's
    /// queries (<see cref="CatalogReader.Queries"/>, so a kind of object added to the reader is covered without a change
    /// here), then md5 over those. The no-op check sends it with the history marker and gets one small row back, whatever
    /// the model's size; the full read computes the same value in its batch, for the marker a deployment writes.
    /// </summary>
    internal static class CatalogFingerprint
    {
        // Each query's rows as text, sorted (the text of a row is all of it), so the order the rows come in does not matter.
        public static readonly string Sql = "SELECT (" + CatalogQueries.HistoryMarker + "), md5(concat_ws(','"
            + string.Concat(CatalogReader.Queries.Select(q => ",\n    (SELECT md5(coalesce(string_agg(q::text, E'\\n' ORDER BY q::text), '')) FROM (" + q + ") q)"))
            + "))";

        /// <summary>The fingerprint query with its parameters, as the last command of a batch that set search_path.</summary>
        public static NpgsqlBatchCommand Command(string[] schemas, HistoryTable history)
        {
            var command = new NpgsqlBatchCommand(Sql);
            command.Parameters.Add(new NpgsqlParameter { Value = schemas });
            command.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
            command.Parameters.Add(new NpgsqlParameter { Value = history.Name });
            return command;
        }

        /// <summary>The last deployment's marker and the fingerprint of the catalog now: one round trip, one row.</summary>
        public static async Task<(string? Marker, string Fingerprint)> ReadAsync(NpgsqlConnection connection, string[] schemas, HistoryTable history,
            CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(CatalogReader.SearchPathCommand(schemas, withSessionPath: true));
            batch.BatchCommands.Add(Command(schemas, history));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1));
        }
    }
}

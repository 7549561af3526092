using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// The live catalog without reading it, when the last deployment read it. Each deployment records the catalog it read
    /// after applying (its re-verification's read) in its history row, and that read's stamp in the marker. When the
    /// catalog's stamp is still the marker's, no catalog row has changed since (<see cref="CatalogStamp"/>: the argument the
    /// no-op check rests on), so the catalog reader would return exactly what was recorded; planning a changed model then
    /// costs one small row and the recorded data instead of a read of every table.
    /// </summary>
    /// <remarks>
    /// The record must also have been read the way this read would be: the same managed schemas, the same search_path
    /// (expressions are printed relative to it), and the same reader (this build of the assembly: its module version id). All three are its
    /// <c>live_scope</c>. Anything else (no marker, a moved stamp, a row from another scope or damaged data) reads the catalog.
    /// </remarks>
    internal static class RecordedLive
    {
        // unconfirmedUnless: a model hash. Without computing the stamp, the record the marker names is taken, unless it is of this
        // model (CatalogSnapshot.Unconfirmed: the deployment checks it later); with that model, or null, the stamp decides.
        public static async Task<CatalogSnapshot?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> schemas,
            HistoryTable history, string? unconfirmedUnless, CancellationToken cancellationToken)
        {
            string? marker;
            string stamp, searchPath;
            var unconfirmed = unconfirmedUnless != null;
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                batch.BatchCommands.Add(CatalogReader.SearchPathCommand(schemas, withSessionPath: true));
                var state = new NpgsqlBatchCommand(unconfirmed ? CatalogFingerprint.MarkerSql : CatalogFingerprint.MarkerAndStampSql);
                state.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
                batch.BatchCommands.Add(state);
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                (marker, stamp, searchPath) = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetString(2));
            }

            if (unconfirmed)
            {
                // The marker of this model: the deployment compares fingerprints, which only a checked catalog may give.
                if (HistoryTable.RecordsModel(marker, unconfirmedUnless!) || HistoryTable.StampOf(marker) is not { } recorded)
                    return await ReadAsync(connection, transaction, schemas, history, null, cancellationToken);
                stamp = recorded;
            }

            if (HistoryTable.RecordedWithStamp(marker, stamp) is not var (modelHash, fingerprint))
                return null;
            // The record's digests and table stamps were taken with it: with the stamp unchanged, they are the catalog's now.
            var record = await StoredTarget.ReadLiveAsync(connection, transaction, history, modelHash, fingerprint, Scope(schemas, searchPath), cancellationToken);
            return record is not { } found
                ? null
                : new CatalogSnapshot(found.Live, marker, fingerprint, stamp, searchPath) { TableDigests = found.Digests, TableStamps = found.Stamps, RecordedAsTarget = found.AsTarget, Unconfirmed = unconfirmed };
        }

        /// <summary>What a read of the catalog depends on besides the catalog: the reader, the managed schemas and the search_path.</summary>
        public static string Scope(IReadOnlyList<string> schemas, string searchPath) =>
            "reader " + typeof(RecordedLive).Assembly.ManifestModule.ModuleVersionId + "\nschemas " + SqlSyntax.IdentifierList(schemas) + "\nsearch_path " + searchPath;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Telemetry;

namespace SchemaGen.Catalog
{
    /// <summary>
    /// The fingerprint of the managed schemas, computed by the server: a digest of the rows of each of the catalog reader's
    /// queries (<see cref="CatalogReader.Queries"/>, so a kind of object added to the reader is covered without a change
    /// here; md5 over the sorted rows, or for the per-table queries the count and sum of the rows' hashes: <see cref="PerTable"/>),
    /// then md5 over those. The full read has each query return its digest beside its rows and combines them
    /// (<see cref="WithDigest"/>, <see cref="Combine"/>), after the <see cref="CatalogStamp"/> in the batch's first statement,
    /// for the marker a deployment writes. The no-op check asks for the stamp first (one small row, nothing rendered) and
    /// for the fingerprint, computed by the server alone, only when the stamp moved.
    /// </summary>
    internal static class CatalogFingerprint
    {
        // Each query's rows as text, sorted (the text of a row is all of it), so the order the rows come in does not matter.
        private static string Digest(string rows) => "md5(coalesce(string_agg(" + rows + "::text, E'\\n' ORDER BY " + rows + "::text), ''))";

        /// <summary>
        /// The queries digested table by table (their first two columns are the table's schema and name): each row's text is
        /// hashed (64 bits), a table's digest is the count and sum of its rows' hashes, and the query's the count and sum of
        /// all of them, so the digests of a read of some tables add up with the recorded digests of the others to the
        /// fingerprint of the whole (<see cref="TableDigests"/>); and no sort is needed. The other queries are small.
        /// </summary>
        public static readonly string[] PerTable = { CatalogQueries.Columns, CatalogQueries.Constraints, CatalogQueries.Indexes };

        // The count and sum of the rows' hashes of rows, a whole-row reference.
        private static string Sum(string rows, string over = "") =>
            "count(*)" + over + " || ':' || coalesce(sum(hashtextextended(" + rows + "::text, 0))" + over + ", 0)";

        private static string DigestOf(string query) => PerTable.Contains(query)
            ? "(SELECT " + Sum("q") + " FROM (" + query + ") q)"
            : "(SELECT " + Digest("q") + " FROM (" + query + ") q)";

        private static readonly string Full = "md5(concat_ws(','"
            + string.Concat(CatalogReader.Queries.Select(q => ",\n    " + DigestOf(q)))
            + "))";

        /// <summary>
        /// A catalog query returning its rows with a digest as a last column. For most queries it is the digest of all its
        /// rows, computed once over the same rows (a materialized CTE): the full read gets the fingerprint without running every
        /// query a second time, and its digests, combined (<see cref="Combine"/>), are the server's <see cref="Full"/>
        /// fingerprint of the same catalog. For a per-table query (<paramref name="perTable"/>: one of <see cref="PerTable"/>,
        /// or such a query restricted to some tables) it is the row's table's digest (a window over the rows, which come
        /// ordered by table), and the query's is their sum (<see cref="TableDigests.Combined"/>).
        /// </summary>
        public static string WithDigest(string query, bool perTable) => perTable
            ? "SELECT x.*, " + Sum("x", " OVER w") + " FROM (\n" + query + "\n) x(s, t) WINDOW w AS (PARTITION BY x.s, x.t)"
            : "WITH q AS MATERIALIZED (\n" + query + "\n) SELECT q.*, (SELECT " + Digest("q") + " FROM q) FROM q";

        /// <summary>The digest of a query without rows: md5 of the empty string.</summary>
        public const string EmptyDigest = "d41d8cd98f00b204e9800998ecf8427e";

        /// <summary>The fingerprint from each query's digest, in <see cref="CatalogReader.Queries"/> order, as <see cref="Full"/> combines them.</summary>
        public static string Combine(IEnumerable<string> digests)
        {
            var hash = MD5.HashData(Encoding.UTF8.GetBytes(string.Join(",", digests)));
            return Convert.ToHexString(hash).ToLowerInvariant();
        }

        /// <summary>The marker, the stamp and the search_path ($1: the history table's qualified name): the full read's first statement.</summary>
        public static readonly string MarkerAndStampSql = "SELECT obj_description(to_regclass($1), 'pg_class'), " + CatalogStamp.For("$1") + ", current_setting('search_path')";

        /// <summary>The marker and the search_path, for a read nothing records (a shadow's).</summary>
        public const string MarkerSql = "SELECT obj_description(to_regclass($1), 'pg_class'), '', current_setting('search_path')";

        /// <summary>The marker, the stamp and the full fingerprint, computed by the server alone (the no-op check's second tier).</summary>
        public static readonly string Sql = "SELECT (" + CatalogQueries.HistoryMarker + "), " + CatalogStamp.Sql + ", " + Full;

        /// <summary>
        /// The no-op check's first tier: the marker and the stamp, nothing rendered, after a statement that plans them
        /// serially (<see cref="CatalogReader.SerialPlans"/>). The full fingerprint is not in this
        /// statement even as an untaken branch: planning it alone costs the server more than the whole stamp. Without a
        /// marker of this model (a first deploy, a changed model) the stamp decides nothing and is not computed (an untaken
        /// CASE branch: PostgreSQL evaluates an uncorrelated subquery only when a row needs its value), which saves its 40
        /// catalog scans (0.1 s for 1,000 tables).
        /// </summary>
        /// <remarks>
        /// Without parameters (the history table's name and the model hash are literals): the no-op process then runs no
        /// parameter or array code of Npgsql's, which it would compile at start-up for this one statement (<c>docs/benchmarks.md</c>).
        /// </remarks>
        public static string StampSql(HistoryTable history, string modelHash)
        {
            var name = Model.SqlSyntax.Literal(history.QualifiedName);
            // Two statements in one round trip: the first's settings last until the implicit transaction's end, after the second.
            return "SELECT " + CatalogReader.SerialPlans + ";\nSELECT m, CASE WHEN split_part(m, ' ', 2) IS DISTINCT FROM " + Model.SqlSyntax.Literal(modelHash) + " THEN '' ELSE " + CatalogStamp.For(name)
                + " END FROM (SELECT obj_description(to_regclass(" + name + "), 'pg_class')) marker(m)";
        }

        /// <summary>The fingerprint query with its parameters, as the last command of a batch that set search_path.</summary>
        public static NpgsqlBatchCommand Command(string[] schemas, HistoryTable history)
        {
            var command = new NpgsqlBatchCommand(Sql);
            command.Parameters.Add(new NpgsqlParameter { Value = schemas });
            command.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
            command.Parameters.Add(new NpgsqlParameter { Value = history.Name });
            return command;
        }

        /// <summary>
        /// Whether the database is as the last deployment of this model left it: the marker's stamp is the catalog's (one
        /// round trip, one small row), or, when the stamp moved (DDL elsewhere in the database, a temporary table), the full
        /// fingerprint is the marker's (a second round trip; the verdict then carries the marker with the new stamp). A
        /// marker of another model, or none, needs no fingerprint at all.
        /// </summary>
        /// <remarks>Which of the three decided is the operation span's <c>schemagen.noop_check</c> tag: stamp, marker or fingerprint.</remarks>
        public static async Task<NoOpCheck> CheckAsync(NpgsqlConnection connection, Func<Task<string[]>> schemas, HistoryTable history, string modelHash,
            OperationTelemetry? telemetry, CancellationToken cancellationToken)
        {
            string? marker;
            string stamp;
            await using (var command = new NpgsqlCommand(StampSql(history, modelHash), connection))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                (marker, stamp) = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1));
            }

            if (HistoryTable.RecordsStamp(marker, modelHash, stamp))
            {
                telemetry?.NoOpCheckedBy("stamp");
                return new NoOpCheck(true);
            }

            if (!HistoryTable.RecordsModel(marker, modelHash))
            {
                telemetry?.NoOpCheckedBy("marker");
                return new NoOpCheck(false);
            }

            telemetry?.NoOpCheckedBy("fingerprint");

            // The managed schemas come from the model, which a no-op decided by the stamp never decodes: asked for only now.
            var managed = await schemas();
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(CatalogReader.SearchPathCommand(managed, withSessionPath: true));
            batch.BatchCommands.Add(Command(managed, history));
            await using var full = await batch.ExecuteReaderAsync(cancellationToken);
            await full.NextResultAsync(cancellationToken);
            await full.ReadAsync(cancellationToken);
            var (fullMarker, fullStamp, fingerprint) = (full.IsDBNull(0) ? null : full.GetString(0), full.GetString(1), full.GetString(2));
            return NoOpCheck.Of(HistoryTable.Records(fullMarker, modelHash, fingerprint), fullMarker, modelHash, fingerprint, fullStamp);
        }
    }
}

using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// The target a deployment recorded in the history table: the model as this server's major version rendered it in the
    /// shadow, equal to the live catalog when it was committed. Plan and Verify of a deployed model read it instead of rendering
    /// the model again, so a role without CREATE on the database, or a hot standby, can run them; a deployment of a changed
    /// model takes the unchanged tables' rendering from the last one (<see cref="ScopedShadow"/>).
    /// </summary>
    internal static class StoredTarget
    {
        /// <summary>The target a history row recorded, decoded.</summary>
        public sealed record RecordedTarget(long HistoryId, SchemaModel Target);

        /// <summary>The last target recorded for this model hash, or null.</summary>
        public static async Task<SchemaModel?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, HistoryTable history, string modelHash,
            CancellationToken cancellationToken)
        {
            var row = await ReadRowAsync(connection, transaction, history.SelectTarget, new object[] { modelHash }, cancellationToken);
            return row == null ? null : Decode((string)row[0]!);
        }

        /// <summary>
        /// The last target recorded with its table hashes (<see cref="TableHashes"/>), whatever its model, or null.
        /// <paramref name="known"/> is a row's target the caller has decoded already (the recorded live catalog is usually the
        /// last row's target): when that row is the last, its megabytes are neither sent nor decoded again.
        /// </summary>
        public static async Task<(SchemaModel Target, string[] TableHashes)?> ReadLatestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
            HistoryTable history, RecordedTarget? known, CancellationToken cancellationToken)
        {
            var row = await ReadRowAsync(connection, transaction, history.SelectLatestTarget,
                new object[] { new NpgsqlParameter { Value = (object?)known?.HistoryId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint } }, cancellationToken);
            if (row?[0] is not string[] hashes)
                return null;
            var target = row[2] is string data ? Decode(data) : known is { } same && same.HistoryId == (long)row[1]! ? same.Target : null;
            return target == null ? null : (target, hashes);
        }

        /// <summary>
        /// The live catalog a deployment recorded (<see cref="RecordedLive"/>) with its table digests and stamps (null in rows
        /// written before they were kept, or damaged), or null.
        /// </summary>
        public static async Task<(SchemaModel Live, Catalog.TableDigests? Digests, Catalog.TableStamps? Stamps, RecordedTarget? AsTarget)?> ReadLiveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
            HistoryTable history, string modelHash, string fingerprint, string scope, CancellationToken cancellationToken)
        {
            var row = await ReadRowAsync(connection, transaction, history.SelectLive, new object[] { modelHash, fingerprint, scope }, cancellationToken);
            if (row == null || Decode((string)row[0]!) is not { } live)
                return null;
            return (live, row[1] is string digests ? Catalog.TableDigests.Read(digests) : null, row[2] is string stamps ? Catalog.TableStamps.Read(stamps) : null,
                row[3] is long id ? new RecordedTarget(id, live) : null);
        }

        // The row's columns (null where null); the first is never null.
        private static async Task<object?[]?> ReadRowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
            object[] parameters, CancellationToken cancellationToken)
        {
            // In a savepoint: a database without a history table (or with one from before targets were kept) has none.
            await transaction.SaveAsync("schemagen_stored_target", cancellationToken);
            try
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                foreach (var parameter in parameters)
                    command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter });
                object?[]? row = null;
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0))
                        row = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray();
                }

                await transaction.ReleaseAsync("schemagen_stored_target", cancellationToken);
                return row;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn
                                                  or PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.InsufficientPrivilege)
            {
                await transaction.RollbackAsync("schemagen_stored_target", cancellationToken);
                return null;
            }
        }

        private static SchemaModel? Decode(string data)
        {
            try
            {
                return ModelData.ReadTextOrPacked(data);
            }
            catch (FormatException)
            {
                return null; // a damaged row: render the model (or read the catalog) instead, as if it had not been kept
            }
        }
    }
}

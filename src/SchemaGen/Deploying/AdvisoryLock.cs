using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Serialises deployments into one schema. Atomic mode takes a transaction-level advisory lock
    /// (pg_try_advisory_xact_lock): it is released with the transaction, so it never strands behind a connection
    /// pooler. Online mode takes the session-level lock on the same key (pg_try_advisory_lock), held across its
    /// phases and released in finally; the two kinds conflict, so an Atomic and an Online deployer are serialised
    /// too. Either is taken in a loop with back-off: a waiting deployer never blocks inside the server, so it cannot
    /// deadlock with a concurrent index build.
    /// </summary>
    internal static class AdvisoryLock
    {
        public static Task AcquireAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long key, TimeSpan timeout, CancellationToken cancellationToken) =>
            TryUntilAsync(connection, transaction, "SELECT pg_try_advisory_xact_lock($1)", key, timeout, cancellationToken);

        /// <summary>The session-level lock of Online mode; release it with <see cref="ReleaseSessionAsync"/> in finally.</summary>
        public static Task AcquireSessionAsync(NpgsqlConnection connection, long key, TimeSpan timeout, CancellationToken cancellationToken) =>
            TryUntilAsync(connection, null, "SELECT pg_try_advisory_lock($1)", key, timeout, cancellationToken);

        /// <summary>Releases the session-level lock; a connection that broke has lost it with its session already.</summary>
        public static async Task ReleaseSessionAsync(NpgsqlConnection connection, long key)
        {
            if (connection.State != System.Data.ConnectionState.Open)
                return;
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            await command.ExecuteScalarAsync(CancellationToken.None);
        }

        private static async Task TryUntilAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, long key, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var waited = Stopwatch.StartNew();
            var delay = TimeSpan.FromMilliseconds(10);
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            while (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                if (waited.Elapsed > timeout)
                {
                    RecordWait(connection, waited, acquired: false);
                    throw new SchemaDeployException($"Another deployment held the schema's deployment lock for longer than LockTimeout ({timeout.TotalSeconds:0.#} s); nothing was changed.");
                }

                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
            }

            RecordWait(connection, waited, acquired: true);
        }

        private static void RecordWait(NpgsqlConnection connection, Stopwatch waited, bool acquired) =>
            Telemetry.DeployInstruments.LockWait.Record(waited.Elapsed.TotalSeconds,
                new KeyValuePair<string, object?>(SchemaGenTelemetry.Tags.LockAcquired, acquired),
                new KeyValuePair<string, object?>(SchemaGenTelemetry.Tags.Database, connection.Database));
    }
}

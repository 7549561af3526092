using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Serialises deployments into one schema. A transaction-level advisory lock, taken with
    /// pg_try_advisory_xact_lock in a loop with back-off: it is released with the transaction (so it never
    /// strands behind a connection pooler) and a waiting deployer never blocks inside the server, so it cannot
    /// deadlock with a concurrent index build.
    /// </summary>
    internal static class AdvisoryLock
    {
        public static async Task AcquireAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long key, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var waited = Stopwatch.StartNew();
            var delay = TimeSpan.FromMilliseconds(10);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1)", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            while (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                if (waited.Elapsed > timeout)
                    throw new SchemaDeployException($"Another deployment held the schema's deployment lock for longer than LockTimeout ({timeout.TotalSeconds:0.#} s); nothing was changed.");
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
            }
        }
    }
}

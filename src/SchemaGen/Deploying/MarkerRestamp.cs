using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using SchemaGen.Catalog;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Records the catalog's new stamp in the marker after a no-op that the full fingerprint decided. Without it, DDL
    /// anywhere else in the database (another application's schema, an extension's update) would send every later no-op
    /// check to the full fingerprint until the model changed. Sound: an equal fingerprint means the catalog reader returns
    /// exactly the rows it returned when the marker was written, so the deployment's recorded catalog
    /// (<see cref="RecordedLive"/>) is still what a read would return under the new stamp.
    /// </summary>
    /// <remarks>
    /// Under the deployment lock, tried once and never waited for, and only while the marker is still the one the check
    /// read: a deployment in progress or just committed is never overwritten. It is an optimisation, so a session that
    /// cannot write (a hot standby, a role that does not own the history table) keeps the marker and logs why.
    /// </remarks>
    internal static class MarkerRestamp
    {
        public static async Task RecordAsync(NpgsqlConnection connection, HistoryTable history, NoOpCheck check, ILogger? log, CancellationToken cancellationToken)
        {
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var claim = new NpgsqlCommand(
                                 "SELECT pg_try_advisory_xact_lock($1) AND obj_description(to_regclass($2), 'pg_class') IS NOT DISTINCT FROM $3", connection, transaction))
                {
                    claim.Parameters.Add(new NpgsqlParameter { Value = history.LockKey });
                    claim.Parameters.Add(new NpgsqlParameter { Value = history.QualifiedName });
                    claim.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = check.ReadMarker });
                    if (!(bool)(await claim.ExecuteScalarAsync(cancellationToken))!)
                        return; // another deployment holds the lock or has written its marker since: it records its own stamp
                }

                await using (var comment = new NpgsqlCommand(history.SetMarker(check.RestampedMarker!), connection, transaction))
                    await comment.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (PostgresException e)
            {
                log?.LogInformation("Could not record the catalog's new stamp in {History} ({Error}); the next no-op check computes the fingerprint again",
                    history.QualifiedName, e.MessageText);
            }
        }
    }
}

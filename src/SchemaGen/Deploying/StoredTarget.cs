using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// The target a deployment of the same model recorded in the history table: the model as this server's major version
    /// rendered it in the shadow, equal to the live catalog when it was committed. Plan and Verify of a deployed model read
    /// it instead of rendering the model again, so a role without CREATE on the database, or a hot standby, can run them.
    /// </summary>
    internal static class StoredTarget
    {
        public static async Task<SchemaModel?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, HistoryTable history, string modelHash,
            CancellationToken cancellationToken)
        {
            // In a savepoint: a database without a history table (or with one from before targets were kept) has none.
            await transaction.SaveAsync("schemagen_stored_target", cancellationToken);
            string? data;
            try
            {
                await using var command = new NpgsqlCommand(history.SelectTarget, connection, transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = modelHash });
                data = await command.ExecuteScalarAsync(cancellationToken) as string;
                await transaction.ReleaseAsync("schemagen_stored_target", cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn
                                                  or PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.InsufficientPrivilege)
            {
                await transaction.RollbackAsync("schemagen_stored_target", cancellationToken);
                return null;
            }

            if (data == null)
                return null;
            try
            {
                return ModelData.Read(data);
            }
            catch (FormatException)
            {
                return null; // a damaged row: render the model instead, as if it had not been kept
            }
        }
    }
}

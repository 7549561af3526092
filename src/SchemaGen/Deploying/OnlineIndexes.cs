using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Builds indexes with CREATE INDEX CONCURRENTLY after the deploy transaction, one statement per command
    /// (PostgreSQL refuses it in a transaction or a multi-statement batch). An index left INVALID by an
    /// earlier failed build is dropped and built again, never mistaken for a finished one.
    /// </summary>
    internal static class OnlineIndexes
    {
        public static async Task BuildAsync(NpgsqlConnection connection, IReadOnlyList<MigrationStep> steps, ILogger? log, CancellationToken cancellationToken)
        {
            foreach (var step in steps)
            {
                var concurrently = AlterRenderer.CreateIndexConcurrently(step.Statements[0]);
                await ExecuteAsync(connection, AlterRenderer.DropIndexConcurrently(step.IndexName!), step, cancellationToken);
                log?.LogInformation("Building index online: {Sql}", concurrently);
                await ExecuteAsync(connection, concurrently, step, cancellationToken);
            }
        }

        private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, MigrationStep step, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e)
            {
                throw new SchemaDeployException(
                    $"PostgreSQL refused an online index build at {step.Object}: {e.MessageText} (SQLSTATE {e.SqlState}). The schema changes before it were committed; the index is left for the next deploy to build.\n{sql}",
                    sql, e.SqlState, e.Position == 0 ? null : e.Position, inner: e);
            }
        }
    }
}

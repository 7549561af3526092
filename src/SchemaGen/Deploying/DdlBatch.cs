using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Model;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// Runs DDL text as PostgreSQL reads it. An <see cref="NpgsqlCommand"/> without parameters splits its text at every
    /// semicolon outside quotes, which cuts a SQL-standard function body (<c>BEGIN ATOMIC … END</c>) apart; here the text is
    /// split by SchemaGen's own lexer and sent as one batch (batch commands are never split again), in one round trip.
    /// </summary>
    internal static class DdlBatch
    {
        public static NpgsqlBatch Create(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction)
        {
            var batch = new NpgsqlBatch(connection, transaction);
            foreach (var command in Commands(sql))
                batch.BatchCommands.Add(command);
            return batch;
        }

        /// <summary>The statements of <paramref name="sql"/> as batch commands, split by the lexer.</summary>
        public static IEnumerable<NpgsqlBatchCommand> Commands(string sql) =>
            SqlSyntax.Statements(sql).Select(statement => new NpgsqlBatchCommand(statement.Text));

        public static async Task ExecuteAsync(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
        {
            await using var batch = Create(sql, connection, transaction);
            if (batch.BatchCommands.Count == 0)
                return;
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (NameFailedCommand(batch, e))
            {
                throw; // not reached: the filter only names the command
            }
        }

        /// <summary>
        /// Sets <c>PostgresException.BatchCommand</c> to the command PostgreSQL refused, where Npgsql (10.0) leaves it
        /// null for a failed batch. PostgreSQL completes a batch's commands in order, so the refused one is the first that has
        /// no completion (its <see cref="NpgsqlBatchCommand.StatementType"/> is still Unknown). Returns false, for use as an
        /// exception filter that lets the exception pass with its stack.
        /// </summary>
        public static bool NameFailedCommand(NpgsqlBatch batch, PostgresException e)
        {
            e.BatchCommand ??= batch.BatchCommands.OfType<NpgsqlBatchCommand>().FirstOrDefault(c => c.StatementType == StatementType.Unknown);
            return false;
        }
    }
}

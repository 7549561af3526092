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
            foreach (var statement in SqlSyntax.Statements(sql))
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement.Text));
            return batch;
        }

        public static async Task ExecuteAsync(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
        {
            await using var batch = Create(sql, connection, transaction);
            if (batch.BatchCommands.Count > 0)
                await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

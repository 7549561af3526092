using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// The schemas the last deployment managed (its history row's <c>managed_schemas</c>) that still exist. They stay managed
    /// when the model stops using them — every table moved to another schema, a schema renamed in <c>[Table(Schema = …)]</c> —
    /// so what is left in them is reported as unmanaged, is <c>Extra</c> drift in Verify and is dropped by <c>DropUnmanaged</c>,
    /// instead of falling out of sight with its rows. A schema leaves the set only when it no longer exists.
    /// </summary>
    internal static class LeftSchemas
    {
        /// <summary>Empty without a history table, without a row, or from a row written before the column existed.</summary>
        public static async Task<IReadOnlyList<string>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, HistoryTable history,
            CancellationToken cancellationToken)
        {
            // In a savepoint inside a transaction: a missing table or column must not abort it. Outside one the statement fails alone.
            if (transaction != null)
                await transaction.SaveAsync("schemagen_left_schemas", cancellationToken);
            try
            {
                // Planned serially, as every catalog read (CatalogReader.SerialPlans; for the transaction, implicit or not).
                await using var command = new NpgsqlCommand("SELECT " + Catalog.CatalogReader.SerialPlans + ";\n" + history.SelectManagedSchemas, connection, transaction);
                string[] schemas;
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    await reader.NextResultAsync(cancellationToken);
                    schemas = await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? reader.GetFieldValue<string[]>(0) : new string[0];
                }

                if (transaction != null)
                    await transaction.ReleaseAsync("schemagen_left_schemas", cancellationToken);
                return schemas;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn
                                                  or PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.InsufficientPrivilege)
            {
                if (transaction != null)
                    await transaction.RollbackAsync("schemagen_left_schemas", cancellationToken);
                return new string[0];
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Deploying
{
    /// <summary>
    /// The order the catalog reader returns tables and triggers in: by schema, table (and trigger) name as text, in the
    /// database's collation, which only the server knows. A target merged from two readings is put in that order, so it equals
    /// one reading of the whole.
    /// </summary>
    internal static class CatalogOrder
    {
        private const string Sql = """
            SELECT k FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) u(k, s, t, n) ORDER BY s, t, n
            """;

        /// <summary>The positions of the tables, then those of the triggers, each list in the catalog reader's order.</summary>
        public static async Task<(List<int> Tables, List<int> Triggers)> SortAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
            IReadOnlyList<(string Schema, string Table, string Name)> tables, IReadOnlyList<(string Schema, string Table, string Name)> triggers,
            CancellationToken cancellationToken)
        {
            return (await SortOneAsync(connection, transaction, tables, cancellationToken), await SortOneAsync(connection, transaction, triggers, cancellationToken));
        }

        private static async Task<List<int>> SortOneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
            IReadOnlyList<(string Schema, string Table, string Name)> keys, CancellationToken cancellationToken)
        {
            var order = new List<int>(keys.Count);
            if (keys.Count < 2)
                return Enumerable.Range(0, keys.Count).ToList();
            await using var command = new NpgsqlCommand(Sql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range(0, keys.Count).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Schema).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Table).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Name).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                order.Add(reader.GetInt32(0));
            return order;
        }
    }
}

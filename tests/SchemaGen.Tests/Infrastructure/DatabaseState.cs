using System.Linq;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// Everything a refused or failed deploy must leave as it was: the whole schema as pg_dump prints it,
/// PostgreSQL's catalog of every user schema, every row of every user table, and the deployment history.
/// </summary>
public sealed record DatabaseState(string Dump, string Catalog, string Rows)
{
    public static async Task<DatabaseState> CaptureAsync(NpgsqlConnection connection)
    {
        var schemas = await connection.ScalarAsync<string[]>(
            "SELECT array_agg(nspname::text ORDER BY nspname) FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'");
        var tables = await connection.ScalarAsync<string[]>(
            "SELECT coalesce(array_agg(c.oid::regclass::text ORDER BY 1), '{}') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = ANY($1)", [schemas]);
        var rows = new System.Text.StringBuilder();
        foreach (var table in tables)
            rows.Append(table).Append(": ").Append(await connection.ScalarAsync<string>($"SELECT coalesce(string_agg(t::text, ';' ORDER BY t::text), '') FROM {table} t")).Append('\n');
        return new DatabaseState(await PgDump.SchemaAsync(connection), (await PgCatalog.ReadAsync(connection, schemas)).ToString(), rows.ToString());
    }
}

using System;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Testing;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// The test run's PostgreSQL server: one throwaway cluster for the whole process (or SCHEMAGEN_TEST_PG),
/// and a fresh, empty database for every test that asks.
/// </summary>
public static class Postgres
{
    private static readonly Lazy<ThrowawayPostgres> Server = new(() =>
    {
        var server = ThrowawayPostgres.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });

    public static ThrowawayPostgres Instance => Server.Value;

    /// <summary>An open connection to a new, empty database.</summary>
    public static async Task<NpgsqlConnection> NewDatabaseAsync()
    {
        var connection = new NpgsqlConnection(Server.Value.CreateDatabase());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Closes the connection and drops its database: for tests that make many, such as long property runs.</summary>
    public static async Task DropDatabaseAsync(NpgsqlConnection connection)
    {
        var name = connection.Database;
        await connection.CloseAsync();
        await using var admin = new NpgsqlConnection(Server.Value.AdminConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"")}\" WITH (FORCE)");
    }

    public static async Task ExecuteAsync(this NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(this NpgsqlConnection connection, string sql, params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

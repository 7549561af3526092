using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Cli.Database;

/// <summary>
/// A database created for one command on the server of a given connection (<c>schemagen_compare_&lt;random&gt;</c>)
/// and dropped again when the command ends, whether it succeeded or not.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly DatabaseConnection _server;
    private readonly string _name;

    private ScratchDatabase(DatabaseConnection server, string name, DatabaseConnection connection)
    {
        _server = server;
        _name = name;
        Connection = connection;
    }

    /// <summary>The scratch database: unpooled, so that no idle connection keeps it from being dropped.</summary>
    public DatabaseConnection Connection { get; }

    public static async Task<ScratchDatabase> CreateAsync(DatabaseConnection server, string prefix, CancellationToken cancellationToken)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = await server.OpenAsync(cancellationToken))
        {
            try
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new UserErrorException($"cannot create a scratch database on {server.Name}: the user may not create databases",
                    $"{e.MessageText}.\nschemagen compare loads the schema file into a temporary database and drops it afterwards; "
                    + "connect as a user with CREATEDB (ALTER ROLE <user> CREATEDB) or as a superuser.");
            }
        }

        var settings = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = false };
        var scratch = new DatabaseConnection(settings.ConnectionString, server.Name[..(server.Name.LastIndexOf('/') + 1)] + name);
        return new ScratchDatabase(server, name, scratch);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // FORCE ends any session still in it (PostgreSQL 13+); the command is over, nothing else may use it.
            await using var connection = await _server.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or UserErrorException)
        {
            // Not thrown: it would hide the error the command may be ending with.
            Terminal.Progress($"warning: could not drop the scratch database {_name} on {_server.Name}: {FailureReporter.Describe(e)}");
        }
    }
}

using System.Collections.Generic;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// Records every DDL command PostgreSQL runs in a database from now on, with an event trigger: the
/// server's own account of what a deploy did, independent of what the deployer reports.
/// </summary>
public static class DdlLog
{
    public static async Task StartAsync(NpgsqlConnection connection) => await connection.ExecuteAsync("""
        CREATE SCHEMA ddl_log;
        CREATE TABLE ddl_log.commands (id bigint GENERATED ALWAYS AS IDENTITY, tag text NOT NULL, object text);
        CREATE FUNCTION ddl_log.record() RETURNS event_trigger LANGUAGE plpgsql AS $$
        DECLARE c record;
        BEGIN
            FOR c IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
                INSERT INTO ddl_log.commands (tag, object) VALUES (c.command_tag, c.object_identity);
            END LOOP;
        END $$;
        CREATE EVENT TRIGGER ddl_log_record ON ddl_command_end EXECUTE FUNCTION ddl_log.record();
        """);

    /// <summary>The commands recorded so far, as "TAG object".</summary>
    public static async Task<List<string>> CommandsAsync(NpgsqlConnection connection)
    {
        var commands = new List<string>();
        await using var command = new NpgsqlCommand("SELECT tag || ' ' || coalesce(object, '') FROM ddl_log.commands ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            commands.Add(reader.GetString(0));
        return commands;
    }
}

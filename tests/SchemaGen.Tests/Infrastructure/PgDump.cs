using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Xunit.Sdk;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>
/// <c>pg_dump --schema-only</c> of a database: PostgreSQL's own account of a schema, independent of the
/// deployer's catalog reader. The deployer's history table and the dump's comments and settings are left out.
/// </summary>
public static class PgDump
{
    public static async Task<string> SchemaAsync(NpgsqlConnection connection)
    {
        // The admin connection string keeps the password, which an opened connection's string no longer shows.
        var settings = new NpgsqlConnectionStringBuilder(Postgres.Instance.AdminConnectionString) { Database = connection.Database };
        var executable = Path.Combine(Postgres.Instance.BinDirectory ?? throw new XunitException("pg_dump needs the PostgreSQL bin directory (set SCHEMAGEN_PG_BIN)."), "pg_dump");
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--schema-only", "--no-owner", "--no-privileges", "--exclude-table=*.schemagen_history", "--exclude-schema=ddl_log",
                "-h", settings.Host!, "-p", settings.Port.ToString(), "-U", settings.Username!, "-d", settings.Database! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (settings.Password != null)
            start.Environment["PGPASSWORD"] = settings.Password;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new XunitException($"pg_dump failed ({process.ExitCode}): {await error}");

        return string.Join("\n", (await output).Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal) && !line.StartsWith("SET ", StringComparison.Ordinal)
                && !line.StartsWith("SELECT pg_catalog.set_config", StringComparison.Ordinal) && !line.StartsWith("\\restrict", StringComparison.Ordinal) && !line.StartsWith("\\unrestrict", StringComparison.Ordinal)));
    }
}

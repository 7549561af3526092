using System;
using System.Collections.Generic;
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
        var environment = new Dictionary<string, string>();
        if (settings.Password != null)
            environment["PGPASSWORD"] = settings.Password;
        var dump = await Processes.RunAsync(executable,
            ["--schema-only", "--no-owner", "--no-privileges", "--exclude-table=*.schemagen_history", "--exclude-schema=ddl_log",
                "-h", settings.Host!, "-p", settings.Port.ToString(), "-U", settings.Username!, "-d", settings.Database!],
            Path.GetTempPath(), environment: environment);
        if (dump.ExitCode != 0)
            throw new XunitException($"pg_dump failed ({dump.ExitCode}): {dump.StandardError}");

        return string.Join("\n", dump.StandardOutput.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal) && !line.StartsWith("SET ", StringComparison.Ordinal)
                && !line.StartsWith("SELECT pg_catalog.set_config", StringComparison.Ordinal) && !line.StartsWith("\\restrict", StringComparison.Ordinal) && !line.StartsWith("\\unrestrict", StringComparison.Ordinal)));
    }
}

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
        var dump = await PgClient.RunAsync("pg_dump", connection,
            ["--schema-only", "--no-owner", "--no-privileges", "--exclude-table=*.schemagen_history", "--exclude-schema=ddl_log"]);
        if (dump.ExitCode != 0)
            throw new XunitException($"pg_dump failed ({dump.ExitCode}): {dump.StandardError}");

        return string.Join("\n", dump.StandardOutput.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal) && !line.StartsWith("SET ", StringComparison.Ordinal)
                && !line.StartsWith("SELECT pg_catalog.set_config", StringComparison.Ordinal) && !line.StartsWith("\\restrict", StringComparison.Ordinal) && !line.StartsWith("\\unrestrict", StringComparison.Ordinal)));
    }
}

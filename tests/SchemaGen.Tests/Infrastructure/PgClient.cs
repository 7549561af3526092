using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Xunit.Sdk;

namespace SchemaGen.Tests.Infrastructure;

/// <summary>Runs one of PostgreSQL's client programs (pg_dump, psql) of the test cluster against a test database.</summary>
public static class PgClient
{
    public static Task<Processes.Result> RunAsync(string program, NpgsqlConnection connection, IEnumerable<string> arguments)
    {
        // The admin connection string keeps the password, which an opened connection's string no longer shows.
        var settings = new NpgsqlConnectionStringBuilder(Postgres.Instance.AdminConnectionString) { Database = connection.Database };
        var executable = Path.Combine(Postgres.Instance.BinDirectory ?? throw new XunitException($"{program} needs the PostgreSQL bin directory (set SCHEMAGEN_PG_BIN)."), program);
        var environment = new Dictionary<string, string>();
        if (settings.Password != null)
            environment["PGPASSWORD"] = settings.Password;
        return Processes.RunAsync(executable, arguments.Concat(["-h", settings.Host!, "-p", settings.Port.ToString(), "-U", settings.Username!, "-d", settings.Database!]),
            Path.GetTempPath(), environment: environment);
    }

    /// <summary>Runs a SQL file with psql as one transaction, stopping at the first error (which fails the test).</summary>
    public static async Task RunFileAsync(NpgsqlConnection connection, string path)
    {
        var run = await RunAsync("psql", connection, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", path]);
        if (run.ExitCode != 0)
            throw new XunitException($"psql -f {path} failed ({run.ExitCode}): {run.StandardError}");
    }
}

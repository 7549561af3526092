using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SchemaGen.Cli.Database;

/// <summary>
/// A connection string the user gave, checked before anything connects, and named in output as
/// <c>host:port/database</c> so that a password never reaches the console.
/// </summary>
internal sealed record DatabaseConnection(string ConnectionString, string Name)
{
    public static DatabaseConnection Parse(string connectionString)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new UserErrorException("invalid connection string", e.Message
                + "\nExpected keyword=value pairs, e.g. \"Host=localhost;Port=5432;Database=app;Username=app;Password=…\".");
        }

        if (string.IsNullOrWhiteSpace(settings.Host))
            throw new UserErrorException("invalid connection string", "It names no Host, e.g. \"Host=localhost;Database=app;Username=app\".");
        return new DatabaseConnection(connectionString, $"{settings.Host}:{settings.Port}/{settings.Database ?? settings.Username}");
    }

    /// <summary>The connection strings of <c>--connection</c> values and of a <c>--connections-file</c>, in that order.</summary>
    public static IReadOnlyList<DatabaseConnection> ParseAll(IEnumerable<string> connectionStrings, string? connectionsFile)
    {
        var all = connectionStrings.ToList();
        if (connectionsFile != null)
            all.AddRange(ReadConnectionsFile(connectionsFile));
        if (all.Count == 0)
            throw new UserErrorException("no database given", "Pass --connection \"Host=…;Database=…\" (or --connections-file FILE for deploy).");
        var parsed = all.Select(Parse).ToList();
        // Two connection strings to the same database (other users, other options) must still be told apart in output.
        var repeated = parsed.GroupBy(d => d.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return parsed.Select((d, i) => repeated.Contains(d.Name) ? d with { Name = $"{d.Name} (#{i + 1})" } : d).ToList();
    }

    /// <summary>One connection string per line; blank lines and lines starting with # are skipped.</summary>
    private static IEnumerable<string> ReadConnectionsFile(string path)
    {
        if (!File.Exists(path))
            throw new UserErrorException($"connections file not found: {path}");
        return File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
    }

    /// <summary>Opens the connection, turning "cannot reach the server" and "cannot log in" into a user error.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or ArgumentException)
        {
            await connection.DisposeAsync();
            throw new UserErrorException($"cannot connect to {Name}", FailureReporter.Describe(e));
        }
    }
}

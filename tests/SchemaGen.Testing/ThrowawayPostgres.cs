using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Npgsql;

namespace SchemaGen.Testing;

/// <summary>
/// A PostgreSQL server that lives as long as this object: <c>initdb</c> into a temporary directory and
/// <c>pg_ctl start</c> on a free loopback port, torn down (cluster and files) on dispose. When the
/// SCHEMAGEN_TEST_PG environment variable holds a connection string, that server is used instead and
/// nothing is started. Each caller gets its own database from <see cref="CreateDatabase"/>.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    /// <summary>The environment variable naming an existing server to use instead of starting one.</summary>
    public const string ServerVariable = "SCHEMAGEN_TEST_PG";

    private readonly string? _dataDirectory;
    private readonly string? _binDirectory;
    private int _databaseCounter;

    private ThrowawayPostgres(string adminConnectionString, string? dataDirectory, string? binDirectory)
    {
        AdminConnectionString = adminConnectionString;
        _dataDirectory = dataDirectory;
        _binDirectory = binDirectory;
    }

    /// <summary>A superuser connection string to the server's <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The directory holding pg_dump and friends of the started server, if one was started.</summary>
    public string? BinDirectory => _binDirectory;

    /// <summary>Starts a server, or connects to the one named by SCHEMAGEN_TEST_PG.</summary>
    public static ThrowawayPostgres Start()
    {
        var existing = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(existing))
            return new ThrowawayPostgres(existing, null, FindBinDirectory(required: false));

        return StartLocal();
    }

    /// <summary>Starts a server of its own, even when SCHEMAGEN_TEST_PG names one (e.g. to make a standby of it).</summary>
    public static ThrowawayPostgres StartLocal()
    {
        var bin = FindBinDirectory(required: true)!;
        RemoveAbandoned(bin);
        var (root, data) = NewClusterDirectory();
        RunPg(bin, "initdb", $"-D \"{data}\" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync", AsRoot);
        return StartServer(bin, root, data);
    }

    /// <summary>
    /// A hot standby of this server: <c>pg_basebackup -R</c> into a new cluster, started read-only and streaming what this
    /// server writes. Only for a server this process started.
    /// </summary>
    public ThrowawayPostgres StartStandby()
    {
        if (_dataDirectory == null)
            throw new InvalidOperationException("A standby can only be made of a server this process started (StartLocal), not of " + ServerVariable + ".");
        var (root, data) = NewClusterDirectory();
        var port = new NpgsqlConnectionStringBuilder(AdminConnectionString).Port;
        // -c fast: an immediate checkpoint, not a spread one, which after a large deployment (PostGIS's objects) can take minutes.
        RunPg(_binDirectory!, "pg_basebackup", $"-D \"{data}\" -R -X stream -c fast -h 127.0.0.1 -p {port} -U postgres", AsRoot);
        return StartServer(_binDirectory!, root, data);
    }

    private static bool AsRoot => Environment.UserName == "root";

    private static (string Root, string Data) NewClusterDirectory()
    {
        var root = Path.Combine(Path.GetTempPath(), ClusterPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (AsRoot)
            Run("chown", $"postgres \"{root}\"", null); // initdb and postgres refuse to run as root
        return (root, Path.Combine(root, "data"));
    }

    private static ThrowawayPostgres StartServer(string bin, string root, string data)
    {
        var port = FreePort();
        var serverOptions = $"-p {port} -k \\\"{root}\\\" -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        RunPg(bin, "pg_ctl", $"-D \"{data}\" -l \"{Path.Combine(root, "server.log")}\" -o \"{serverOptions}\" -w -t 60 start", AsRoot);

        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = true, Timeout = 30,
        }.ConnectionString;
        return new ThrowawayPostgres(connection, data, bin);
    }

    /// <summary>Creates an empty database with a unique name and returns an (unpooled) connection string to it.</summary>
    public string CreateDatabase(string prefix = "t")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N")[..6]}".ToLowerInvariant();
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        // Unpooled: a throwaway database serves one test or run, and a pool per database would keep idle
        // connections open until the server's max_connections is used up.
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    /// <summary>Stops the server and deletes its files (a server named by SCHEMAGEN_TEST_PG is left alone).</summary>
    public void Dispose()
    {
        if (_dataDirectory == null)
            return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            RunPg(_binDirectory!, "pg_ctl", $"-D \"{_dataDirectory}\" -m immediate -w stop", AsRoot);
        }
        finally
        {
            try { Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true); } catch (IOException) { }
        }
    }

    private const string ClusterPrefix = "schemagen-pg-";

    // The process that created a cluster: only its clusters are its to keep.
    private const string OwnerFile = "owner.pid";

    // A test host the test runner kills once the tests are done never disposes its server, and each run's cluster
    // holds a few hundred throwaway databases: remove the clusters whose test host no longer runs (stopping a server
    // it left running), so that run after run does not fill the disk. A cluster whose owner still runs is never
    // touched, however long its initdb takes on a busy machine, so test runs side by side do not break each other.
    private static void RemoveAbandoned(string bin)
    {
        foreach (var root in Directory.GetDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            var owner = Path.Combine(root, OwnerFile);
            if (File.Exists(owner) ? IsRunning(File.ReadAllText(owner).Trim()) : Directory.GetLastWriteTimeUtc(root) > DateTime.UtcNow.AddHours(-1))
                continue;
            try
            {
                var data = Path.Combine(root, "data");
                var pidFile = Path.Combine(data, "postmaster.pid");
                if (File.Exists(pidFile) && IsRunning(File.ReadLines(pidFile).FirstOrDefault()))
                    RunPg(bin, "pg_ctl", $"-D \"{data}\" -m immediate -w stop", Environment.UserName == "root");
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
            {
                // Someone else's files, or a server that would not stop: not ours to remove.
            }
        }
    }

    private static bool IsRunning(string? pid)
    {
        if (!int.TryParse(pid, out var id))
            return false;
        try
        {
            using var process = Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? FindBinDirectory(bool required)
    {
        var configured = Environment.GetEnvironmentVariable("SCHEMAGEN_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
            return configured;

        // Debian keeps initdb and pg_ctl out of PATH, under /usr/lib/postgresql/<version>/bin.
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (debian != null)
            return debian;

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath == null && required)
            throw new InvalidOperationException(
                "PostgreSQL's initdb was not found (looked in /usr/lib/postgresql/*/bin and PATH). Install PostgreSQL " +
                "(Debian: apt-get install postgresql), set SCHEMAGEN_PG_BIN to its bin directory, or set " + ServerVariable +
                " to the connection string of a server to use.");
        return onPath;
    }

    private static void RunPg(string bin, string tool, string arguments, bool asPostgresUser)
    {
        var path = Path.Combine(bin, tool);
        if (asPostgresUser)
            Run("runuser", $"-u postgres -- \"{path}\" {arguments}", null);
        else
            Run(path, arguments, null);
    }

    private static void Run(string file, string arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in 120 s.");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed with exit code {process.ExitCode}:\n{output.Result}\n{error.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Testing;

namespace SchemaGen.Bench;

/// <summary>
/// The runtime deployer on a throwaway PostgreSQL, each group against its own baseline:
/// <list type="bullet">
/// <item>No-op: <c>Schema.Deploy</c> on a database already at the model, next to EF Core's <c>Database.Migrate()</c>
/// on a database whose migration history already holds the model's only migration (the baseline).</item>
/// <item>First deploy: <c>Schema.Deploy</c> on an empty database, next to executing <c>Schema.Sql</c> (the baseline).</item>
/// <item>Catalog read: the deployer's catalog reader on the 200-table model (the baseline) and on the 1,000-table one.</item>
/// </list>
/// The 200-table model is the first 200 tables of <see cref="ModelSource"/>, compiled once in memory with the
/// generator; EF Core maps the very same classes. Correctness is checked once per process in the global setups
/// (throwing, not asserting time), so a broken run cannot be measured silently.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 20, invocationCount: 1)]
public class DeployerBenchmarks
{
    public const int Tables = 200;
    public const int LargeTables = 1000;

    private const string NoOp = "No-op";
    private const string FirstDeploy = "First deploy";
    private const string CatalogRead = "Catalog read";

    private ThrowawayPostgres _server = null!;
    private LoadedModel _model = null!;
    private SchemaAccess _schema = null!;
    private string _database = null!;

    private DbContextOptions<MigrationsContext> _efOptions = null!;
    private DbContextOptions<MigrationsContext> _efOptionsWithoutModelCheck = null!;

    private SchemaAccess _large = null!;
    private string _largeDatabase = null!;

    private string _fresh = null!;

    // ---------------------------------------------------------------- no-op

    [GlobalSetup(Targets = [nameof(EfCoreMigrateNoOp), nameof(EfCoreMigrateNoOpWithoutModelCheck)])]
    public void SetupEfCore()
    {
        Start(Tables);
        _database = _server.CreateDatabase("ef");
        var plain = new DbContextOptionsBuilder<MigrationsContext>().UseNpgsql(_database).Options;
        EfMigrations.Compiled migrations;
        using (var context = new MigrationsContext(plain, _model.Tables))
        {
            if (context.Model.GetEntityTypes().Count() != Tables)
                throw new InvalidOperationException($"EF Core maps {context.Model.GetEntityTypes().Count()} entity types, not {Tables}.");
            migrations = EfMigrations.ScaffoldAndCompile(context);
        }

        _efOptions = new DbContextOptionsBuilder<MigrationsContext>()
            .UseNpgsql(_database, npgsql => npgsql.MigrationsAssembly(migrations.Assembly))
            .Options;
        // What Migrate() costs when the application silences its pending-model-changes check (the snapshot is not even built).
        _efOptionsWithoutModelCheck = new DbContextOptionsBuilder<MigrationsContext>()
            .UseNpgsql(_database, npgsql => npgsql.MigrationsAssembly(migrations.Assembly))
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;

        // The first Migrate() applies the scaffolded migration to the empty database; from then on it has nothing to do.
        using (var context = new MigrationsContext(_efOptions, _model.Tables))
        {
            if (!context.Database.GetMigrations().SequenceEqual([migrations.MigrationId]))
                throw new InvalidOperationException("EF Core does not find the scaffolded migration: " + string.Join(", ", context.Database.GetMigrations()));
            if (context.Database.HasPendingModelChanges())
                throw new InvalidOperationException("EF Core reports pending model changes against the scaffolded snapshot.");
            context.Database.Migrate();
        }

        var trace = CommandTrace.Run(EfCoreMigrateNoOp);
        using (var context = new MigrationsContext(_efOptions, _model.Tables))
        {
            if (context.Database.GetPendingMigrations().Any() || !context.Database.GetAppliedMigrations().SequenceEqual([migrations.MigrationId]))
                throw new InvalidOperationException("After Migrate() EF Core still has pending migrations.");
        }

        var tables = CountTables(_database);
        if (tables != Tables + 1)
            throw new InvalidOperationException($"The EF Core database has {tables} tables, not {Tables} and __EFMigrationsHistory.");
        if (trace.Any(c => c.Contains("CREATE TABLE", StringComparison.Ordinal) && !c.Contains("__EFMigrationsHistory", StringComparison.Ordinal)))
            throw new InvalidOperationException("The no-op Migrate() created a table.");
        Console.WriteLine($"// EF Core: migration {migrations.MigrationId} scaffolded ({migrations.SourceChars:N0} chars of C# with designer and snapshot) and applied.");
        trace.Print("EF Core no-op Migrate()");
        CommandTrace.Run(EfCoreMigrateNoOpWithoutModelCheck).Print("EF Core no-op Migrate() without the model check");
    }

    [GlobalSetup(Target = nameof(SchemaGenDeployNoOp))]
    public void SetupSchemaGenNoOp()
    {
        Start(Tables);
        _database = DeployAndCheck(_schema, "noop");
        var trace = CommandTrace.Run(() => RequireNoOp(SchemaGenDeployNoOp()));
        trace.Print("SchemaGen no-op Deploy");
    }

    /// <summary>EF Core: a new context (model cached) and a Migrate() that finds every migration applied.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(NoOp)]
    public void EfCoreMigrateNoOp()
    {
        using var context = new MigrationsContext(_efOptions, _model.Tables);
        context.Database.Migrate();
    }

    /// <summary>EF Core as above, with PendingModelChangesWarning ignored: no model snapshot built, no model diff.</summary>
    [Benchmark, BenchmarkCategory(NoOp)]
    public void EfCoreMigrateNoOpWithoutModelCheck()
    {
        using var context = new MigrationsContext(_efOptionsWithoutModelCheck, _model.Tables);
        context.Database.Migrate();
    }

    /// <summary>SchemaGen: the generated Schema.Deploy on a new pooled connection, on a database already at the model.</summary>
    [Benchmark, BenchmarkCategory(NoOp)]
    public DeployResult SchemaGenDeployNoOp()
    {
        using var connection = new NpgsqlConnection(_database);
        return _schema.Deploy(connection, null);
    }

    // ---------------------------------------------------------------- first deploy

    [GlobalSetup(Targets = [nameof(ExecuteSchemaSql), nameof(SchemaGenFirstDeploy)])]
    public void SetupFirstDeploy()
    {
        Start(Tables);
        DeployAndCheck(_schema, "check");

        // The baseline's database must be the model too: the deployer sees no drift in what Schema.Sql created.
        var plain = _server.CreateDatabase("check");
        using (var connection = new NpgsqlConnection(plain))
        {
            connection.Open();
            using var command = new NpgsqlCommand(_model.SchemaSql, connection);
            command.ExecuteNonQuery();
        }

        RequireClean(plain, "after executing Schema.Sql");
        Console.WriteLine($"// Schema.Sql: {_model.SchemaSql.Length:N0} chars; Verify is clean on a database it created.");

        var traced = _server.CreateDatabase("trace");
        CommandTrace.Run(() =>
        {
            using var connection = new NpgsqlConnection(traced);
            _schema.Deploy(connection, null);
        }).PrintSummary("SchemaGen first deploy");
    }

    /// <summary>
    /// A fresh empty database for each operation, created outside the measurement; its pool holds one open connection.
    /// The databases are kept until the server stops: dropping each one after its operation (DROP DATABASE forces a
    /// checkpoint and unlinks its files) made the next operations up to three times slower.
    /// </summary>
    [IterationSetup(Targets = [nameof(ExecuteSchemaSql), nameof(SchemaGenFirstDeploy)])]
    public void CreateFreshDatabase()
    {
        _fresh = _server.CreateDatabase("fresh");
        using var connection = new NpgsqlConnection(_fresh);
        connection.Open();
    }

    /// <summary>The baseline: the generated create script, sent as one command on an empty database.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(FirstDeploy)]
    public int ExecuteSchemaSql()
    {
        using var connection = new NpgsqlConnection(_fresh);
        connection.Open();
        using var command = new NpgsqlCommand(_model.SchemaSql, connection);
        return command.ExecuteNonQuery();
    }

    /// <summary>SchemaGen: the generated Schema.Deploy on an empty database (plan with the shadow, apply, re-verify, record).</summary>
    [Benchmark, BenchmarkCategory(FirstDeploy)]
    public DeployResult SchemaGenFirstDeploy()
    {
        using var connection = new NpgsqlConnection(_fresh);
        return _schema.Deploy(connection, null);
    }

    // ---------------------------------------------------------------- catalog read

    [GlobalSetup(Target = nameof(CatalogRead200))]
    public void SetupCatalogRead200()
    {
        Start(Tables);
        _database = DeployAndCheck(_schema, "catalog");
        var tables = ReadCatalog(_schema, _database).GetAwaiter().GetResult();
        if (tables != Tables)
            throw new InvalidOperationException($"The catalog reader found {tables} tables, not {Tables}.");
        CommandTrace.Run(() => ReadCatalog(_schema, _database).GetAwaiter().GetResult()).Print("Catalog read (200 tables)");
    }

    [GlobalSetup(Target = nameof(CatalogRead1000))]
    public void SetupCatalogRead1000()
    {
        StartServer();
        _large = new SchemaAccess(ModelCompilation.EmitAndLoad(LargeTables), LargeTables);
        _largeDatabase = DeployAndCheck(_large, "catalog");
        var tables = ReadCatalog(_large, _largeDatabase).GetAwaiter().GetResult();
        if (tables != LargeTables)
            throw new InvalidOperationException($"The catalog reader found {tables} tables, not {LargeTables}.");
    }

    /// <summary>CatalogReader.ReadAsync of the 200-table model's schema on a new pooled connection.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(CatalogRead)]
    public Task<int> CatalogRead200() => ReadCatalog(_schema, _database);

    /// <summary>CatalogReader.ReadAsync of the 1,000-table model's schema on a new pooled connection.</summary>
    [Benchmark, BenchmarkCategory(CatalogRead)]
    public Task<int> CatalogRead1000() => ReadCatalog(_large, _largeDatabase);

    // ---------------------------------------------------------------- shared

    [GlobalCleanup]
    public void StopServer()
    {
        if (System.IO.File.Exists("/proc/loadavg"))
            Console.WriteLine("// Load average after the run: " + System.IO.File.ReadAllText("/proc/loadavg").Trim());
        _server?.Dispose();
    }

    private void Start(int tables)
    {
        StartServer();
        _model = ModelCompilation.EmitAndLoad(tables);
        if (_model.Tables.Length != tables)
            throw new InvalidOperationException($"The model assembly has {_model.Tables.Length} [Table] classes, not {tables}.");
        _schema = new SchemaAccess(_model, tables);
    }

    private void StartServer()
    {
        // Two cores: anything else running (a build, a test suite) shows in the numbers, so say so in the log.
        if (System.IO.File.Exists("/proc/loadavg"))
            Console.WriteLine("// Load average before the setup: " + System.IO.File.ReadAllText("/proc/loadavg").Trim());
        _server = ThrowawayPostgres.Start();

        // The first-deploy group creates a database per operation; autovacuum workers analysing the previous ones'
        // freshly filled catalogs competed with the measured operation for the two cores. No benchmark here needs it.
        // A server named by SCHEMAGEN_TEST_PG is someone else's: left as it is.
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ThrowawayPostgres.ServerVariable)))
            return;
        using var admin = new NpgsqlConnection(_server.AdminConnectionString);
        admin.Open();
        using (var off = new NpgsqlCommand("ALTER SYSTEM SET autovacuum = off", admin))
            off.ExecuteNonQuery();
        using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", admin);
        reload.ExecuteNonQuery();
    }

    private static async Task<int> ReadCatalog(SchemaAccess schema, string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var snapshot = await CatalogReader.ReadAsync(connection, null, schema.Schemas, schema.History, CancellationToken.None);
        return snapshot.Model.Tables.Count;
    }

    /// <summary>
    /// A new database brought to the model by Schema.Deploy, checked: the deploy applied steps, Verify reports no
    /// drift, and a second deploy is a no-op. Returns its connection string.
    /// </summary>
    private string DeployAndCheck(SchemaAccess schema, string prefix)
    {
        var database = _server.CreateDatabase(prefix);
        var clock = Stopwatch.StartNew();
        DeployResult first;
        using (var connection = new NpgsqlConnection(database))
            first = schema.Deploy(connection, null);
        if (first.NoOp || first.Steps.Count == 0 || first.HistoryId == null)
            throw new InvalidOperationException($"The first deploy of {schema.TableCount} tables on an empty database did nothing (NoOp {first.NoOp}, {first.Steps.Count} steps).");
        var elapsed = clock.Elapsed;

        RequireClean(schema, database, "after the first deploy");
        using (var connection = new NpgsqlConnection(database))
            RequireNoOp(schema.Deploy(connection, null));
        var tables = CountTables(database);
        if (tables != schema.TableCount + 1)
            throw new InvalidOperationException($"The deployed database has {tables} tables, not {schema.TableCount} and the history table.");
        Console.WriteLine($"// SchemaGen: {schema.TableCount} tables deployed in {elapsed.TotalSeconds:F1} s ({first.Steps.Count} steps); Verify clean; second deploy NoOp.");
        return database;
    }

    private void RequireClean(string database, string when) => RequireClean(_schema, database, when);

    private static void RequireClean(SchemaAccess schema, string database, string when)
    {
        using var connection = new NpgsqlConnection(database);
        var verify = schema.Verify(connection, null);
        if (!verify.IsClean)
            throw new InvalidOperationException($"Verify reports drift {when} ({verify.Drift.Count}):\n" + string.Join("\n", verify.Drift.Take(20)));
    }

    private static void RequireNoOp(DeployResult result)
    {
        if (!result.NoOp || result.Steps.Count > 0)
            throw new InvalidOperationException($"A deploy of an unchanged model was not a no-op ({result.Steps.Count} steps):\n" + string.Join("\n", result.Steps.Take(20)));
    }

    private int CountTables(string database)
    {
        using var connection = new NpgsqlConnection(database);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'", connection);
        return (int)(long)command.ExecuteScalar()!;
    }

    /// <summary>The generated Schema class of a loaded model: its Deploy and Verify, and its Target.</summary>
    private sealed class SchemaAccess
    {
        public SchemaAccess(LoadedModel model, int tableCount)
        {
            TableCount = tableCount;
            var type = model.Schema;
            Deploy = type.GetMethod("Deploy", [typeof(NpgsqlConnection), typeof(DeployOptions)])!
                .CreateDelegate<Func<NpgsqlConnection, DeployOptions?, DeployResult>>();
            Verify = type.GetMethod("Verify", [typeof(NpgsqlConnection), typeof(DeployOptions)])!
                .CreateDelegate<Func<NpgsqlConnection, DeployOptions?, VerifyResult>>();
            Target = (DeployTarget)type.GetProperty("Target")!.GetValue(null)!;
            Schemas = Model.SchemaMapping.UsedSchemas(Target.Model);
            History = new HistoryTable(Target.DefaultSchema);
        }

        public int TableCount { get; }

        public Func<NpgsqlConnection, DeployOptions?, DeployResult> Deploy { get; }

        public Func<NpgsqlConnection, DeployOptions?, VerifyResult> Verify { get; }

        public DeployTarget Target { get; }

        public IReadOnlyList<string> Schemas { get; }

        public HistoryTable History { get; }
    }
}

/// <summary>
/// The commands one operation sends, from Npgsql's tracing (an ActivitySource): one activity per command or
/// batch (a batch is one round trip). Used once per process, outside any measurement, to describe each side.
/// </summary>
internal sealed class CommandTrace : List<string>
{
    public static CommandTrace Run(Action action)
    {
        var trace = new CommandTrace();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Npgsql", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var text = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement");
                lock (trace)
                    trace.Add(activity.DisplayName + (text == null ? "" : ": " + text));
            },
        };
        ActivitySource.AddActivityListener(listener);
        action();
        return trace;
    }

    public void Print(string what)
    {
        Console.WriteLine($"// {what}: {Count} traced Npgsql activities:");
        foreach (var line in this)
            Console.WriteLine("//   " + Shorten(line));
    }

    /// <summary>The count of commands by their first two words (CREATE TABLE, SELECT set_config, …).</summary>
    public void PrintSummary(string what)
    {
        Console.WriteLine($"// {what}: {Count} traced Npgsql activities, by first words:");
        foreach (var group in this.Select(FirstWords).GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"//   {group.Count(),5} {group.Key}");
    }

    private static string FirstWords(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var words = (colon < 0 ? line : line[(colon + 2)..]).Split((char[])[' ', '\n', '\r', '\t', '('], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" ", words.Take(2));
    }

    private static string Shorten(string text)
    {
        var oneLine = string.Join(" ", text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return oneLine.Length <= 160 ? oneLine : oneLine[..160] + "…";
    }
}

using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Npgsql;
using SchemaGen.Catalog;
using SchemaGen.Deploying;
using SchemaGen.Model;
using SchemaGen.Testing;

namespace SchemaGen.Bench;

/// <summary>
/// What reading views costs the deployer's catalog read (issue 12): the same 200 tables of 8 columns, alone (the
/// baseline) and with 200 views, one over each table, plus 20 materialized views with a unique index each, which
/// the reader now reads with their definitions (<c>pg_get_viewdef</c>), columns and dependencies (pg_depend through
/// each view's rewrite rule). Both databases are on one throwaway server in one run; the setup checks that the reader
/// sees every view, so a broken run cannot be measured silently.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 20, invocationCount: 1)]
public class ViewCatalogBenchmarks
{
    private const int Tables = 200;
    private const int MaterializedViews = 20;
    private static readonly string[] Schemas = ["bench"];
    private static readonly HistoryTable History = new("bench");

    private ThrowawayPostgres _server = null!;
    private string _tablesOnly = null!;
    private string _withViews = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = ThrowawayPostgres.Start();
        _tablesOnly = Create("tables", views: false);
        _withViews = Create("views", views: true);
        var objects = Read(_withViews).GetAwaiter().GetResult();
        if (objects.Count(o => o.Kind == TemplateObjectKind.View) != Tables || objects.Count(o => o.Kind == TemplateObjectKind.MaterializedView) != MaterializedViews
            || objects.Any(o => o.Kind == TemplateObjectKind.View && o.DependsOn.Count(d => d.Column != null) != 8))
            throw new InvalidOperationException("The catalog reader did not read every view with its table and 8 columns.");
        if (Read(_tablesOnly).GetAwaiter().GetResult().Count != 0)
            throw new InvalidOperationException("The tables-only database has template objects.");
    }

    [GlobalCleanup]
    public void Cleanup() => _server?.Dispose();

    /// <summary>CatalogReader.ReadAsync of 200 tables on a new pooled connection.</summary>
    [Benchmark(Baseline = true)]
    public Task<EquatableArray<TemplateObjectModel>> CatalogRead200Tables() => Read(_tablesOnly);

    /// <summary>The same with 200 views and 20 materialized views (with an index each) over the tables.</summary>
    [Benchmark]
    public Task<EquatableArray<TemplateObjectModel>> CatalogRead200TablesAnd220Views() => Read(_withViews);

    private static async Task<EquatableArray<TemplateObjectModel>> Read(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var snapshot = await CatalogReader.ReadAsync(connection, null, Schemas, History, CancellationToken.None);
        return snapshot.Model.Objects;
    }

    private string Create(string prefix, bool views)
    {
        var database = _server.CreateDatabase(prefix);
        var sql = new StringBuilder("CREATE SCHEMA bench;\n");
        for (var t = 0; t < Tables; t++)
        {
            sql.Append($"CREATE TABLE bench.t{t} (id integer PRIMARY KEY, a text, b integer, c numeric, d timestamptz, e boolean, f bigint, g text);\n");
            if (views)
                sql.Append($"CREATE VIEW bench.v{t} AS SELECT id, a, b, c, d, e, f, g FROM bench.t{t} WHERE b > 0;\n");
            if (views && t < MaterializedViews)
                sql.Append($"CREATE MATERIALIZED VIEW bench.m{t} AS SELECT b, count(*) AS n FROM bench.t{t} GROUP BY b; CREATE UNIQUE INDEX m{t}_b ON bench.m{t} (b);\n");
        }

        using var connection = new NpgsqlConnection(database);
        connection.Open();
        using var command = new NpgsqlCommand(sql.ToString(), connection);
        command.ExecuteNonQuery();
        return database;
    }
}

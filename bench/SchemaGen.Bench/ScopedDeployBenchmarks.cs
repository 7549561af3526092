using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Npgsql;
using SchemaGen.Model;
using SchemaGen.Testing;

namespace SchemaGen.Bench;

/// <summary>
/// Deploy cost follows the change (issue 10): on the 1,000-table benchmark model, a deploy that adds or drops one nullable
/// column of one table, next to the no-op deploy of the same model (the baseline), and the same change with the whole model
/// rendered in the shadow (the recorded table hashes removed before each operation). Each operation is one
/// <c>SchemaDeployer.Deploy</c> on a new connection, in process; the changing ones alternate between the model with the
/// extra column and the model without it, so every operation is a one-column change. Correctness is checked in the setup:
/// the change applies one step, the scoped one renders one table, Verify is clean after it.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class ScopedDeployBenchmarks
{
    public const int Tables = 1000;

    private ThrowawayPostgres _server = null!;
    private DeployTarget _model = null!;
    private DeployTarget _changed = null!;
    private string _noOp = null!;
    private string _scoped = null!;
    private string _whole = null!;
    private bool _scopedHasColumn;
    private bool _wholeHasColumn;

    private static readonly DeployOptions Options = new() { AllowDataLoss = true };

    [GlobalSetup]
    public void Setup()
    {
        if (System.IO.File.Exists("/proc/loadavg"))
            Console.WriteLine("// Load average before the setup: " + System.IO.File.ReadAllText("/proc/loadavg").Trim());
        _server = ThrowawayPostgres.Start();
        var loaded = ModelCompilation.EmitAndLoad(Tables);
        _model = (DeployTarget)loaded.Schema.GetProperty("Target")!.GetValue(null)!;
        _changed = WithExtraColumn(_model);
        _noOp = Deployed("noop");
        _scoped = Deployed("scoped");
        _whole = Deployed("whole");

        // The change is one step, and the next deploy of the same model does nothing.
        using var connection = new NpgsqlConnection(_scoped);
        var change = SchemaDeployer.Deploy(_changed, connection, Options);
        if (change.Steps.Count != 1 || !SchemaDeployer.Verify(_changed, connection).IsClean || !SchemaDeployer.Deploy(_changed, connection).NoOp)
            throw new InvalidOperationException($"The one-column change applied {change.Steps.Count} step(s): " + string.Join("\n", change.Steps));
        _scopedHasColumn = true;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (System.IO.File.Exists("/proc/loadavg"))
            Console.WriteLine("// Load average after the run: " + System.IO.File.ReadAllText("/proc/loadavg").Trim());
        _server?.Dispose();
    }

    /// <summary>The no-op deploy of the 1,000-table model: the baseline.</summary>
    [Benchmark(Baseline = true)]
    public DeployResult NoOpDeploy()
    {
        using var connection = new NpgsqlConnection(_noOp);
        var result = SchemaDeployer.Deploy(_model, connection);
        return result.NoOp ? result : throw new InvalidOperationException("the no-op deploy applied steps");
    }

    /// <summary>One column added or dropped: the shadow renders that table only.</summary>
    [Benchmark]
    public DeployResult OneColumnChange()
    {
        _scopedHasColumn = !_scopedHasColumn;
        return Change(_scoped, _scopedHasColumn);
    }

    [IterationSetup(Target = nameof(OneColumnChangeWholeShadow))]
    public void ForgetTableHashes()
    {
        using var connection = new NpgsqlConnection(_whole);
        connection.Open();
        using var command = new NpgsqlCommand("UPDATE public.schemagen_history SET table_hashes = NULL", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The same change with the whole model rendered in the shadow (as before the table hashes were recorded).</summary>
    [Benchmark]
    public DeployResult OneColumnChangeWholeShadow()
    {
        _wholeHasColumn = !_wholeHasColumn;
        return Change(_whole, _wholeHasColumn);
    }

    private DeployResult Change(string database, bool addColumn)
    {
        using var connection = new NpgsqlConnection(database);
        var result = SchemaDeployer.Deploy(addColumn ? _changed : _model, connection, Options);
        return result.Steps.Count == 1 ? result : throw new InvalidOperationException($"the one-column change applied {result.Steps.Count} step(s)");
    }

    private string Deployed(string prefix)
    {
        var database = _server.CreateDatabase(prefix);
        using var connection = new NpgsqlConnection(database);
        SchemaDeployer.Deploy(_model, connection);
        return database;
    }

    // The model with a nullable integer column added to its middle table, under a hash of its own.
    private static DeployTarget WithExtraColumn(DeployTarget target)
    {
        var tables = target.Model.Tables.ToArray();
        var middle = tables[tables.Length / 2];
        tables[tables.Length / 2] = middle with
        {
            Columns = middle.Columns.Append(new ColumnModel("bench_extra", "integer", true, null, IdentityKind.None, null, null, null, null, null, null, null))
                .ToEquatableArray(),
        };
        var model = target.Model with { Tables = tables.ToEquatableArray() };
        return new DeployTarget(model, StableHash.Sha256Hex(DdlRenderer.Render(model)), target.DefaultSchema);
    }
}

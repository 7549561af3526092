using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Deploying;

/// <summary>
/// The deployer's catalog queries run without parallel workers: each worker is a new server process that opens every
/// catalog it scans for the first time, which cost the no-op check's stamp several times its own scans. The session here
/// makes every plan parallel that can be (parallel costs of zero) and has auto_explain send each plan to the client, so
/// a catalog query planned with a Gather node is seen.
/// </summary>
public class SerialCatalogPlanTests
{
    private const string ParallelEverywhere = "-c parallel_setup_cost=0 -c parallel_tuple_cost=0 -c min_parallel_table_scan_size=0"
        + " -c min_parallel_index_scan_size=0 -c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0"
        + " -c client_min_messages=log";

    [Fact]
    public async Task FirstDeployNoOpVerifyAndADeployAfterAHandEditPlanNoCatalogQueryInParallel()
    {
        await using var created = await Postgres.NewDatabaseAsync();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(created.ConnectionString) { Options = ParallelEverywhere }.ConnectionString);
        var parallelPlans = new List<string>();
        connection.Notice += (_, e) =>
        {
            if (e.Notice.MessageText.Contains("Gather"))
                lock (parallelPlans)
                    parallelPlans.Add(e.Notice.MessageText);
        };
        await connection.OpenAsync();
        parallelPlans.Clear(); // whatever Npgsql itself ran on opening

        // The control: this session does plan a catalog scan in parallel.
        await connection.ExecuteAsync("SELECT count(*) FROM pg_catalog.pg_attribute");
        Assert.Single(parallelPlans);
        parallelPlans.Clear();

        await JobPipeline.Schema.DeployAsync(connection);
        Assert.True((await JobPipeline.Schema.DeployAsync(connection)).NoOp);
        await connection.ExecuteAsync("ALTER TABLE app.jobs ADD COLUMN by_hand integer");
        Assert.NotEmpty((await JobPipeline.Schema.VerifyAsync(connection)).Drift);
        Assert.False((await JobPipeline.Schema.DeployAsync(connection, new DeployOptions { AllowDataLoss = true })).NoOp);
        Assert.True((await JobPipeline.Schema.DeployAsync(connection)).NoOp);

        // The message names each query planned in parallel by its first line.
        Assert.True(parallelPlans.Count == 0, string.Join("\n", parallelPlans.Select(p => p.Split('\n').FirstOrDefault(l => l.StartsWith("Query Text:"))).Distinct()));
    }
}

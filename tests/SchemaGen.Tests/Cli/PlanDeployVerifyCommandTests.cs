using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Cli;

/// <summary><c>schemagen plan</c>, <c>deploy</c> and <c>verify</c> on a real database: output, JSON shape and exit codes.</summary>
public class PlanDeployVerifyCommandTests
{
    [Fact]
    public async Task Empty_database_plan_json_then_deploy_then_verify_clean()
    {
        var database = Postgres.Instance.CreateDatabase();

        var plan = await SchemaGenCli.RunOnSampleAsync("plan", "--connection", database, "--json");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        using (var json = JsonDocument.Parse(plan.Output))
        {
            var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToList();
            Assert.Contains(steps, s => s.GetProperty("kind").GetString() == "CreateTable" && s.GetProperty("object").GetString() == "app.jobs"
                && s.GetProperty("sql").GetString()!.StartsWith("CREATE TABLE app.jobs ("));
            Assert.All(steps, s => Assert.Empty(s.GetProperty("hazards").EnumerateArray()));
            // The sample declares PostGIS: its step comes right after the schema's, before the tables whose geometry column needs it.
            Assert.Equal([("CreateSchema", "app"), ("CreateExtension", "postgis")],
                steps.Take(2).Select(s => (s.GetProperty("kind").GetString(), s.GetProperty("object").GetString())));
            Assert.Empty(json.RootElement.GetProperty("unmanaged").EnumerateArray());
        }

        var deploy = await SchemaGenCli.RunOnSampleAsync("deploy", "--connection", database);
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("Deployed 14 step(s)", deploy.Output);
        Assert.Contains("CreateTable app.jobs: CREATE TABLE app.jobs", deploy.Error); // the deployer's log as progress

        var verify = await SchemaGenCli.RunOnSampleAsync("verify", "--connection", database, "--json");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        using (var json = JsonDocument.Parse(verify.Output))
        {
            Assert.True(json.RootElement.GetProperty("clean").GetBoolean());
            Assert.Empty(json.RootElement.GetProperty("drift").EnumerateArray());
        }

        var again = await SchemaGenCli.RunOnSampleAsync("deploy", "--connection", database);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already matches the model", again.Output);
    }

    [Fact]
    public async Task Plan_json_shows_each_step_s_lock_and_deploy_mode_online_builds_the_index_concurrently()
    {
        var database = Postgres.Instance.CreateDatabase();
        string index;
        await using (var connection = new NpgsqlConnection(database))
        {
            await JobPipeline.Schema.DeployAsync(connection);
            await connection.OpenAsync();
            index = await connection.ScalarAsync<string>(
                "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'app' AND tablename = 'jobs' AND indexdef NOT LIKE '%UNIQUE%' ORDER BY 1 LIMIT 1");
            await connection.ExecuteAsync($"DROP INDEX app.{index}");
        }

        var plan = await SchemaGenCli.RunOnSampleAsync("plan", "--connection", database, "--json");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        using (var json = JsonDocument.Parse(plan.Output))
        {
            var cost = json.RootElement.GetProperty("steps").EnumerateArray().Single().GetProperty("cost");
            Assert.Equal("Share", cost.GetProperty("lock").GetString());
            Assert.Equal("Scan", cost.GetProperty("impact").GetString());
            Assert.Equal("app.jobs", cost.GetProperty("table").GetString());
        }

        var deploy = await SchemaGenCli.RunOnSampleAsync("deploy", "--connection", database, "--mode", "online");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("CREATE INDEX CONCURRENTLY " + index, deploy.Error);
        Assert.Contains("ShareUpdateExclusive", deploy.Output);
        var verify = await SchemaGenCli.RunOnSampleAsync("verify", "--connection", database);
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public async Task Hazards_make_plan_exit_2_deploy_refuse_and_verify_report_drift_until_data_loss_is_allowed()
    {
        var database = Postgres.Instance.CreateDatabase();
        await using (var connection = new NpgsqlConnection(database))
        {
            await JobPipeline.Schema.DeployAsync(connection);
            await connection.OpenAsync();
            await connection.ExecuteAsync("ALTER TABLE app.jobs ADD COLUMN legacy_flag integer");
        }

        var plan = await SchemaGenCli.RunOnSampleAsync("plan", "--connection", database);
        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains("DataLoss", plan.Output);
        Assert.Contains("ALTER TABLE app.jobs DROP COLUMN legacy_flag;", plan.Output);

        var planJson = await SchemaGenCli.RunOnSampleAsync("plan", "--connection", database, "--json");
        Assert.Equal(2, planJson.ExitCode);
        using (var json = JsonDocument.Parse(planJson.Output))
        {
            var hazard = Assert.Single(json.RootElement.GetProperty("steps").EnumerateArray().Single().GetProperty("hazards").EnumerateArray());
            Assert.Equal("DataLoss", hazard.GetProperty("kind").GetString());
            Assert.Equal("app.jobs.legacy_flag", hazard.GetProperty("object").GetString());
            Assert.False(string.IsNullOrEmpty(hazard.GetProperty("message").GetString()));
        }

        var refused = await SchemaGenCli.RunOnSampleAsync("deploy", "--connection", database);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.StartsWith("error: deployment refused", refused.Error.Split('\n').Single(l => l.StartsWith("error:")));

        var verify = await SchemaGenCli.RunOnSampleAsync("verify", "--connection", database, "--json");
        Assert.True(verify.ExitCode == 1, verify.ToString());
        using (var json = JsonDocument.Parse(verify.Output))
        {
            Assert.False(json.RootElement.GetProperty("clean").GetBoolean());
            var drift = Assert.Single(json.RootElement.GetProperty("drift").EnumerateArray());
            Assert.Equal("Extra", drift.GetProperty("kind").GetString());
            Assert.Equal("column app.jobs.legacy_flag", drift.GetProperty("object").GetString());
            Assert.Equal("legacy_flag integer", drift.GetProperty("database").GetString());
        }

        var allowed = await SchemaGenCli.RunOnSampleAsync("deploy", "--connection", database, "--allow-data-loss");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        await using (var connection = new NpgsqlConnection(database))
            Assert.True((await JobPipeline.Schema.VerifyAsync(connection)).IsClean);
    }
}

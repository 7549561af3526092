using System.IO;
using System.Threading.Tasks;
using JobPipeline;
using Npgsql;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Templates;

/// <summary>The README's demo, end to end, and what it leaves in the database.</summary>
public class DemoTests
{
    [Fact]
    public async Task The_job_pipeline_runs_to_completion_through_the_typed_functions()
    {
        // With plpgsql_check in the database, the deploy checks the sample's function bodies for real.
        var database = Postgres.Instance.CreateDatabase();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE EXTENSION plpgsql_check");
        var output = new StringWriter();

        var jobId = await Demo.RunAsync(database, output);

        Assert.Equal("completed 2 2", await connection.ScalarAsync<string>("SELECT status || ' ' || stage || ' ' || total_stages FROM app.jobs WHERE job_id = $1", jobId));
        Assert.Equal(Demo.Stages * Demo.TasksPerStage, (int)await connection.ScalarAsync<long>("SELECT count(*) FROM app.tasks WHERE parent_job_id = $1 AND status = 'completed'", jobId));
        Assert.Equal("""["img-2-0.png", "img-2-1.png", "img-2-2.png"]""",
            await connection.ScalarAsync<string>("SELECT jsonb_path_query_array(result_data -> '2', '$[*].thumbnail')::text FROM app.jobs WHERE job_id = $1", jobId));
        // The updated_at trigger ran on every task update.
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM app.tasks WHERE updated_at <= created_at"));
        Assert.Contains("Deploying again: no-op", output.ToString());
        Assert.Contains("Nearest worker site to a client in Bern: zrh at (8.54, 47.38), 96 km away.", output.ToString());
        Assert.Equal("POINT(8.5417 47.3769)", await connection.ScalarAsync<string>("SELECT ST_AsText(location) FROM app.worker_sites WHERE site_id = 'zrh'"));
        Assert.Contains("Completed: stage 2 of 2, 6 task results, 6/6 tasks completed.", output.ToString());

        // The templates name every table and type with its schema, so a session with any search_path can run them.
        var verify = await JobPipeline.Schema.VerifyAsync(connection);
        Assert.True(verify.IsClean, string.Join("\n", verify.Drift) + string.Join("\n", verify.Findings));
        Assert.DoesNotContain(verify.Findings, f => f.Level is "error" or "warning");
    }
}

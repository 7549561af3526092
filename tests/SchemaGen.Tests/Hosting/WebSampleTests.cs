using System.Collections.Generic;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using SchemaGen.Tests.Infrastructure;
using Xunit;

namespace SchemaGen.Tests.Hosting;

/// <summary>samples/JobPipeline.Web: deployed at start-up by the hosted service, a job runs through its stages over HTTP.</summary>
public class WebSampleTests
{
    [Fact]
    public async Task AJobRunsThroughItsStagesOverHttp()
    {
        var database = Postgres.Instance.CreateDatabase();
        await using var app = JobPipeline.Web.JobApi.Create(database, [], builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        var client = app.GetTestClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        var refused = await client.PostAsJsonAsync("/jobs", new { jobType = "Image-Batch", stages = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var created = await client.PostAsJsonAsync("/jobs", new { jobType = "image_batch", stages = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var jobId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        var nextStages = new List<int?>();
        for (var stage = 1; stage <= 2; stage++)
        {
            var queued = await client.PostAsync($"/jobs/{jobId}/stages/{stage}/tasks?count=3", null);
            foreach (var taskId in (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskIds").EnumerateArray())
            {
                var completed = await (await client.PostAsync($"/tasks/{taskId.GetString()}/complete", null)).Content.ReadFromJsonAsync<JsonElement>();
                if (completed.GetProperty("stageComplete").GetBoolean())
                    nextStages.Add(completed.GetProperty("nextStage").ValueKind == JsonValueKind.Null ? null : completed.GetProperty("nextStage").GetInt32());
            }
        }

        var job = await client.GetFromJsonAsync<JsonElement>($"/jobs/{jobId}");
        Assert.Equal([2, null], nextStages);
        Assert.Equal((int)JobPipeline.Models.JobStatus.Completed, job.GetProperty("jobStatus").GetInt32());
        Assert.Equal(6, job.GetProperty("completedTasks").GetInt64());
        await app.StopAsync();
    }
}

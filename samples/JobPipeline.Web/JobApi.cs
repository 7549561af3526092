using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JobPipeline.Web;

/// <summary>
/// A minimal API over the job pipeline: queue a job, queue a stage's tasks, complete tasks (which advances the job
/// through the SQL functions), read a job. What an application needs for its schema is the three lines in
/// <see cref="Create"/>: a data source with <c>Schema.MapTypes</c>, <c>AddSchemaDeployment</c> and <c>AddSchemaDriftCheck</c>.
/// </summary>
public static class JobApi
{
    /// <summary>The application, on the database <paramref name="connectionString"/>; <paramref name="configure"/> lets tests use an in-memory server.</summary>
    public static WebApplication Create(string connectionString, string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(Schema.MapTypes(new NpgsqlDataSourceBuilder(connectionString)).Build());
        builder.Services.AddSchemaDeployment(Schema.Target);
        builder.Services.AddHealthChecks().AddSchemaDriftCheck();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapHealthChecks("/health");
        app.MapPost("/jobs", QueueJobAsync);
        app.MapPost("/jobs/{jobId}/stages/{stage:int}/tasks", QueueTasksAsync);
        app.MapPost("/tasks/{taskId}/complete", CompleteTaskAsync);
        app.MapGet("/jobs/{jobId}", ReadJobAsync);
        return app;
    }

    /// <summary>A job to queue: its type (snake_case, checked by the database) and its number of stages.</summary>
    public sealed record NewJob(string JobType, int Stages, JsonElement? Parameters = null);

    private static async Task<IResult> QueueJobAsync(NewJob job, NpgsqlDataSource db)
    {
        var parameters = job.Parameters?.GetRawText() ?? "{}";
        var jobId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(job.JobType + parameters + Guid.NewGuid())));
        try
        {
            await using var command = db.CreateCommand("INSERT INTO app.jobs (job_id, job_type, total_stages, parameters) VALUES ($1, $2, $3, $4::jsonb)");
            command.Parameters.Add(new NpgsqlParameter { Value = jobId });
            command.Parameters.Add(new NpgsqlParameter { Value = job.JobType });
            command.Parameters.Add(new NpgsqlParameter { Value = job.Stages });
            command.Parameters.Add(new NpgsqlParameter { Value = parameters });
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            // The model's validation attributes are CHECK constraints: the database itself refuses the job.
            return Results.Problem($"The job was refused by {e.ConstraintName}.", statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Created($"/jobs/{jobId}", new { jobId });
    }

    private static async Task<IResult> QueueTasksAsync(string jobId, int stage, int count, NpgsqlDataSource db)
    {
        var taskIds = Enumerable.Range(0, count).Select(index => Demo.TaskId(jobId, stage, index)).ToList();
        await using var batch = db.CreateBatch();
        for (var index = 0; index < count; index++)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO app.tasks (task_id, parent_job_id, task_type, stage, task_index) VALUES ($1, $2, 'resize', $3, $4)");
            foreach (var value in new object[] { taskIds[index], jobId, stage, index })
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(insert);
        }

        await batch.ExecuteNonQueryAsync();
        return Results.Ok(new { taskIds });
    }

    private static async Task<IResult> CompleteTaskAsync(string taskId, NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        using var result = JsonDocument.Parse($$"""{"completed": "{{taskId}}"}""");
        var completion = await connection.CompleteTaskAndCheckStageAsync(taskId, result);
        if (completion == null)
            return Results.NotFound();
        var advance = completion.StageComplete ? await connection.AdvanceJobStageAsync(completion.JobId, completion.Stage) : null;
        return Results.Ok(new { completion.Stage, completion.RemainingTasks, completion.StageComplete, NextStage = advance is { Advanced: true } ? advance.NewStage : (int?)null });
    }

    private static async Task<IResult> ReadJobAsync(string jobId, NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        var job = await connection.CheckJobCompletionAsync(jobId);
        return job == null ? Results.NotFound() : Results.Ok(job);
    }
}

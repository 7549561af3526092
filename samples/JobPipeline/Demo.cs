using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using JobPipeline.Models;
using NetTopologySuite.Geometries;
using Npgsql;

namespace JobPipeline;

/// <summary>
/// The job pipeline: deploy the schema generated from Models/ and Sql/, then run a job through two stages of
/// tasks with the typed SQL functions, as workers would.
/// </summary>
public static class Demo
{
    public const int Stages = 2;
    public const int TasksPerStage = 3;

    /// <summary>Runs the pipeline on the database and returns the job's id.</summary>
    public static async Task<string> RunAsync(string connectionString, TextWriter output)
    {
        // What an application does at start-up: bring the database to the model. The second call finds nothing to do.
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            var deployed = await Schema.DeployAsync(setup);
            output.WriteLine(deployed.NoOp
                ? $"Schema already matches the model (hash {Schema.ModelHash[..12]})."
                : $"Deployed the model (hash {Schema.ModelHash[..12]}) in {deployed.Steps.Count} steps, {deployed.Duration.TotalMilliseconds:0} ms: "
                    + $"{Schema.Model.Enums.Count} enum types, {Schema.Model.Tables.Count} tables, {Schema.Model.Tables.Sum(t => t.Checks.Count)} checks, "
                    + $"{Schema.Model.Tables.Sum(t => t.Indexes.Count)} indexes, {Schema.Model.Functions.Count} functions, {Schema.Model.Triggers.Count} triggers.");
            var again = await Schema.DeployAsync(setup);
            output.WriteLine($"Deploying again: {(again.NoOp ? "no-op" : again.Steps.Count + " steps")} in {again.Duration.TotalMilliseconds:0} ms.");
        }

        // MapTypes registers the model's enums, so JobStatus and TaskStatus read and write as they are.
        await using var dataSource = Schema.MapTypes(new NpgsqlDataSourceBuilder(connectionString)).Build();
        await using var db = await dataSource.OpenConnectionAsync();

        await SendToNearestSiteAsync(db, output);

        var parameters = """{"images": 6, "size": "thumbnail"}""";
        var jobId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("image_batch" + parameters)));
        await Execute(db, "INSERT INTO app.jobs (job_id, job_type, total_stages, parameters) VALUES ($1, 'image_batch', $2, $3::jsonb)", jobId, Stages, parameters);
        output.WriteLine($"Job {jobId[..12]}… queued: image_batch in {Stages} stages.");

        // The database enforces the model's validation attributes: a job type that is not snake_case is refused.
        try
        {
            await Execute(db, "INSERT INTO app.jobs (job_id, job_type) VALUES ($1, 'Image-Batch')", new string('0', 64));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            output.WriteLine($"Refused a job with type 'Image-Batch': {e.ConstraintName} ([RegularExpression] on JobRecord.JobType).");
        }

        for (var stage = 1; stage <= Stages; stage++)
        {
            for (var index = 0; index < TasksPerStage; index++)
                await Execute(db, "INSERT INTO app.tasks (task_id, parent_job_id, task_type, stage, task_index) VALUES ($1, $2, 'resize', $3, $4)",
                    TaskId(jobId, stage, index), jobId, stage, index);
            output.WriteLine($"Stage {stage}: {TasksPerStage} tasks queued.");

            for (var index = 0; index < TasksPerStage; index++)
            {
                var taskId = TaskId(jobId, stage, index);
                await Execute(db, "UPDATE app.tasks SET status = $2, heartbeat = now() WHERE task_id = $1", taskId, Models.TaskStatus.Processing);
                using var result = JsonDocument.Parse($$"""{"thumbnail": "img-{{stage}}-{{index}}.png"}""");
                var completion = await db.CompleteTaskAndCheckStageAsync(taskId, result)
                    ?? throw new InvalidOperationException($"Task {taskId} does not exist.");
                output.WriteLine($"  task {taskId} completed ({completion.RemainingTasks} left in stage {completion.Stage})");
                if (!completion.StageComplete)
                    continue;

                var advance = await db.AdvanceJobStageAsync(jobId, stage) ?? throw new InvalidOperationException($"Job {jobId} does not exist.");
                output.WriteLine(advance.Advanced
                    ? $"Stage {stage} complete; results recorded; job moves to stage {advance.NewStage}."
                    : $"Stage {stage} complete; results recorded; it was the last stage.");
            }
        }

        var final = await db.CheckJobCompletionAsync(jobId) ?? throw new InvalidOperationException($"Job {jobId} does not exist.");
        await using (var read = new NpgsqlCommand("SELECT stage, total_stages, result_data::text FROM app.jobs WHERE job_id = $1", db))
        {
            read.Parameters.AddWithValue(jobId);
            await using var row = await read.ExecuteReaderAsync();
            await row.ReadAsync();
            var results = JsonDocument.Parse(row.GetString(2));
            output.WriteLine($"Job {jobId[..12]}… {final.JobStatus}: stage {row.GetInt32(0)} of {row.GetInt32(1)}, "
                + $"{results.RootElement.EnumerateObject().Sum(s => s.Value.GetArrayLength())} task results, {final.CompletedTasks}/{final.TotalTasks} tasks completed.");
        }

        return jobId;
    }

    /// <summary>
    /// The spatial part: worker sites with a PostGIS location (a NetTopologySuite Point, written and read as it is because
    /// MapTypes enabled Npgsql's NetTopologySuite plugin), and the nearest one to a client found with the GiST index.
    /// </summary>
    public static async Task<string> SendToNearestSiteAsync(NpgsqlConnection db, TextWriter output)
    {
        var sites = new (string Id, double Longitude, double Latitude, int Workers)[] { ("zrh", 8.5417, 47.3769, 12), ("fra", 8.6821, 50.1109, 20), ("lis", -9.1393, 38.7223, 6) };
        foreach (var (id, longitude, latitude, workers) in sites)
        {
            await Execute(db, "INSERT INTO app.worker_sites (site_id, location, workers) VALUES ($1, $2, $3) ON CONFLICT (site_id) DO NOTHING",
                id, new Point(longitude, latitude) { SRID = 4326 }, workers);
        }

        var client = new Point(7.4474, 46.9480) { SRID = 4326 }; // Bern
        await using var nearest = new NpgsqlCommand("""
            SELECT site_id, location, ST_Distance(location::geography, $1::geography) FROM app.worker_sites
            ORDER BY location <-> $1 LIMIT 1
            """, db);
        nearest.Parameters.Add(new NpgsqlParameter { Value = client });
        await using var row = await nearest.ExecuteReaderAsync();
        await row.ReadAsync();
        var site = row.GetString(0);
        var location = row.GetFieldValue<Point>(1);
        output.WriteLine($"Nearest worker site to a client in Bern: {site} at ({location.X:0.00}, {location.Y:0.00}), {row.GetDouble(2) / 1000:0} km away.");
        return site;
    }

    public static string TaskId(string jobId, int stage, int index) => $"{jobId[..12]}-s{stage}-t{index}";

    private static async Task Execute(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }
}

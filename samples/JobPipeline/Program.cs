using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using JobPipeline;
using JobPipeline.Models;
using Npgsql;
using SchemaGen.Testing;

// The job pipeline demo: deploy the schema SchemaGen generated from Models/, then run a job through two
// stages of tasks. Uses the server in SCHEMAGEN_DEMO_PG when set, otherwise a throwaway local PostgreSQL.
var existing = Environment.GetEnvironmentVariable("SCHEMAGEN_DEMO_PG");
using var server = existing == null ? ThrowawayPostgres.Start() : null;
var connectionString = existing ?? server!.CreateDatabase("jobpipeline");

// What an application does at start-up: bring the database to the model. The second call finds nothing to do.
await using (var setup = new NpgsqlConnection(connectionString))
{
    var deployed = await Schema.DeployAsync(setup);
    Console.WriteLine(deployed.NoOp
        ? $"Schema already matches the model (hash {Schema.ModelHash[..12]})."
        : $"Deployed the model (hash {Schema.ModelHash[..12]}) in {deployed.Steps.Count} steps, {deployed.Duration.TotalMilliseconds:0} ms: "
            + $"{Schema.Model.Enums.Count} enum types, {Schema.Model.Tables.Count} tables, "
            + $"{Schema.Model.Tables.Sum(t => t.Checks.Count)} check constraints, {Schema.Model.Tables.Sum(t => t.Indexes.Count)} indexes.");
    var again = await Schema.DeployAsync(setup);
    Console.WriteLine($"Deploying again: {(again.NoOp ? "no-op" : again.Steps.Count + " steps")} in {again.Duration.TotalMilliseconds:0} ms.");
}

// MapTypes registers the model's enums, so JobStatus and TaskStatus read and write as they are.
await using var pipeline = Schema.MapTypes(new NpgsqlDataSourceBuilder(connectionString)).Build();
await using var db = await pipeline.OpenConnectionAsync();
var parameters = """{"images": 6, "size": "thumbnail"}""";
var jobId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("image_batch" + parameters)));

await Execute(db, "INSERT INTO app.jobs (job_id, job_type, total_stages, parameters) VALUES ($1, 'image_batch', 2, $2::jsonb)", jobId, parameters);
Console.WriteLine($"Job {jobId[..12]}… queued: image_batch in 2 stages.");

// The database enforces the model's validation attributes: a job type that is not snake_case is refused.
try
{
    await Execute(db, "INSERT INTO app.jobs (job_id, job_type) VALUES ($1, 'Image-Batch')", new string('0', 64));
}
catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
{
    Console.WriteLine($"Refused a job with type 'Image-Batch': {e.ConstraintName} ([RegularExpression] on JobRecord.JobType).");
}

for (var stage = 1; stage <= 2; stage++)
{
    for (var index = 0; index < 3; index++)
    {
        await Execute(db, "INSERT INTO app.tasks (task_id, parent_job_id, task_type, stage, task_index) VALUES ($1, $2, 'resize', $3, $4)",
            $"{jobId[..12]}-s{stage}-t{index}", jobId, stage, index);
    }

    await Execute(db, "UPDATE app.jobs SET status = $2, stage = $3, updated_at = now() WHERE job_id = $1", jobId, JobStatus.Processing, stage);
    Console.WriteLine($"Stage {stage}: 3 tasks queued.");

    for (var index = 0; index < 3; index++)
    {
        var taskId = $"{jobId[..12]}-s{stage}-t{index}";
        await Execute(db, "UPDATE app.tasks SET status = $2, heartbeat = now(), updated_at = now() WHERE task_id = $1", taskId, JobPipeline.Models.TaskStatus.Processing);
        await Execute(db, "UPDATE app.tasks SET status = $2, result_data = $3::jsonb, updated_at = now() WHERE task_id = $1",
            taskId, JobPipeline.Models.TaskStatus.Completed, $$"""{"thumbnail": "img-{{stage}}-{{index}}.png"}""");
        var done = await Scalar<long>(db, "SELECT count(*) FROM app.tasks WHERE parent_job_id = $1 AND stage = $2 AND status = 'completed'", jobId, stage);
        Console.WriteLine($"  task {taskId} completed ({done}/3 in stage {stage})");
    }

    await Execute(db, """
        UPDATE app.jobs
        SET stage_results = stage_results || jsonb_build_object($2::text,
                (SELECT jsonb_agg(result_data ORDER BY task_index) FROM app.tasks WHERE parent_job_id = $1 AND stage = $2)),
            updated_at = now()
        WHERE job_id = $1
        """, jobId, stage);
    Console.WriteLine($"Stage {stage} complete; results recorded.");
}

await Execute(db, "UPDATE app.jobs SET status = $2, result_data = stage_results, updated_at = now() WHERE job_id = $1", jobId, JobStatus.Completed);

await using (var read = new NpgsqlCommand("SELECT status, stage, total_stages, result_data::text FROM app.jobs WHERE job_id = $1", db))
{
    read.Parameters.AddWithValue(jobId);
    await using var row = await read.ExecuteReaderAsync();
    await row.ReadAsync();
    var status = row.GetFieldValue<JobStatus>(0);
    var result = JsonDocument.Parse(row.GetString(3));
    Console.WriteLine($"Job {jobId[..12]}… {status}: stage {row.GetInt32(1)} of {row.GetInt32(2)}, "
        + $"{result.RootElement.EnumerateObject().Sum(s => s.Value.GetArrayLength())} task results.");
}

static async Task Execute(NpgsqlConnection connection, string sql, params object[] values)
{
    await using var command = new NpgsqlCommand(sql, connection);
    foreach (var value in values)
        command.Parameters.Add(new NpgsqlParameter { Value = value });
    await command.ExecuteNonQueryAsync();
}

static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql, params object[] values)
{
    await using var command = new NpgsqlCommand(sql, connection);
    foreach (var value in values)
        command.Parameters.Add(new NpgsqlParameter { Value = value });
    return (T)(await command.ExecuteScalarAsync())!;
}

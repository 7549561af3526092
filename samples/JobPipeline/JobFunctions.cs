using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using JobPipeline.Models;
using Npgsql;
using SchemaGen;

namespace JobPipeline;

/// <summary>The functions of Sql/, called from C#. SchemaGen implements each method and checks, at build
/// time, that its parameters are the function's (p_ prefix left out) and its result's properties its columns.</summary>
public static partial class JobFunctions
{
    [SqlFunction("complete_task_and_check_stage")]
    public static partial Task<TaskCompletion?> CompleteTaskAndCheckStageAsync(this NpgsqlConnection connection, string taskId, JsonDocument? resultData = null, CancellationToken ct = default);

    [SqlFunction("advance_job_stage")]
    public static partial Task<StageAdvance?> AdvanceJobStageAsync(this NpgsqlConnection connection, string jobId, int currentStage, JsonDocument? stageResults = null, CancellationToken ct = default);

    [SqlFunction("check_job_completion")]
    public static partial Task<JobCompletion?> CheckJobCompletionAsync(this NpgsqlConnection connection, string jobId, CancellationToken ct = default);
}

/// <summary>A row of <c>complete_task_and_check_stage</c>.</summary>
public sealed record TaskCompletion(bool TaskUpdated, bool StageComplete, string JobId, int Stage, long RemainingTasks);

/// <summary>A row of <c>advance_job_stage</c>.</summary>
public sealed record StageAdvance(bool Advanced, int NewStage, bool IsFinal);

/// <summary>A row of <c>check_job_completion</c>.</summary>
public sealed record JobCompletion(JobStatus JobStatus, long CompletedTasks, long FailedTasks, long TotalTasks);

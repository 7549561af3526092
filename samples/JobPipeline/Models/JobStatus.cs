namespace JobPipeline.Models;

/// <summary>Where a job is in its life.</summary>
public enum JobStatus
{
    Queued,
    Processing,
    Completed,
    Failed,
    CompletedWithErrors,
}

/// <summary>Where a task is in its life.</summary>
public enum TaskStatus
{
    Queued,
    Processing,
    Completed,
    Failed,
}

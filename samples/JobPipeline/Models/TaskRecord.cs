using System;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json;
using SchemaGen;

namespace JobPipeline.Models;

/// <summary>One task of a job's stage.</summary>
[Table("tasks")]
[Index(nameof(Status))]
[Index(nameof(TaskType))]
[Index(nameof(CreatedAt))]
[Index(nameof(UpdatedAt))]
[Index(nameof(ParentJobId), nameof(Stage))]
[Index(nameof(ParentJobId), nameof(Stage), nameof(Status))]
[Index(nameof(Heartbeat), Where = "heartbeat IS NOT NULL")]
[Index(nameof(RetryCount), Where = "retry_count > 0")]
public sealed class TaskRecord
{
    [Key]
    [StringLength(100, MinimumLength = 1)]
    public required string TaskId { get; init; }

    /// <summary>The job this task belongs to; deleting the job deletes its tasks.</summary>
    [References(typeof(JobRecord), OnDelete = ReferentialAction.Cascade)]
    [StringLength(64, MinimumLength = 64)]
    public required string ParentJobId { get; init; }

    [StringLength(50, MinimumLength = 1)]
    [RegularExpression("[a-z][a-z0-9_]*")]
    public required string TaskType { get; set; }

    public TaskStatus Status { get; set; } = TaskStatus.Queued;

    [Range(1, 100)]
    public int Stage { get; set; }

    /// <summary>The task's position within its stage.</summary>
    [Range(0, 10000)]
    public int TaskIndex { get; set; }

    public JsonDocument Parameters { get; set; } = JsonDocument.Parse("{}");

    public JsonDocument? ResultData { get; set; }

    public string? ErrorDetails { get; set; }

    [Range(0, 10)]
    public int RetryCount { get; set; } = 0;

    /// <summary>When a worker last reported progress on the task.</summary>
    public DateTime? Heartbeat { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}

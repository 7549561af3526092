using System;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json;
using SchemaGen;

namespace JobPipeline.Models;

/// <summary>A job: a unit of work that runs through numbered stages, each made of tasks.</summary>
[Table("jobs")]
[Check("stage <= total_stages")]
[Check("status <> 'completed' OR result_data IS NOT NULL", Name = "ck_jobs_completed_has_result")]
[Check("status <> 'failed' OR error_details IS NOT NULL", Name = "ck_jobs_failed_has_error")]
[Index(nameof(Status))]
[Index(nameof(JobType))]
[Index(nameof(CreatedAt))]
[Index(nameof(UpdatedAt))]
public sealed class JobRecord
{
    /// <summary>SHA-256 of the job's type and parameters, as 64 lowercase hex digits.</summary>
    [Key]
    [StringLength(64, MinimumLength = 64)]
    [RegularExpression("[0-9a-f]{64}")]
    public required string JobId { get; init; }

    /// <summary>The kind of job, in snake_case.</summary>
    [StringLength(50, MinimumLength = 1)]
    [RegularExpression("[a-z][a-z0-9_]*")]
    public required string JobType { get; set; }

    public JobStatus Status { get; set; } = JobStatus.Queued;

    /// <summary>The stage the job is in, from 1.</summary>
    [Range(1, 100)]
    public int Stage { get; set; } = 1;

    [Range(1, 100)]
    public int TotalStages { get; set; } = 1;

    /// <summary>The job's input.</summary>
    public JsonDocument Parameters { get; set; } = JsonDocument.Parse("{}");

    /// <summary>Results of the completed stages, keyed by stage number.</summary>
    public JsonDocument StageResults { get; set; } = JsonDocument.Parse("{}");

    public JsonDocument? ResultData { get; set; }

    public string? ErrorDetails { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}

namespace SchemaGen.Tests.Templates;

/// <summary>A jobs model, its SQL templates, and [SqlFunction] wrappers over them.</summary>
public static class WrapperModels
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Npgsql;
        using SchemaGen;

        """;

    public const string Model = """
        [assembly: SchemaOptions(DefaultSchema = "app")]

        namespace TestModels;

        public enum JobStatus { Queued, Done }

        [Table("jobs")]
        public class Job
        {
            [Key] public string JobId { get; set; } = null!;
            public JobStatus Status { get; set; } = JobStatus.Queued;
            public int Stage { get; set; } = 1;
            public int TotalStages { get; set; } = 1;
            public Dictionary<string, object> StageResults { get; set; } = new();
        }
        """;

    public const string Templates = """
        CREATE OR REPLACE FUNCTION app.advance_job_stage(p_job_id text, p_current_stage integer, p_stage_results jsonb DEFAULT NULL)
        RETURNS TABLE(advanced boolean, new_stage integer, is_final boolean)
        LANGUAGE plpgsql AS $$
        DECLARE
            v_stage integer;
            v_total integer;
        BEGIN
            SELECT j.stage, j.total_stages INTO v_stage, v_total FROM app.jobs j WHERE j.job_id = p_job_id FOR UPDATE;
            IF NOT FOUND THEN
                RETURN;
            END IF;
            IF v_stage <> p_current_stage OR v_stage >= v_total THEN
                RETURN QUERY SELECT false, v_stage, v_stage >= v_total;
                RETURN;
            END IF;
            UPDATE app.jobs j SET stage = j.stage + 1, stage_results = j.stage_results || coalesce(p_stage_results, '{}') WHERE j.job_id = p_job_id;
            RETURN QUERY SELECT true, v_stage + 1, v_stage + 1 >= v_total;
        END
        $$;

        CREATE OR REPLACE FUNCTION app.count_jobs(p_status app.job_status) RETURNS bigint
        LANGUAGE sql STABLE AS $$ SELECT count(*) FROM app.jobs WHERE status = p_status $$;

        CREATE OR REPLACE FUNCTION app.jobs_in(p_status app.job_status)
        RETURNS TABLE(job_id text, stage integer, status app.job_status)
        LANGUAGE sql STABLE AS $$ SELECT j.job_id, j.stage, j.status FROM app.jobs j WHERE j.status = p_status ORDER BY j.job_id $$;

        CREATE OR REPLACE FUNCTION app.reset_jobs() RETURNS void
        LANGUAGE sql AS $$ UPDATE app.jobs SET stage = 1 $$;
        """;

    public static readonly (string, string)[] TemplateFiles = [("/project/Sql/jobs.sql", Templates)];
}

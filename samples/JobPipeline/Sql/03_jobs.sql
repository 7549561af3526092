-- Moves a job from p_current_stage to the next one, recording the stage's results (the given ones, or
-- every task's result_data in task order). Does nothing when the job is not at that stage, so a retried
-- call cannot advance twice; at the last stage it only records the results.
CREATE OR REPLACE FUNCTION app.advance_job_stage(p_job_id text, p_current_stage integer, p_stage_results jsonb DEFAULT NULL)
RETURNS TABLE(advanced boolean, new_stage integer, is_final boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v_stage integer;
    v_total integer;
    v_results jsonb;
BEGIN
    SELECT j.stage, j.total_stages INTO v_stage, v_total FROM app.jobs j WHERE j.job_id = p_job_id FOR UPDATE;
    IF NOT FOUND OR v_stage <> p_current_stage THEN
        RETURN QUERY SELECT false, v_stage, coalesce(v_stage >= v_total, false);
        RETURN;
    END IF;

    v_results := coalesce(p_stage_results,
        (SELECT coalesce(jsonb_agg(t.result_data ORDER BY t.task_index), '[]') FROM app.tasks t WHERE t.parent_job_id = p_job_id AND t.stage = v_stage));
    UPDATE app.jobs j
    SET stage_results = j.stage_results || jsonb_build_object(v_stage::text, v_results),
        stage = least(v_stage + 1, v_total),
        status = 'processing'
    WHERE j.job_id = p_job_id;

    RETURN QUERY SELECT v_stage < v_total, least(v_stage + 1, v_total), v_stage >= v_total;
END
$$;

-- Finishes a job whose last stage has no open task: completed, or completed_with_errors when a task
-- failed, with the stage results as its result. Returns the job's status and task counts either way.
CREATE OR REPLACE FUNCTION app.check_job_completion(p_job_id text)
RETURNS TABLE(job_status app.job_status, completed_tasks bigint, failed_tasks bigint, total_tasks bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_job app.jobs%ROWTYPE;
    v_completed bigint;
    v_failed bigint;
    v_total bigint;
BEGIN
    SELECT * INTO v_job FROM app.jobs j WHERE j.job_id = p_job_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;

    SELECT count(*) FILTER (WHERE t.status = 'completed'), count(*) FILTER (WHERE t.status = 'failed'), count(*)
    INTO v_completed, v_failed, v_total
    FROM app.tasks t WHERE t.parent_job_id = p_job_id;

    IF v_job.stage = v_job.total_stages AND v_job.status = 'processing'
       AND NOT EXISTS (SELECT 1 FROM app.tasks t WHERE t.parent_job_id = p_job_id AND t.status IN ('queued', 'processing')) THEN
        UPDATE app.jobs j
        SET status = CASE WHEN v_failed > 0 THEN 'completed_with_errors'::app.job_status ELSE 'completed'::app.job_status END,
            result_data = j.stage_results
        WHERE j.job_id = p_job_id
        RETURNING j.status INTO v_job.status;
    END IF;

    RETURN QUERY SELECT v_job.status, v_completed, v_failed, v_total;
END
$$;

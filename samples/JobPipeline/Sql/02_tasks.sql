-- Completes a task with its result and says whether its stage is now complete (no task of the stage is
-- still queued or processing), locking the job so that two workers finishing the last two tasks at once
-- cannot both miss it.
CREATE OR REPLACE FUNCTION app.complete_task_and_check_stage(p_task_id text, p_result_data jsonb DEFAULT NULL)
RETURNS TABLE(task_updated boolean, stage_complete boolean, job_id text, stage integer, remaining_tasks bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_job_id text;
    v_stage integer;
    v_remaining bigint;
BEGIN
    SELECT t.parent_job_id, t.stage INTO v_job_id, v_stage FROM app.tasks t WHERE t.task_id = p_task_id;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    PERFORM 1 FROM app.jobs j WHERE j.job_id = v_job_id FOR UPDATE;

    UPDATE app.tasks t
    SET status = 'completed', result_data = coalesce(p_result_data, t.result_data)
    WHERE t.task_id = p_task_id AND t.status IN ('queued', 'processing');
    task_updated := FOUND;

    SELECT count(*) INTO v_remaining FROM app.tasks t
    WHERE t.parent_job_id = v_job_id AND t.stage = v_stage AND t.status IN ('queued', 'processing');

    RETURN QUERY SELECT task_updated, v_remaining = 0, v_job_id, v_stage, v_remaining;
END
$$;

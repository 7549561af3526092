CREATE SCHEMA IF NOT EXISTS app;

CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public CASCADE;

CREATE TYPE app.job_status AS ENUM ('queued', 'processing', 'completed', 'failed', 'completed_with_errors');
COMMENT ON TYPE app.job_status IS 'Where a job is in its life.';

CREATE TYPE app.task_status AS ENUM ('queued', 'processing', 'completed', 'failed');
COMMENT ON TYPE app.task_status IS 'Where a task is in its life.';

CREATE TABLE app.jobs (
    job_id character varying(64) NOT NULL,
    job_type character varying(50) NOT NULL,
    status app.job_status DEFAULT 'queued' NOT NULL,
    stage integer DEFAULT 1 NOT NULL,
    total_stages integer DEFAULT 1 NOT NULL,
    parameters jsonb DEFAULT '{}' NOT NULL,
    stage_results jsonb DEFAULT '{}' NOT NULL,
    result_data jsonb,
    error_details text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT pk_jobs PRIMARY KEY (job_id),
    CONSTRAINT ck_jobs_completed_has_result CHECK (status <> 'completed' OR result_data IS NOT NULL),
    CONSTRAINT ck_jobs_failed_has_error CHECK (status <> 'failed' OR error_details IS NOT NULL),
    CONSTRAINT ck_jobs_job_id_min_length CHECK (char_length(job_id) >= 64),
    CONSTRAINT ck_jobs_job_id_regex CHECK (job_id = '' OR job_id ~ '^(?:[0-9a-f]{64})$'),
    CONSTRAINT ck_jobs_job_type_min_length CHECK (char_length(job_type) >= 1),
    CONSTRAINT ck_jobs_job_type_regex CHECK (job_type = '' OR job_type ~ '^(?:[a-z][a-z0-9_]*)$'),
    CONSTRAINT ck_jobs_stage_range CHECK (stage >= 1 AND stage <= 100),
    CONSTRAINT ck_jobs_stage_total_stages CHECK (stage <= total_stages),
    CONSTRAINT ck_jobs_total_stages_range CHECK (total_stages >= 1 AND total_stages <= 100)
);
CREATE INDEX ix_jobs_created_at ON app.jobs USING btree (created_at);
CREATE INDEX ix_jobs_job_type ON app.jobs USING btree (job_type);
CREATE INDEX ix_jobs_status ON app.jobs USING btree (status);
CREATE INDEX ix_jobs_updated_at ON app.jobs USING btree (updated_at);
COMMENT ON TABLE app.jobs IS 'A job: a unit of work that runs through numbered stages, each made of tasks.';
COMMENT ON COLUMN app.jobs.job_id IS 'SHA-256 of the job''s type and parameters, as 64 lowercase hex digits.';
COMMENT ON COLUMN app.jobs.job_type IS 'The kind of job, in snake_case.';
COMMENT ON COLUMN app.jobs.stage IS 'The stage the job is in, from 1.';
COMMENT ON COLUMN app.jobs.parameters IS 'The job''s input.';
COMMENT ON COLUMN app.jobs.stage_results IS 'Results of the completed stages, keyed by stage number.';

CREATE TABLE app.tasks (
    task_id character varying(100) NOT NULL,
    parent_job_id character varying(64) NOT NULL,
    task_type character varying(50) NOT NULL,
    status app.task_status DEFAULT 'queued' NOT NULL,
    stage integer NOT NULL,
    task_index integer NOT NULL,
    parameters jsonb DEFAULT '{}' NOT NULL,
    result_data jsonb,
    error_details text,
    retry_count integer DEFAULT 0 NOT NULL,
    heartbeat timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT pk_tasks PRIMARY KEY (task_id),
    CONSTRAINT ck_tasks_parent_job_id_min_length CHECK (char_length(parent_job_id) >= 64),
    CONSTRAINT ck_tasks_retry_count_range CHECK (retry_count >= 0 AND retry_count <= 10),
    CONSTRAINT ck_tasks_stage_range CHECK (stage >= 1 AND stage <= 100),
    CONSTRAINT ck_tasks_task_id_min_length CHECK (char_length(task_id) >= 1),
    CONSTRAINT ck_tasks_task_index_range CHECK (task_index >= 0 AND task_index <= 10000),
    CONSTRAINT ck_tasks_task_type_min_length CHECK (char_length(task_type) >= 1),
    CONSTRAINT ck_tasks_task_type_regex CHECK (task_type = '' OR task_type ~ '^(?:[a-z][a-z0-9_]*)$'),
    CONSTRAINT fk_tasks_parent_job_id FOREIGN KEY (parent_job_id) REFERENCES app.jobs (job_id) ON DELETE CASCADE
);
CREATE INDEX ix_tasks_created_at ON app.tasks USING btree (created_at);
CREATE INDEX ix_tasks_heartbeat ON app.tasks USING btree (heartbeat) WHERE (heartbeat IS NOT NULL);
CREATE INDEX ix_tasks_parent_job_id_stage ON app.tasks USING btree (parent_job_id, stage);
CREATE INDEX ix_tasks_parent_job_id_stage_status ON app.tasks USING btree (parent_job_id, stage, status);
CREATE INDEX ix_tasks_retry_count ON app.tasks USING btree (retry_count) WHERE (retry_count > 0);
CREATE INDEX ix_tasks_status ON app.tasks USING btree (status);
CREATE INDEX ix_tasks_task_type ON app.tasks USING btree (task_type);
CREATE INDEX ix_tasks_updated_at ON app.tasks USING btree (updated_at);
COMMENT ON TABLE app.tasks IS 'One task of a job''s stage.';
COMMENT ON COLUMN app.tasks.parent_job_id IS 'The job this task belongs to; deleting the job deletes its tasks.';
COMMENT ON COLUMN app.tasks.task_index IS 'The task''s position within its stage.';
COMMENT ON COLUMN app.tasks.heartbeat IS 'When a worker last reported progress on the task.';

CREATE TABLE app.worker_sites (
    site_id character varying(32) NOT NULL,
    location geometry(Point,4326) NOT NULL,
    workers integer NOT NULL,
    CONSTRAINT pk_worker_sites PRIMARY KEY (site_id),
    CONSTRAINT ck_worker_sites_workers_range CHECK (workers >= 0 AND workers <= 10000)
);
CREATE INDEX ix_worker_sites_location ON app.worker_sites USING gist (location);
COMMENT ON TABLE app.worker_sites IS 'A data centre that runs workers; jobs are sent to the nearest one.';
COMMENT ON COLUMN app.worker_sites.site_id IS 'The site''s short name.';
COMMENT ON COLUMN app.worker_sites.location IS 'Where the site is, as longitude and latitude (WGS 84, the model''s default SRID).';
COMMENT ON COLUMN app.worker_sites.workers IS 'How many workers run there.';

CREATE OR REPLACE FUNCTION app.set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

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

CREATE OR REPLACE TRIGGER jobs_set_updated_at BEFORE UPDATE ON app.jobs
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();

CREATE OR REPLACE TRIGGER tasks_set_updated_at BEFORE UPDATE ON app.tasks
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();


-- Housekeeping: remote cleanup and resubmissions (as migrations/0004_housekeeping.sql).

-- When the job's batch (and its uploaded input file) was deleted on the API, or found already gone.
ALTER TABLE jobs ADD COLUMN remote_deleted_at BIGINT;

-- The jobs not cleaned up remotely yet, by the time they finished.
CREATE INDEX jobs_remote_cleanup ON jobs(COALESCE(completed_at, last_checked_at, submitted_at, created_at))
    WHERE remote_deleted_at IS NULL;

-- `show` names a job's follow-ups: the jobs whose request metadata says `resubmitted_from` is it.
CREATE INDEX jobs_by_resubmitted_from ON jobs(((request_metadata::jsonb ->> 'resubmitted_from')))
    WHERE (request_metadata::jsonb ->> 'resubmitted_from') IS NOT NULL;

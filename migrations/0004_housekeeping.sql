-- Housekeeping: remote cleanup and resubmissions.

-- When `prune --remote` (or `check` with remote_cleanup_after_days) deleted the job's batch (and its uploaded
-- input file) on the API, or found it already gone. Set once, so a later prune never asks the API again.
-- History events are pruned; this column is not.
ALTER TABLE jobs ADD COLUMN remote_deleted_at INTEGER;

-- The jobs not cleaned up remotely yet, by the time they finished (a legacy entry may lack completed_at):
-- what every cleanup looks through, so jobs already cleaned cost nothing however many there are.
CREATE INDEX jobs_remote_cleanup ON jobs(COALESCE(completed_at, last_checked_at, submitted_at, created_at))
    WHERE remote_deleted_at IS NULL;

-- `show` names a job's follow-ups: the jobs whose request metadata says `resubmitted_from` is it. Only
-- resubmissions are in this index.
CREATE INDEX jobs_by_resubmitted_from ON jobs(json_extract(request_metadata, '$.resubmitted_from'))
    WHERE json_extract(request_metadata, '$.resubmitted_from') IS NOT NULL;

-- Indexes for the checker's claim query and the operator commands (as migrations/0002_indexes.sql).

-- The claim query walks due pending jobs in next_check_at order; finished jobs are not in this index.
CREATE INDEX jobs_due ON jobs(next_check_at) WHERE status = 'pending';

-- `list --status S`, newest first.
CREATE INDEX jobs_by_status ON jobs(status, submitted_at);

-- History for `show`, and the foreign key's child lookups on delete/rename.
CREATE INDEX job_events_by_job ON job_events(job_id, at);

-- `lastCompletedRun()` and `recentRuns(limit:)`.
CREATE INDEX runs_by_start ON runs(started_at);

-- Small named values the program keeps between runs, e.g. the fingerprint of the last tracking-file
-- export, so an idle check run neither re-reads nor rewrites an unchanged tracking file.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The export fingerprint needs the newest change to any job without scanning the table.
CREATE INDEX jobs_by_update ON jobs(updated_at);

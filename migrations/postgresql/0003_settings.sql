-- Small named values the program keeps between runs (as migrations/0003_settings.sql).
CREATE TABLE settings (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value TEXT NOT NULL
);

-- The export fingerprint needs the newest change to any job without scanning the table.
CREATE INDEX jobs_by_update ON jobs(updated_at);

-- Initial schema: jobs, their images, check runs, and per-job history.
-- Times are INTEGER microseconds since the Unix epoch (the legacy files carry microseconds).

CREATE TABLE jobs (
    id               TEXT PRIMARY KEY NOT NULL,   -- the API batch name (batches/...) or a legacy/local id
    status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'completed', 'failed', 'cancelled', 'expired')),
    remote_state     TEXT,                        -- verbatim BATCH_STATE_* as last seen
    display_name     TEXT,
    submitted_at     INTEGER,
    last_checked_at  INTEGER,
    completed_at     INTEGER,
    check_count      INTEGER NOT NULL DEFAULT 0 CHECK (check_count >= 0),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_check_at    INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    not_found_count  INTEGER NOT NULL DEFAULT 0 CHECK (not_found_count >= 0),
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    fencing_token    INTEGER NOT NULL DEFAULT 0,
    request_metadata TEXT CHECK (request_metadata IS NULL OR json_valid(request_metadata)),
    legacy_extra     TEXT CHECK (legacy_extra IS NULL OR json_valid(legacy_extra)),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE images (
    id                    INTEGER PRIMARY KEY,
    job_id                TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE ON UPDATE CASCADE,
    request_key           TEXT NOT NULL,
    item_index            INTEGER NOT NULL,
    state                 TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    original_path         TEXT,
    webp_path             TEXT,
    original_sidecar_path TEXT,
    webp_sidecar_path     TEXT,
    bytes                 INTEGER,
    sha256                TEXT,
    webp_bytes            INTEGER,
    mime_type             TEXT,
    error                 TEXT,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    UNIQUE (job_id, request_key)
) STRICT;

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    owner       TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    claimed     INTEGER NOT NULL DEFAULT 0,
    retrieved   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    errors      INTEGER NOT NULL DEFAULT 0,
    outcome     TEXT,                              -- NULL while the run is in progress
    message     TEXT
) STRICT;

CREATE TABLE job_events (
    id      INTEGER PRIMARY KEY,
    job_id  TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE ON UPDATE CASCADE,
    at      INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    message TEXT
) STRICT;

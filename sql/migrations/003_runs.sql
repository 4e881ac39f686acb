-- Operational tables: what each run saw, what it refused and why, and every validation result.

-- One row per pipeline run.
CREATE TABLE runs (
    run_id       VARCHAR PRIMARY KEY,
    flow_run_id  VARCHAR,               -- Prefect's id, to find the run in the UI
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    inboxes      VARCHAR,
    files_found  INTEGER,               -- files in the inboxes
    files_new    INTEGER,               -- new or changed since the last run
    loaded       INTEGER,               -- reports inserted
    replaced     INTEGER,               -- reports that replaced an older version
    duplicates   INTEGER,               -- same content as a report already loaded
    quarantined  INTEGER,
    status       VARCHAR                -- ok | failed
);

-- Every file a run has looked at, so that the next run reads only new or changed files.
CREATE TABLE inbox_files (
    source_path VARCHAR PRIMARY KEY,
    size        BIGINT NOT NULL,
    mtime_ns    BIGINT NOT NULL,
    raw_sha256  VARCHAR NOT NULL,
    outcome     VARCHAR NOT NULL,       -- loaded | replaced | duplicate | superseded | quarantined
    report_id   VARCHAR,
    run_id      VARCHAR NOT NULL,
    seen_at     TIMESTAMP NOT NULL
);

-- Files that could not be loaded, with the reason. A file leaves quarantine (resolved_at set) when a
-- later version of it loads.
CREATE TABLE quarantine (
    source_path    VARCHAR NOT NULL,
    source_name    VARCHAR NOT NULL,
    raw_sha256     VARCHAR,
    code           VARCHAR NOT NULL,    -- stable: empty, binary, decode_error, no_year, gate:<expectation> ...
    reason         VARCHAR NOT NULL,    -- a sentence for people
    stage          VARCHAR NOT NULL,    -- read | parse | gate
    run_id         VARCHAR NOT NULL,
    quarantined_at TIMESTAMP NOT NULL,
    resolved_at    TIMESTAMP
);

-- Great Expectations results, one row per expectation per validated batch, passing ones included.
CREATE TABLE validations (
    run_id           VARCHAR NOT NULL,
    batch            INTEGER NOT NULL,
    validated_at     TIMESTAMP NOT NULL,
    table_name       VARCHAR NOT NULL,
    suite            VARCHAR NOT NULL,
    expectation      VARCHAR NOT NULL,
    column_name      VARCHAR,
    success          BOOLEAN NOT NULL,
    failing_keys     VARCHAR[],
    message          VARCHAR,
    element_count    BIGINT,
    unexpected_count BIGINT
);

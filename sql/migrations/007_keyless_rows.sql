-- targets and outcomes without a declared primary key or (region, year) index.
--
-- Why: DuckDB keeps an ART index in memory for every PRIMARY KEY and INDEX and checks it on every insert.
-- For these two tables, the largest of the warehouse (some 70 rows per report), the indexes cost memory
-- that grows with the warehouse (about 100 MB at 10,000 reports) and a sixth of each load's CPU, and they
-- buy nothing: the verdict views join by hash, never by index lookups, and the ids are unique by
-- construction (report_id, itself the key of `reports`, + ':t' or ':o' + the row's ordinal in its
-- report; a replaced report's rows are deleted before its new version's are inserted; official results
-- replace rows with the same outcome_id). tests/test_store.py checks that they stay unique.
--
-- DuckDB cannot drop a key from a table: each table is rebuilt with the same columns, order and
-- constraints otherwise, and its rows copied over. The views name the tables, not their storage, and bind
-- again to the new ones.

DROP INDEX targets_region_year;
DROP INDEX outcomes_region_year;

CREATE TABLE targets_keyless (
    target_id    VARCHAR NOT NULL,      -- report_id + ':t' + ordinal within the report (unique)
    report_id    VARCHAR NOT NULL,
    region       VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    tier         VARCHAR NOT NULL,
    indicator    VARCHAR NOT NULL,
    indicator_id VARCHAR,
    kind         VARCHAR NOT NULL,
    comparator   VARCHAR,
    value        DOUBLE,
    value_high   DOUBLE,
    unit         VARCHAR,
    direction    VARCHAR,
    phrase       VARCHAR NOT NULL,
    char_start   INTEGER NOT NULL,
    char_end     INTEGER NOT NULL,
    base_value   DOUBLE,
    base_unit    VARCHAR
);
INSERT INTO targets_keyless SELECT * FROM targets;
DROP TABLE targets;
ALTER TABLE targets_keyless RENAME TO targets;

CREATE TABLE outcomes_keyless (
    outcome_id   VARCHAR NOT NULL,      -- report_id + ':o' + ordinal, or 'official:' + a hash (unique)
    report_id    VARCHAR,
    region       VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    indicator    VARCHAR NOT NULL,
    indicator_id VARCHAR,
    kind         VARCHAR NOT NULL,
    value        DOUBLE,
    unit         VARCHAR,
    phrase       VARCHAR NOT NULL,
    char_start   INTEGER,
    char_end     INTEGER,
    source       VARCHAR NOT NULL DEFAULT 'report',
    estimated    BOOLEAN NOT NULL DEFAULT false,
    base_value   DOUBLE,
    base_unit    VARCHAR,
    attainment   VARCHAR,               -- added by 006, as are the two below
    tier         VARCHAR DEFAULT 'headline',
    source_url   VARCHAR
);
INSERT INTO outcomes_keyless SELECT * FROM outcomes;
DROP TABLE outcomes;
ALTER TABLE outcomes_keyless RENAME TO outcomes;

-- targets and outcomes (public: ../shared/spec/warehouse.md). Every row carries the exact phrase it came
-- from and its character offsets in reports.text: substring(text, char_start + 1, char_end - char_start)
-- is the phrase (offsets are 0-based, end-exclusive, like Python slices).

CREATE TABLE targets (
    target_id    VARCHAR PRIMARY KEY,   -- report_id + ':t' + ordinal within the report
    report_id    VARCHAR NOT NULL,
    region       VARCHAR NOT NULL,
    year         INTEGER NOT NULL,      -- the year the target is for
    tier         VARCHAR NOT NULL,      -- headline | commitment
    indicator    VARCHAR NOT NULL,      -- as written
    indicator_id VARCHAR,               -- catalogue id (pledgetrack/data/indicators.csv); NULL when unknown
    kind         VARCHAR NOT NULL,      -- growth | reduction | level | rate | qualitative
    comparator   VARCHAR,               -- approx | at_least | at_most | range | plain; NULL for qualitative
    value        DOUBLE,
    value_high   DOUBLE,                -- ranges only
    unit         VARCHAR,               -- as written: '%', '亿元', '万人', '户' ...
    direction    VARCHAR,               -- floor | ceiling; NULL for qualitative
    phrase       VARCHAR NOT NULL,
    char_start   INTEGER NOT NULL,
    char_end     INTEGER NOT NULL,
    base_value   DOUBLE,                -- value in the base unit (亿元 -> 元), for comparing across units
    base_unit    VARCHAR
);

CREATE TABLE outcomes (
    outcome_id   VARCHAR PRIMARY KEY,   -- report_id + ':o' + ordinal, or 'official:' + a hash for loaded results
    report_id    VARCHAR,               -- NULL for official results
    region       VARCHAR NOT NULL,
    year         INTEGER NOT NULL,      -- the year the result is for
    indicator    VARCHAR NOT NULL,
    indicator_id VARCHAR,
    kind         VARCHAR NOT NULL,      -- growth | reduction | level | rate | qualitative | attainment
    value        DOUBLE,
    unit         VARCHAR,
    phrase       VARCHAR NOT NULL,
    char_start   INTEGER,
    char_end     INTEGER,
    source       VARCHAR NOT NULL DEFAULT 'report',  -- report | official
    estimated    BOOLEAN NOT NULL DEFAULT false,      -- '预计全年…': an estimate, flagged
    base_value   DOUBLE,
    base_unit    VARCHAR
);

CREATE INDEX targets_region_year ON targets (region, year);
CREATE INDEX outcomes_region_year ON outcomes (region, year);

-- (The view unknown_indicators, once created here, is in sql/models/status.sql.)

-- What the follow-up report's review says about each target, looked up by pledgetrack/extract/lookup.py in the
-- judge stage of a run: one row per (target, follow-up report). Either a result found after a name of
-- the target's indicator (`found` = figure | statement | state, with the exact phrase and offsets into
-- the follow-up's reports.text), or the reason nothing was (`reason`) with the nearest mention, so that a
-- `no_evidence` verdict says why and `dropped` holds only targets the review never names.
--
-- evidence_id = target_id || '@' || report_id: unique by construction (like targets and outcomes, no
-- declared key: see 007). A replaced report's rows go with it when its new version is loaded, whether it
-- was the target's report or the follow-up.
CREATE TABLE evidence (
    evidence_id      VARCHAR NOT NULL,   -- target_id || '@' || report_id
    target_id        VARCHAR NOT NULL,
    target_report_id VARCHAR NOT NULL,   -- the report that set the target
    report_id        VARCHAR NOT NULL,   -- the follow-up report (region, year + 1) that was searched
    region           VARCHAR NOT NULL,
    year             INTEGER NOT NULL,   -- the target's year
    found            VARCHAR,            -- figure | statement | state; NULL: see reason
    name             VARCHAR,            -- the name of the indicator as the review writes it
    kind             VARCHAR,            -- of the figure: growth | reduction | level | rate; qualitative otherwise
    value            DOUBLE,             -- as written (sign kept: "增长-6.5%" is -6.5)
    unit             VARCHAR,
    base_value       DOUBLE,             -- value in its base unit (亿元 -> 元)
    base_unit        VARCHAR,
    bound            VARCHAR,            -- at_least | at_most: a threshold crossed ("突破1.2万亿斤"), not a value
    attainment       VARCHAR,            -- statement: met | not_met | ratio; state: positive | negative
    reference_value  DOUBLE,             -- an 同步 target's yardstick: the economy's growth in the same review
    reference_phrase VARCHAR,            -- ... as the review states it
    estimated        BOOLEAN NOT NULL DEFAULT false,
    phrase           VARCHAR,            -- exact substring of the follow-up's text, from the name to the figure
    char_start       INTEGER,
    char_end         INTEGER,
    reason           VARCHAR,            -- no_mention | no_comparable_figure | other_kind | no_usable_name
    mention_start    INTEGER,            -- the nearest mention of the target's indicator, when there is one
    mention_end      INTEGER,
    mention_snippet  VARCHAR,            -- a short quote around it
    judged_at        TIMESTAMP
);

-- The views and macros live in sql/models/*.sql. They hold no data, so instead of a new migration that
-- copies every rule each time one changes (008 copied 006 whole), migrate makes them again after the
-- migrations: the checksum of each file as last made is recorded here, so that migrate knows when the
-- warehouse holds them already (pledgetrack/warehouse/schema.py, create_models).
CREATE TABLE schema_definitions (
    name       VARCHAR PRIMARY KEY,
    checksum   VARCHAR NOT NULL,
    applied_at TIMESTAMP DEFAULT now()
);

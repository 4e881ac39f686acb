-- The tables the verdicts read besides targets and outcomes. The verdict rules themselves (views and
-- macros) are written once, in sql/models/verdicts.sql, which migrate makes again whenever it changes:
-- this migration once held a first copy of them, and every warehouse now gets the current one.

-- How an outcome speaks of its year's target (set by extraction; NULL for a plain figure):
-- 'ratio' (value is a % of the target), 'met' / 'not_met' (an explicit statement about the target),
-- 'positive' / 'negative' (a qualitative state such as 国际收支基本平衡).
ALTER TABLE outcomes ADD COLUMN attainment VARCHAR;
-- 'headline': a result about an indicator that carries targets (GDP, revenue, jobs …); 'detail': any other
-- result the review states for its year (a 养老床位 or 电梯 count), kept so that commitments can be judged.
ALTER TABLE outcomes ADD COLUMN tier VARCHAR DEFAULT 'headline';
-- Where an official result (source = 'official', loaded by `pledgetrack load-results`) was published.
ALTER TABLE outcomes ADD COLUMN source_url VARCHAR;

-- The indicator catalogue as the last run saw it (pledgetrack/data/indicators.csv plus the user's CSVs),
-- refreshed at the start of every run: for queries, and for `dropped`, which looks for any alias.
CREATE TABLE indicators (
    indicator_id VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    direction    VARCHAR,
    kinds        VARCHAR[],
    units        VARCHAR[]
);
CREATE TABLE indicator_aliases (
    indicator_id VARCHAR NOT NULL,
    alias        VARCHAR NOT NULL,
    PRIMARY KEY (indicator_id, alias)
);

CREATE TABLE verdict_settings (
    name        VARCHAR PRIMARY KEY,
    value       DOUBLE NOT NULL,
    description VARCHAR
);
INSERT INTO verdict_settings VALUES
    ('tol_points', 0.5, 'tolerance of a 左右 target whose unit is %, in percentage points'),
    ('tol_relative', 0.05, 'tolerance of a 左右 target in any other unit, as a share of the target');

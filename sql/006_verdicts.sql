-- Verdicts: each target of region R, year Y judged by what R's report of Y+1 says about Y (or by an
-- official result a user loaded), following ../shared/spec/verdicts.md. Everything here is a view over
-- targets, outcomes and reports, so a report that arrives late, or a corrected one, is judged the moment it
-- is loaded, and nothing else is recomputed.

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

-- Every outcome that could settle a target: same region and year; the same indicator (catalogue id, or,
-- when either id is unknown, one name ending with the other and at least half as long: Chinese puts the
-- head noun last, so '改造加装电梯' is '加装电梯', while '中央财政' is not '中央财政赤字' and a bare
-- '资金' is not '中央用于廉租住房制度建设的资金'); and evidence of a usable sort:
--   figure    a result of the same kind in the same base unit (a growth settles a growth; 下降0.7% settles
--             a 涨幅 target as -0.7); a level converted between 亿元 and 万元, 万人 and 人 …
--   statement an explicit statement about the target: "完成年度目标的128.4%", "控制在预算范围内",
--             "目标没有完成" (settles a target of any kind)
--   state     a qualitative state, "国际收支基本平衡" (settles only a qualitative target)
CREATE VIEW verdict_candidates AS
WITH pairs AS (
    SELECT
        t.target_id,
        o.outcome_id,
        o.source,
        o.estimated,
        o.attainment,
        o.char_start AS outcome_char_start,
        CASE
            WHEN t.kind <> 'qualitative' AND o.attainment IS NULL AND o.kind = t.kind
                 AND o.base_unit = t.base_unit THEN 'figure'
            WHEN t.kind IN ('growth', 'reduction') AND o.kind IN ('growth', 'reduction') AND o.kind <> t.kind
                 AND o.attainment IS NULL AND o.unit = '%' AND t.unit = '%' THEN 'figure'
            WHEN o.attainment IN ('ratio', 'met', 'not_met') THEN 'statement'
            WHEN t.kind = 'qualitative' AND o.attainment IN ('positive', 'negative') THEN 'state'
        END AS evidence,
        -- the result in the target's own unit (a growth read off a 下降 is negative)
        CASE
            WHEN o.attainment = 'ratio' THEN o.value
            WHEN o.kind <> t.kind AND o.kind IN ('growth', 'reduction') THEN -o.value
            ELSE o.base_value / coalesce(t.base_value / nullif(t.value, 0), 1)
        END AS actual,
        t.indicator = o.indicator AS same_name
    FROM targets t
    JOIN outcomes o
      ON o.region = t.region
     AND o.year = t.year
     AND (
            (t.indicator_id IS NOT NULL AND t.indicator_id = o.indicator_id)
         OR ((t.indicator_id IS NULL OR o.indicator_id IS NULL)
             AND (ends_with(o.indicator, t.indicator) OR ends_with(t.indicator, o.indicator))
             AND 2 * least(length(o.indicator), length(t.indicator))
                 >= greatest(length(o.indicator), length(t.indicator)))
     )
)
SELECT
    *,
    -- ties: a figure before a statement before a state; a final figure before an estimate (预计); the
    -- indicator written the same way; the first place the review states it
    row_number() OVER (
        PARTITION BY target_id, source
        ORDER BY CASE evidence WHEN 'figure' THEN 0 WHEN 'statement' THEN 1 ELSE 2 END,
                 estimated, same_name DESC, outcome_char_start, outcome_id
    ) AS rank_in_source
FROM pairs
WHERE evidence IS NOT NULL;

-- The rules of verdicts.md, a CASE branch each, applied to the best candidate of each source.
CREATE VIEW verdict_judgements AS
WITH settings AS (
    SELECT
        max(value) FILTER (WHERE name = 'tol_points') AS tol_points,
        max(value) FILTER (WHERE name = 'tol_relative') AS tol_relative
    FROM verdict_settings
),
best AS (
    SELECT
        c.*,
        t.kind, t.comparator, t.value AS target_value, t.value_high, t.unit,
        coalesce(t.direction, 'floor') AS direction,
        CASE
            WHEN t.comparator <> 'approx' OR t.kind = 'qualitative' THEN NULL
            WHEN t.unit = '%' THEN s.tol_points
            ELSE s.tol_relative * abs(t.value)
        END AS tol
    FROM verdict_candidates c
    JOIN targets t USING (target_id)
    CROSS JOIN settings s
    WHERE c.rank_in_source = 1
),
ruled AS (
    SELECT
        *,
        CASE
            WHEN evidence = 'statement' AND attainment = 'ratio' THEN 'attainment_ratio'
            WHEN evidence = 'statement' THEN 'explicit_statement'
            WHEN evidence = 'state' THEN 'qualitative_state'
            WHEN comparator = 'range' THEN direction || '_range'
            WHEN comparator = 'approx' THEN direction || '_approx'
            ELSE direction
        END AS rule
    FROM best
)
SELECT
    target_id, outcome_id, source, evidence, rule, target_value, value_high, tol, actual,
    CASE rule
        WHEN 'attainment_ratio' THEN CASE WHEN actual >= 100 THEN 'kept' ELSE 'missed' END
        WHEN 'explicit_statement' THEN CASE WHEN attainment = 'not_met' THEN 'missed' ELSE 'kept' END
        WHEN 'qualitative_state' THEN CASE WHEN attainment = 'negative' THEN 'missed' ELSE 'kept' END
        WHEN 'floor' THEN CASE WHEN actual >= target_value THEN 'kept' ELSE 'missed' END
        WHEN 'ceiling' THEN CASE WHEN actual <= target_value THEN 'kept' ELSE 'missed' END
        WHEN 'floor_approx' THEN CASE WHEN actual >= target_value - tol THEN 'kept' ELSE 'missed' END
        WHEN 'ceiling_approx' THEN CASE WHEN actual <= target_value + tol THEN 'kept' ELSE 'missed' END
        WHEN 'floor_range' THEN CASE WHEN actual >= target_value THEN 'kept' ELSE 'missed' END
        WHEN 'ceiling_range' THEN CASE WHEN actual <= value_high THEN 'kept' ELSE 'missed' END
    END AS status,
    -- positive: better than the target
    CASE
        WHEN rule = 'attainment_ratio' THEN actual - 100
        WHEN rule IN ('floor', 'floor_approx', 'floor_range') THEN actual - target_value
        WHEN rule IN ('ceiling', 'ceiling_approx') THEN target_value - actual
        WHEN rule = 'ceiling_range' THEN value_high - actual
    END AS margin
FROM ruled;

-- One row per target. The report of Y+1 is the source of record (the tool holds a government to its own
-- words); an official result is used when the report states nothing, and shown beside the report's when
-- both exist (`official_status`, `sources_disagree`).
CREATE VIEW verdicts AS
SELECT
    t.target_id,
    t.region,
    t.year,
    t.tier,
    t.indicator,
    t.indicator_id,
    CASE
        WHEN j.status IS NOT NULL THEN j.status
        WHEN f.report_id IS NULL THEN 'pending'
        ELSE 'no_evidence'
    END AS status,
    j.outcome_id,
    round(j.actual, 6) AS actual,
    round(j.margin, 6) AS margin,
    coalesce(j.rule, CASE WHEN f.report_id IS NULL THEN 'no_follow_up_report' ELSE 'no_result_stated' END)
        AS rule,
    t.kind,
    t.comparator,
    t.direction,
    t.value AS target_value,
    t.value_high,
    t.unit,
    j.tol,
    j.source AS outcome_source,
    t.phrase AS target_phrase,
    t.report_id AS target_report_id,
    t.char_start AS target_char_start,
    t.char_end AS target_char_end,
    o.phrase AS outcome_phrase,
    o.report_id AS outcome_report_id,
    o.char_start AS outcome_char_start,
    o.char_end AS outcome_char_end,
    f.report_id AS follow_up_report_id,
    oj.outcome_id AS official_outcome_id,
    round(oj.actual, 6) AS official_actual,
    oj.status AS official_status,
    coalesce(rj.status IS NOT NULL AND oj.status IS NOT NULL AND rj.status <> oj.status, false)
        AS sources_disagree
FROM targets t
LEFT JOIN reports f ON f.region = t.region AND f.year = t.year + 1
LEFT JOIN verdict_judgements rj ON rj.target_id = t.target_id AND rj.source = 'report'
LEFT JOIN verdict_judgements oj ON oj.target_id = t.target_id AND oj.source = 'official'
LEFT JOIN verdict_judgements j
       ON j.target_id = t.target_id AND j.source = CASE WHEN rj.status IS NOT NULL THEN 'report' ELSE 'official' END
LEFT JOIN outcomes o ON o.outcome_id = j.outcome_id;

-- Targets, kept, missed, no_evidence and pending per region and year; kept_rate is over the judged ones.
CREATE VIEW scorecard AS
SELECT
    region,
    year,
    count(*) AS targets,
    count(*) FILTER (WHERE status = 'kept') AS kept,
    count(*) FILTER (WHERE status = 'missed') AS missed,
    count(*) FILTER (WHERE status = 'no_evidence') AS no_evidence,
    count(*) FILTER (WHERE status = 'pending') AS pending,
    round(count(*) FILTER (WHERE status = 'kept')
          / nullif(count(*) FILTER (WHERE status IN ('kept', 'missed')), 0), 3) AS kept_rate,
    count(*) FILTER (WHERE tier = 'headline') AS headline_targets,
    count(*) FILTER (WHERE tier = 'headline' AND status = 'kept') AS headline_kept,
    count(*) FILTER (WHERE tier = 'headline' AND status = 'missed') AS headline_missed
FROM verdicts
GROUP BY region, year
ORDER BY region, year;

CREATE VIEW missed AS
SELECT region, year, tier, indicator, target_phrase, outcome_phrase, target_value, actual, unit, margin, rule,
       target_id, outcome_id
FROM verdicts
WHERE status = 'missed'
ORDER BY region, year, target_id;

-- Targets the follow-up report never comes back to: no result for the indicator of any kind, and neither
-- the indicator's name nor any alias of its catalogue entry occurs anywhere in the follow-up report.
CREATE VIEW dropped AS
SELECT v.region, v.year, v.tier, v.indicator, v.indicator_id, v.target_phrase, v.target_id,
       v.follow_up_report_id
FROM verdicts v
JOIN reports f ON f.report_id = v.follow_up_report_id
WHERE v.status = 'no_evidence'
  AND NOT contains(f.text, v.indicator)
  AND NOT EXISTS (
        SELECT 1 FROM indicator_aliases a
        WHERE a.indicator_id = v.indicator_id AND contains(f.text, a.alias)
  )
  AND NOT EXISTS (
        SELECT 1 FROM outcomes o
        WHERE o.region = v.region AND o.year = v.year
          AND (o.indicator_id = v.indicator_id OR o.indicator = v.indicator)
  )
ORDER BY v.region, v.year, v.target_id;

-- Indicators missed in two or more consecutive years by the same region.
CREATE VIEW streaks AS
WITH misses AS (
    SELECT DISTINCT region, coalesce(indicator_id, indicator) AS indicator_key, year
    FROM verdicts
    WHERE status = 'missed'
),
islands AS (
    SELECT *, year - row_number() OVER (PARTITION BY region, indicator_key ORDER BY year) AS island
    FROM misses
)
SELECT region, indicator_key, min(year) AS first_year, max(year) AS last_year, count(*) AS years_missed
FROM islands
GROUP BY region, indicator_key, island
HAVING count(*) >= 2
ORDER BY years_missed DESC, region, indicator_key;

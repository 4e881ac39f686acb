-- The verdict rules of ../shared/spec/verdicts.md, written once.
--
-- Everything here is a view or a macro: no data. Migrate makes this file again after the migrations (and
-- after status.sql: models go in file name order), so a rule is changed by editing it here, and every
-- warehouse, new or old, gets the new rule on its next run. (006 wrote the rules as views and 008 copied
-- them whole into macros; this file replaces what they created.) Every statement must therefore run on a
-- warehouse where it already ran: CREATE OR REPLACE only. Macros are made before the views that use them.
--
-- The macros take `keys`, a list of year_key(region, year) ('region|year' strings), or NULL for every
-- target of the warehouse; the views are the macros over NULL. Why macros: DuckDB cannot push a filter on
-- region and year through these views (the judgements sit on the right of a LEFT JOIN, and the candidates
-- are ranked by a window over target_id), so a filtered query of `verdicts` judged every target of the
-- warehouse (2.6 s of CPU and 250 MB at 10,000 reports for the ten a run added); `verdicts_of(keys)`
-- reads only the targets of those years (0.2 s).

-- A key of `keys`: year_key('全国', 2013) = '全国|2013' (no region name holds a '|').
CREATE OR REPLACE MACRO year_key(region, year) AS region || '|' || year;

-- A target's key for readers: the anchor of its row on a page (`<region>/<year>.html#t-<key>`), a permalink
-- that survives reloads. target_id is a row id (the report's hash and an ordinal: a corrected report gives
-- every target a new one); the key is the government, the year, the phrase and the indicator (one phrase
-- can set two: "化学需氧量、氨氮排放量分别下降2%"), with `nth` the earlier targets of the same phrase and
-- indicator in the report (a phrase said twice), so a corrected report keeps the key of every target whose
-- phrase it keeps.
CREATE OR REPLACE MACRO target_key(region, year, phrase, indicator, nth) AS
    left(md5(region || '|' || year || '|' || phrase || '|' || indicator || '|' || nth), 12);

CREATE OR REPLACE MACRO targets_of(keys) AS TABLE
-- (IN a subquery, not list_contains: a hash join, where list_contains compares every row with every key,
-- 1.7 billion comparisons when a first run judges 10,000 reports)
SELECT
    *,
    target_key(
        region, year, phrase, indicator,
        row_number() OVER (PARTITION BY report_id, phrase, indicator ORDER BY char_start, target_id) - 1
    ) AS target_key
FROM targets
WHERE keys IS NULL OR year_key(region, year) IN (SELECT unnest(keys));

-- A qualitative target that asks for a quota to be completed ("…指标完成国家下达目标任务", "全面完成…约束性
-- 指标") is settled by a statement that it was, or was not ("约束性指标全部完成"), never by a state: "生态环境
-- 质量稳定向好" says how the quantity went, not that the quota was met.
CREATE OR REPLACE MACRO asks_attainment(phrase) AS regexp_matches(phrase, '完成[^，；。]*(目标|任务|指标)');

-- Is the longer of two names the shorter qualified by a size class? Then it names a part, never the whole:
-- '规模以上固定资产投资' (projects above a size) is not '固定资产投资', '限额以上消费品零售额' not '消费品零售额'.
-- (An indicator measured on a size class alone carries it in its catalogue name: 规模以上工业增加值.)
--   longer               shorter          a part
--   规模以上固定资产投资   固定资产投资      yes
--   规上工业企业利润       工业企业利润      yes
--   改造加装电梯           加装电梯          no (a verb, not a class)
CREATE OR REPLACE MACRO size_class_of(longer, shorter) AS
    length(longer) > length(shorter)
    AND regexp_matches(left(longer, length(longer) - length(shorter)), '(规模以上|规上|限额以上|限上)$');

-- Does an outcome (of any region) speak of a target's indicator? The same catalogue id, or, when either id is
-- unknown, one name ending with the other and at least half as long: Chinese puts the head noun last, so
-- '改造加装电梯' is '加装电梯', while '中央财政' is not '中央财政赤字' and a bare '资金' is not
-- '中央用于廉租住房制度建设的资金'; nor is a size class of it ('规模以上固定资产投资', size_class_of).
CREATE OR REPLACE MACRO same_indicator(target_id, target_name, outcome_id, outcome_name) AS
    (target_id IS NOT NULL AND target_id = outcome_id)
    OR ((target_id IS NULL OR outcome_id IS NULL)
        AND (ends_with(outcome_name, target_name) OR ends_with(target_name, outcome_name))
        AND 2 * least(length(outcome_name), length(target_name))
            >= greatest(length(outcome_name), length(target_name))
        AND NOT size_class_of(outcome_name, target_name)
        AND NOT size_class_of(target_name, outcome_name));

-- Does a statement say a superior's quota was done ("全面完成市核收入任务", "完成省定任务", "顺利完成省市减排任务")?
-- It names the superior's target, not the government's own: it settles a quota target (reference_kind
-- 'quota'), never a figure the government set itself ("一般公共预算收入增长7.5%"). The same words as
-- pledgetrack/extract/lookup.py's _QUOTA_DONE (tests/test_verdicts.py checks both on one table).
CREATE OR REPLACE MACRO names_quota(phrase) AS
    regexp_matches(phrase, '完成了?([省市县]定|省市|上级下达|国家下达|[省市]下达|[省市]核)的?[^，；。0-9]{0,8}?(目标任务|任务|目标)');

-- Every result that could settle a target, from two origins:
--
-- 'outcome': a result extraction filed under the target's indicator (same region and year, same_indicator)
--   and evidence of a usable sort:
--     figure    a result of the same kind in the same base unit (a growth settles a growth; 下降0.7%
--               settles a 涨幅 target as -0.7); a level converted between 亿元 and 万元, 万人 and 人 …
--     statement an explicit statement about the target: "完成年度目标的128.4%", "控制在预算范围内",
--               "目标没有完成" (settles a target of any kind; a superior's quota done, names_quota, only a
--               quota target)
--     state     a qualitative state, "国际收支基本平衡", "涨幅保持较低水平", "总体平稳" (settles only a
--               qualitative target: a state is no attainment of a figure, "居民消费价格涨幅3%左右")
-- 'lookup': what pledgetrack/extract/lookup.py found after a name of the target's indicator in the follow-up's
--   review (table `evidence`): a figure, statement or state it already checked against the target's kind,
--   unit and direction ("城镇调查失业率平均为5.2%", "能耗强度下降4.8%" for 能源消耗强度); for a qualitative
--   target that asks for a direction, a figure of the indicator (or of a member of its group, the
--   catalogue's `parts`) with its polarity in `attainment` (rule qualitative_by_figure below). A state is
--   taken for a quantitative target only when it says a ceiling stayed low for the year (attainment 'low',
--   rule stated_low below).
--
-- A relative target (targets.reference; what it is held to, `reference_kind`, read by the lookup) is settled
-- by what the lookup found for it: a statement of its attainment against the reference, or its own growth (a
-- level of the year before, an average); never by a state, nor by an extracted statement unless it is a
-- quota's. Against an average, its growth is compared with the growth of the same indicator in the
-- same year of the government the reference names (`reference_region`: its report's review, else an
-- official result), read from `outcomes` like any result: `reference`, and where it is stated.
CREATE OR REPLACE MACRO verdict_candidates_of(keys) AS TABLE
WITH keyed AS (
    SELECT * FROM targets_of(keys)
),
outcome_pairs AS (
    SELECT
        t.target_id,
        o.outcome_id,
        NULL::VARCHAR AS evidence_id,
        'outcome' AS origin,
        o.source,
        o.estimated,
        o.attainment,
        o.char_start AS outcome_char_start,
        CASE
            WHEN t.kind <> 'qualitative' AND o.attainment IS NULL AND o.kind = t.kind
                 AND o.base_unit = t.base_unit THEN 'figure'
            WHEN t.kind IN ('growth', 'reduction') AND o.kind IN ('growth', 'reduction') AND o.kind <> t.kind
                 AND o.attainment IS NULL AND o.unit = '%' AND t.unit = '%' THEN 'figure'
            WHEN o.attainment IN ('ratio', 'met', 'not_met')
                 AND (e.reference_kind = 'quota' OR (e.reference_kind IS NULL AND NOT names_quota(o.phrase)))
                 THEN 'statement'
            WHEN t.kind = 'qualitative' AND o.attainment IN ('positive', 'negative')
                 AND NOT asks_attainment(t.phrase) AND e.reference_kind IS NULL THEN 'state'
        END AS evidence,
        -- the result in the target's own unit (a growth read off a 下降 is negative)
        CASE
            WHEN o.attainment = 'ratio' THEN o.value
            WHEN o.kind <> t.kind AND o.kind IN ('growth', 'reduction') THEN -o.value
            ELSE o.base_value / coalesce(t.base_value / nullif(t.value, 0), 1)
        END AS actual,
        t.indicator = o.indicator AS same_name,
        NULL::DOUBLE AS reference,
        e.reference_kind
    FROM keyed t
    JOIN outcomes o
      ON o.region = t.region
     AND o.year = t.year
     AND same_indicator(t.indicator_id, t.indicator, o.indicator_id, o.indicator)
    LEFT JOIN evidence e ON e.target_id = t.target_id  -- what the lookup read the target is held to
),
-- an average's yardstick: the growth of the target's indicator in its year in the reference government's
-- own review (before an official result; a final figure before an estimate; the first it states)
reference_results AS (
    SELECT
        e.target_id,
        o.outcome_id,
        o.phrase,
        CASE WHEN o.kind = 'reduction' THEN -o.value ELSE o.value END AS growth,
        row_number() OVER (
            PARTITION BY e.target_id
            ORDER BY CASE o.source WHEN 'report' THEN 0 ELSE 1 END, o.estimated, o.char_start, o.outcome_id
        ) AS rank_in_reference
    FROM keyed t
    JOIN evidence e ON e.target_id = t.target_id AND e.reference_kind = 'average' AND e.found = 'figure'
    JOIN outcomes o
      ON o.region = e.reference_region
     AND o.year = t.year
     AND same_indicator(t.indicator_id, t.indicator, o.indicator_id, o.indicator)
    WHERE o.kind IN ('growth', 'reduction') AND o.unit = '%' AND o.attainment IS NULL
),
lookup_pairs AS (
    SELECT
        t.target_id,
        NULL::VARCHAR AS outcome_id,
        e.evidence_id,
        'lookup' AS origin,
        'report' AS source,
        e.estimated,
        e.attainment,
        e.char_start AS outcome_char_start,
        e.found AS evidence,
        CASE
            WHEN e.reference_kind = 'average' AND e.kind = 'reduction' THEN -e.value  -- a growth, to compare
            WHEN e.attainment = 'ratio' OR e.reference_value IS NOT NULL THEN e.value
            WHEN t.kind = 'qualitative' THEN e.value  -- as written: the figure's unit is in its phrase
            WHEN e.kind <> t.kind AND e.kind IN ('growth', 'reduction') THEN -e.value
            ELSE e.base_value / coalesce(t.base_value / nullif(t.value, 0), 1)
        END AS actual,
        false AS same_name,
        coalesce(e.reference_value, r.growth) AS reference,
        e.reference_kind,
        r.outcome_id AS reference_outcome_id,
        coalesce(e.reference_phrase, r.phrase) AS reference_phrase
    FROM keyed t
    -- by target alone: a row whose follow-up was replaced went with it (store.load_batch), so the rows of
    -- a target are those of its current follow-up
    JOIN evidence e ON e.target_id = t.target_id
    LEFT JOIN reference_results r ON r.target_id = t.target_id AND r.rank_in_reference = 1
    WHERE e.found IS NOT NULL
      AND NOT (e.found = 'state' AND t.kind <> 'qualitative' AND NOT (e.attainment = 'low' AND t.direction = 'ceiling'))
      AND NOT (e.found = 'state' AND (asks_attainment(t.phrase) OR e.reference_kind IS NOT NULL))
),
pairs AS (
    SELECT * FROM outcome_pairs WHERE evidence IS NOT NULL
    UNION ALL BY NAME
    SELECT * FROM lookup_pairs
)
SELECT
    *,
    -- ties, in this order: a figure before a statement before a state; an extracted outcome before a
    -- looked-up one (extraction reads the whole sentence: subjects carried over, 分别 lists; the lookup
    -- reads what follows a name, so it settles what extraction missed and never overrides it); a final
    -- figure before an estimate (预计); the indicator written the same way; the first place the review
    -- states it
    row_number() OVER (
        PARTITION BY target_id, source
        ORDER BY CASE evidence WHEN 'figure' THEN 0 WHEN 'statement' THEN 1 ELSE 2 END,
                 CASE origin WHEN 'outcome' THEN 0 ELSE 1 END,
                 estimated, same_name DESC, outcome_char_start, coalesce(outcome_id, evidence_id)
    ) AS rank_in_source
FROM pairs;

-- The rules of verdicts.md, a CASE branch each, applied to the best candidate of each source.
--
-- qualitative_by_figure: a qualitative target asking for a direction is settled by a figure the follow-up
-- gives for its indicator, by the figure's polarity (read by the lookup, in `attainment`):
--   target                     figure in the review                          verdict
--   进出口回稳向好 (floor)       进出口增长14.2%                                kept
--   进出口稳中向好 (floor)       货物进出口总额超过30万亿元 (a threshold crossed) kept
--   进出口回稳向好 (floor)       进出口增长-6.5%                                missed
--   主要污染物排放继续减少        二氧化硫、氮氧化物排放量分别下降5.6%和4%         kept (members of the group)
--   主要污染物排放继续减少        化学需氧量排放增长2%                            missed
--   城乡居民收入稳定增长          城镇居民人均可支配收入实际增长7% (a member)      kept
--
-- stated_low: a ceiling target (a maximum not to exceed) with no figure in the follow-up, whose review says
-- the quantity stayed low that year. The government states the year's level was low; a ceiling is a bound
-- on how high it may go, so the statement meets it (weaker evidence than a figure: the rule says so):
--   target                     the review says                               verdict
--   居民消费价格涨幅3%左右        居民消费价格涨幅保持较低水平                     kept
--   城镇登记失业率4.5%以内        城镇新增就业1351万人，失业率为多年来最低          kept
--   居民消费价格涨幅3%左右        居民消费价格年均上涨1.9%，保持较低水平 (5 years) no_evidence
--   城镇登记失业率4.5%以内        调查失业率稳定在5%左右的较低水平 (another rate)   no_evidence
--
-- A relative target, by what it is held to (reference_kind, see the candidates):
--   target (reference)                the follow-up, or the warehouse, says           rule                   verdict
--   粮食产量高于2020年水平 (level)      粮食总产13.5亿斤，增长2.1%                       relative_level         kept
--   粮食产量高于2020年水平 (level)      粮食总产13.1亿斤，下降1.5%                       relative_level         missed
--   规上工业增加值增幅高于全市平均水平   5项主要经济指标增速高于全市平均水平 (its group)  relative_statement     kept
--   规上工业增加值增幅高于全市平均水平   增长9.9% ; the city's report: 增长8.2%          relative_by_reference  kept
--   规上工业增加值增幅高于全市平均水平   增长9.9% ; no result of the city that year      -                      no_evidence
--                                                                                     (reference_not_held)
--   主要经济指标增速进入全市前列 (rank) 四项主要经济数据增长率排名全市前五                relative_rank          kept
--   其他约束性指标完成省定任务 (quota)   约束性指标超额完成省市任务                        quota_statement        kept
-- Above an average is strictly above it (a tie is missed); margin = the target's growth − the reference's.
-- (A target asking for a task to be completed without naming who set it, "完成国家下达目标任务", "确保完成…
-- 任务", is settled by a statement too, asks_attainment: rule explicit_statement.)
CREATE OR REPLACE MACRO verdict_judgements_of(keys) AS TABLE
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
            -- 同步: "基本同步" within the % tolerance (above an average is above it)
            WHEN c.reference IS NOT NULL AND c.reference_kind IS NULL THEN s.tol_points
            WHEN t.comparator <> 'approx' OR t.kind = 'qualitative' THEN NULL
            WHEN t.unit = '%' THEN s.tol_points
            ELSE s.tol_relative * abs(t.value)
        END AS tol
    FROM verdict_candidates_of(keys) c
    JOIN targets_of(keys) t USING (target_id)
    CROSS JOIN settings s
    WHERE c.rank_in_source = 1
),
ruled AS (
    SELECT
        *,
        CASE
            WHEN reference_kind = 'average' AND evidence = 'figure' THEN 'relative_by_reference'
            WHEN reference_kind = 'average' AND evidence = 'statement' THEN 'relative_statement'
            WHEN reference_kind = 'rank' AND evidence = 'statement' THEN 'relative_rank'
            WHEN reference_kind = 'level' AND evidence = 'figure' THEN 'relative_level'
            WHEN reference IS NOT NULL THEN 'in_step'
            WHEN evidence = 'figure' AND kind = 'qualitative' THEN 'qualitative_by_figure'
            WHEN evidence = 'statement' AND attainment = 'ratio' THEN 'attainment_ratio'
            WHEN reference_kind = 'quota' AND evidence = 'statement' THEN 'quota_statement'
            WHEN evidence = 'statement' THEN 'explicit_statement'
            WHEN evidence = 'state' AND kind <> 'qualitative' THEN 'stated_low'
            WHEN evidence = 'state' THEN 'qualitative_state'
            WHEN comparator = 'range' THEN direction || '_range'
            WHEN comparator = 'approx' THEN direction || '_approx'
            ELSE direction
        END AS rule
    FROM best
)
SELECT
    target_id, outcome_id, evidence_id, origin, source, evidence, rule, target_value, value_high, tol, actual,
    reference, reference_kind, reference_outcome_id, reference_phrase,
    CASE rule
        -- a qualitative 同步 target: kept when the indicator grew in step with the economy (within tol
        -- points). Growth that lagged is no statement that the aim was missed (verdicts.md: a qualitative
        -- target is missed only when the follow-up says so): no verdict, the target has no evidence
        WHEN 'in_step' THEN CASE WHEN actual >= reference - tol THEN 'kept' END
        -- against an average: no verdict without the reference government's result (reference_not_held)
        WHEN 'relative_by_reference' THEN CASE WHEN actual > reference THEN 'kept' WHEN reference IS NOT NULL
                                               THEN 'missed' END
        WHEN 'relative_statement' THEN CASE WHEN attainment = 'not_met' THEN 'missed' ELSE 'kept' END
        WHEN 'relative_rank' THEN CASE WHEN attainment = 'not_met' THEN 'missed' ELSE 'kept' END
        WHEN 'relative_level' THEN CASE WHEN attainment = 'negative' THEN 'missed' ELSE 'kept' END
        WHEN 'quota_statement' THEN CASE WHEN attainment = 'not_met' THEN 'missed' ELSE 'kept' END
        WHEN 'attainment_ratio' THEN CASE WHEN actual >= 100 THEN 'kept' ELSE 'missed' END
        WHEN 'explicit_statement' THEN CASE WHEN attainment = 'not_met' THEN 'missed' ELSE 'kept' END
        WHEN 'qualitative_state' THEN CASE WHEN attainment = 'negative' THEN 'missed' ELSE 'kept' END
        WHEN 'stated_low' THEN 'kept'
        WHEN 'qualitative_by_figure' THEN CASE WHEN attainment = 'negative' THEN 'missed' ELSE 'kept' END
        WHEN 'floor' THEN CASE WHEN actual >= target_value THEN 'kept' ELSE 'missed' END
        WHEN 'ceiling' THEN CASE WHEN actual <= target_value THEN 'kept' ELSE 'missed' END
        WHEN 'floor_approx' THEN CASE WHEN actual >= target_value - tol THEN 'kept' ELSE 'missed' END
        WHEN 'ceiling_approx' THEN CASE WHEN actual <= target_value + tol THEN 'kept' ELSE 'missed' END
        WHEN 'floor_range' THEN CASE WHEN actual >= target_value THEN 'kept' ELSE 'missed' END
        WHEN 'ceiling_range' THEN CASE WHEN actual <= value_high THEN 'kept' ELSE 'missed' END
    END AS status,
    -- positive: better than the target
    CASE
        WHEN rule IN ('in_step', 'relative_by_reference') THEN actual - reference
        WHEN rule = 'attainment_ratio' THEN actual - 100
        WHEN rule IN ('floor', 'floor_approx', 'floor_range') THEN actual - target_value
        WHEN rule IN ('ceiling', 'ceiling_approx') THEN target_value - actual
        WHEN rule = 'ceiling_range' THEN value_high - actual
    END AS margin
FROM ruled;

-- One row per target. The report of Y+1 is the source of record (the tool holds a government to its own
-- words); an official result is used when the report states nothing, and shown beside the report's when
-- both exist (`official_status`, `sources_disagree`).
--
-- The result a verdict rests on is an outcome (`outcome_id`, look it up in `outcomes`) or, when the lookup
-- found what extraction did not, an evidence row (`evidence_id`, in `evidence`); either way
-- outcome_phrase, outcome_report_id and the offsets quote it. A `no_evidence` verdict says why
-- (`no_evidence_reason`, from the lookup) and where the review comes nearest (`mention_*`).
CREATE OR REPLACE MACRO verdicts_of(keys) AS TABLE
-- the judgements once (a CTE read three times is computed once), then the report's, the official one's
-- and the one that counts picked from it
WITH judged AS MATERIALIZED (
    SELECT * FROM verdict_judgements_of(keys)
),
automatic AS (
SELECT
    t.target_id,
    t.target_key,
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
    CASE WHEN j.evidence_id IS NOT NULL THEN e.phrase ELSE o.phrase END AS outcome_phrase,
    CASE WHEN j.evidence_id IS NOT NULL THEN e.report_id ELSE o.report_id END AS outcome_report_id,
    CASE WHEN j.evidence_id IS NOT NULL THEN e.char_start ELSE o.char_start END AS outcome_char_start,
    CASE WHEN j.evidence_id IS NOT NULL THEN e.char_end ELSE o.char_end END AS outcome_char_end,
    f.report_id AS follow_up_report_id,
    oj.outcome_id AS official_outcome_id,
    round(oj.actual, 6) AS official_actual,
    oj.status AS official_status,
    coalesce(rj.status IS NOT NULL AND oj.status IS NOT NULL AND rj.status <> oj.status, false)
        AS sources_disagree,
    j.evidence_id,
    -- why a no_evidence verdict has none: no_mention | no_comparable_figure | other_kind | no_usable_name
    -- (NULL when the follow-up has not been searched yet: a warehouse judged before the lookup existed); a
    -- name the lookup found with a state that cannot settle the target is named without a comparable figure.
    -- A relative target named in the review says what is missing: reference_not_held (its own growth is
    -- stated, the warehouse holds no growth of the indicator that year for the government of the reference,
    -- `reference_region`: load its report or its official results), rank_unstated (no statement of its rank),
    -- quota_unstated (no statement that the quota was done).
    CASE
        WHEN j.status IS NOT NULL OR f.report_id IS NULL THEN NULL
        WHEN e.reason IN ('no_mention', 'no_usable_name') THEN e.reason
        WHEN e.reference_kind = 'average' AND e.found = 'figure' THEN 'reference_not_held'
        WHEN e.reference_kind = 'rank' THEN 'rank_unstated'
        WHEN e.reference_kind = 'quota' THEN 'quota_unstated'
        ELSE coalesce(e.reason, CASE WHEN e.found IS NOT NULL THEN 'no_comparable_figure' END)
    END AS no_evidence_reason,
    CASE WHEN j.status IS NULL AND e.mention_start IS NOT NULL THEN e.report_id END AS mention_report_id,
    CASE WHEN j.status IS NULL THEN e.mention_start END AS mention_char_start,
    CASE WHEN j.status IS NULL THEN e.mention_end END AS mention_char_end,
    CASE WHEN j.status IS NULL THEN e.mention_snippet END AS mention_snippet,
    -- what a relative target is held to (targets.reference), whose result that is (an average's, a rank's),
    -- and the yardstick a verdict compared with: the reference government's growth (its outcome) or, for an
    -- 同步 target, the economy's growth in the same review
    t.reference,
    e.reference_region,
    round(j.reference, 6) AS reference_value,
    j.reference_phrase,
    j.reference_outcome_id,
    -- the target, or the follow-up that settles it, was read from a news summary of the report (a manifest
    -- row of kind summary): weaker evidence than the report itself, and the page says so
    coalesce(tr.report_kind = 'summary', false) OR coalesce(f.report_kind = 'summary', false) AS rests_on_summary
FROM targets_of(keys) t
LEFT JOIN reports f ON f.region = t.region AND f.year = t.year + 1
LEFT JOIN reports tr ON tr.report_id = t.report_id
LEFT JOIN judged rj ON rj.target_id = t.target_id AND rj.source = 'report'
LEFT JOIN judged oj ON oj.target_id = t.target_id AND oj.source = 'official'
LEFT JOIN judged j
       ON j.target_id = t.target_id AND j.source = CASE WHEN rj.status IS NOT NULL THEN 'report' ELSE 'official' END
LEFT JOIN outcomes o ON o.outcome_id = j.outcome_id
LEFT JOIN evidence e ON e.target_id = t.target_id AND e.report_id = f.report_id
)
-- An editor's override (the table overrides, `pledgetrack override`) wins over the rules: `status` is the
-- editor's, `automatic_status` what the rules said, `override_note` and `override_evidence` why. A target
-- whose follow-up is not loaded stays pending: nothing can be known of it yet.
SELECT
    a.* REPLACE (
        CASE WHEN ov.status IS NOT NULL AND a.status <> 'pending' THEN ov.status ELSE a.status END AS status
    ),
    a.status AS automatic_status,
    ov.status IS NOT NULL AND a.status <> 'pending' AS overridden,
    ov.note AS override_note,
    ov.evidence AS override_evidence
FROM automatic a
LEFT JOIN overrides ov ON ov.target_key = a.target_key;

-- Overrides whose target is gone (a corrected report that no longer has the phrase, a report removed):
-- kept, and listed here (and by `pledgetrack review`) for an editor to move or drop.
CREATE OR REPLACE VIEW orphan_overrides AS
SELECT ov.*
FROM overrides ov
WHERE ov.target_key NOT IN (
    SELECT target_key FROM targets_of((SELECT list(DISTINCT year_key(region, year)) FROM overrides))
);

CREATE OR REPLACE VIEW verdict_candidates AS SELECT * FROM verdict_candidates_of(NULL);
CREATE OR REPLACE VIEW verdict_judgements AS SELECT * FROM verdict_judgements_of(NULL);
CREATE OR REPLACE VIEW verdicts AS SELECT * FROM verdicts_of(NULL);

-- A kept rate over a handful of judged targets says nothing: one target kept of 36, the other 35 without
-- evidence, is "100%". Below this many judged targets the scorecard gives the counts and no rate.
CREATE OR REPLACE MACRO min_judged() AS 5;

-- Per region and year: targets, kept, missed, no_evidence and pending; `judged` (kept + missed); `coverage`,
-- the share of the targets whose follow-up is loaded that it settles (judged ÷ (targets − pending)): the
-- denominator a kept rate must be read with; `kept_rate` = kept ÷ judged, NULL below min_judged() judged
-- targets (`rate_basis` then says so). `scorecard_of(keys)`: the same for the region-years of `keys`
-- (year_key), as verdicts_of, so that one page does not judge the whole warehouse.
CREATE OR REPLACE MACRO scorecard_of(keys) AS TABLE
WITH counted AS (
    SELECT
        region,
        year,
        count(*) AS targets,
        count(*) FILTER (WHERE status = 'kept') AS kept,
        count(*) FILTER (WHERE status = 'missed') AS missed,
        count(*) FILTER (WHERE status = 'no_evidence') AS no_evidence,
        count(*) FILTER (WHERE status = 'pending') AS pending,
        count(*) FILTER (WHERE overridden) AS overridden,
        count(*) FILTER (WHERE tier = 'headline') AS headline_targets,
        count(*) FILTER (WHERE tier = 'headline' AND status = 'kept') AS headline_kept,
        count(*) FILTER (WHERE tier = 'headline' AND status = 'missed') AS headline_missed
    FROM verdicts_of(keys)
    GROUP BY region, year
)
SELECT
    region,
    year,
    targets,
    kept,
    missed,
    no_evidence,
    pending,
    kept + missed AS judged,
    round((kept + missed) / nullif(targets - pending, 0), 3) AS coverage,
    CASE WHEN kept + missed >= min_judged() THEN round(kept / (kept + missed), 3) END AS kept_rate,
    CASE
        WHEN targets = pending THEN 'pending'
        WHEN kept + missed = 0 THEN 'none_judged'
        WHEN kept + missed < min_judged() THEN 'too_few_judged'
        ELSE 'judged'
    END AS rate_basis,
    overridden,
    headline_targets,
    headline_kept,
    headline_missed
FROM counted;

CREATE OR REPLACE VIEW scorecard AS SELECT * FROM scorecard_of(NULL) ORDER BY region, year;

CREATE OR REPLACE VIEW missed AS
SELECT region, year, tier, indicator, target_phrase, outcome_phrase, target_value, actual, unit, margin, rule,
       target_id, outcome_id, evidence_id
FROM verdicts
WHERE status = 'missed'
ORDER BY region, year, target_id;

-- Targets the follow-up report never comes back to. An accusation, so only when it is true: the lookup
-- searched the follow-up's review for every alias of the indicator and its head noun and found none
-- (no_evidence_reason = 'no_mention'; a mention without a comparable figure is no_evidence, not dropped),
-- and no outcome of the indicator was extracted. A follow-up not searched yet (reason NULL) falls back to
-- the test the view made before the lookup: neither the name nor any alias occurs anywhere in the report.
-- (`dropped_of(keys)`: the same for some region-years, as verdicts_of, for one page)
CREATE OR REPLACE MACRO dropped_of(keys) AS TABLE
SELECT v.region, v.year, v.tier, v.indicator, v.indicator_id, v.target_phrase, v.target_id,
       v.follow_up_report_id
FROM verdicts_of(keys) v
JOIN reports f ON f.report_id = v.follow_up_report_id
WHERE v.status = 'no_evidence'
  AND (
        v.no_evidence_reason = 'no_mention'
     OR (v.no_evidence_reason IS NULL
         AND NOT contains(f.text, v.indicator)
         AND NOT EXISTS (
                SELECT 1 FROM indicator_aliases a
                WHERE a.indicator_id = v.indicator_id AND contains(f.text, a.alias)
         ))
  )
  AND NOT EXISTS (
        SELECT 1 FROM outcomes o
        WHERE o.region = v.region AND o.year = v.year
          AND (o.indicator_id = v.indicator_id OR o.indicator = v.indicator)
  );

CREATE OR REPLACE VIEW dropped AS SELECT * FROM dropped_of(NULL) ORDER BY region, year, target_id;

-- Indicators missed in two or more consecutive years by the same region.
CREATE OR REPLACE VIEW streaks AS
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

-- Each target beside the same indicator's target of the superior government for the same year (a county's
-- beside its city's, a city's beside its province's, a province's beside the national one), wherever both
-- reports are loaded: the "layer-by-layer" raising of targets. The same indicator is the catalogue's id
-- when both have one, else the same name; the same kind and unit, so that a growth is set beside a growth.
-- Only percentages (growth, reduction, a rate): an amount is the size of the area, not a level of ambition
-- (a province's 90万 new jobs is no lowering of the nation's 1200万).
-- `raised_by` = the target's value − the superior's (for a range, its lower bound): positive, set higher.
CREATE OR REPLACE VIEW target_ladder AS
SELECT
    t.region,
    t.year,
    t.indicator,
    t.indicator_id,
    t.kind,
    t.unit,
    t.value,
    t.value_high,
    t.phrase,
    s.region AS superior_region,
    s.indicator AS superior_indicator,
    s.value AS superior_value,
    s.value_high AS superior_value_high,
    s.phrase AS superior_phrase,
    round(t.value - s.value, 6) AS raised_by,
    t.target_id,
    s.target_id AS superior_target_id
FROM targets t
JOIN regions r ON r.full_name = t.region
JOIN targets s
  ON s.region = r.parent
 AND s.year = t.year
 AND s.kind = t.kind
 AND s.unit IS NOT DISTINCT FROM t.unit
 AND CASE WHEN t.indicator_id IS NOT NULL AND s.indicator_id IS NOT NULL THEN t.indicator_id = s.indicator_id
          ELSE t.indicator = s.indicator END
WHERE t.value IS NOT NULL AND s.value IS NOT NULL AND t.unit = '%'
ORDER BY t.year, t.region, t.indicator;

-- The views behind `pledgetrack status` (pledgetrack/warehouse/status.py): what a run refused, what the
-- warehouse holds, what the indicator catalogue lacks, what a manifest said against a report's text.
-- Views only, each CREATE OR REPLACE: migrate makes them again (sql/README.md).

-- Files in quarantine now: the latest refusal of each file no later version has resolved.
CREATE OR REPLACE VIEW open_quarantine AS
SELECT source_path, source_name, code, reason, stage, quarantined_at
FROM quarantine
WHERE resolved_at IS NULL
QUALIFY row_number() OVER (PARTITION BY source_path ORDER BY quarantined_at DESC) = 1;

-- One row per report loaded, with its size, how many earlier versions it replaced and how it was identified.
CREATE OR REPLACE VIEW report_inventory AS
SELECT r.region, r.year, r.review_year, r.title, r.delivered_on, r.source_name, r.report_id,
       length(r.text) AS characters,
       (SELECT count(*) FROM report_history h WHERE h.region = r.region AND h.year = r.year) AS earlier_versions,
       r.ingested_at, r.region_code, r.region_found_by, r.year_found_by, r.report_kind
FROM reports r;

-- Indicators the catalogue does not know yet, most frequent first: extend pledgetrack/data/indicators.csv
-- (or the `indicators` setting's own CSV) with them.
CREATE OR REPLACE VIEW unknown_indicators AS
SELECT indicator, count(*) AS rows, count(*) FILTER (WHERE src = 'target') AS targets,
       count(*) FILTER (WHERE src = 'outcome') AS outcomes, min(example) AS example
FROM (
    SELECT indicator, 'target' AS src, phrase AS example FROM targets WHERE indicator_id IS NULL
    UNION ALL
    SELECT indicator, 'outcome' AS src, phrase AS example FROM outcomes WHERE indicator_id IS NULL
)
GROUP BY indicator
ORDER BY rows DESC, indicator;

-- Reports a manifest filed otherwise than their text says: the contradictions `pledgetrack status` lists.
CREATE OR REPLACE VIEW manifest_contradictions AS
SELECT region, year, detected_region, detected_year, source_name, source_path, report_id
FROM reports
WHERE region_found_by = 'manifest' AND (detected_region IS NOT NULL OR detected_year IS NOT NULL);

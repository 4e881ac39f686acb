-- Views behind `pledgetrack status`.

CREATE VIEW open_quarantine AS
SELECT source_path, source_name, code, reason, stage, quarantined_at
FROM quarantine
WHERE resolved_at IS NULL
QUALIFY row_number() OVER (PARTITION BY source_path ORDER BY quarantined_at DESC) = 1;

CREATE VIEW report_inventory AS
SELECT r.region, r.year, r.review_year, r.title, r.delivered_on, r.source_name, r.report_id,
       length(r.text) AS characters,
       (SELECT count(*) FROM report_history h WHERE h.region = r.region AND h.year = r.year) AS earlier_versions,
       r.ingested_at
FROM reports r;

-- Reports that are not whole (sql/011, pledgetrack/completeness.py): the one query `pledgetrack status`
-- and the accountability pages read. `lacks_targets`: no headline target was found; `results_missing`:
-- why the report holds no result of its review year (no_review | no_results | five_year_review), NULL
-- when it holds some. A report not assessed yet (loaded before 011, until the next run) is listed with
-- completeness NULL.
CREATE OR REPLACE VIEW incomplete_reports AS
SELECT region, year, review_year, source_name, source_path, report_id, completeness, completeness_note,
       coalesce(completeness LIKE 'no_targets%', false) AS lacks_targets,
       CASE WHEN completeness IS NULL OR completeness = 'whole' THEN NULL
            ELSE nullif(regexp_replace(completeness, '^no_targets\+?', ''), '') END AS results_missing
FROM reports
WHERE completeness IS DISTINCT FROM 'whole'
ORDER BY region, year;

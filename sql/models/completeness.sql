-- Reports that are not whole (migration 011, pledgetrack/ingest/completeness.py): the one query
-- `pledgetrack status` and the accountability pages read. `lacks_targets`: no headline target was found; `results_missing`:
-- why the report holds no result of its review year (no_review | no_results | five_year_review), NULL
-- when it holds some; `cut_off`: the text ends before the report's closing (a download or copy cut off:
-- the year's tasks, perhaps the end of its targets, are missing), alone ('cut_off') or after the sides
-- it lacks ('no_targets+cut_off'). A report not assessed yet (loaded before 011, until the next run) is
-- listed with completeness NULL.
CREATE OR REPLACE VIEW incomplete_reports AS
SELECT region, year, review_year, source_name, source_path, report_id, completeness, completeness_note,
       coalesce(completeness LIKE 'no_targets%', false) AS lacks_targets,
       CASE WHEN completeness IS NULL OR completeness = 'whole' THEN NULL
            ELSE nullif(regexp_replace(regexp_replace(completeness, '^no_targets\+?', ''), '\+?cut_off$', ''),
                        '') END AS results_missing,
       coalesce(completeness LIKE '%cut_off', false) AS cut_off
FROM reports
WHERE completeness IS DISTINCT FROM 'whole'
ORDER BY region, year;

-- Is a report whole? (pledgetrack/ingest/completeness.py, issue 21 item 4.) A report with no headline
-- target, or no result of the year it reviews, is loaded (the side it has holds real data) but says which
-- side it lost, so that nobody reads its empty page as a government without targets or results.
--
-- completeness: whole | no_targets | no_review | no_results | five_year_review, or no_targets+<one of the
-- last three> when both sides are missing (see pledgetrack.ingest.completeness.VALUES):
--   whole             at least one headline target and at least one result of the review year
--   no_targets        no headline target found (the targets paragraph not located, or nothing read from it)
--   no_review         no review part found, so no result of the year either
--   no_results        a review found, but no result of its year read from it
--   five_year_review  a transition (换届) report whose review covers the five-year term and states no
--                     figure of its year: expected, told apart from a review not found
-- completeness_note: the same in plain words, with where the report was searched.
-- Rows loaded before this migration are NULL until the next run assesses them (batch.assess_earlier).
ALTER TABLE reports ADD COLUMN completeness VARCHAR;
ALTER TABLE reports ADD COLUMN completeness_note VARCHAR;
ALTER TABLE report_history ADD COLUMN completeness VARCHAR;
ALTER TABLE report_history ADD COLUMN completeness_note VARCHAR;

-- The gate's severity of each expectation (GE's own: critical | warning | info). A failed critical
-- expectation quarantines the files it names; a failed warning or info expectation only flags them
-- (expectations/reports.json: a report that is not whole), and the files load. NULL: recorded before 011,
-- when every expectation was critical.
ALTER TABLE validations ADD COLUMN severity VARCHAR;

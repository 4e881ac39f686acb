-- How each report's identity was found (issue 21): the catalogue entry of its region, the evidence that
-- decided region and year, and what a manifest said against detection.

-- region_found_by: title | delivering_government | anchor | manifest
--                  (pledgetrack.ingest.detect.REGION_EVIDENCE, and the manifest)
-- year_found_by:   title | plan_heading | review_heading | date_line | sign_off | manifest
-- detected_region / detected_year: set only when a manifest decided and the text said otherwise (or nothing
-- usable is NULL both ways: compare with region_found_by = 'manifest')
-- report_kind: annual | transition (a 换届 report), as a manifest says; NULL when none said
ALTER TABLE reports ADD COLUMN region_code VARCHAR;       -- administrative division code of the catalogue entry
ALTER TABLE reports ADD COLUMN region_found_by VARCHAR;
ALTER TABLE reports ADD COLUMN year_found_by VARCHAR;
ALTER TABLE reports ADD COLUMN detected_region VARCHAR;
ALTER TABLE reports ADD COLUMN detected_year INTEGER;
ALTER TABLE reports ADD COLUMN report_kind VARCHAR;

-- report_history keeps the same columns (a replaced version is copied over by name)
ALTER TABLE report_history ADD COLUMN region_code VARCHAR;
ALTER TABLE report_history ADD COLUMN region_found_by VARCHAR;
ALTER TABLE report_history ADD COLUMN year_found_by VARCHAR;
ALTER TABLE report_history ADD COLUMN detected_region VARCHAR;
ALTER TABLE report_history ADD COLUMN detected_year INTEGER;
ALTER TABLE report_history ADD COLUMN report_kind VARCHAR;

-- The manifest row a file was last read with ('region|year|kind', NULL: none): a file the manifest names
-- otherwise since then (a quarantined report now listed) is read again.
ALTER TABLE inbox_files ADD COLUMN given_identity VARCHAR;

-- (The views report_inventory and manifest_contradictions, once created here, are in
-- sql/models/status.sql.)

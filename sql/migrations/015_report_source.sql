-- Where a report came from, so that a reader can check a verdict against the document itself:
--   source_url    the address `pledgetrack fetch` (a URL given, the scheduled sources file, or a manifest's
--                 row) downloaded the file from; NULL for a file put into the inbox by hand
--   retrieved_at  when it was downloaded (UTC); NULL with source_url
ALTER TABLE reports ADD COLUMN source_url VARCHAR;
ALTER TABLE reports ADD COLUMN retrieved_at TIMESTAMP;
-- report_history keeps the same columns (a replaced version is copied over by name)
ALTER TABLE report_history ADD COLUMN source_url VARCHAR;
ALTER TABLE report_history ADD COLUMN retrieved_at TIMESTAMP;

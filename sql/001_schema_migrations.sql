-- The migration ledger: one row per .sql file of this folder applied to the warehouse, in order.
-- `pledgetrack.store.migrate` creates it first, then applies every newer file in one transaction each.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,   -- the file's number prefix
    name        VARCHAR NOT NULL,      -- the file name
    checksum    VARCHAR NOT NULL,      -- sha256 of the file when applied: a later edit is reported, not re-run
    applied_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

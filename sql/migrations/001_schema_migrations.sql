-- The migration ledger: one row per file of this folder applied to the warehouse. `schema.migrate`
-- (pledgetrack/warehouse/schema.py) creates it first, then applies every file it does not list, in number
-- order, one transaction each.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,   -- the file's number prefix
    name        VARCHAR NOT NULL,      -- the file name
    checksum    VARCHAR NOT NULL,      -- sha256 of the file when applied: a file edited since stops migrate,
                                       -- unless rewritten.csv accepts this checksum
    applied_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- The accountability pages a load changed and no run has written yet. A load adds its reports' years (and
-- the years before, whose targets they settle) in its own transaction; a run deletes them only after it has
-- written those pages. A run killed between load and publish thus leaves them here, and the next run
-- writes them, even when it finds nothing new.
CREATE TABLE pages_owed (
    region     VARCHAR NOT NULL,
    year       INTEGER NOT NULL,
    run_id     VARCHAR NOT NULL,      -- the run whose load changed them
    owed_since TIMESTAMP NOT NULL
);

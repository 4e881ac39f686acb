-- An editor's verdict on a target, where the automatic one is wrong (`pledgetrack override`). Keyed by the
-- target's stable key (sql/models/verdicts.sql, target_key: the government, the year and the phrase),
-- so an override outlives re-runs and a corrected report that keeps the phrase; one whose target no longer
-- exists stays here and is listed (view orphan_overrides), never dropped. `verdicts` applies it: `status`
-- is the editor's, `automatic_status` the rules', `override_note` why.
CREATE TABLE overrides (
    target_key   VARCHAR PRIMARY KEY,
    region       VARCHAR NOT NULL,    -- the target's, when the override was made (to list it when orphaned)
    year         INTEGER NOT NULL,
    target_phrase VARCHAR NOT NULL,
    status       VARCHAR NOT NULL,    -- kept | missed | no_evidence
    note         VARCHAR NOT NULL,    -- why: shown on the page beside the verdict
    evidence     VARCHAR,             -- the phrase of the follow-up (or another source) the editor relies on
    editor       VARCHAR,
    created_at   TIMESTAMP NOT NULL
);

-- The regions catalogue (pledgetrack/data/regions.csv and PLEDGETRACK_REGIONS), copied in at every run like
-- the indicators: who is whose superior (`parent`: 全国 ← province ← prefecture ← county), for the views
-- that put a government beside its superior's (target_ladder).
CREATE TABLE regions (
    full_name  VARCHAR PRIMARY KEY,   -- '河北省保定市蠡县', as reports.region
    name       VARCHAR NOT NULL,      -- '蠡县'
    level      VARCHAR NOT NULL,      -- country | province | prefecture | county
    parent     VARCHAR,               -- the superior's full_name; '' for 全国
    code       VARCHAR                -- administrative division code, '' when unknown
);

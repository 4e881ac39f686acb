-- reports: the current version of each ingested report (public: ../shared/spec/warehouse.md).
-- One row per region and year. `text` is the normalized text; every offset in the warehouse points into it.
CREATE TABLE reports (
    report_id    VARCHAR PRIMARY KEY,   -- first 16 hex digits of sha256: content-addressed, stable across runs
    region       VARCHAR NOT NULL,      -- full administrative name: '全国', '上海市虹口区'
    year         INTEGER NOT NULL,      -- the year the report is for (its targets' year)
    review_year  INTEGER,               -- the year its review covers
    title        VARCHAR,
    delivered_on DATE,
    speaker      VARCHAR,
    source_name  VARCHAR NOT NULL,      -- file name (or URL) it came from
    source_path  VARCHAR,               -- where the file was when loaded
    format       VARCHAR,               -- txt | md | html | pdf
    encoding     VARCHAR,               -- as detected
    raw_sha256   VARCHAR,               -- of the original bytes
    sha256       VARCHAR NOT NULL UNIQUE, -- of the normalized text: the same content loads once
    text         VARCHAR NOT NULL,
    ingested_at  TIMESTAMP NOT NULL,
    UNIQUE (region, year)
);

-- Earlier versions of a report, replaced by a corrected file for the same region and year.
CREATE TABLE report_history (
    report_id     VARCHAR NOT NULL,
    region        VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    review_year   INTEGER,
    title         VARCHAR,
    delivered_on  DATE,
    speaker       VARCHAR,
    source_name   VARCHAR NOT NULL,
    source_path   VARCHAR,
    format        VARCHAR,
    encoding      VARCHAR,
    raw_sha256    VARCHAR,
    sha256        VARCHAR NOT NULL,
    text          VARCHAR NOT NULL,
    ingested_at   TIMESTAMP NOT NULL,
    superseded_at TIMESTAMP NOT NULL,
    superseded_by VARCHAR NOT NULL      -- report_id of the version that replaced it
);

-- Where each part of a report lies in reports.text.
CREATE TABLE sections (
    report_id  VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,        -- front | review | plan | targets | glossary
    ordinal    INTEGER NOT NULL,        -- order within the report
    heading    VARCHAR,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    method     VARCHAR,                 -- how the span was found: heading, marker, fallback
    PRIMARY KEY (report_id, ordinal)
);

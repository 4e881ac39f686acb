"""Plain data passed between the stages of the pipeline.

Every stage is a pure function over these records: readers turn bytes into a `Document`,
`normalize` turns a document's text into the canonical text, `detect` and `sections` read
facts off that text, and `ingest.parse_document` puts them together into a `ParsedReport` (or a
`Rejection` saying why the file cannot be loaded).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePath


class IngestError(ValueError):
    """A file that cannot become a report. `code` is stable (for tables and tests), `reason` is for people."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Document:
    """A file's text as decoded by a reader, before normalization."""

    source_name: str  # the file name (or URL) it came from
    text: str
    encoding: str  # 'utf-8', 'utf-8-sig', 'gb18030', ... ('' for PDF)
    format: str  # 'txt' | 'md' | 'html' | 'pdf'


@dataclass(frozen=True)
class Section:
    """A span of the normalized text. Offsets are Python string indices into `ParsedReport.text`."""

    kind: str  # 'front' | 'review' | 'plan' | 'targets' | 'five_year_goals' | 'glossary'
    heading: str  # the heading line as written ('' when the section has none)
    char_start: int
    char_end: int
    found_by: str = "heading"  # 'heading' | 'marker' | 'content' | 'fallback' (see ingest.sections)


@dataclass(frozen=True)
class GivenIdentity:
    """A report's region and year as a manifest names them (`ingest.manifest`): plain data, passed to
    the parse workers with the file it belongs to."""

    region: str  # full name, checked against the catalogue when the manifest was read
    year: int
    kind: str | None = None  # 'annual' | 'transition' (a 换届 report) | 'summary' (news), None: not said
    origin: str = ""  # where it was said: 'manifest.csv, line 3'

    @property
    def key(self) -> str:
        """What the inbox ledger records, so that a changed manifest row has the file read again."""
        return f"{self.region}|{self.year}|{self.kind or ''}"


@dataclass(frozen=True)
class ReportMeta:
    """Facts read off the normalized text of a report (region and year perhaps given by a manifest)."""

    region: str | None  # full name: '全国', '上海市虹口区'
    year: int | None  # the year the report is for (its targets' year)
    review_year: int | None  # the year it reviews (usually year - 1)
    title: str | None
    delivered_on: dt.date | None = None
    speaker: str | None = None
    region_code: str | None = None  # the catalogue's administrative division code of `region`
    region_found_by: str | None = None  # detect.REGION_EVIDENCE, or 'manifest'
    year_found_by: str | None = None  # detect.YEAR_EVIDENCE, or 'manifest'
    # When a manifest decided: what detection found instead (None: the same, or nothing)
    detected_region: str | None = None
    detected_year: int | None = None
    report_kind: str | None = None  # from the manifest: 'annual' | 'transition' | 'summary'


@dataclass(frozen=True)
class ParsedReport:
    source_name: str
    source_path: str
    raw_sha256: str  # of the file's bytes
    sha256: str  # of the normalized text: the content identity
    format: str
    encoding: str
    text: str  # normalized text; every offset points into it
    meta: ReportMeta
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def report_id(self) -> str:
        return self.sha256[:16]


@dataclass(frozen=True)
class Rejection:
    source_name: str
    source_path: str
    raw_sha256: str
    code: str
    reason: str


@dataclass(frozen=True)
class QuarantineRow:
    """A file, inbox entry or manifest set aside, and why: one row of the warehouse's `quarantine` table,
    made where the fault is found (the inbox listing, reading, parsing, the gate) and loaded as it is. The
    warehouse keeps one open row per file, code, reason and raw hash however many runs meet it."""

    source_path: str
    code: str  # stable: 'no_year', 'gate', 'special_file', 'bad_manifest', ...
    reason: str  # for people
    stage: str  # where it was found: 'discover' | 'read' | 'parse' | 'gate'
    source_name: str = ""  # the file's name ('' : the last part of source_path)
    raw_sha256: str | None = None  # of the bytes read ('' or None: not read)

    def __post_init__(self) -> None:
        if not self.source_name:
            object.__setattr__(self, "source_name", PurePath(self.source_path).name)

    @classmethod
    def of(cls, rejection: Rejection) -> QuarantineRow:
        """A file that cannot be a report: found when reading it (no bytes hashed) or when parsing them."""
        stage = "parse" if rejection.raw_sha256 else "read"
        return cls(
            rejection.source_path,
            rejection.code,
            rejection.reason,
            stage,
            rejection.source_name,
            rejection.raw_sha256,  # '' when unread, as warehouses have always recorded it
        )

    def brief(self) -> dict[str, str]:
        """What a run's summary says of it."""
        return {"source_path": self.source_path, "code": self.code, "reason": self.reason}


@dataclass(frozen=True)
class Source:
    """Where a file of an inbox was downloaded from (`pledgetrack fetch`), and when: None for a download
    recorded before the inbox's index kept the time."""

    url: str
    retrieved_at: dt.datetime | None

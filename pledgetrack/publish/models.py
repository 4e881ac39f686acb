"""What the accountability pages show, as plain data: a page's rows and scorecard, the index's entries, a
run's quality, an indicator's history and a year's ladder of targets; and where each page is written
(`page_path`, `indicator_path`, `ladder_path`, relative to the pages folder).

`reading` fills these from the warehouse; `words`, `html_pages` and `markdown_pages` turn them into text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pledgetrack.regions import load_regions


@dataclass
class Row:
    """One target with its verdict, as shown in the table."""

    tier: str
    indicator: str
    status: str
    rule: str
    target_phrase: str
    target_sentence: str
    outcome_phrase: str | None = None
    outcome_sentence: str | None = None
    outcome_source: str | None = None
    target_value: float | None = None
    value_high: float | None = None
    actual: float | None = None
    unit: str | None = None
    margin: float | None = None
    tol: float | None = None
    official_status: str | None = None
    sources_disagree: bool = False
    reason: str | None = None  # why a no_evidence target has none (verdicts.no_evidence_reason)
    mention: str | None = None  # the follow-up's sentence that comes nearest, the name marked
    target_key: str = ""  # its anchor on the page, stable across reloads (sql target_key)
    outcome_url: str | None = None  # an official result's source
    # an editor's override (pledgetrack override): what the rules said, and the editor's reason
    automatic_status: str | None = None
    override_note: str | None = None
    override_evidence: str | None = None
    rests_on_summary: bool = False  # the target or its result was read from a news summary of a report


@dataclass
class Scorecard:
    """One region-year's counts as the `scorecard` view gives them (sql/models/verdicts.sql)."""

    targets: int = 0
    kept: int = 0
    missed: int = 0
    no_evidence: int = 0
    pending: int = 0
    judged: int = 0
    coverage: float | None = None  # judged ÷ (targets − pending)
    kept_rate: float | None = None  # kept ÷ judged, None below min_judged() judged targets
    rate_basis: str = "none_judged"  # judged | too_few_judged | none_judged | pending
    overridden: int = 0  # verdicts an editor gave (pledgetrack override), counted in the four above too

    def count(self, status: str) -> int:
        return int(getattr(self, status))


@dataclass
class Page:
    region: str
    year: int
    title: str
    delivered_on: str | None
    source_name: str
    follow_up: str | None  # "title (source)" of the report of year + 1, None while it is missing
    scorecard: Scorecard
    rows: list[Row]
    dropped: list[str]  # target phrases the follow-up report never comes back to
    settings: dict[str, float]
    min_judged: int | None = None  # the warehouse's min_judged(): fewer judged targets get no kept rate
    # where the two reports came from (reports.source_url, retrieved_at): None for a file put in by hand
    previous_year: int | None = None  # the government's reports before and after this one, for navigation
    next_year: int | None = None
    source_url: str | None = None
    retrieved_at: str | None = None
    follow_up_url: str | None = None
    follow_up_retrieved_at: str | None = None
    generated_at: str = field(default_factory=lambda: dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
    # a side lost (view incomplete_reports): the year's report has no headline target; why the follow-up
    # holds no result of the year (no_review | no_results | five_year_review); each report's note
    lacks_targets: bool = False
    targets_note: str | None = None
    results_missing: str | None = None
    results_note: str | None = None
    cut_off: bool = False  # the year's report ends before its closing: its targets may be incomplete


@dataclass
class IndexEntry:
    region: str
    year: int
    scorecard: Scorecard
    lacks_targets: bool = False  # the year's report: no headline target found
    results_missing: str | None = None  # its follow-up: why no result of the year (see Page)
    cut_off: bool = False  # the year's report ends before its closing


@dataclass
class RunQuality:
    """One run as the operations page shows it: what it loaded and how its batches passed the gate."""

    run_id: str
    started_at: str
    status: str | None
    loaded: int
    quarantined: int
    tables: list[tuple[str, int, int]]  # (table, expectations passed, expectations evaluated)
    failures: list[str]  # the messages of the expectations that failed


@dataclass
class IndicatorYear:
    """One year of a government's indicator: its target and what became of it."""

    year: int
    target_phrase: str
    target_value: float | None
    value_high: float | None
    unit: str | None
    actual: float | None
    status: str
    target_key: str


@dataclass
class IndicatorHistory:
    """A government's indicator over the years (a page of its own): `key` is the catalogue id or the name."""

    region: str
    key: str
    name: str
    years: list[IndicatorYear]

    @property
    def file(self) -> str:
        return indicator_path(self.region, self.key)


@dataclass
class Rung:
    """One government's target on a year's ladder of an indicator, beside its superior's and its result."""

    region: str
    phrase: str
    value: float
    superior_region: str
    superior_phrase: str
    superior_value: float
    raised_by: float
    actual: float | None
    status: str


@dataclass
class Ladder:
    year: int
    key: str  # the catalogue id or the name
    name: str
    rungs: list[Rung]

    @property
    def file(self) -> str:
        return ladder_path(self.year, self.key)


def page_path(region: str, year: int, suffix: str = ".html") -> str:
    return f"{region}/{year}{suffix}"


def ladder_path(year: int, key: str) -> str:
    return f"ladder/{year}/{_file_name(key)}.html"


def indicator_path(region: str, key: str, suffix: str = ".html") -> str:
    return f"{region}/indicators/{_file_name(key)}{suffix}"


def _file_name(key: str) -> str:
    # an indicator's name as written becomes a file name: no separators, no dot-only name, not too long
    name = re.sub(r'[\\/:*?"<>|\s\x00-\x1f]', "_", key)[:60]
    return name if name.strip(".") else "_"


def in_order(entries: list[IndexEntry]) -> list[IndexEntry]:
    """Entries in administrative order (regions.Catalogue.order_key), then by year."""
    catalogue = load_regions()
    return sorted(entries, key=lambda e: (catalogue.order_key(e.region), e.year))

"""Accountability pages: one page per government and year, an index and an operations page, as HTML
(and the first two as Markdown).

`gather(con, region, year)` reads what a page shows from the warehouse into a plain `Page`; `page_html`,
`page_markdown`, `index_html`, `index_markdown` and `ops_html` turn plain data into text and touch nothing
else; `write(db, out)` does both for every (region, year) with targets, or for the ones asked for.

The HTML comes from the Jinja2 templates in `pledgetrack/templates/`, with autoescape on: everything that
comes from a report is escaped by the template engine, never by hand. The pages are for publishing as they
are: self-contained (inline CSS and SVG, no script, no external font, image or stylesheet, so they work
offline and from a file), Chinese shown as text, and each carries a Content-Security-Policy that forbids
scripts altogether, so a report containing "<script>" or an event handler cannot run anything. The
sentence around each target and result is in a <details> element: shown on demand, without script.

A reader sees counts and their denominators, never a bare rate: the scorecard (sql `scorecard_of`) gives
kept, missed, no evidence and pending, the coverage (the share of targets the follow-up settles), and a
kept rate only over enough judged targets. Codes are shown in Chinese words (`pledgetrack.labels`); how
each batch passed the gate is for the operator, on the operations page, not the reader's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

import duckdb
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from pledgetrack import evidence, labels
from pledgetrack.regions import load_regions
from pledgetrack.warehouse import export, store

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'"


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
    """One region-year's counts as the `scorecard` view gives them (sql/definitions/verdicts.sql)."""

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


# ---------------------------------------------------------------- reading the warehouse


def _sentence(text: str | None, start: int | None, end: int | None) -> str:
    if text is None or start is None or end is None:
        return ""
    return evidence.quote(text, start, end)


def gather(con: duckdb.DuckDBPyConnection, region: str, year: int) -> Page:
    """Everything the page of `region`, `year` shows; ValueError when there is no such report."""
    return gather_many(con, [(region, year)])[0]


# a page's row of the verdicts (sql/definitions/verdicts.sql), in the order `_row` reads it
_ROW_COLUMNS = (
    "tier, indicator, status, rule, target_phrase, target_char_start, target_char_end, "
    "outcome_phrase, outcome_char_start, outcome_char_end, outcome_source, target_value, value_high, "
    "actual, unit, margin, tol, official_status, sources_disagree, no_evidence_reason, "
    "mention_char_start, mention_char_end, target_key, "
    "(SELECT o.source_url FROM outcomes o WHERE o.outcome_id = v.outcome_id AND v.outcome_source = 'official'), "
    "CASE WHEN overridden THEN automatic_status END, override_note, override_evidence, rests_on_summary"
)


def gather_many(con: duckdb.DuckDBPyConnection, wanted: list[tuple[str, int]]) -> list[Page]:
    """The pages of these (region, year): their targets judged together (verdicts_of, scorecard_of and
    dropped_of once for all of them: each judges what it is given, and a page at a time judged 3 times a
    page). ValueError when one has no report."""
    if not wanted:
        return []
    keys = {"keys": [f"{region}|{year}" for region, year in wanted]}  # year_key(region, year)
    rows: dict[tuple[str, int], list[tuple]] = {}
    for region, year, *row in con.execute(
        f"SELECT region, year, {_ROW_COLUMNS} FROM verdicts_of($keys) v "
        "ORDER BY region, year, CASE tier WHEN 'headline' THEN 0 ELSE 1 END, target_char_start, target_id",
        keys,
    ).fetchall():
        rows.setdefault((region, year), []).append(row)
    cards = {
        (region, year): Scorecard(*card)
        for region, year, *card in con.execute(
            f"SELECT region, year, {_SCORECARD_COLUMNS} FROM scorecard_of($keys)", keys
        ).fetchall()
    }
    dropped: dict[tuple[str, int], list[str]] = {}
    for region, year, phrase in con.execute(
        "SELECT region, year, target_phrase FROM dropped_of($keys) ORDER BY target_id", keys
    ).fetchall():
        dropped.setdefault((region, year), []).append(phrase)
    settings = dict(con.execute("SELECT name, value FROM verdict_settings").fetchall())
    min_judged = con.execute("SELECT min_judged()").fetchone()[0]
    report = (  # a report's own facts, its source's too where the warehouse records them (sql/015)
        "SELECT report_id, title, CAST(delivered_on AS VARCHAR), source_name, text, "
        f"{_SOURCE_COLUMNS if store.records_sources(con) else 'NULL, NULL'} FROM reports "
        "WHERE region = ? AND year = ?"
    )
    return [
        _page(con, report, region, year, rows.get((region, year), []), cards.get((region, year), Scorecard()),
              dropped.get((region, year), []), settings, min_judged)
        for region, year in wanted
    ]  # fmt: skip


def _page(
    con: duckdb.DuckDBPyConnection,
    report: str,
    region: str,
    year: int,
    verdict_rows: list[tuple],
    scorecard: Scorecard,
    dropped: list[str],
    settings: dict[str, float],
    min_judged: int,
) -> Page:
    found = con.execute(report, [region, year]).fetchall()
    if not found:
        raise ValueError(f"no report of {region} for {year} in the warehouse")
    _, title, delivered_on, source_name, text, url, retrieved = found[0]
    follow = con.execute(report, [region, year + 1]).fetchall()
    follow_text = follow[0][4] if follow else None
    rows = [_row(row, text, follow_text) for row in verdict_rows]
    missing = _incomplete(con, region, year)
    previous_year, next_year = con.execute(
        "SELECT max(year) FILTER (WHERE year < $year), min(year) FILTER (WHERE year > $year) FROM reports "
        "WHERE region = $region",
        {"year": year, "region": region},
    ).fetchone()
    return Page(
        region=region,
        year=year,
        title=title or f"{year}年政府工作报告",
        delivered_on=delivered_on,
        source_name=source_name,
        follow_up=f"{follow[0][1] or ''}（{follow[0][3]}）" if follow else None,
        scorecard=scorecard,
        min_judged=min_judged,
        previous_year=previous_year,
        next_year=next_year,
        source_url=url,
        retrieved_at=retrieved,
        follow_up_url=follow[0][5] if follow else None,
        follow_up_retrieved_at=follow[0][6] if follow else None,
        rows=rows,
        dropped=dropped,
        settings=settings,
        lacks_targets=bool(missing.get(year, (False,))[0]),
        targets_note=missing.get(year, (False, None, None))[2],
        results_missing=missing.get(year + 1, (False, None))[1] if follow else None,
        results_note=missing.get(year + 1, (False, None, None))[2] if follow else None,
        cut_off=bool(missing.get(year, (False, None, None, False))[3]),
    )


def _row(row: tuple, text: str, follow_text: str | None) -> Row:
    (tier, indicator, status, rule, t_phrase, ts, te, o_phrase, os_, oe, o_source, value, high, actual, unit,
     margin, tol, official, disagree, reason, ms, me, key, outcome_url, automatic, note, editor_evidence,
     summary) = row  # fmt: skip
    return Row(
        tier,
        indicator,
        status,
        rule,
        t_phrase,
        _sentence(text, ts, te),
        o_phrase,
        _sentence(follow_text, os_, oe) if o_source == "report" else None,
        o_source,
        value,
        high,
        actual,
        unit,
        margin,
        tol,
        official,
        bool(disagree),
        reason,
        _sentence(follow_text, ms, me) or None,
        key,
        outcome_url,
        automatic,
        note,
        editor_evidence,
        bool(summary),
    )  # fmt: skip


def _incomplete(con: duckdb.DuckDBPyConnection, region: str, year: int) -> dict[int, tuple]:
    """{year: (lacks_targets, results_missing, note, cut_off)} of the page's report and its follow-up that
    are not whole; {} for a warehouse that does not record completeness yet (sql/011, until its next run)."""
    if not store.records_completeness(con):
        return {}
    rows = con.execute(
        "SELECT year, lacks_targets, results_missing, completeness_note, cut_off FROM incomplete_reports "
        "WHERE region = ? AND year IN (?, ?)",
        [region, year, year + 1],
    ).fetchall()
    return {y: (lacks, why, note, cut) for y, lacks, why, note, cut in rows}


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


def indicator_histories(
    con: duckdb.DuckDBPyConnection, regions: list[str], min_years: int = 2
) -> dict[str, list[IndicatorHistory]]:
    """Each government's indicators that carry a target in at least `min_years` years, each with its target
    and result year by year (one target an indicator a year: the headline one first), the most years first.
    One judgement for all the governments (verdicts_of their years), not one a government."""
    rows = con.execute(
        "SELECT region, year, coalesce(indicator_id, indicator) AS key, indicator, target_phrase, target_value, "
        "value_high, unit, actual, status, target_key FROM verdicts_of("
        "  (SELECT list(year_key(region, year)) FROM reports WHERE list_contains($regions, region))) "
        "ORDER BY region, key, year, CASE tier WHEN 'headline' THEN 0 ELSE 1 END, target_char_start, target_id",
        {"regions": list(regions)},
    ).fetchall()
    by_key: dict[tuple[str, str], dict[int, tuple]] = {}
    for row in rows:
        by_key.setdefault((row[0], row[2]), {}).setdefault(row[1], row[1:])  # one target an indicator a year
    histories: dict[str, list[IndicatorHistory]] = {region: [] for region in regions}
    for (region, key), years in by_key.items():
        if len(years) < min_years:
            continue
        shown = [years[y] for y in sorted(years)]
        histories[region].append(
            IndicatorHistory(
                region,
                key,
                shown[-1][2],  # the name the latest report writes
                [IndicatorYear(y, phrase, value, high, unit, actual, status, tkey)
                 for y, _, _, phrase, value, high, unit, actual, status, tkey in shown],  # fmt: skip
            )
        )
    for found in histories.values():
        found.sort(key=lambda h: (-len(h.years), h.name))
    return histories


_SOURCE_COLUMNS = "source_url, strftime(retrieved_at, '%Y-%m-%d %H:%M')"
_SCORECARD_COLUMNS = (
    "targets, kept, missed, no_evidence, pending, judged, coverage, kept_rate, rate_basis, overridden"
)


def index_entries(con: duckdb.DuckDBPyConnection) -> list[IndexEntry]:
    """Every report's region and year, with its scorecard (zeros when it has no target) and what it lost,
    in administrative order: 全国, then each province followed by its cities and counties (by division code)."""
    if not store.records_completeness(con):
        marks = "false, NULL, false"
        joins = ""
    else:
        marks = "coalesce(i.lacks_targets, false), f.results_missing, coalesce(i.cut_off, false)"
        joins = (
            "LEFT JOIN incomplete_reports i ON i.report_id = r.report_id "
            "LEFT JOIN incomplete_reports f ON f.region = r.region AND f.year = r.year + 1 "
        )
    entries = [
        # a report with no target has no scorecard row: zeros, no coverage, no rate
        IndexEntry(region, year, Scorecard(*card) if card[0] is not None else Scorecard(), lacks, missing, cut)
        for region, year, *card, lacks, missing, cut in con.execute(
            f"SELECT r.region, r.year, {', '.join('s.' + c for c in _SCORECARD_COLUMNS.split(', '))}, "
            f"{marks} FROM reports r LEFT JOIN scorecard s USING (region, year) {joins}"
        ).fetchall()
    ]
    return _in_order(entries)


def _in_order(entries: list[IndexEntry]) -> list[IndexEntry]:
    """Entries in administrative order (regions.Catalogue.order_key), then by year."""
    catalogue = load_regions()
    return sorted(entries, key=lambda e: (catalogue.order_key(e.region), e.year))


def runs_quality(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[RunQuality]:
    """The latest runs, newest first, with the expectations each table passed and the failures' messages."""
    runs = con.execute(
        "SELECT run_id, strftime(started_at, '%Y-%m-%d %H:%M'), status, coalesce(loaded, 0), "
        "coalesce(quarantined, 0) FROM runs ORDER BY started_at DESC LIMIT ?",
        [limit],
    ).fetchall()
    out = []
    for run_id, started, status, loaded, quarantined in runs:
        tables = con.execute(
            "SELECT table_name, count(*) FILTER (WHERE success), count(*) FROM validations WHERE run_id = ? "
            "GROUP BY table_name ORDER BY table_name",
            [run_id],
        ).fetchall()
        failures = [
            m for (m,) in con.execute(
                "SELECT DISTINCT coalesce(message, expectation) FROM validations "
                "WHERE run_id = ? AND NOT success ORDER BY 1",
                [run_id],
            ).fetchall()
        ]  # fmt: skip
        out.append(
            RunQuality(
                run_id,
                started,
                status,
                loaded,
                quarantined,
                [(t, int(ok), int(n)) for t, ok, n in tables],
                failures,
            )
        )
    return out


# ---------------------------------------------------------------- HTML

_TEMPLATES = Environment(
    loader=PackageLoader("pledgetrack.publish", "templates"),
    autoescape=select_autoescape(("html",)),
    undefined=StrictUndefined,  # a name missing from the data is an error, not an empty cell
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["percent"] = lambda value: "—" if value is None else f"{value:.0%}"
_TEMPLATES.filters["path"] = lambda parts: quote(page_path(*parts))
# a link only to a web address: a report's URL comes from fetch or a user's CSV, and "javascript:" is no source
_TEMPLATES.filters["web"] = lambda url: isinstance(url, str) and url.lower().startswith(("http://", "https://"))
_TEMPLATES.globals.update(labels=labels, words=labels.words, csp=Markup(CSP))  # our constant, not a report's


def _render(template: str, **data) -> str:
    return _TEMPLATES.get_template(template).render(**data)


def _num(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return ""
    return f"{value:g}{unit or ''}"


def _target_text(row: Row) -> str:
    if row.target_value is None:
        return ""
    if row.value_high is not None:
        return f"{row.target_value:g}–{row.value_high:g}{row.unit or ''}"
    return _num(row.target_value, row.unit)


@dataclass
class _Bar:
    """One target and its result as two bars of the page's chart (SVG coordinates)."""

    y: int
    indicator: str
    target: str
    actual: str
    target_length: float
    actual_length: float
    color: str


_BAR_LABEL, _BAR_WIDTH, _BAR_ROW = 260, 520, 46


def _bars(rows: list[Row]) -> list[_Bar]:
    """Target and result side by side for every quantitative target that has a result: one scale per
    indicator (their units differ), the target grey, the result green when kept and red when missed."""
    bars = []
    charted = [
        r
        for r in rows
        if r.target_value is not None and r.actual is not None and r.rule != "attainment_ratio"
    ]
    for i, r in enumerate(charted):
        top = max(abs(r.target_value), abs(r.value_high or 0), abs(r.actual), 1e-9)
        bars.append(
            _Bar(
                y=24 + i * _BAR_ROW,
                indicator=r.indicator[:18],
                target=_target_text(r),
                actual=_num(r.actual, r.unit),
                target_length=round(_BAR_WIDTH * abs(r.target_value) / top, 1),
                actual_length=round(_BAR_WIDTH * max(r.actual, 0) / top, 1),
                color=labels.STATUS_COLOR[r.status],
            )
        )
    return bars


def missing_sides(page: Page) -> list[tuple[str, str | None]]:
    """What the page cannot show because a report lost a side, in words for its readers, each with the
    report's own note (pledgetrack.ingest.completeness): (sentence, note)."""
    year, follow = page.year, page.year + 1
    said = []
    if page.lacks_targets:
        said.append(
            (
                f"{year}年报告中未找到当年的主要目标：未能定位“主要预期目标”段落、未能从中读出目标，"
                "或报告只提出了五年规划目标。本页没有可以判定的主要目标，这不表示该政府当年没有设定目标。",
                page.targets_note,
            )
        )
    why = {
        "no_review": f"{follow}年报告中未找到{year}年的结果：未能定位该报告的工作回顾部分，"
        f"{year}年的目标因此只能显示为无下文，这不表示目标未被提及。",
        "no_results": f"{follow}年报告中未找到{year}年的结果：找到了工作回顾部分，但未能从中读出{year}年的数字，"
        f"{year}年的目标多数只能显示为无下文。",
        "five_year_review": f"{follow}年报告是换届报告，其工作回顾总结五年任期，没有陈述{year}年的数字："
        f"{year}年的目标只能显示为无下文。",
    }
    if page.results_missing in why:
        said.append((why[page.results_missing], page.results_note))
    if page.cut_off:
        said.append(
            (
                f"{year}年报告的文本在结束语之前中断（下载或复制不完整）：当年的工作安排、也许还有部分目标缺失，"
                "本页列出的目标可能不全。",
                page.targets_note,
            )
        )
    return said


def rate_text(card: Scorecard) -> str:
    """The kept rate with its denominator, or why there is none: '80%（5 项已判定中 4 项兑现）'."""
    if card.kept_rate is None:
        return f"—（{labels.words(labels.RATE_BASIS, card.rate_basis)}）"
    return f"{card.kept_rate:.0%}（{card.judged} 项已判定中 {card.kept} 项兑现）"


def coverage_text(card: Scorecard) -> str:
    """'32%（41 项目标中 13 项可判定）', or '—' while every target waits for its follow-up."""
    evaluable = card.targets - card.pending
    if not evaluable or card.coverage is None:
        return "—"
    return f"{card.coverage:.0%}（{evaluable} 项目标中 {card.judged} 项有判定）"


def page_html(page: Page) -> str:
    bars = _bars(page.rows)
    return _render(
        "page.html",
        page=page,
        name=f"{page.region} {page.year}年",
        rate=rate_text(page.scorecard),
        coverage=coverage_text(page.scorecard),
        rows=[(r, _target_text(r), _num(r.actual, r.unit), _num(r.margin)) for r in page.rows],
        bars=bars,
        chart_width=_BAR_LABEL + _BAR_WIDTH + 140,
        chart_height=_BAR_ROW * len(bars) + 30,
        bar_label=_BAR_LABEL,
        missing=missing_sides(page),
        tolerance=self_tol(page.settings),
        on_summary=any(r.rests_on_summary for r in page.rows),
    )


def self_tol(settings: dict[str, float]) -> str:
    points = settings.get("tol_points", 0.5)
    share = settings.get("tol_relative", 0.05)
    return f"百分比目标 ±{points:g} 个百分点、其他目标 ±{share:.0%}"


def page_path(region: str, year: int, suffix: str = ".html") -> str:
    return f"{region}/{year}{suffix}"


@dataclass
class _Series:
    """One region on the index chart: its kept rate (judged years) and its coverage, as SVG points."""

    region: str
    color: str
    rates: list[tuple[float, float]]
    coverage: list[tuple[float, float]]
    legend_y: int


_CHART_LEFT, _CHART_WIDTH, _CHART_TOP, _CHART_HEIGHT = 60, 760, 20, 260
_PALETTE = ("#0969da", "#cf222e", "#1a7f37", "#8250df", "#9a6700", "#bf3989", "#1b7c83", "#57606a")


def _series(entries: list[IndexEntry]) -> tuple[list[_Series], list[tuple[float, int]]]:
    """The index chart: per region, its kept rate in the years that have one and its coverage in the years
    whose follow-up is loaded (a rate is read with the share of targets it rests on); and the year labels."""
    shown = [e for e in entries if e.scorecard.coverage is not None]
    years = sorted({e.year for e in shown})
    if not years:
        return [], []
    span = max(years[-1] - years[0], 1)

    def x(year: int) -> float:
        return round(_CHART_LEFT + _CHART_WIDTH * (year - years[0]) / span, 1)

    def y(share: float) -> float:
        return round(_CHART_TOP + _CHART_HEIGHT * (1 - share), 1)

    regions = list(dict.fromkeys(e.region for e in shown))  # administrative order, as the entries
    series = [
        _Series(
            region,
            _PALETTE[i % len(_PALETTE)],
            [
                (x(e.year), y(e.scorecard.kept_rate))
                for e in shown
                if e.region == region and e.scorecard.kept_rate is not None
            ],
            [(x(e.year), y(e.scorecard.coverage)) for e in shown if e.region == region],
            _CHART_TOP + 18 * i,
        )
        for i, region in enumerate(regions)
    ]
    step = 1 if span <= 12 else 2  # labels 28 px wide must not overlap
    return series, [(x(year) - 14, year) for year in range(years[0], years[-1] + 1, step)]


INDEX_MARKS = {
    "no_targets": "报告中未找到主要目标",
    "no_review": "下一年报告未找到工作回顾",
    "no_results": "下一年报告未读出本年结果",
    "five_year_review": "下一年为换届报告，未陈述本年数字",
    "cut_off": "报告文本不完整",
}


def index_mark(entry: IndexEntry) -> str:
    """A short word on what a year's page lacks ('' when both its reports are whole)."""
    marks = [INDEX_MARKS["no_targets"]] if entry.lacks_targets else []
    if entry.results_missing in INDEX_MARKS:
        marks.append(INDEX_MARKS[entry.results_missing])
    if entry.cut_off:
        marks.append(INDEX_MARKS["cut_off"])
    return "；".join(marks)


def index_html(
    entries: list[IndexEntry], min_judged: int | None = None, ladders: list[tuple[int, str, str, int]] = ()
) -> str:
    """`min_judged`: the warehouse's min_judged(), for the sentence that says when a year has no rate;
    `ladders`: ladder_index(), the pages of an indicator's targets across governments."""
    entries = _in_order(entries)
    series, years = _series(entries)
    judged = {s.region for s in series if s.rates}
    return _render(
        "index.html",
        entries=[(e, index_mark(e)) for e in entries],
        series=series,
        years=years,
        waiting=[r for r in dict.fromkeys(e.region for e in entries) if r not in judged],
        left=_CHART_LEFT,
        width=_CHART_WIDTH,
        top=_CHART_TOP,
        height=_CHART_HEIGHT,
        ticks=[(round(_CHART_TOP + _CHART_HEIGHT * (1 - t), 1), f"{t:.0%}") for t in (0, 0.5, 1)],
        min_judged=min_judged,
        ladders=[(year, name, count, quote(ladder_path(year, key))) for year, key, name, count in ladders],
    )


def region_html(region: str, entries: list[IndexEntry], histories: list[IndicatorHistory] = ()) -> str:
    """A government's page: every year it has a report, each with its scorecard, newest first; and the
    indicators it set targets for in several years, each a page of its own."""
    years = sorted((e for e in entries if e.region == region), key=lambda e: e.year, reverse=True)
    return _render(
        "region.html", region=region, entries=[(e, index_mark(e)) for e in years], histories=list(histories)
    )


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


def ladders(con: duckdb.DuckDBPyConnection, years: list[int]) -> list[Ladder]:
    """The year's targets of each indicator across governments, each beside its superior's (target_ladder),
    with what became of it, for these years."""
    found = con.execute(
        "SELECT l.year, coalesce(l.indicator_id, l.indicator), l.indicator, l.region, l.phrase, l.value, "
        "l.superior_region, l.superior_phrase, l.superior_value, l.raised_by, v.actual, v.status "
        "FROM target_ladder l JOIN verdicts_of((SELECT list(DISTINCT year_key(region, year)) FROM target_ladder "
        "WHERE list_contains($years, year))) v USING (target_id) "
        "WHERE list_contains($years, l.year) ORDER BY l.year, 2, l.region",
        {"years": list(years)},
    ).fetchall()
    grouped: dict[tuple[int, str], Ladder] = {}
    for year, key, name, *rung in found:
        grouped.setdefault((year, key), Ladder(year, key, name, [])).rungs.append(Rung(*rung))
    catalogue = load_regions()
    for ladder in grouped.values():
        ladder.rungs.sort(key=lambda r: catalogue.order_key(r.region))
    return list(grouped.values())


def ladder_path(year: int, key: str) -> str:
    return f"ladder/{year}/{_file_name(key)}.html"


def ladder_index(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str, str, int]]:
    """(year, key, name, governments) of every ladder the warehouse holds, for the index."""
    if not store.records_regions(con):
        return []
    return con.execute(
        "SELECT year, coalesce(indicator_id, indicator) AS key, any_value(indicator), count(*) FROM target_ladder "
        "GROUP BY year, key ORDER BY year DESC, count(*) DESC, key"
    ).fetchall()


def ladder_html(ladder: Ladder) -> str:
    return _render("ladder.html", ladder=ladder)


def indicator_path(region: str, key: str, suffix: str = ".html") -> str:
    return f"{region}/indicators/{_file_name(key)}{suffix}"


def _file_name(key: str) -> str:
    # an indicator's name as written becomes a file name: no separators, no dot-only name, not too long
    name = re.sub(r'[\\/:*?"<>|\s\x00-\x1f]', "_", key)[:60]
    return name if name.strip(".") else "_"


_TREND_LEFT, _TREND_WIDTH, _TREND_TOP, _TREND_HEIGHT = 60, 760, 20, 220


def indicator_html(history: IndicatorHistory) -> str:
    """A government's indicator over the years: a table, and a chart of target against result when the
    targets share a unit (one scale)."""
    units = {y.unit for y in history.years if y.target_value is not None}
    points = [y for y in history.years if y.target_value is not None]
    chart = None
    if len(units) == 1 and len(points) >= 2:
        values = [v for y in points for v in (y.target_value, y.value_high, y.actual) if v is not None]
        low, high = min(0.0, *values), max(values)
        span = (high - low) or 1.0
        first, last = points[0].year, points[-1].year

        def x(year: int) -> float:
            return round(_TREND_LEFT + _TREND_WIDTH * (year - first) / max(last - first, 1), 1)

        def y(value: float) -> float:
            return round(_TREND_TOP + _TREND_HEIGHT * (1 - (value - low) / span), 1)

        chart = {
            "targets": [(x(p.year), y(p.target_value)) for p in points],
            "actuals": [(x(p.year), y(p.actual), labels.STATUS_COLOR[p.status]) for p in points if p.actual is not None],
            "years": [(x(p.year) - 14, p.year) for p in points],
            "ticks": [(y(v), f"{v:g}{next(iter(units)) or ''}") for v in sorted({round(low, 2), round(high, 2)})],
            "width": _TREND_LEFT + _TREND_WIDTH + 40,
            "height": _TREND_TOP + _TREND_HEIGHT + 40,
            "left": _TREND_LEFT,
            "right": _TREND_LEFT + _TREND_WIDTH,
        }
    rows = [(item, _num(item.target_value, item.unit) if item.value_high is None
             else f"{item.target_value:g}–{item.value_high:g}{item.unit or ''}", _num(item.actual, item.unit))
            for item in reversed(history.years)]  # fmt: skip
    return _render("indicator.html", history=history, rows=rows, chart=chart)


def ops_html(runs: list[RunQuality]) -> str:
    return _render("ops.html", runs=runs, generated_at=dt.datetime.now().strftime("%Y-%m-%d %H:%M"))


# ---------------------------------------------------------------- Markdown


def _md(text: str | None) -> str:
    """A table cell: no line breaks, pipes escaped, markup characters neutralised."""
    if not text:
        return ""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return escape(out, quote=False)  # Markdown renders inline HTML: keep it as text


def page_markdown(page: Page) -> str:
    card = page.scorecard
    lines = [
        f"# {_md(page.region)} {page.year}年目标兑现情况",
        "",
        f"- 目标来源：{_md(page.title)}（{_md(page.source_name)}）",
        f"- 结果来源：{_md(page.follow_up) if page.follow_up else f'尚未收录{page.year + 1}年报告'}",
        "",
        "| 兑现 | 未兑现 | 无下文 | 待定 | 覆盖率 | 兑现率 |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {card.kept} | {card.missed} | {card.no_evidence} | {card.pending} | {coverage_text(card)} | "
        f"{rate_text(card)} |",
        "",
    ]
    for sentence, note in missing_sides(page):
        lines += [f"> {_md(sentence)}" + (f"（{_md(note)}）" if note else ""), ""]
    if page.rows or not missing_sides(page):
        lines += [
            "| 判定 | 指标 | 目标原文 | 结果原文或无下文的原因 | 目标 | 实际 | 差距 | 判定依据 |",
            "| --- | --- | --- | --- | ---: | ---: | ---: | --- |",
        ]
    for r in page.rows:
        said = r.outcome_phrase or labels.words(labels.REASON, r.reason)
        lines.append(
            f"| {labels.STATUS[r.status]} | {_md(r.indicator)} | {_md(r.target_phrase)} | {_md(said)} | "
            f"{_md(_target_text(r))} | {_md(_num(r.actual, r.unit))} | {_md(_num(r.margin))} | "
            f"{_md(labels.words(labels.RULE, r.rule))} |"
        )
    lines += ["", "此后未再提及的目标：", ""] + ([f"- {_md(p)}" for p in page.dropped] or ["- 无"])
    lines += ["", f"方法：见 HTML 版本；左右的容差为{self_tol(page.settings)}。", ""]
    return "\n".join(lines)


def index_markdown(entries: list[IndexEntry]) -> str:
    lines = [
        "# 政府工作报告目标兑现情况",
        "",
        "| 政府 | 年份 | 目标 | 兑现 | 未兑现 | 无下文 | 待定 | 覆盖率 | 兑现率 | 缺失 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for e in _in_order(entries):
        c = e.scorecard
        link = f"[{_md(e.region)}]({quote(page_path(e.region, e.year, '.md'))})"
        lines.append(
            f"| {link} | {e.year} | {c.targets} | {c.kept} | {c.missed} | {c.no_evidence} | {c.pending} | "
            f"{_short_share(c.coverage)} | {_short_rate(c)} | {_md(index_mark(e))} |"
        )
    return "\n".join(lines) + "\n"


def _short_share(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def _short_rate(card: Scorecard) -> str:
    """'80%（4/5）' or '—': the index's rate, always with its denominator."""
    return "—" if card.kept_rate is None else f"{card.kept_rate:.0%}（{card.kept}/{card.judged}）"


# ---------------------------------------------------------------- writing


def write(db: Path, out: Path, which: list[tuple[str, int]] | None = None) -> list[Path]:
    """Write the pages of `which` (default: every region and year with a report), the index and the
    operations page into `out`; returns the files written. Each file is written to a temporary name and
    renamed into place."""
    out = Path(out)
    written: list[Path] = []
    with store.connect(db, read_only=True) as con:
        every = con.execute("SELECT region, year FROM reports ORDER BY region, year").fetchall()
        wanted = every if which is None else [k for k in every if k in set(which)]
        pages = gather_many(con, wanted)
        entries = index_entries(con)
        min_judged = con.execute("SELECT min_judged()").fetchone()[0]
        runs = runs_quality(con)
        regions = indicator_histories(con, list(dict.fromkeys(p.region for p in pages)))
        rungs = ladders(con, sorted({p.year for p in pages})) if store.records_regions(con) else []
        ladder_list = ladder_index(con)
    for page in pages:
        written.append(_write(out / page_path(page.region, page.year), page_html(page)))
        written.append(_write(out / page_path(page.region, page.year, ".md"), page_markdown(page)))
        # the page's rows to download: CSV with a byte-order mark (Excel on Windows reads it as UTF-8), JSON
        rows = export.page_rows(page.rows)
        for suffix in ("csv", "json"):
            written.append(export.write_frame(rows, out / page_path(page.region, page.year, f".{suffix}"), suffix, True))
    for region, histories in regions.items():  # each government written: its years, its indicators
        written.append(_write(out / region / "index.html", region_html(region, entries, histories)))
        for history in histories:
            written.append(_write(out / history.file, indicator_html(history)))
    for ladder in rungs:  # a year's targets of an indicator across levels of government
        written.append(_write(out / ladder.file, ladder_html(ladder)))
    written.append(_write(out / "index.html", index_html(entries, min_judged, ladder_list)))
    written.append(_write(out / "index.md", index_markdown(entries)))
    written.append(_write(out / OPS_PAGE, ops_html(runs)))
    return written


OPS_PAGE = "ops.html"  # how each run's batches passed the gate: for whoever runs the tool


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path

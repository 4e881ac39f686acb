"""The pages as HTML: `models` in, text out, touching nothing else.

The HTML comes from the Jinja2 templates in `pledgetrack/publish/templates/`, with autoescape on:
everything that comes from a report is escaped by the template engine, never by hand. The pages are
self-contained (inline CSS and SVG, no script, no external font, image or stylesheet), and each carries a
Content-Security-Policy (`CSP`) that forbids scripts altogether.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from pledgetrack import labels
from pledgetrack.publish.models import (
    IndexEntry,
    IndicatorHistory,
    Ladder,
    Page,
    Row,
    RunQuality,
    in_order,
    ladder_path,
    page_path,
)
from pledgetrack.publish.words import (
    coverage_text,
    index_mark,
    missing_sides,
    number_text,
    rate_text,
    self_tol,
    target_text,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'"

_TEMPLATES = Environment(
    loader=PackageLoader("pledgetrack.publish", "templates"),
    autoescape=select_autoescape(("html",)),
    undefined=StrictUndefined,  # a name missing from the data is an error, not an empty cell
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["percent"] = lambda value: "—" if value is None else f"{value:.0%}"
_TEMPLATES.filters["path"] = lambda parts: quote(page_path(*parts))
# a link only to a web address: a report's URL comes from fetch or a user's CSV, and "javascript:" is no
# source
_TEMPLATES.filters["web"] = lambda url: (
    isinstance(url, str) and url.lower().startswith(("http://", "https://"))
)
_TEMPLATES.globals.update(labels=labels, words=labels.words, csp=Markup(CSP))  # our constant, not a report's


def _render(template: str, **data) -> str:
    return _TEMPLATES.get_template(template).render(**data)


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
                target=target_text(r),
                actual=number_text(r.actual, r.unit),
                target_length=round(_BAR_WIDTH * abs(r.target_value) / top, 1),
                actual_length=round(_BAR_WIDTH * max(r.actual, 0) / top, 1),
                color=labels.STATUS_COLOR[r.status],
            )
        )
    return bars


def page_html(page: Page) -> str:
    bars = _bars(page.rows)
    return _render(
        "page.html",
        page=page,
        name=f"{page.region} {page.year}年",
        rate=rate_text(page.scorecard),
        coverage=coverage_text(page.scorecard),
        rows=[(r, target_text(r), number_text(r.actual, r.unit), number_text(r.margin)) for r in page.rows],
        bars=bars,
        chart_width=_BAR_LABEL + _BAR_WIDTH + 140,
        chart_height=_BAR_ROW * len(bars) + 30,
        bar_label=_BAR_LABEL,
        missing=missing_sides(page),
        tolerance=self_tol(page.settings),
        on_summary=any(r.rests_on_summary for r in page.rows),
    )


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


def index_html(
    entries: list[IndexEntry], min_judged: int | None = None, ladders: list[tuple[int, str, str, int]] = ()
) -> str:
    """`min_judged`: the warehouse's min_judged(), for the sentence that says when a year has no rate;
    `ladders`: ladder_index(), the pages of an indicator's targets across governments."""
    entries = in_order(entries)
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


def ladder_html(ladder: Ladder) -> str:
    return _render("ladder.html", ladder=ladder)


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
            "actuals": [
                (x(p.year), y(p.actual), labels.STATUS_COLOR[p.status])
                for p in points
                if p.actual is not None
            ],
            "years": [(x(p.year) - 14, p.year) for p in points],
            "ticks": [
                (y(v), f"{v:g}{next(iter(units)) or ''}") for v in sorted({round(low, 2), round(high, 2)})
            ],
            "width": _TREND_LEFT + _TREND_WIDTH + 40,
            "height": _TREND_TOP + _TREND_HEIGHT + 40,
            "left": _TREND_LEFT,
            "right": _TREND_LEFT + _TREND_WIDTH,
        }
    rows = [
        (
            item,
            number_text(item.target_value, item.unit)
            if item.value_high is None
            else f"{item.target_value:g}–{item.value_high:g}{item.unit or ''}",
            number_text(item.actual, item.unit),
        )
        for item in reversed(history.years)
    ]
    return _render("indicator.html", history=history, rows=rows, chart=chart)


def ops_html(runs: list[RunQuality]) -> str:
    return _render("ops.html", runs=runs, generated_at=dt.datetime.now().strftime("%Y-%m-%d %H:%M"))

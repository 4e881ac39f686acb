"""Accountability pages: one page per government and year, an index and an operations page, as HTML
(and the first two as Markdown). `write(db, out)` writes them for every (region, year) with targets, or
for the ones asked for; the names below are the package's public API, whatever module holds them.

One concept a module: `models` (the plain data a page shows, and where each page is written), `reading`
(that data read from the warehouse: `gather(con, region, year)` into a `Page`), `words` (what a page says
in Chinese, the same in both formats), `html_pages` (`page_html`, `index_html`, `ops_html`, ...: Jinja2
templates in `templates/`) and `markdown_pages` (`page_markdown`, `index_markdown`). Rendering turns plain
data into text and touches nothing else.

The HTML comes from the templates with autoescape on: everything that comes from a report is escaped by
the template engine, never by hand. The pages are for publishing as they are: self-contained (inline CSS
and SVG, no script, no external font, image or stylesheet, so they work offline and from a file), Chinese
shown as text, and each carries a Content-Security-Policy that forbids scripts altogether, so a report
containing "<script>" or an event handler cannot run anything. The sentence around each target and result
is in a <details> element: shown on demand, without script.

A reader sees counts and their denominators, never a bare rate: the scorecard (sql `scorecard_of`) gives
kept, missed, no evidence and pending, the coverage (the share of targets the follow-up settles), and a
kept rate only over enough judged targets. Codes are shown in Chinese words (`pledgetrack.labels`); how
each batch passed the gate is for the operator, on the operations page, not the reader's.
"""

from __future__ import annotations

from pathlib import Path

from pledgetrack.publish.html_pages import (
    index_html,
    indicator_html,
    ladder_html,
    ops_html,
    page_html,
    region_html,
)
from pledgetrack.publish.markdown_pages import index_markdown, page_markdown
from pledgetrack.publish.models import IndexEntry, Page, Row, Scorecard, page_path
from pledgetrack.publish.reading import (
    gather,
    gather_many,
    index_entries,
    indicator_histories,
    ladder_index,
    ladders,
    runs_quality,
)
from pledgetrack.publish.words import coverage_text, rate_text
from pledgetrack.warehouse import export, queries, store

# what callers use (flows, tests): importable from here whatever module holds it
__all__ = [
    "OPS_PAGE",
    "IndexEntry",
    "Page",
    "Row",
    "Scorecard",
    "chosen",
    "coverage_text",
    "gather",
    "index_html",
    "index_markdown",
    "page_html",
    "page_markdown",
    "page_path",
    "rate_text",
    "write",
]


def chosen(db: Path, region: str | None = None, year: int | None = None) -> list[tuple[str, int]]:
    """The (region, year) of every report in the warehouse, or of those of `region` (a full or short name:
    "杨浦区" stands for every region the catalogue knows by it) and `year`: the pages `write` is asked for."""
    names = set(queries.region_names(region)) if region else None
    with store.connect(db, read_only=True) as con:
        every = con.execute("SELECT region, year FROM reports ORDER BY region, year").fetchall()
    return [(r, y) for r, y in every if (names is None or r in names) and year in (None, y)]


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
            written.append(
                export.write_frame(rows, out / page_path(page.region, page.year, f".{suffix}"), suffix, True)
            )
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

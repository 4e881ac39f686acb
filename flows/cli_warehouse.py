"""The commands that read the warehouse, edit it or write from it: `status`, `show`, `eval`, `verdicts`,
`scorecard`, `review`, `override`, `export`, `query`, `report`, `load-results`.

In: their options (declared here, on each command) and the settings. Out: what each prints, and its exit
code (flows.cli says which). Each body calls the warehouse's own functions (pledgetrack.warehouse.*,
pledgetrack.publish.pages, pledgetrack.scoring) and prints what they return.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from flows.cli_common import (
    DEFAULT_OUTPUT,
    Config,
    Db,
    Output,
    Region,
    Year,
    command,
    option,
    settings,
)


@command("status")
def status(db: Db = None, config: Config = None) -> int:
    """show what is in the warehouse, recent runs, what was quarantined and unknown indicators

    The reports with how each was identified, recent runs, reports that are not whole (and why), open
    quarantine, reports a manifest filed against their text, indicators the catalogue lacks.
    """
    from pledgetrack.warehouse import status as warehouse_status

    print(warehouse_status.render(settings(config, db=db).db))
    return 0


@command("show")
def show(
    what: Annotated[
        Literal["target", "outcome"], typer.Argument(metavar="KIND", help="which kind of row")
    ],
    row_id: Annotated[str, typer.Argument(metavar="ID", help="its target_id or outcome_id")],
    db: Db = None,
    config: Config = None,
) -> int:
    """print a target or an outcome with the sentence of the report it came from"""
    from pledgetrack.warehouse import status as warehouse_status

    print(warehouse_status.show_row(settings(config, db=db).db, what, row_id))
    return 0


@command("eval")
def evaluate(
    gold: Annotated[
        Path,
        option(
            metavar="DIR", help="a folder of gold targets.jsonl / outcomes.jsonl / pairs.jsonl (any depth)"
        ),
    ],
    db: Db = None,
    config: Config = None,
) -> int:
    """score the warehouse's targets, outcomes and verdicts against gold facts

    Precision, recall and F1 of the targets and outcomes, and verdict accuracy against the gold pairs; each
    gold set below DIR is scored apart.
    """
    from pledgetrack import scoring

    text, _ = scoring.evaluate(settings(config, db=db).db, gold)
    print(text)
    return 0


@command("verdicts")
def verdicts(
    region: Region = None,
    year: Year = None,
    status: Annotated[
        Literal["kept", "missed", "no_evidence", "pending"] | None,
        option(metavar="kept|missed|no_evidence|pending", help="only these"),
    ] = None,
    tier: Annotated[
        Literal["headline", "commitment"] | None, option(metavar="headline|commitment", help="only this tier")
    ] = None,
    indicator: Annotated[
        str | None,
        option(
            metavar="NAME",
            help="only targets whose indicator (or catalogue id) is this or contains it (国内生产总值)",
        ),
    ] = None,
    output: Output = DEFAULT_OUTPUT,
    db: Db = None,
    config: Config = None,
) -> int:
    """list targets with their verdict (kept, missed, no_evidence, pending) and the evidence

    Each target with its id (for `show target`), its verdict and the evidence; an empty answer says which
    governments and years the warehouse holds.
    """
    from pledgetrack.warehouse import queries

    warehouse = settings(config, db=db).db
    columns = queries.TABLE_COLUMNS if output.fmt == "table" else None
    headers, rows = queries.verdicts(warehouse, region, year, status, tier, columns, indicator)
    return answer(warehouse, headers, rows, output)


@command("scorecard")
def scorecard(
    region: Region = None, year: Year = None, output: Output = DEFAULT_OUTPUT, db: Db = None,
    config: Config = None,
) -> int:  # fmt: skip
    """per government and year: kept, missed, no evidence, pending, the coverage and the kept rate with its
    denominator (no rate over too few judged targets)

    The coverage is the share of targets the next year's report settles; the kept rate is shown with its
    denominator, `85% (11/13)`, and not at all over fewer than five judged targets.
    """
    from pledgetrack.warehouse import queries

    warehouse = settings(config, db=db).db
    headers, rows = queries.scorecard(warehouse, region, year, readable=output.fmt == "table")
    return answer(warehouse, headers, rows, output)


def answer(db: Path, headers: list[str], rows: list[tuple], output: Output) -> int:
    """Print rows in the format asked for; an empty answer also says what the warehouse holds."""
    from pledgetrack.warehouse import queries

    print(queries.render(headers, rows, output.fmt, output.bom))
    if not rows:
        print(queries.what_is_held(db), file=sys.stderr)
    return 0


@command("review")
def review(
    region: Region = None,
    year: Year = None,
    limit: Annotated[int, option(metavar="N", help="at most this many verdicts (default 50)")] = 50,
    output: Output = DEFAULT_OUTPUT,
    db: Db = None,
    config: Config = None,
) -> int:
    """list the verdicts that most need an editor (dropped, no evidence with a near mention, within the
    tolerance, estimates) and the overrides whose target is gone

    Most urgent first: a `dropped` accusation, a target without evidence that the follow-up names nearby, a
    kept or missed within the tolerance, a result that is an estimate.
    """
    from pledgetrack.warehouse import queries, store
    from pledgetrack.warehouse import review as reviewing

    warehouse = settings(config, db=db).db
    regions = queries.region_names(region) if region else None
    with store.connect(warehouse, read_only=True) as con:
        headers, rows = reviewing.queue(con, regions, year, limit)
        orphan_headers, orphans = reviewing.orphans(con)
    print(queries.render(headers, rows, output.fmt, output.bom))
    if orphans:
        print(
            f"\noverrides whose target is gone ({len(orphans)}): move them or --remove them", file=sys.stderr
        )
        print(queries.render(orphan_headers, orphans, output.fmt), file=sys.stderr)
    return 0


@command("override")
def override(
    target: Annotated[
        str, typer.Argument(metavar="TARGET", help="the target's target_key (its page anchor) or target_id")
    ],
    status: Annotated[
        Literal["kept", "missed", "no_evidence"] | None,
        option(metavar="kept|missed|no_evidence", help="the editor's verdict"),
    ] = None,
    note: Annotated[
        str | None, option(metavar="TEXT", help="why, in a sentence for readers (shown on the page)")
    ] = None,
    evidence: Annotated[
        str | None, option(metavar="PHRASE", help="the phrase of the follow-up (or another source) relied on")
    ] = None,
    editor: Annotated[str | None, option(metavar="NAME", help="who decided (default: $USER)")] = None,
    remove: Annotated[bool, option("--remove", help="drop the target's override instead")] = False,
    db: Db = None,
    config: Config = None,
) -> int:
    """record an editor's verdict on a target, with the reason shown on its page (or --remove it)

    TARGET is its `target_key` or `target_id`; the override is checked by expectations/overrides.json,
    applied in `verdicts` and shown on the target's page with the reason and what the rules said.
    """
    from pledgetrack.publish import pages
    from pledgetrack.warehouse import review as reviewing
    from pledgetrack.warehouse import store

    chosen = settings(config, db=db)
    with store.connect(chosen.db) as con:
        if remove:
            removal = reviewing.remove(con, target)
            print("override removed" if removal.removed else f"no override of {target}")
            named: reviewing.NamedTarget | None = removal.target
        else:
            row = reviewing.override(con, target, status, note, evidence, editor or os.environ.get("USER"))
            print(f"{row.region} {row.year} {row.target_phrase}: {row.status} (by an editor: {row.note})")
            named = row
    if named is not None and Path(chosen.pages_dir).exists():  # its page says so from now on
        page = pages.page_path(named.region, named.year)
        pages.write(chosen.db, chosen.pages_dir, [(named.region, named.year)])
        print(f"page rewritten: {Path(chosen.pages_dir) / page}#t-{named.target_key}")
    return 0


@command("export")
def export(
    out: Annotated[Path, option(metavar="DIR", help="the folder to write into")],
    fmt: Annotated[
        Literal["csv", "json", "parquet"], option("--format", metavar="csv|json|parquet", help="default: csv")
    ] = "csv",
    bom: Annotated[
        bool, option("--bom", help="start each CSV with a byte-order mark (Excel on Windows needs it)")
    ] = False,
    db: Db = None,
    config: Config = None,
) -> int:
    """write the targets, outcomes and verdicts, each row with its source, as CSV, JSON or Parquet

    For researchers: one file each; a row's source is the report's file name, URL and retrieval time (a
    verdict's, both phrases).
    """
    from pledgetrack.warehouse import export as exporting

    for path in exporting.export(settings(config, db=db).db, out, fmt, bom):
        print(path)
    return 0


@command("query")
def query(
    sql: Annotated[
        str, typer.Argument(metavar="SQL", help='e.g. "SELECT * FROM scorecard" (use ? for --param values)')
    ],
    param: Annotated[
        list[str] | None, option(metavar="VALUE", help="a value for the next ? (repeatable)")
    ] = None,
    query_timeout: Annotated[
        float | None,
        option(
            "--timeout",
            metavar="SECONDS",
            help="stop the query after this long (default 30, or `query_timeout` in pledgetrack.toml); a "
            "query also stops at once when a run waits to write the warehouse",
        ),
    ] = None,
    output: Output = DEFAULT_OUTPUT,
    db: Db = None,
    config: Config = None,
) -> int:
    """run one SQL statement on a read-only connection to the warehouse

    Exit code 2 for SQL that fails or writes, 4 when the query was stopped.
    """
    import duckdb

    from pledgetrack.warehouse import queries

    chosen = settings(config, db=db, query_timeout=query_timeout)
    try:
        headers, rows = queries.query(chosen.db, sql, param or [], chosen.query_timeout)
    except duckdb.Error as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except queries.QueryStopped as error:
        print(f"stopped: {error}", file=sys.stderr)
        return 4
    print(queries.render(headers, rows, output.fmt, output.bom))
    return 0


@command("report")
def report(
    region: Annotated[
        str | None, option(metavar="NAME", help="only this region (full or short name); default: all")
    ] = None,
    year: Annotated[int | None, option(metavar="YEAR", help="only this year; default: all")] = None,
    out: Annotated[
        Path | None,
        option(
            metavar="DIR",
            help="where to write (default: PLEDGETRACK_PAGES or a `pages` folder beside the warehouse)",
        ),
    ] = None,
    db: Db = None,
    config: Config = None,
) -> int:
    """write the accountability pages (HTML and Markdown, one per region and year, and an index)"""
    from pledgetrack.publish import pages

    chosen = settings(config, db=db)
    folder = out or chosen.pages_dir
    which = pages.chosen(chosen.db, region, year)
    if (region or year) and not which:
        print("error: no report in the warehouse matches --region/--year", file=sys.stderr)
        return 2
    written = pages.write(chosen.db, folder, which)
    print(
        f"wrote {len(written)} files for {len(which)} regions and years (pages, Markdown, downloads, each "
        f"government's years and indicators, the index, the operations page): {Path(folder) / 'index.html'}"
    )
    return 0


@command("load-results")
def load_results(
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="one official result per row")],
    db: Db = None,
    config: Config = None,
) -> int:
    """load official results (a CSV: region, year, indicator, kind, value, unit, source_url) through the
    outcomes gate

    A phrase column may follow. A file the gate refuses is not loaded at all (exit code 1); the pages whose
    verdicts the results may change are written again.
    """
    from pledgetrack.warehouse import official

    chosen = settings(config, db=db)
    result = official.load_results(chosen.db, file)
    if result.failures:
        print(f"error: {file} was not loaded; the outcomes gate failed:", file=sys.stderr)
        for message in result.failures:
            print(f"  {message}", file=sys.stderr)
        return 1
    print(f"loaded {result.loaded} official results from {file} ({result.replaced} replaced earlier ones)")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if result.affected and Path(chosen.pages_dir).exists():  # the pages whose verdicts it may change
        from pledgetrack.publish import pages

        pages.write(chosen.db, chosen.pages_dir, result.affected)
        print(f"rewrote the pages of {len(result.affected)} regions and years in {chosen.pages_dir}")
    return 0

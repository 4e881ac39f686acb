"""The `pledgetrack` command. Every command takes --db; defaults come from pledgetrack.toml and
PLEDGETRACK_* environment variables (see `pledgetrack.config`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pledgetrack.config import load_settings
from pledgetrack.indicators import load_catalogue
from pledgetrack.warehouse.store import WarehouseBusy

COMMANDS_HELP = {
    "run": "run the pipeline once now over the inbox folders (no Prefect server needed)",
    "serve": "serve the pipeline as a scheduled Prefect deployment (cron; starts a local Prefect server "
    "unless PREFECT_API_URL is set)",
    "fetch": "download report pages or PDFs into the inbox (URLs given, or those of a manifest)",
    "status": "show what is in the warehouse, recent runs, what was quarantined and unknown indicators",
    "show": "print a target or an outcome with the sentence of the report it came from",
    "eval": "score the warehouse's targets, outcomes and verdicts against gold facts",
    "verdicts": "list targets with their verdict (kept, missed, no_evidence, pending) and the evidence",
    "scorecard": "per government and year: kept, missed, no evidence, pending, the coverage and the kept "
    "rate with its denominator (no rate over too few judged targets)",
    "review": "list the verdicts that most need an editor (dropped, no evidence with a near mention, within "
    "the tolerance, estimates) and the overrides whose target is gone",
    "override": "record an editor's verdict on a target, with the reason shown on its page (or --remove it)",
    "export": "write the targets, outcomes and verdicts, each row with its source, as CSV, JSON or Parquet",
    "query": "run one SQL statement on a read-only connection to the warehouse",
    "report": "write the accountability pages (HTML and Markdown, one per region and year, and an index)",
    "load-results": "load official results (a CSV: region, year, indicator, kind, value, unit, source_url) "
    "through the outcomes gate",
}


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        help="the DuckDB warehouse file (default: warehouse/pledgetrack.duckdb, "
        "or PLEDGETRACK_DB, or `db` in pledgetrack.toml)",
    )
    parser.add_argument(
        "--config", type=Path, help="a TOML config file (default: ./pledgetrack.toml or PLEDGETRACK_CONFIG)"
    )


def _inbox(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--inbox",
        type=Path,
        action="append",
        metavar="DIR",
        help="a folder of report files (.txt .md .html .htm .pdf); repeat for several "
        "(default: ./inbox, or PLEDGETRACK_INBOX)",
    )


def _manifest(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--manifest",
        type=Path,
        action="append",
        metavar="FILE",
        help="a CSV of `path or url, region, year[, kind]` naming reports that do not name themselves; "
        "what it says wins over detection; repeat for several (default: PLEDGETRACK_MANIFEST; a "
        "manifest.csv in an inbox folder is always read)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pledgetrack",
        description="Extract the targets of government work reports (政府工作报告), judge them against next "
        "year's results, and keep the evidence in a DuckDB warehouse.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help=COMMANDS_HELP["run"], description=COMMANDS_HELP["run"])
    _common(run)
    _inbox(run)
    run.add_argument(
        "--sources",
        type=Path,
        help="a file of URLs (one per line) to fetch into the first inbox "
        "before ingesting (default: PLEDGETRACK_SOURCES)",
    )
    run.add_argument("--batch-size", type=int, help="reports per task per stage (default 1000)")
    run.add_argument("--workers", type=int, help="processes that parse and extract (default: all cores)")
    run.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="when another run is writing to the warehouse, wait this long for it (default: exit at once, 3)",
    )
    _dask(run)
    _tolerance(run)
    _manifest(run)

    serve = commands.add_parser("serve", help=COMMANDS_HELP["serve"], description=COMMANDS_HELP["serve"])
    _common(serve)
    _inbox(serve)
    serve.add_argument("--sources", type=Path, help="a file of URLs each scheduled run fetches first")
    serve.add_argument("--schedule", help="cron expression (default '0 6 * * *': daily at 06:00)")
    _dask(serve)
    _tolerance(serve)
    _manifest(serve)
    serve.add_argument(
        "--interval",
        type=float,
        metavar="SECONDS",
        help="run every SECONDS instead of on the cron schedule (for demos and tests)",
    )
    serve.add_argument(
        "--prefect-home",
        type=Path,
        help="where the local Prefect server keeps its database (default: <db>.prefect beside the warehouse)",
    )
    serve.add_argument(
        "--port", type=int, help="the local Prefect server's port (default: a free one; not with an API URL)"
    )
    serve.add_argument(
        "--no-first-run", action="store_true", help="wait for the schedule instead of running once at start"
    )

    fetch = commands.add_parser("fetch", help=COMMANDS_HELP["fetch"], description=COMMANDS_HELP["fetch"])
    _common(fetch)
    fetch.add_argument(
        "urls",
        nargs="*",
        metavar="URL",
        help="http(s) address of a report page or PDF (none: the URLs of the manifests)",
    )
    _manifest(fetch)
    fetch.add_argument("--inbox", type=Path, metavar="DIR", help="where to save (default: the first inbox)")
    fetch.add_argument(
        "--timeout",
        type=float,
        help="seconds to wait for a connection or for data (default 30); a URL gets 10 times this in all, "
        "redirects and retries included",
    )
    fetch.add_argument("--max-mb", type=float, help="refuse downloads larger than this (default 50)")
    fetch.add_argument(
        "--retries", type=int, default=3, help="extra attempts after a transient failure (default 3)"
    )
    fetch.add_argument(
        "--allow-network",
        action="append",
        default=[],
        metavar="CIDR",
        help="also fetch from this private or loopback network, e.g. 10.1.2.0/24 (repeatable; added to "
        "`fetch_allow` in pledgetrack.toml): only public addresses are fetched from otherwise",
    )

    show = commands.add_parser("show", help=COMMANDS_HELP["show"], description=COMMANDS_HELP["show"])
    _common(show)
    show.add_argument("what", choices=["target", "outcome"], help="which kind of row")
    show.add_argument("row_id", metavar="ID", help="its target_id or outcome_id")

    evaluate = commands.add_parser("eval", help=COMMANDS_HELP["eval"], description=COMMANDS_HELP["eval"])
    _common(evaluate)
    evaluate.add_argument(
        "--gold",
        type=Path,
        required=True,
        metavar="DIR",
        help="a folder of gold targets.jsonl / outcomes.jsonl / pairs.jsonl (any depth)",
    )

    status = commands.add_parser("status", help=COMMANDS_HELP["status"], description=COMMANDS_HELP["status"])
    _common(status)

    verdicts = commands.add_parser(
        "verdicts", help=COMMANDS_HELP["verdicts"], description=COMMANDS_HELP["verdicts"]
    )
    _common(verdicts)
    verdicts.add_argument("--region", help="full name (上海市虹口区) or a short one (虹口区); default: all")
    verdicts.add_argument("--year", type=int, help="the year the targets were set for; default: all")
    verdicts.add_argument("--status", choices=["kept", "missed", "no_evidence", "pending"], help="only these")
    verdicts.add_argument("--tier", choices=["headline", "commitment"], help="only this tier")
    verdicts.add_argument(
        "--indicator",
        help="only targets whose indicator (or catalogue id) is this or contains it (国内生产总值)",
    )
    _format(verdicts)

    scorecard = commands.add_parser(
        "scorecard", help=COMMANDS_HELP["scorecard"], description=COMMANDS_HELP["scorecard"]
    )
    _common(scorecard)
    scorecard.add_argument("--region", help="full name (上海市虹口区) or a short one (虹口区); default: all")
    scorecard.add_argument("--year", type=int, help="the year the targets were set for; default: all")
    _format(scorecard)

    review = commands.add_parser("review", help=COMMANDS_HELP["review"], description=COMMANDS_HELP["review"])
    _common(review)
    review.add_argument("--region", help="full name (上海市虹口区) or a short one (虹口区); default: all")
    review.add_argument("--year", type=int, help="the year the targets were set for; default: all")
    review.add_argument("--limit", type=int, default=50, help="at most this many verdicts (default 50)")
    _format(review)

    override = commands.add_parser(
        "override", help=COMMANDS_HELP["override"], description=COMMANDS_HELP["override"]
    )
    _common(override)
    override.add_argument(
        "target", metavar="TARGET", help="the target's target_key (its page anchor) or target_id"
    )
    override.add_argument("--status", choices=["kept", "missed", "no_evidence"], help="the editor's verdict")
    override.add_argument("--note", help="why, in a sentence for readers (shown on the page)")
    override.add_argument("--evidence", help="the phrase of the follow-up (or another source) relied on")
    override.add_argument("--editor", help="who decided (default: $USER)")
    override.add_argument("--remove", action="store_true", help="drop the target's override instead")

    exporting = commands.add_parser(
        "export", help=COMMANDS_HELP["export"], description=COMMANDS_HELP["export"]
    )
    _common(exporting)
    exporting.add_argument("--format", choices=["csv", "json", "parquet"], default="csv", help="default: csv")
    exporting.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write into")
    exporting.add_argument(
        "--bom", action="store_true", help="start each CSV with a byte-order mark (Excel on Windows needs it)"
    )

    query = commands.add_parser("query", help=COMMANDS_HELP["query"], description=COMMANDS_HELP["query"])
    _common(query)
    query.add_argument("sql", metavar="SQL", help='e.g. "SELECT * FROM scorecard" (use ? for --param values)')
    query.add_argument(
        "--param", action="append", default=[], metavar="VALUE", help="a value for the next ? (repeatable)"
    )
    query.add_argument(
        "--timeout",
        dest="query_timeout",
        type=float,
        metavar="SECONDS",
        help="stop the query after this long (default 30, or `query_timeout` in pledgetrack.toml); a query "
        "also stops at once when a run waits to write the warehouse",
    )
    _format(query)

    report = commands.add_parser("report", help=COMMANDS_HELP["report"], description=COMMANDS_HELP["report"])
    _common(report)
    report.add_argument("--region", help="only this region (full or short name); default: all")
    report.add_argument("--year", type=int, help="only this year; default: all")
    report.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="where to write (default: PLEDGETRACK_PAGES or a `pages` folder beside the warehouse)",
    )

    results = commands.add_parser(
        "load-results", help=COMMANDS_HELP["load-results"], description=COMMANDS_HELP["load-results"]
    )
    _common(results)
    results.add_argument("file", type=Path, metavar="FILE.csv", help="one official result per row")
    return parser


def _dask(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="parse and extract on this Dask scheduler (tcp://host:8786; workers must see the inbox paths); "
        "loading stays in this process (default: PLEDGETRACK_DASK_ADDRESS, else a local process pool)",
    )


def _tolerance(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tol-points",
        type=float,
        metavar="POINTS",
        help="tolerance of a 左右 target in %% units, in percentage points (stored; default 0.5)",
    )
    parser.add_argument(
        "--tol-relative",
        type=float,
        metavar="SHARE",
        help="tolerance of a 左右 target in other units, as a share of it (stored; default 0.05)",
    )


def _format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--bom", action="store_true", help="with --format csv: start with a byte-order mark (for Excel)"
    )


def _settings(args: argparse.Namespace):
    return load_settings(
        args.config,
        db=args.db,
        inbox=args.inbox if isinstance(getattr(args, "inbox", None), list) else None,
        sources=getattr(args, "sources", None),
        schedule=getattr(args, "schedule", None),
        batch_size=getattr(args, "batch_size", None),
        fetch_timeout=getattr(args, "timeout", None),
        fetch_max_mb=getattr(args, "max_mb", None),
        tol_points=getattr(args, "tol_points", None),
        tol_relative=getattr(args, "tol_relative", None),
        workers=getattr(args, "workers", None),
        dask_address=getattr(args, "dask", None),
        manifest=getattr(args, "manifest", None),
        query_timeout=getattr(args, "query_timeout", None),
    )


def _check_manifests(paths) -> list:
    """Read every manifest before a run starts: a missing file or bad row is a clear error (exit 2) now,
    not a quarantined manifest in a run's summary."""
    from pledgetrack.ingest.manifest import read_manifest

    return [read_manifest(path) for path in paths]


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    for inbox in settings.inbox:
        if not inbox.is_dir():
            print(f"error: inbox {inbox} is not a folder", file=sys.stderr)
            return 2
    load_catalogue()  # a broken $PLEDGETRACK_INDICATORS is a clear error before any work, not a failed task
    _check_manifests(settings.manifest)
    _check_warehouse(settings.db)
    from flows.local_api import prefect_api
    from flows.pipeline import pipeline, pipeline_parameters

    with prefect_api():
        summary = pipeline(**pipeline_parameters(settings), lock_wait=args.wait)
    print(format_summary(summary, settings.db))
    return 0


def _check_warehouse(db: Path) -> None:
    """Open the warehouse once before a run starts: a file that is no warehouse, a newer schema or a
    folder that cannot be written is a one-line error now (exit 2), not a failed flow with a traceback."""
    from pledgetrack.warehouse import store

    with store.connect(db):
        pass


def format_summary(summary, db: Path) -> str:
    from pledgetrack.ingest import completeness
    from pledgetrack.warehouse.status import printable

    lines = [
        f"run {summary.run_id}: {summary.files_found} files in the inboxes, "
        f"{summary.files_new} new or changed"
    ]
    if summary.fetched or summary.fetch_errors:
        lines.append(f"  fetched {len(summary.fetched)} new files, {len(summary.fetch_errors)} fetch errors")
        lines += [f"    fetch error: {e}" for e in summary.fetch_errors]
    if summary.manifest_rows or summary.manifest_problems:
        lines.append(f"  manifests name {summary.manifest_rows} files of the inboxes")
        lines += [f"    manifest: {problem}" for problem in summary.manifest_problems]
    loaded = len(summary.loaded) + len(summary.replaced)
    if not loaded and not summary.quarantined:
        lines.append("  nothing new to load: the warehouse is up to date")
    else:
        lines.append(
            f"  loaded {len(summary.loaded)} new reports, replaced {len(summary.replaced)} with a corrected "
            f"version; {len(summary.duplicates)} duplicates and {summary.unchanged} unchanged files skipped"
        )
    if summary.refiled:
        lines.append(f"  re-filed {len(summary.refiled)} reports loaded before as a manifest names them")
    if summary.contradictions:
        lines.append(
            f"  a manifest decided against the text for {len(summary.contradictions)} files "
            "(see `pledgetrack status`):"
        )
        lines += [f"    {_contradiction(c)}" for c in summary.contradictions]
    if summary.judged:
        counts = ", ".join(f"{status} {n}" for status, n in summary.judged.items())
        lines.append(f"  judged {sum(summary.judged.values())} targets of the year before: {counts}")
    if summary.pages:
        lines.append(
            f"  wrote {len(summary.pages)} accountability pages and the index: {Path(summary.pages[-2])}"
        )
    if summary.not_whole:
        count = len(summary.not_whole)
        lines.append(
            f"  {count} of the reports loaded {'is' if count == 1 else 'are'} not whole, loaded with a flag "
            "(see `pledgetrack status`):"
        )
        lines += [
            f"    {line}"
            for line in completeness.group_lines(
                (r["completeness"], printable(Path(r["source_path"]).name)) for r in summary.not_whole
            )
        ]
    if summary.quarantined:
        lines.append(f"  quarantined {len(summary.quarantined)} files (see `pledgetrack status`):")
        lines += [f"    {printable(Path(q['source_path']).name)}: {q['reason']}" for q in summary.quarantined]
    if summary.skipped:
        lines.append(f"  not read: {len(summary.skipped)} entries of the inboxes that are not report files:")
        lines += [f"    {printable(s['source_path'])}: {s['reason']}" for s in summary.skipped]
    lines.append(f"  warehouse: {db}")
    return "\n".join(lines)


def _contradiction(row: dict) -> str:
    from pledgetrack.warehouse.status import printable

    text_says = " ".join(str(v) for v in (row["detected_region"], row["detected_year"]) if v is not None)
    name = printable(Path(row["source_path"]).name)
    return f"{name}: filed as {row['region']} {row['year']} ({row['origin']}); the text says {text_says}"


def cmd_serve(args: argparse.Namespace) -> int:
    from flows.serve import serve

    settings = _settings(args)
    load_catalogue()
    _check_manifests(settings.manifest)
    _check_warehouse(settings.db)
    for inbox in settings.inbox:
        inbox.mkdir(parents=True, exist_ok=True)
    serve(
        settings,
        interval=args.interval,
        prefect_home=args.prefect_home,
        port=args.port,
        first_run=not args.no_first_run,
    )
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from pledgetrack.ingest import fetch

    settings = _settings(args)
    # the URLs given, and those of the manifests given with --manifest (without URLs: of the settings')
    named = args.manifest or (settings.manifest if not args.urls else ())
    urls = list(dict.fromkeys([*args.urls, *(u for m in _check_manifests(named) for u in m.urls())]))
    if not urls:
        print("error: no URL to fetch: give URLs, or a manifest with URL rows (--manifest)", file=sys.stderr)
        return 2
    inbox = args.inbox or settings.inbox[0]
    inbox.mkdir(parents=True, exist_ok=True)
    failed = 0
    for url, result in zip(
        urls,
        fetch.fetch_all(
            urls,
            inbox,
            timeout=settings.fetch_timeout,
            max_bytes=int(settings.fetch_max_mb * 2**20),
            retries=args.retries,
            allow_networks=[*getattr(settings, "fetch_allow", ()), *args.allow_network],
        ),
        strict=True,
    ):
        if isinstance(result, Exception):
            failed += 1
            print(f"failed    {url}: {result.reason}", file=sys.stderr)
        else:
            print(f"{result.status:9} {url} -> {result.path}")
    return 1 if failed else 0


def cmd_status(args: argparse.Namespace) -> int:
    from pledgetrack.warehouse import status

    settings = _settings(args)
    print(status.render(settings.db))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from pledgetrack.warehouse import status

    settings = _settings(args)
    print(status.show_row(settings.db, args.what, args.row_id))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from pledgetrack import scoring

    settings = _settings(args)
    text, _ = scoring.evaluate(settings.db, args.gold)
    print(text)
    return 0


def cmd_verdicts(args: argparse.Namespace) -> int:
    from pledgetrack.warehouse import queries

    settings = _settings(args)
    columns = queries.TABLE_COLUMNS if args.format == "table" else None
    headers, rows = queries.verdicts(
        settings.db, args.region, args.year, args.status, args.tier, columns, args.indicator
    )
    return _answer(args, settings.db, headers, rows)


def cmd_scorecard(args: argparse.Namespace) -> int:
    from pledgetrack.warehouse import queries

    settings = _settings(args)
    headers, rows = queries.scorecard(settings.db, args.region, args.year, readable=args.format == "table")
    return _answer(args, settings.db, headers, rows)


def _answer(args: argparse.Namespace, db: Path, headers: list[str], rows: list[tuple]) -> int:
    """Print rows in the format asked for; an empty answer also says what the warehouse holds."""
    from pledgetrack.warehouse import queries

    print(queries.render(headers, rows, args.format, args.bom))
    if not rows:
        print(queries.what_is_held(db), file=sys.stderr)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from pledgetrack.warehouse import queries, review, store

    settings = _settings(args)
    regions = queries.region_names(args.region) if args.region else None
    with store.connect(settings.db, read_only=True) as con:
        headers, rows = review.queue(con, regions, args.year, args.limit)
        orphan_headers, orphans = review.orphans(con)
    print(queries.render(headers, rows, args.format, args.bom))
    if orphans:
        print(
            f"\noverrides whose target is gone ({len(orphans)}): move them or --remove them", file=sys.stderr
        )
        print(queries.render(orphan_headers, orphans, args.format), file=sys.stderr)
    return 0


def cmd_override(args: argparse.Namespace) -> int:
    from pledgetrack.publish import pages
    from pledgetrack.warehouse import review, store

    settings = _settings(args)
    with store.connect(settings.db) as con:
        if args.remove:
            removed = review.remove(con, args.target)
            print("override removed" if removed else f"no override of {args.target}")
            try:  # the page to rewrite, unless the target itself is gone (an orphan's override)
                key, region, year, _ = review.find_target(con, args.target)
            except review.OverrideError:
                region = None
        else:
            if not args.status or not args.note:
                raise ValueError("an override needs --status and --note (or --remove)")
            row = review.override(
                con, args.target, args.status, args.note, args.evidence, args.editor or os.environ.get("USER")
            )
            key, region, year = row.target_key, row.region, row.year
            print(f"{region} {year} {row.target_phrase}: {row.status} (by an editor: {row.note})")
    if region is not None and Path(settings.pages_dir).exists():  # its page says so from now on
        pages.write(settings.db, settings.pages_dir, [(region, year)])
        print(f"page rewritten: {Path(settings.pages_dir) / pages.page_path(region, year)}#t-{key}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pledgetrack.warehouse import export

    settings = _settings(args)
    for path in export.export(settings.db, args.out, args.format, args.bom):
        print(path)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    from pledgetrack.warehouse import queries

    settings = _settings(args)
    try:
        headers, rows = queries.query(settings.db, args.sql, args.param, settings.query_timeout)
    except duckdb.Error as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except queries.QueryStopped as error:
        print(f"stopped: {error}", file=sys.stderr)
        return 4
    print(queries.render(headers, rows, args.format, args.bom))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from pledgetrack.publish import pages
    from pledgetrack.warehouse import queries

    settings = _settings(args)
    out = args.out or settings.pages_dir
    _, every = queries.query(settings.db, "SELECT region, year FROM reports ORDER BY region, year")
    regions = set(queries.region_names(args.region)) if args.region else None
    which = [(r, y) for r, y in every if (regions is None or r in regions) and args.year in (None, y)]
    if (args.region or args.year) and not which:
        print("error: no report in the warehouse matches --region/--year", file=sys.stderr)
        return 2
    written = pages.write(settings.db, out, which)
    print(
        f"wrote {len(written)} files for {len(which)} regions and years (pages, Markdown, downloads, each "
        f"government's years and indicators, the index, the operations page): {Path(out) / 'index.html'}"
    )
    return 0


def cmd_load_results(args: argparse.Namespace) -> int:
    from pledgetrack.warehouse import official

    settings = _settings(args)
    result = official.load_results(settings.db, args.file)
    if result.failures:
        print(f"error: {args.file} was not loaded; the outcomes gate failed:", file=sys.stderr)
        for message in result.failures:
            print(f"  {message}", file=sys.stderr)
        return 1
    print(
        f"loaded {result.loaded} official results from {args.file} ({result.replaced} replaced earlier ones)"
    )
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if result.affected and Path(settings.pages_dir).exists():  # the pages whose verdicts it may change
        from pledgetrack.publish import pages

        pages.write(settings.db, settings.pages_dir, result.affected)
        print(f"rewrote the pages of {len(result.affected)} regions and years in {settings.pages_dir}")
    return 0


HANDLERS = {
    "verdicts": cmd_verdicts,
    "scorecard": cmd_scorecard,
    "review": cmd_review,
    "override": cmd_override,
    "export": cmd_export,
    "query": cmd_query,
    "load-results": cmd_load_results,
    "report": cmd_report,
    "eval": cmd_eval,
    "run": cmd_run,
    "serve": cmd_serve,
    "fetch": cmd_fetch,
    "status": cmd_status,
    "show": cmd_show,
}


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    args = build_parser().parse_args(argv)
    try:
        return HANDLERS[args.command](args)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except WarehouseBusy as error:
        print(f"busy: {error}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`pledgetrack verdicts | head`): not an error of ours, and nothing to say.
        # stdout is pointed at /dev/null so that Python's flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())

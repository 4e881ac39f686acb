"""The commands that bring reports in: `run` (the pipeline once, with a progress bar on a terminal), `serve`
(on a schedule) and `fetch` (downloads into the inbox).

In: their options (declared here, on each command) and the settings. Out: what each prints, and its exit
code (flows.cli says which).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flows.cli_common import (
    Config,
    Dask,
    Db,
    Inboxes,
    Indicators,
    Manifests,
    Regions,
    TolPoints,
    TolRelative,
    command,
    option,
    settings,
)

if TYPE_CHECKING:
    from pledgetrack.config import Settings


def preflight(settings: Settings) -> None:
    """What `run` and `serve` check before any work, so that each is a one-line error (exit 2) now and not
    a failed flow with a traceback: the catalogue files (setting `indicators` and `regions`), every manifest
    (a missing file, a bad row) and the warehouse (a file that is no warehouse, a newer schema, a folder not
    writable)."""
    from pledgetrack.config import use_catalogues
    from pledgetrack.ingest.manifest import read_manifest
    from pledgetrack.warehouse import store

    use_catalogues(settings)
    for path in settings.manifest:
        read_manifest(path)
    with store.connect(settings.db):
        pass


@command("run")
def run(
    inbox: Inboxes = None,
    sources: Annotated[
        Path | None,
        option(
            metavar="FILE",
            help="a file of URLs (one per line) to fetch into the first inbox before ingesting (default: "
            "PLEDGETRACK_SOURCES)",
        ),
    ] = None,
    batch_size: Annotated[
        int | None, option(metavar="N", help="reports per task per stage (default 1000)")
    ] = None,
    workers: Annotated[
        int | None, option(metavar="N", help="processes that parse and extract (default: all cores)")
    ] = None,
    wait: Annotated[
        float,
        option(
            metavar="SECONDS",
            help="when another run is writing to the warehouse, wait this long for it (default: exit at "
            "once, 3)",
        ),
    ] = 0.0,
    dask: Dask = None,
    tol_points: TolPoints = None,
    tol_relative: TolRelative = None,
    manifest: Manifests = None,
    indicators: Indicators = None,
    regions: Regions = None,
    db: Db = None,
    config: Config = None,
) -> int:
    """run the pipeline once now over the inbox folders (no Prefect server needed)

    Fetches the sources (if configured), ingests new or changed files, validates, loads, judges and writes
    the pages, then prints what it did. On a terminal a progress bar counts the reports. Exit code 3 when
    another run holds the warehouse, 2 for a bad setting or warehouse path.
    """
    chosen = settings(
        config, db=db, inbox=inbox, sources=sources, batch_size=batch_size, workers=workers,
        dask_address=dask, tol_points=tol_points, tol_relative=tol_relative, manifest=manifest,
        indicators=indicators, regions=regions,
    )  # fmt: skip
    for folder in chosen.inbox:
        if not folder.is_dir():
            print(f"error: inbox {folder} is not a folder", file=sys.stderr)
            return 2
    from flows.local_api import prefect_api

    def prepare() -> None:  # 4 s of checks and imports, while the Prefect server starts (6 s)
        preflight(chosen)
        import flows.pipeline
        import flows.run_summary  # noqa: F401

    with prefect_api(meanwhile=prepare):
        from flows.pipeline import pipeline, pipeline_parameters
        from flows.progress import run_progress

        with run_progress() as progress:
            summary = pipeline(**pipeline_parameters(chosen), lock_wait=wait, progress=progress)
    from flows.run_summary import format_summary

    print(format_summary(summary, chosen.db))
    return 0


@command("serve")
def serve(
    inbox: Inboxes = None,
    sources: Annotated[
        Path | None, option(metavar="FILE", help="a file of URLs each scheduled run fetches first")
    ] = None,
    schedule: Annotated[
        str | None, option(metavar="CRON", help="cron expression (default '0 6 * * *': daily at 06:00)")
    ] = None,
    dask: Dask = None,
    tol_points: TolPoints = None,
    tol_relative: TolRelative = None,
    manifest: Manifests = None,
    interval: Annotated[
        float | None,
        option(
            metavar="SECONDS", help="run every SECONDS instead of on the cron schedule (for demos and tests)"
        ),
    ] = None,
    prefect_home: Annotated[
        Path | None,
        option(
            metavar="DIR",
            help="where the local Prefect server keeps its database (default: <db>.prefect beside the "
            "warehouse)",
        ),
    ] = None,
    port: Annotated[
        int | None,
        option(
            metavar="N", help="the local Prefect server's port (default: a free one; not with an API URL)"
        ),
    ] = None,
    no_first_run: Annotated[
        bool, option("--no-first-run", help="wait for the schedule instead of running once at start")
    ] = False,
    indicators: Indicators = None,
    regions: Regions = None,
    db: Db = None,
    config: Config = None,
) -> int:
    """serve the pipeline as a scheduled Prefect deployment (cron; starts a local Prefect server unless
    PREFECT_API_URL is set)

    A first run at start, then runs on the schedule; Ctrl-C or SIGTERM stops it and its local server.
    """
    from flows.serve import serve as serve_pipeline

    chosen = settings(
        config, db=db, inbox=inbox, sources=sources, schedule=schedule, dask_address=dask,
        tol_points=tol_points, tol_relative=tol_relative, manifest=manifest, indicators=indicators,
        regions=regions,
    )  # fmt: skip
    preflight(chosen)
    for folder in chosen.inbox:
        folder.mkdir(parents=True, exist_ok=True)
    serve_pipeline(
        chosen, interval=interval, prefect_home=prefect_home, port=port, first_run=not no_first_run
    )
    return 0


@command("fetch")
def fetch(
    urls: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="URL",
            help="http(s) address of a report page or PDF (none: the URLs of the manifests)",
            show_default=False,
        ),
    ] = None,
    manifest: Manifests = None,
    inbox: Annotated[
        Path | None, option(metavar="DIR", help="where to save (default: the first inbox)")
    ] = None,
    timeout: Annotated[
        float | None,
        option(
            metavar="SECONDS",
            help="seconds to wait for a connection or for data (default 30); a URL gets 10 times this in "
            "all, redirects and retries included",
        ),
    ] = None,
    max_mb: Annotated[
        float | None, option(metavar="MB", help="refuse downloads larger than this (default 50)")
    ] = None,
    retries: Annotated[
        int, option(metavar="N", help="extra attempts after a transient failure (default 3)")
    ] = 3,
    allow_network: Annotated[
        list[str] | None,
        option(
            metavar="CIDR",
            help="also fetch from this private or loopback network, e.g. 10.1.2.0/24 (repeatable; added to "
            "`fetch_allow` in pledgetrack.toml): only public addresses are fetched from otherwise",
        ),
    ] = None,
    db: Db = None,
    config: Config = None,
) -> int:
    """download report pages or PDFs into the inbox (URLs given, or those of a manifest)

    The URLs given and those of the manifests' rows; public addresses only, unless a network is allowed.
    Exit code 1 when a URL failed.
    """
    from pledgetrack.ingest import fetch as fetching
    from pledgetrack.ingest.manifest import read_manifest

    chosen = settings(config, db=db, fetch_timeout=timeout, fetch_max_mb=max_mb, manifest=manifest)
    # the URLs given, and those of the manifests given with --manifest (without URLs: of the settings')
    named = manifest or (chosen.manifest if not urls else ())
    wanted = [*(urls or ()), *(url for path in named for url in read_manifest(path).urls())]
    wanted = list(dict.fromkeys(wanted))
    if not wanted:
        print("error: no URL to fetch: give URLs, or a manifest with URL rows (--manifest)", file=sys.stderr)
        return 2
    folder = inbox or chosen.inbox[0]
    folder.mkdir(parents=True, exist_ok=True)
    results = fetching.fetch_all(
        wanted,
        folder,
        timeout=chosen.fetch_timeout,
        max_bytes=int(chosen.fetch_max_mb * 2**20),
        retries=retries,
        allow_networks=[*chosen.fetch_allow, *(allow_network or ())],
    )
    failed = 0
    for url, result in zip(wanted, results, strict=True):
        if isinstance(result, Exception):
            failed += 1
            print(f"failed    {url}: {result.reason}", file=sys.stderr)
        else:
            print(f"{result.status:9} {url} -> {result.path}")
    return 1 if failed else 0

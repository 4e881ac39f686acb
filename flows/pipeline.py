"""The pipeline flow: fetch sources (optional), then per batch of inbox files: parse and extract, gate,
load, look up the evidence.

Thin by design: every task calls one function of the `pledgetrack` package. One task per stage per batch
of reports, never per report or sentence. The CPU-bound stages (reading, parsing, extraction, the evidence
lookup) run on the worker pool (or a Dask cluster); this process builds, gates and loads, the warehouse's
one writer. The DuckDB file is opened only for the short moments a task needs it, so readers can use it
between loads.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows.tasks import (
    discover,
    fetch_sources,
    fetched_files,
    judge,
    left_to_look_up,
    load,
    load_evidence,
    publish,
    read_manifests,
    sources_of,
    validate,
)
from flows.workers import Workers, workers_for
from pledgetrack import batch as batches
from pledgetrack import judge as judging
from pledgetrack import pool
from pledgetrack.config import Settings
from pledgetrack.indicators import load_catalogue
from pledgetrack.model import ParsedReport, QuarantineRow
from pledgetrack.regions import load_regions
from pledgetrack.warehouse import store


@dataclass
class RunSummary:
    run_id: str
    files_found: int = 0
    files_new: int = 0
    loaded: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    refiled: list[str] = field(default_factory=list)  # loaded before, filed again as a manifest says
    duplicates: list[str] = field(default_factory=list)
    unchanged: int = 0
    quarantined: list[dict] = field(default_factory=list)  # source_path, code, reason
    # reports loaded that lost a side (pledgetrack.ingest.completeness): source_path, completeness, note
    not_whole: list[dict] = field(default_factory=list)
    assessed_earlier: int = 0  # reports of an older warehouse assessed for completeness (once)
    fetched: list[str] = field(default_factory=list)
    fetch_errors: list[str] = field(default_factory=list)
    manifest_rows: int = 0  # files the manifests name
    manifest_problems: list[str] = field(default_factory=list)  # rows naming no file, rows that contradict
    # files a manifest filed otherwise than their text says: source_path, region, year, detected_*
    contradictions: list[dict] = field(default_factory=list)
    judged: dict[str, int] = field(default_factory=dict)  # verdicts of the targets the new reports settle
    evidence_rows: int = 0  # evidence looked up in follow-up reports (table `evidence`)
    evidence_refused: list[str] = field(default_factory=list)  # gate messages of evidence not loaded
    pages: list[str] = field(default_factory=list)  # accountability pages written
    skipped: list[dict] = field(default_factory=list)  # entries of the inboxes not read: path, code, reason
    stage_seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage, summed over batches
    # CPU in the workers: parse, extract, look_up
    worker_seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + time.perf_counter() - started


# Batches submitted to the workers ahead of the one this process is gating and loading.
EXTRACT_AHEAD = 2
# Batches whose evidence is looked up on the workers while later ones are gated and loaded here: batch k's
# lookup is queued behind batch k + 2's extraction and runs while this process loads batch k + 2, so its
# rows are collected after that load without waiting.
LOOKUP_LAG = 2


def _count_work(summary: RunSummary, parsed: list[batches.Parsed]) -> None:
    summary.unchanged += sum(1 for p in parsed if p.result is None)
    for item in parsed:
        for stage, seconds in zip(("parse", "extract"), item.seconds, strict=True):
            summary.worker_seconds[stage] = summary.worker_seconds.get(stage, 0.0) + seconds
        meta = item.result.meta if isinstance(item.result, ParsedReport) else None
        if meta is not None and (meta.detected_region is not None or meta.detected_year is not None):
            summary.contradictions.append(
                {
                    "source_path": item.file.path,
                    "region": meta.region,
                    "year": meta.year,
                    "detected_region": meta.detected_region,
                    "detected_year": meta.detected_year,
                    "origin": item.given.origin if item.given else "",
                }
            )


def _add_batch(summary: RunSummary, number: int, total: int, part: list, batch, result, logger) -> None:
    summary.loaded += result.loaded
    summary.replaced += result.replaced
    summary.refiled += result.refiled
    summary.duplicates += result.duplicates
    summary.quarantined += [row.brief() for row in batch.quarantine]
    not_whole = batches.not_whole(batch, result.loaded + result.replaced)
    summary.not_whole += not_whole
    for report in not_whole:
        logger.warning("loaded, not whole: %s: %s", Path(report["source_path"]).name, report["note"])
    logger.info(
        "batch %d/%d: %d files, %d loaded, %d replaced, %d duplicates, %d quarantined",
        number,
        total,
        len(part),
        len(result.loaded),
        len(result.replaced),
        len(result.duplicates),
        len(batch.quarantine),
    )


def _look_up(submit: Workers, parts: list[list[judging.LookupJob]]) -> list:
    """Submit lookup jobs to the workers; returns the futures."""
    return [future for jobs in parts for future in submit.look_up(jobs)]


def _collect(summary: RunSummary, db: str, batch_no: int, futures: list, logger) -> set[str]:
    """Gate and load the evidence of one batch's lookups, once they are done; returns the follow-up reports
    searched."""
    looked_up = [item for future in futures for item in future.result()]
    cpu = sum(item.seconds for item in looked_up)
    summary.worker_seconds["look_up"] = summary.worker_seconds.get("look_up", 0.0) + cpu
    frame = judging.evidence_frame(looked_up, dt.datetime.now())
    del looked_up
    if frame.empty:
        return set()
    _add_evidence(summary, load_evidence(quote(frame), db, summary.run_id, batch_no), logger)
    return set(frame["report_id"])


def _add_evidence(summary: RunSummary, judged: judging.Judged, logger) -> None:
    summary.evidence_rows += judged.rows
    summary.evidence_refused += judged.refused
    if judged.rows or judged.refused:
        logger.info("looked up %d targets in %d follow-up reports", judged.rows, judged.follow_ups)
    for message in judged.refused:
        logger.warning("evidence not loaded: %s", message)


@flow(name="pledgetrack-pipeline", log_prints=False)
def pipeline(
    inboxes: list[str],
    db: str,
    sources: str | None = None,
    batch_size: int = 1000,
    fetch_timeout: float = 30.0,
    fetch_max_mb: float = 50.0,
    tolerance: dict[str, float | None] | None = None,
    pages_dir: str | None = None,
    workers: int | None = None,
    dask_address: str | None = None,
    lock_wait: float = 0.0,
    manifests: list[str] | None = None,
    fetch_allow: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """Bring the warehouse up to date with the inboxes (and the sources file, when given).

    `manifests`: CSV files naming the region and year of reports that do not name themselves (see
    pledgetrack.ingest.manifest), read with the `manifest.csv` of each inbox folder; they win over detection.

    Batches k+1 and k+2 are read, parsed and extracted (on the process pool, or on the Dask cluster at
    `dask_address`) while batch k is validated and loaded here: DuckDB has one writer, this process.
    The whole run holds the warehouse's run lock: a second run waits `lock_wait` seconds, then fails with
    WarehouseBusy naming the run in progress."""
    with store.run_lock(db, wait=lock_wait):
        return _run(
            inboxes,
            db,
            _Options(
                sources=sources,
                batch_size=batch_size,
                fetch_timeout=fetch_timeout,
                fetch_max_mb=fetch_max_mb,
                tolerance=tolerance,
                pages_dir=pages_dir,
                workers=workers,
                dask_address=dask_address,
                manifests=tuple(manifests or ()),
                fetch_allow=tuple(fetch_allow or ()),
                progress=progress,
            ),
        )


def pipeline_parameters(settings: Settings) -> dict:
    """The flow's parameters from the settings, as `run` and `serve` pass them; paths made absolute, so a
    scheduled run started in another folder reads and writes the same files."""
    return {
        "inboxes": [str(Path(p).resolve()) for p in settings.inbox],
        "db": str(Path(settings.db).resolve()),
        "sources": str(Path(settings.sources).resolve()) if settings.sources else None,
        "batch_size": settings.batch_size,
        "fetch_timeout": settings.fetch_timeout,
        "fetch_max_mb": settings.fetch_max_mb,
        "fetch_allow": list(settings.fetch_allow),
        "tolerance": {"tol_points": settings.tol_points, "tol_relative": settings.tol_relative},
        "pages_dir": str(settings.pages_dir.resolve()),
        "workers": settings.workers,
        "dask_address": settings.dask_address,
        "manifests": [str(Path(p).resolve()) for p in settings.manifest],
    }


@dataclass(frozen=True)
class _Options:
    """The flow's parameters beyond the inboxes and the warehouse, as `pipeline` documents them."""

    sources: str | None
    batch_size: int
    fetch_timeout: float
    fetch_max_mb: float
    tolerance: dict[str, float | None] | None
    pages_dir: str | None
    workers: int | None
    dask_address: str | None
    manifests: tuple[str, ...] = ()
    fetch_allow: tuple[str, ...] = ()  # private networks `fetch` may reach (pledgetrack.ingest.fetch)
    # progress(done, total), reports: the CLI's progress bar (flows.progress), called here, in its process
    progress: Callable[[int, int], None] | None = None


def _run(inboxes: list[str], db: str, options: _Options) -> RunSummary:
    logger = get_run_logger()
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    with store.connect(db) as con:
        # recorded first: a run that fails on its inbox, its sources or a manifest is a failed run in
        # `status`, not a run that never happened
        store.start_run(con, summary.run_id, inboxes, str(flow_run.get_id() or ""))
    status = "failed"
    try:
        _update(inboxes, db, options, summary, logger)
        status = "ok"
    finally:
        with store.connect(db) as con:
            store.finish_run(
                con,
                summary.run_id,
                status,
                files_found=summary.files_found,
                files_new=summary.files_new,
                loaded=len(summary.loaded),
                replaced=len(summary.replaced) + len(summary.refiled),
                duplicates=len(summary.duplicates),
                quarantined=len(summary.quarantined),
            )
    return summary


def _update(inboxes: list[str], db: str, options: _Options, summary: RunSummary, logger) -> None:
    workers = options.workers or pool.default_workers()  # parse and extract on a process pool
    with store.connect(db) as con:
        store.sync_catalogue(con, load_catalogue())
        store.sync_regions(con, load_regions())
        if options.tolerance:
            store.set_verdict_settings(con, options.tolerance)
        summary.assessed_earlier = batches.assess_earlier(con)  # a warehouse made before sql/011: once
    if summary.assessed_earlier:
        logger.info("assessed %d reports loaded before completeness was recorded", summary.assessed_earlier)
    found = read_manifests(list(options.manifests), inboxes, db, summary.run_id)
    summary.quarantined += [QuarantineRow(p, "bad_manifest", r, "read").brief() for p, r in found.bad]
    unfetched = [url for url in found.urls() if url not in fetched_files(inboxes)]
    if options.sources or unfetched:
        fetched = fetch_sources(
            options.sources,
            inboxes[0],
            options.fetch_timeout,
            options.fetch_max_mb,
            unfetched,
            list(options.fetch_allow),
        )
        for result in fetched:
            if isinstance(result, Exception):
                summary.fetch_errors.append(str(result))
                logger.warning("fetch failed: %s", result)
            elif result.status == "new":
                summary.fetched.append(str(result.path))
    given, summary.manifest_problems = found.assign(fetched_files(inboxes))
    sources = sources_of(inboxes)
    with summary.timed("discover"):
        listing, todo, seen = discover(inboxes, db, given, summary.run_id)
    files = listing.files
    summary.skipped = [{"source_path": s.path, "code": s.code, "reason": s.reason} for s in listing.skipped]
    for entry in listing.skipped:
        logger.warning("not read: %r: %s", entry.path, entry.reason)
    listed = {f.path for f in files}
    summary.manifest_rows = sum(1 for path in given if path in listed)
    summary.manifest_problems += [
        f"{identity.origin}: {path} is not in the inboxes"
        for path, identity in given.items()
        if path not in listed
    ]
    for problem in summary.manifest_problems:
        logger.warning("manifest: %s", problem)
    summary.files_found, summary.files_new = len(files), len(todo)
    logger.info("%d files in the inboxes, %d new or changed", len(files), len(todo))
    report_progress = options.progress or (lambda done, total: None)
    report_progress(0, len(todo))
    parts = list(pool.chunks(todo, options.batch_size))
    with workers_for(workers, options.dask_address, given) as submit:
        # EXTRACT_AHEAD batches queued on the workers: when one ends, the next is already there, so no
        # worker waits for this process to collect a batch and submit another.
        unsubmitted = iter(parts)
        pending = deque(submit.extract(part, seen) for part in islice(unsubmitted, EXTRACT_AHEAD))
        lookups: deque[tuple[int, list]] = deque()  # (batch number, futures) of lookups on the workers
        searched: set[str] = set()  # the follow-up reports whose evidence this run gated
        for number, part in enumerate(parts, start=1):
            with summary.timed("extract"):  # the wait for the workers, not their CPU
                parsed = [item for future in pending.popleft() for item in future.result()]
            following = next(unsubmitted, None)
            if following is not None:
                pending.append(submit.extract(following, seen))
            # quote(): Prefect would otherwise walk every row dict of the batch looking for futures
            _count_work(summary, parsed)
            with summary.timed("validate"):
                batch = validate(quote(parsed), number, summary.run_id, quote(sources))
            del parsed  # the batch holds what is loaded; two copies of a batch's texts cost memory
            with summary.timed("load"):  # and the lookups the load calls for, planned
                result, jobs = load(quote(batch), db)
            _add_batch(summary, number, len(parts), part, batch, result, logger)
            report_progress(sum(map(len, parts[:number])), len(todo))
            lookups.append((number, _look_up(submit, jobs)))  # run on the workers
            del batch, jobs  # the texts are held by the lookup's jobs until the workers have them
            while len(lookups) > LOOKUP_LAG:
                with summary.timed("evidence"):  # the wait for the workers, the gate, the load
                    searched |= _collect(summary, db, *lookups.popleft(), logger)
        while lookups:
            with summary.timed("evidence"):
                searched |= _collect(summary, db, *lookups.popleft(), logger)
        # what no batch of this run covered: pairs an earlier run left (a warehouse made before the lookup,
        # evidence the gate refused then, a run killed before its lookups were loaded); usually nothing. Not
        # the follow-ups searched above: a batch covers every pair one of its reports is in, so what is left
        # of them is evidence the gate refused just now, which the next run tries again
        with summary.timed("judge"):
            left = left_to_look_up(db, quote(sorted(searched)))
            _collect(summary, db, 0, _look_up(submit, left), logger)
    new = summary.loaded + summary.replaced + summary.refiled
    with summary.timed("judge"):
        summary.judged = judge(db, new)
    if summary.judged:
        logger.info("targets settled by the new reports: %s", summary.judged)
    if options.pages_dir:
        with summary.timed("publish"):
            summary.pages = publish(db, options.pages_dir)
        if summary.pages:
            logger.info("wrote %d accountability pages to %s", len(summary.pages), options.pages_dir)

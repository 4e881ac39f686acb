"""The pipeline flow: fetch sources (optional), then per batch of inbox files: parse, gate, load.

Thin by design: every task calls one function of the `pledgetrack` package. One task per stage per batch
of reports, never per report or sentence. The DuckDB file is opened only for the short moments a task
needs it, so readers can use it between loads.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import duckdb
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from pledgetrack import batch as batches
from pledgetrack.config import Settings
from pledgetrack.indicators import load_catalogue
from pledgetrack.ingest import fetch as fetching
from pledgetrack.ingest.inbox import SKIP_CODES, InboxFile, Listing, new_or_changed, scan_inboxes
from pledgetrack.ingest.manifest import ManifestSet, load_manifests
from pledgetrack.model import GivenIdentity, ParsedReport, Source
from pledgetrack.publish import pages
from pledgetrack.regions import load_regions
from pledgetrack.warehouse import gate, store


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
    worker_seconds: dict[str, float] = field(default_factory=dict)  # CPU in the workers: parse, extract

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + time.perf_counter() - started


def _transient(task, task_run, state) -> bool:
    """Retry a task only for what can pass: the warehouse file held by another process, an I/O error of
    the file system. A constraint violation or a bad sources file fails at once, and is reported once."""
    try:
        state.result()
    except (store.WarehouseBusy, duckdb.IOException, OSError) as error:
        return not isinstance(error, FileNotFoundError | PermissionError | IsADirectoryError)
    except Exception:
        return False
    return False


# fetch_all retries each URL's transient failures itself (backoff, Retry-After) and returns permanent ones
# as errors; the task's retries cover the rest (the inbox's disk briefly unavailable).
@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=_transient)
def fetch_sources(
    sources: str | None,
    inbox: str,
    timeout: float,
    max_mb: float,
    urls: list[str] | None = None,
    allow_networks: list[str] | None = None,
) -> list:
    # the sources file's URLs, and the URLs of manifest rows not fetched yet; only public addresses are
    # fetched from, and those of `allow_networks` (the `fetch_allow` setting: CIDR strings)
    wanted = [*(fetching.read_sources(Path(sources)) if sources else []), *(urls or [])]
    return fetching.fetch_all(
        wanted,
        Path(inbox),
        timeout=timeout,
        max_bytes=int(max_mb * 2**20),
        allow_networks=allow_networks or (),
    )


@task(cache_policy=NO_CACHE)
def read_manifests(paths: list[str], inboxes: list[str], db: str, run_id: str) -> ManifestSet:
    # the manifests named by the settings and those in the inboxes; a bad one is quarantined, not used
    found = load_manifests(paths, inboxes)
    with store.connect(db) as con:
        store.record_manifests(con, run_id, found.bad, [str(m.path) for m in found.manifests])
    return found


def _fetched_files(inboxes: list[str]) -> dict[str, str]:
    return {url: path for inbox in inboxes for url, path in fetching.fetched_files(Path(inbox)).items()}


def _sources(inboxes: list[str]) -> dict[str, Source]:
    # where each downloaded file of the inboxes came from, for reports.source_url (a page links to it)
    return {
        path: source for inbox in inboxes for path, source in fetching.fetched_sources(Path(inbox)).items()
    }


@task(cache_policy=NO_CACHE)
def discover(
    inboxes: list[str], db: str, given: dict[str, GivenIdentity], run_id: str
) -> tuple[Listing, list[InboxFile], dict]:
    listing = scan_inboxes(Path(p) for p in inboxes)
    skipped = [(s.path, s.code, s.reason) for s in listing.skipped]
    with store.connect(db) as con:
        store.record_skipped(con, run_id, skipped, SKIP_CODES)
        seen = store.seen_files(con)
    return listing, new_or_changed(listing.files, seen, given), seen


@task(cache_policy=NO_CACHE)
def extract(
    files: list[InboxFile],
    seen: dict,
    workers: int,
    given: dict[str, GivenIdentity] | None = None,
    turn: batches.Turn | None = None,
) -> list[batches.Parsed]:
    # read, parse and extract: the CPU-bound stage, on a process pool (or one chunk of it on a Dask worker)
    return batches.parse_files(files, seen, workers, given, turn)


@task(cache_policy=NO_CACHE)
def validate(
    parsed: list[batches.Parsed], batch_no: int, sources: dict[str, Source] | None = None
) -> batches.Frames:
    frames = batches.build_frames(parsed, sources=sources)
    return batches.gate_frames(frames, gate.validate, gate.split_failing, batch_no)


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 5, 15], retry_condition_fn=_transient)
def load(frames: batches.Frames, db: str, run_id: str) -> store.LoadResult:
    with store.connect(db) as con:
        return store.load_batch(con, batches.to_load_batch(frames, run_id))


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 5, 15], retry_condition_fn=_transient)
def look_up(
    db: str, run_id: str, batch_no: int, in_memory: dict[str, store.FollowUp] | None = None
) -> batches.Judged:
    # what the follow-ups loaded so far say about the targets they settle (pledgetrack/extract/lookup.py);
    # `in_memory`: the batch's own reports, whose texts need not be read back from the warehouse
    with store.connect(db) as con:
        return batches.look_up_evidence(con, run_id, gate.validate, gate.split_failing, batch_no, in_memory)


@task(cache_policy=NO_CACHE)
def judge(db: str, source_paths: list[str]) -> dict[str, int]:
    # verdicts are a view: judging is reading it for the targets the new reports follow up
    with store.connect(db) as con:
        return store.judged(con, source_paths)


@task(cache_policy=NO_CACHE)
def publish(db: str, out: str) -> list[str]:
    # the pages the loads changed (their reports' years and the years before) and no run has written yet:
    # this run's, and those of a run killed before it could write them; then the index
    with store.connect(db) as con:
        owed, up_to = store.pages_owed(con)
    if not owed:
        return []
    written = [str(p) for p in pages.write(Path(db), Path(out), owed)]
    with store.connect(db) as con:
        store.pages_paid(con, up_to)
    return written


# Batches submitted to the workers ahead of the one this process is gating and loading.
EXTRACT_AHEAD = 2

# On a Dask cluster a batch is cut into chunks of this many reports, one task each, so that every worker
# of the cluster gets work; on one machine a batch is one task and the process pool splits it.
DASK_CHUNK = 25


@contextmanager
def _extractor(workers: int, dask_address: str | None, given: dict[str, GivenIdentity]) -> Iterator[Callable]:
    """A function that submits the extract stage of one batch and returns its futures."""
    if not dask_address:
        previous = batches.Turn()
        previous.submitted.set()

        def submit_local(part: list, seen: dict) -> list:
            nonlocal previous
            # the pool runs the batches in the order they are submitted here
            turn = batches.Turn(after=previous.submitted)
            previous = turn
            return [extract.submit(part, _seen_of(part, seen), workers, _given_of(part, given), quote(turn))]

        yield submit_local
        return
    from distributed import Client

    # The workers run pledgetrack's own function, not a Prefect task: a task run on a Dask worker started a
    # temporary Prefect server in every worker process, which outlived the workers. The stage is recorded
    # here, in the flow, by its wait (`extract` in the run's stage times).
    with Client(dask_address) as client:

        def submit_dask(part: list, seen: dict) -> list:
            # Dask workers are daemon processes and cannot start a pool: each chunk runs serially there
            return [
                client.submit(
                    batches.parse_files,
                    chunk,
                    _seen_of(chunk, seen),
                    1,
                    _given_of(chunk, given),
                    pure=False,
                )
                for chunk in batches.chunks(part, DASK_CHUNK)
            ]

        yield submit_dask


def _seen_of(files: list, seen: dict) -> dict:
    return {f.path: seen[f.path] for f in files if f.path in seen}


def _given_of(files: list, given: dict[str, GivenIdentity]) -> dict[str, GivenIdentity]:
    return {f.path: given[f.path] for f in files if f.path in given}


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


def _add_batch(summary: RunSummary, number: int, total: int, part: list, frames, result, logger) -> None:
    summary.loaded += result.loaded
    summary.replaced += result.replaced
    summary.refiled += result.refiled
    summary.duplicates += result.duplicates
    summary.quarantined += [
        {"source_path": q["source_path"], "code": q["code"], "reason": q["reason"]} for q in frames.quarantine
    ]
    not_whole = batches.not_whole(frames, result.loaded + result.replaced)
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
        len(frames.quarantine),
    )


def _add_evidence(summary: RunSummary, judged: batches.Judged, logger) -> None:
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
    workers = options.workers or batches.default_workers()  # parse and extract on a process pool
    with store.connect(db) as con:
        store.sync_catalogue(con, load_catalogue())
        store.sync_regions(con, load_regions())
        if options.tolerance:
            store.set_verdict_settings(con, options.tolerance)
        summary.assessed_earlier = batches.assess_earlier(con)  # a warehouse made before sql/011: once
    if summary.assessed_earlier:
        logger.info("assessed %d reports loaded before completeness was recorded", summary.assessed_earlier)
    found = read_manifests(list(options.manifests), inboxes, db, summary.run_id)
    summary.quarantined += [{"source_path": p, "code": "bad_manifest", "reason": r} for p, r in found.bad]
    unfetched = [url for url in found.urls() if url not in _fetched_files(inboxes)]
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
    given, summary.manifest_problems = found.assign(_fetched_files(inboxes))
    sources = _sources(inboxes)
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
    parts = list(batches.chunks(todo, options.batch_size))
    with _extractor(workers, options.dask_address, given) as submit:
        # EXTRACT_AHEAD batches queued on the workers: when one ends, the next is already there, so no
        # worker waits for this process to collect a batch and submit another.
        unsubmitted = iter(parts)
        pending = deque(submit(part, seen) for part in islice(unsubmitted, EXTRACT_AHEAD))
        for number, part in enumerate(parts, start=1):
            with summary.timed("extract"):  # the wait for the workers, not their CPU
                parsed = [item for future in pending.popleft() for item in future.result()]
            following = next(unsubmitted, None)
            if following is not None:
                pending.append(submit(following, seen))
            # quote(): Prefect would otherwise walk every row dict of the batch looking for futures
            _count_work(summary, parsed)
            with summary.timed("validate"):
                frames = validate(quote(parsed), number, quote(sources))
            del parsed  # the frames hold what is loaded; two copies of a batch's texts cost memory
            with summary.timed("load"):
                result = load(quote(frames), db, summary.run_id)
            _add_batch(summary, number, len(parts), part, frames, result, logger)
            report_progress(sum(map(len, parts[:number])), len(todo))
            with summary.timed("judge"):
                texts = batches.follow_ups_of(frames)
                _add_evidence(summary, look_up(db, summary.run_id, number, quote(texts)), logger)
            del frames, texts  # not held while the next batch's reports arrive
    if not parts:  # nothing new: still search what an older warehouse never searched (once)
        with summary.timed("judge"):
            _add_evidence(summary, look_up(db, summary.run_id, 0), logger)
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

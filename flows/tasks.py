"""The pipeline's Prefect tasks: each calls one function of the `pledgetrack` package, and the warehouse's
tasks retry only what can pass (the file held by another process, a passing I/O error).

In: plain data from the flow (`flows.pipeline`): paths, a batch's files or rows, the warehouse's path. Out:
what the function returns (parsed files, a gated `store.LoadBatch`, a `LoadResult`, lookup jobs and their
evidence, verdict counts, pages written).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
from prefect import task
from prefect.cache_policies import NO_CACHE

from pledgetrack import batch as batches
from pledgetrack import judge as judging
from pledgetrack import pool
from pledgetrack.ingest import fetch as fetching
from pledgetrack.ingest.inbox import SKIP_CODES, InboxFile, Listing, new_or_changed, scan_inboxes
from pledgetrack.ingest.manifest import ManifestSet, load_manifests
from pledgetrack.model import GivenIdentity, QuarantineRow, Source
from pledgetrack.publish import pages
from pledgetrack.warehouse import gate, store


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


def fetched_files(inboxes: list[str]) -> dict[str, str]:
    return {url: path for inbox in inboxes for url, path in fetching.fetched_files(Path(inbox)).items()}


def sources_of(inboxes: list[str]) -> dict[str, Source]:
    # where each downloaded file of the inboxes came from, for reports.source_url (a page links to it)
    return {
        path: source for inbox in inboxes for path, source in fetching.fetched_sources(Path(inbox)).items()
    }


@task(cache_policy=NO_CACHE)
def discover(
    inboxes: list[str], db: str, given: dict[str, GivenIdentity], run_id: str
) -> tuple[Listing, list[InboxFile], dict]:
    listing = scan_inboxes(Path(p) for p in inboxes)
    skipped = [QuarantineRow(s.path, s.code, s.reason, "discover") for s in listing.skipped]
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
    turn: pool.Turn | None = None,
) -> list[batches.Parsed]:
    # read, parse and extract: the CPU-bound stage, on a process pool (or one chunk of it on a Dask worker)
    return batches.parse_files(files, seen, workers, given, turn)


@task(cache_policy=NO_CACHE)
def validate(
    parsed: list[batches.Parsed], batch_no: int, run_id: str, sources: dict[str, Source] | None = None
) -> store.LoadBatch:
    # the load is built once, from the workers' columns, and gated as it will be loaded
    batch = batches.build_batch(parsed, run_id, sources=sources)
    return batches.gate_batch(batch, gate.validate, gate.split_failing, batch_no)


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 5, 15], retry_condition_fn=_transient)
def load(batch: store.LoadBatch, db: str) -> tuple[store.LoadResult, list[list[judging.LookupJob]]]:
    # the batch in one transaction; then, on the same connection, the lookups it calls for: the targets its
    # reports set or settle, not searched yet, with their follow-ups (the batch's own texts from memory)
    with store.connect(db) as con:
        result = store.load_batch(con, batch)
        return result, list(judging.plan_after_load(con, batch, result))


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 5, 15], retry_condition_fn=_transient)
def left_to_look_up(db: str, searched: list[str]) -> list[list[judging.LookupJob]]:
    # every pair no batch of this run covered: what earlier runs left (usually nothing); not the follow-ups
    # this run searched already
    with store.connect(db) as con:
        return list(judging.plan(con, skip=searched))


@task(cache_policy=NO_CACHE)
def look_up(jobs: list[judging.LookupJob], workers: int, turn: pool.Turn) -> list[judging.LookedUp]:
    # pledgetrack/extract/lookup.py on the process pool, queued behind the batches submitted before
    return pool.run(judging.look_up_job, jobs, workers, turn)


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 5, 15], retry_condition_fn=_transient)
def load_evidence(frame: pd.DataFrame, db: str, run_id: str, batch_no: int) -> judging.Judged:
    with store.connect(db) as con:
        return judging.gate_and_load(con, run_id, frame, gate.validate, gate.split_failing, batch_no)


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

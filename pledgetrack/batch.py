"""A run's work, batch by batch: find new files, parse them, gate them, and shape the rows to load.

Pure functions over plain data (file paths in, DataFrames out); the flow in `flows/pipeline.py` only
calls these in order, one task per stage per batch. Gate failures quarantine just the files they name and
the rest of the batch is validated again, so one bad file never blocks a scheduled run; a failure that
names no file rejects the whole batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields, replace
from itertools import chain
from pathlib import Path

import pandas as pd

from pledgetrack import extract, lifetime, numbers
from pledgetrack.extract import lookup
from pledgetrack.indicators import load_catalogue
from pledgetrack.ingest import completeness
from pledgetrack.ingest.completeness import Completeness
from pledgetrack.ingest.inbox import InboxFile, Seen, same_given
from pledgetrack.ingest.parse import parse_file
from pledgetrack.model import GivenIdentity, ParsedReport, Rejection, Section, Source
from pledgetrack.warehouse import store

Columns = dict[str, list]  # a table's rows column by column: {name: [value per row]}




@dataclass(frozen=True)
class Parsed:
    """One file after reading, parsing and extraction: a report with its rows, a rejection, or unchanged
    since the last run. Parsing and extraction happen in the same worker, so a report's text crosses
    between processes once."""

    file: InboxFile
    raw_sha256: str
    result: ParsedReport | Rejection | None  # None: same bytes as last time, nothing to do
    given: GivenIdentity | None = None  # the manifest's region and year for this file, if any
    targets: Columns = field(default_factory=dict)  # rows for `targets` as columns, with their evidence
    outcomes: Columns = field(default_factory=dict)
    seconds: tuple[float, float] = (0.0, 0.0)  # CPU spent parsing, extracting (in the worker)
    # is the report whole (headline targets and results of its review year)? Set with the rows
    completeness: Completeness | None = None
    # where the lookup searches it as a follow-up (`lookup.follow_up_spans`), read beside its results
    follow_up_spans: tuple | None = None
























def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------- a process pool for the CPU-bound stages

# Below this many items a batch runs in this process: starting workers costs more than it saves.
POOL_MIN_ITEMS = 16
POOL_CHUNK = 16  # items a worker takes at a time
_POOLS: dict[int, ProcessPoolExecutor] = {}
# The flow submits a batch or two ahead, each from a thread of its own: without the lock both threads found
# no pool and each started one, so twice the workers shared the cores and the first batch came back only
# with the second.
_POOLS_LOCK = threading.Lock()


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@dataclass
class Turn:
    """A batch's place in the pool's queue. The flow submits a batch or two ahead, each from a thread of
    its own; the pool runs chunks in the order they were submitted, so two batches submitted at once were
    interleaved and the first came back only with the second, the flow idle all the while. A batch
    submits its chunks once the batch before it (`after`) has, and then sets `submitted`."""

    after: threading.Event | None = None
    submitted: threading.Event = field(default_factory=threading.Event)


def _map(function: Callable, items: list, workers: int, turn: Turn | None = None) -> list:
    """`function` over `items` in order: in this process, or on a pool of `workers` processes kept for the
    life of this process (each worker loads the catalogue and jieba once). Workers are started with
    'forkserver', never forked from this multi-threaded process."""
    try:
        if turn is not None and turn.after is not None:
            turn.after.wait()
        if workers <= 1 or len(items) < POOL_MIN_ITEMS:
            if turn is not None:
                turn.submitted.set()
            return [function(item) for item in items]
        with _POOLS_LOCK:
            pool = _POOLS.get(workers)
            if pool is None:
                # each worker ends when this process does, even killed: none waits forever for work
                pool = _POOLS[workers] = ProcessPoolExecutor(
                    workers,
                    mp_context=multiprocessing.get_context("forkserver"),
                    initializer=lifetime.end_with,
                    initargs=(os.getpid(),),
                )
        # Small chunks: the workers finish a batch within a chunk of each other, and a chunk of 16 reports
        # (a third of a second) leaves a core idle for far less than a quarter of a batch would.
        chunk = max(1, min(POOL_CHUNK, len(items) // (workers * 4)))
        results = pool.map(function, items, chunksize=chunk)  # every chunk is submitted here
    finally:
        if turn is not None:
            turn.submitted.set()  # also when this batch failed: the next one must not wait forever
    return list(results)


Job = tuple[InboxFile, str | None, GivenIdentity | None]  # a file, its last raw sha256, its manifest row


def _process_one(job: Job) -> Parsed:
    """One file read, parsed and extracted. A fault of ours on one file (an exception no rule expected)
    quarantines that file, tried again by every run (a fixed version loads it); it never stops the run."""
    try:
        return _process(job)
    except Exception as error:  # whatever it is, the other files of the batch go on
        file, _, given = job
        reason = (
            f"pledgetrack failed on this file ({type(error).__name__}: {error}): a fault of pledgetrack's, "
            "not of the file; it is tried again by every run"
        )
        return Parsed(file, "", Rejection(file.name, file.path, "", "internal_error", reason), given)


def _process(job: Job) -> Parsed:
    started = time.process_time()
    parsed = _parse_one(job)
    if not isinstance(parsed.result, ParsedReport):
        return replace(parsed, seconds=(time.process_time() - started, 0.0))
    parsed_at = time.process_time()
    report = parsed.result
    targets, outcomes, assessed = _extract_one(report)
    # the review's paragraphs were just read for its results (results.review_paragraphs is cached): the
    # lookup gets them from here, and the flow process need not read them again
    sections = [(s.kind, s.char_start, s.char_end, s.heading) for s in report.sections]
    spans = lookup.follow_up_spans(report.text, sections, report.meta.year - 1)
    seconds = (parsed_at - started, time.process_time() - parsed_at)
    return replace(
        parsed,
        targets=targets,
        outcomes=outcomes,
        seconds=seconds,
        completeness=assessed,
        follow_up_spans=spans,
    )


# Rejections a later run may cure without the file changing (its permissions fixed: chmod changes neither
# size nor modification time; pledgetrack's own fault fixed by an upgrade): the file is not entered in the
# ledger, so every run tries it again.
RETRIED_CODES = frozenset({"unreadable", "internal_error"})

# The longest report of the corpus is 0.2 MB of text and a PDF of one rarely reaches 10 MB: a larger file
# is something else (a scan, an archive, a log) and would hold a worker for minutes.
MAX_FILE_MB = 30


def _parse_one(job: Job) -> Parsed:
    file, previous_sha, given = job
    if file.size > MAX_FILE_MB * 2**20:
        reason = f"the file is {file.size / 2**20:.1f} MB; files over {MAX_FILE_MB} MB are not read"
        return Parsed(file, "", Rejection(file.name, file.path, "", "too_large", reason), given)
    try:
        data = Path(file.path).read_bytes()
        now = os.stat(file.path)
    except OSError as error:
        reason = f"cannot read the file: {error}"
        return Parsed(file, "", Rejection(file.name, file.path, "", "unreadable", reason), given)
    if (now.st_size, now.st_mtime_ns) != (file.size, file.mtime_ns) or len(data) != now.st_size:
        # written to while we listed or read it (a download or copy in progress): its bytes may be half
        # old, half new. Not loaded; the ledger keeps the listed size and time, so the next run reads it.
        reason = "the file changed while it was being read (a copy or download in progress?); next run"
        return Parsed(file, "", Rejection(file.name, file.path, "", "changed_while_reading", reason), given)
    raw_sha256 = hashlib.sha256(data).hexdigest()
    if previous_sha == raw_sha256:
        return Parsed(file, raw_sha256, None, given)
    return Parsed(file, raw_sha256, parse_file(file.name, data, file.path, raw_sha256, given), given)


def parse_files(
    files: list[InboxFile],
    seen: Seen,
    workers: int = 1,
    given: dict[str, GivenIdentity] | None = None,
    turn: Turn | None = None,
) -> list[Parsed]:
    """Read, parse and extract a batch: the CPU-bound work, on `workers` processes. A file whose bytes did
    not change since last time is marked unchanged and costs one hash, unless a manifest names it otherwise
    than last time. `given`: the manifests' rows by file path, passed to the workers as plain data (the
    workers load the region catalogue once each). `turn`: this batch's place in the pool's queue."""
    given = given or {}
    jobs = [
        (file, seen[file.path][2] if file.path in seen and same_given(file, seen, given) else None,
         given.get(file.path))
        for file in files
    ]  # fmt: skip
    return _map(_process_one, jobs, workers, turn)


@dataclass
class Frames:
    """The rows one batch would load, before and after the gate."""

    reports: pd.DataFrame
    sections: pd.DataFrame
    superseded: pd.DataFrame
    quarantine: list[dict] = field(default_factory=list)
    inbox: list[dict] = field(default_factory=list)
    validations: list[dict] = field(default_factory=list)
    targets: pd.DataFrame = field(default_factory=pd.DataFrame)
    outcomes: pd.DataFrame = field(default_factory=pd.DataFrame)
    # report_id -> (review, own, period) spans read by the worker (`follow_ups_of`)
    follow_up_spans: dict[str, tuple] = field(default_factory=dict)


def _report_row(item: Parsed, now: dt.datetime, source: Source | None = None) -> dict:
    report = item.result
    meta = report.meta
    assessed = item.completeness
    return {
        "report_id": report.report_id,
        "region": meta.region,
        "year": meta.year,
        "review_year": meta.review_year,
        "title": meta.title,
        "delivered_on": meta.delivered_on,
        "speaker": meta.speaker,
        "region_code": meta.region_code,
        "region_found_by": meta.region_found_by,
        "year_found_by": meta.year_found_by,
        "detected_region": meta.detected_region,
        "detected_year": meta.detected_year,
        "report_kind": meta.report_kind,
        "source_name": report.source_name,
        "source_path": report.source_path,
        "format": report.format,
        "encoding": report.encoding,
        "raw_sha256": report.raw_sha256,
        "sha256": report.sha256,
        "text": report.text,
        "text_length": len(report.text),
        "ingested_at": now,
        "completeness": assessed.value if assessed else None,
        "completeness_note": assessed.note if assessed else None,
        "source_url": source.url if source else None,
        "retrieved_at": source.retrieved_at if source else None,
    }


def _section_rows(report: ParsedReport) -> list[dict]:
    return [
        {
            "report_id": report.report_id,
            "kind": s.kind,
            "ordinal": i,
            "heading": s.heading,
            "char_start": s.char_start,
            "char_end": s.char_end,
            "found_by": s.found_by,
            "source_path": report.source_path,
        }
        for i, s in enumerate(report.sections)
    ]


def build_frames(
    parsed: list[Parsed], now: dt.datetime | None = None, sources: Mapping[str, Source] | None = None
) -> Frames:
    """Shape a parsed batch into rows. Within a batch the same content loads once and, for two versions of
    one region and year, the newest file (by modification time, then name) is the current one. `sources`:
    the file (absolute path) → where it was downloaded from (pledgetrack.ingest.fetch.fetched_sources)."""
    now = now or dt.datetime.now()
    frames = Frames(pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    reports: dict[str, Parsed] = {}
    by_key: dict[tuple[str, int], list[Parsed]] = {}
    for item in parsed:
        ledger = {
            "source_path": item.file.path,
            "size": item.file.size,
            "mtime_ns": item.file.mtime_ns,
            "raw_sha256": item.raw_sha256,
            "given_identity": item.given.key if item.given else None,
        }
        result = item.result
        if result is None:
            continue
        if isinstance(result, Rejection):
            frames.quarantine.append(_quarantine_row(result, "read" if not result.raw_sha256 else "parse"))
            if result.code not in RETRIED_CODES:
                frames.inbox.append({**ledger, "outcome": "quarantined", "report_id": None})
            continue
        if result.sha256 in reports:  # the same text under two names in one batch
            frames.inbox.append({**ledger, "outcome": "duplicate", "report_id": result.report_id})
            continue
        reports[result.sha256] = item
        by_key.setdefault((result.meta.region, result.meta.year), []).append(item)
        frames.inbox.append({**ledger, "outcome": "loaded", "report_id": result.report_id})
    current_items, older = [], []
    for versions in by_key.values():
        versions.sort(key=lambda p: (p.file.mtime_ns, p.file.name))
        current_items.append(versions[-1])
        older.extend(versions[:-1])
    current = [item.result for item in current_items]
    superseded_paths = {item.result.source_path for item in older}
    for row in frames.inbox:
        if row["source_path"] in superseded_paths:
            row["outcome"] = "superseded"
    sources = sources or {}
    frames.reports = pd.DataFrame(
        [_report_row(item, now, sources.get(item.file.path)) for item in current_items]
    )
    frames.sections = pd.DataFrame([row for r in current for row in _section_rows(r)])
    frames.superseded = pd.DataFrame([_report_row(item, now) for item in older])
    frames.targets = _frame_of([item.targets for item in current_items])
    frames.outcomes = _frame_of([item.outcomes for item in current_items])
    frames.follow_up_spans = {
        item.result.report_id: item.follow_up_spans for item in current_items if item.follow_up_spans
    }
    return frames


def _base(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """The value in its base unit ('3.9', '万平方米' → 39000 '平方米'), so that 亿元 and 万元 compare."""
    if value is None or not unit:
        return None, None
    base_unit, factor = numbers.unit_factor(unit)
    return round(value * factor, 6), base_unit


def _evidence(report: ParsedReport, rows: list, prefix: str, **constant: object) -> Columns:
    """Extracted rows as columns, with what every row shares: ids, the report's facts, and the checks the
    gate reads. Columns, not a dict per row: a batch's rows cross from a worker to the flow as a few long
    lists, which pickle and become a DataFrame several times faster than tens of thousands of dicts."""
    if not rows:
        return {}
    count = len(rows)
    columns: Columns = {f.name: [getattr(row, f.name) for row in rows] for f in fields(rows[0])}
    columns.update({name: [value] * count for name, value in constant.items()})
    base = [_base(value, unit) for value, unit in zip(columns["value"], columns["unit"], strict=True)]
    meta, text = report.meta, report.text
    columns.update(
        {
            "base_value": [value for value, _ in base],
            "base_unit": [unit for _, unit in base],
            f"{prefix}_id": [f"{report.report_id}:{prefix[0]}{i}" for i in range(count)],
            "report_id": [report.report_id] * count,
            "region": [meta.region] * count,
            "source_path": [report.source_path] * count,
            # read by the gate (expectations/targets.json, outcomes.json), not stored
            "evidence_ok": [
                text[start:end] == phrase
                for start, end, phrase in zip(
                    columns["char_start"], columns["char_end"], columns["phrase"], strict=True
                )
            ],
            "report_region": [meta.region] * count,
            "report_year": [meta.year] * count,
            "report_review_year": [meta.review_year] * count,
        }
    )
    return columns


def _extract_one(report: ParsedReport) -> tuple[Columns, Columns, Completeness]:
    year, review_year = report.meta.year, report.meta.review_year
    target_rows, outcome_rows = extract.extract_targets(report), extract.extract_outcomes(report)
    targets = _evidence(report, target_rows, "target", year=year)
    outcomes = _evidence(
        report,
        outcome_rows,
        "outcome",
        year=review_year,
        source="report",
        source_url=None,
    )
    # a manifest may say what kind of report this is ('transition': a 换届 report reviewing the term)
    kind = report.meta.report_kind
    return targets, outcomes, completeness.assess(report, target_rows, outcome_rows, kind)


def _frame_of(parts: list[Columns]) -> pd.DataFrame:
    """One DataFrame from many reports' columns (every report's rows have the same columns)."""
    parts = [p for p in parts if p]
    if not parts:
        return pd.DataFrame()
    return pd.DataFrame({name: list(chain.from_iterable(p[name] for p in parts)) for name in parts[0]})


def _quarantine_row(rejection: Rejection, stage: str) -> dict:
    return {
        "source_path": rejection.source_path,
        "source_name": rejection.source_name,
        "raw_sha256": rejection.raw_sha256,
        "code": rejection.code,
        "reason": rejection.reason,
        "stage": stage,
    }


Validator = Callable[..., object]


def gate_frames(frames: Frames, validate: Validator, split_failing: Callable, batch_no: int = 0) -> Frames:
    """Validate reports and sections with their suites. Files named by a failure are quarantined with the
    expectation's message and the rest is validated again; a failure naming no file stops the whole batch."""
    for attempt in range(2):
        failing: dict[str, list[str]] = {}
        whole_batch: list[str] = []
        tables = ("reports", "sections", "targets", "outcomes")
        for table, df in ((t, getattr(frames, t)) for t in tables):
            if df.empty:
                continue
            result = validate(table, df, key="source_path")
            now = dt.datetime.now()
            frames.validations.extend(
                {**row, "batch": batch_no, "validated_at": now} for row in result.to_rows()
            )
            if result.success:
                continue
            _, bad = split_failing(result, df, "source_path")
            for path, messages in bad.items():
                failing.setdefault(path, []).extend(messages)
            whole_batch.extend(f.message for f in result.failures if not f.failing_keys)
        if whole_batch:
            failing = {path: whole_batch for path in frames.reports.get("source_path", [])}
        if not failing:
            return frames
        _quarantine_gate_failures(frames, failing)
        if whole_batch or attempt == 1:
            break
    return frames


def _quarantine_gate_failures(frames: Frames, failing: dict[str, list[str]]) -> None:
    by_path = {}
    if not frames.reports.empty:
        by_path = frames.reports.set_index("source_path")["source_name"].to_dict()
    for path, messages in failing.items():
        frames.quarantine.append(
            {
                "source_path": path,
                "source_name": by_path.get(path, Path(path).name),
                "raw_sha256": None,
                "code": "gate",
                "reason": "failed validation: " + "; ".join(dict.fromkeys(messages)),
                "stage": "gate",
            }
        )
    for row in frames.inbox:
        if row["source_path"] in failing:
            row["outcome"] = "quarantined"
    for table in ("reports", "sections", "targets", "outcomes"):
        df = getattr(frames, table)
        if not df.empty:
            setattr(frames, table, df[~df["source_path"].isin(failing)])


def not_whole(frames: Frames, source_paths: Iterable[str]) -> list[dict]:
    """The reports of these files (just loaded) that are not whole: source_path, completeness, note."""
    if frames.reports.empty:
        return []
    paths = set(source_paths)
    rows = frames.reports[frames.reports["source_path"].isin(paths)]
    rows = rows[rows["completeness"].ne(completeness.WHOLE)]
    return [
        {"source_path": path, "completeness": value, "note": note}
        for path, value, note in zip(
            rows["source_path"], rows["completeness"], rows["completeness_note"], strict=True
        )
    ]


# Reports read back at a time to assess those loaded before completeness was recorded (a text each).
ASSESS_CHUNK = 500


def assess_earlier(con) -> int:
    """Assess the reports of a warehouse made before completeness was recorded (sql/011), from what the
    warehouse holds (text, sections, rows): once, on its next run. Returns how many were assessed."""
    assessed = 0
    while rows := store.unassessed_reports(con, ASSESS_CHUNK):
        results = []
        for row in rows:
            # each section as (kind, heading, char_start, char_end, found_by)
            sections = [Section(*fields_) for fields_ in row["sections"]]
            found = completeness.completeness_of(
                row["text"], sections, row["review_year"], row["headline_targets"], row["results"]
            )
            results.append((row["report_id"], found.value, found.note))
        store.set_completeness(con, results)
        assessed += len(results)
    return assessed


def to_load_batch(frames: Frames, run_id: str) -> store.LoadBatch:
    return store.LoadBatch(
        run_id=run_id,
        reports=frames.reports,
        sections=frames.sections,
        superseded=frames.superseded,
        quarantine=pd.DataFrame(frames.quarantine, columns=store.QUARANTINE_COLUMNS),
        inbox=pd.DataFrame(frames.inbox, columns=store.INBOX_COLUMNS),
        validations=pd.DataFrame(frames.validations, columns=store.VALIDATION_COLUMNS),
        targets=frames.targets,
        outcomes=frames.outcomes,
    )


# ---------------------------------------------------------------- the judge stage: evidence looked up

# Follow-up reports whose texts are read from the warehouse at a time: a warehouse made before the lookup
# has about as many follow-ups to search as reports, and their texts would all sit in memory at once.
# The texts of the batch just loaded are in memory already and never counted against it.
EVIDENCE_CHUNK = 500


def follow_ups_of(frames: Frames) -> dict[str, store.FollowUp]:
    """The batch's reports as the lookup reads them, from the frames the flow holds anyway: after its load
    the judge searches them without reading their texts back from the warehouse. (A report_id is the hash
    of the text, so the text in memory is the one stored under that id.)"""
    if frames.reports.empty:
        return {}
    spans: dict[str, list[tuple[str, int, int, str | None]]] = {}
    if not frames.sections.empty:
        read = frames.sections[frames.sections["kind"].isin(store.FOLLOW_UP_SECTIONS)]
        for report_id, kind, start, end, heading in zip(
            read["report_id"],
            read["kind"],
            read["char_start"],
            read["char_end"],
            read["heading"],
            strict=True,
        ):
            spans.setdefault(report_id, []).append((kind, int(start), int(end), heading))
    reports = frames.reports
    return {
        rid: store.FollowUp(
            rid,
            region,
            int(year),
            text,
            sorted(spans.get(rid, []), key=lambda s: s[1]),
            frames.follow_up_spans.get(rid),
        )
        for rid, region, year, text in zip(
            reports["report_id"], reports["region"], reports["year"], reports["text"], strict=True
        )
    }


def evidence_frame(todo: list[dict], follow_ups: dict[str, store.FollowUp], now: dt.datetime) -> pd.DataFrame:
    """What each follow-up's review says about the targets of `todo` (rows of `store.evidence_todo`), as
    rows of `evidence`, with the columns the gate checks (`evidence_ok`, `explained`, `percent_value`)."""
    catalogue = load_catalogue()
    rows: list[dict] = []
    by_follow_up: dict[str, list[dict]] = {}
    for target in todo:
        by_follow_up.setdefault(target["follow_up_id"], []).append(target)
    for follow_up_id, targets in by_follow_up.items():
        follow_up = follow_ups[follow_up_id]
        review, own, period = follow_up.spans or lookup.follow_up_spans(
            follow_up.text, follow_up.sections, follow_up.year - 1
        )
        found = lookup.look_up(targets, follow_up.text, review, catalogue, follow_up.year - 1, own, period)
        text = follow_up.text
        for target, e in zip(targets, found, strict=True):
            base_value, base_unit = _base(e.value, e.unit) if e.found == "figure" else (None, None)
            inside = e.mention_start is None or 0 <= e.mention_start < e.mention_end <= len(text)
            rows.append(
                {
                    "evidence_id": f"{target['target_id']}@{follow_up_id}",
                    "target_id": target["target_id"],
                    "target_report_id": target["target_report_id"],
                    "report_id": follow_up_id,
                    "region": target["region"],
                    "year": target["year"],
                    "found": e.found,
                    "name": e.name,
                    "kind": e.kind,
                    "value": e.value,
                    "unit": e.unit,
                    "base_value": base_value,
                    "base_unit": base_unit,
                    "bound": e.bound,
                    "attainment": e.attainment,
                    "reference_value": e.reference_value,
                    "reference_phrase": e.reference_phrase,
                    "reference_kind": e.reference_kind,
                    "reference_region": e.reference_region,
                    "estimated": e.estimated,
                    "phrase": e.phrase,
                    "char_start": e.char_start,
                    "char_end": e.char_end,
                    "reason": e.reason,
                    "mention_start": e.mention_start,
                    "mention_end": e.mention_end,
                    "mention_snippet": e.snippet,
                    "judged_at": now,
                    # read by the gate (expectations/evidence.json), not stored
                    "evidence_ok": inside
                    and (e.phrase is None or text[e.char_start : e.char_end] == e.phrase),
                    "explained": (e.found is None) != (e.reason is None),
                    "percent_value": e.value if e.unit == "%" else None,
                }
            )
    return pd.DataFrame(rows, columns=[*store.EVIDENCE_COLUMNS, "evidence_ok", "explained", "percent_value"])


@dataclass
class Judged:
    """What the judge stage looked up in one call."""

    rows: int = 0  # evidence rows loaded
    follow_ups: int = 0  # follow-up reports searched
    refused: list[str] = field(default_factory=list)  # gate messages of rows not loaded


def look_up_evidence(
    con,
    run_id: str,
    validate: Validator,
    split_failing: Callable,
    batch_no: int = 0,
    in_memory: dict[str, store.FollowUp] | None = None,
) -> Judged:
    """The judge stage: search every loaded follow-up for the targets it settles and has not been searched
    for (`store.evidence_todo`), gate the rows with expectations/evidence.json and load them. Follow-ups in
    `in_memory` (the batch just loaded) are not read back; the others are read EVIDENCE_CHUNK at a time.
    The first chunk holds every follow-up in memory, so a batch is gated and loaded once (a Great
    Expectations validation costs about as much whatever its size). Rows of a follow-up the gate names are
    not loaded (their targets keep the verdicts of extraction alone, and the next run tries again); a
    failure naming no follow-up refuses the chunk. Either way the results are kept in `validations`."""
    judged = Judged()
    todo = store.evidence_todo(con)
    if not todo:
        return judged
    in_memory = in_memory or {}
    ids = list(dict.fromkeys(t["follow_up_id"] for t in todo))
    stored = [i for i in ids if i not in in_memory]
    parts = list(chunks(stored, EVIDENCE_CHUNK)) or [[]]
    parts[0] = [i for i in ids if i in in_memory] + parts[0]
    for part in parts:
        wanted = set(part)
        texts = {i: in_memory[i] for i in part if i in in_memory}
        missing = [i for i in part if i not in texts]
        if missing:
            texts.update(store.follow_ups(con, missing))
        frame = evidence_frame([t for t in todo if t["follow_up_id"] in wanted], texts, dt.datetime.now())
        result = validate("evidence", frame, key="report_id")
        now = dt.datetime.now()
        validations = pd.DataFrame(
            [{**row, "batch": batch_no, "validated_at": now} for row in result.to_rows()],
            columns=store.VALIDATION_COLUMNS,
        )
        if not result.success:
            judged.refused += [f.message for f in result.failures]
            frame, _ = split_failing(result, frame, "report_id")
            if any(not f.failing_keys for f in result.failures):
                frame = frame.iloc[0:0]
        judged.rows += store.load_evidence(con, run_id, frame, validations)
        judged.follow_ups += frame["report_id"].nunique()
    return judged

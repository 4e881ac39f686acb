"""A run's work, batch by batch: read, parse and extract files on the pool, build the load, gate it.

In: a batch of inbox files (paths, sizes, times; the ledger of what earlier runs read; the manifests'
identities). Out: `Parsed` items from the workers, each with its rows as columns, then one
`store.LoadBatch` built from them (`build_batch`) and gated (`gate_batch`): the frames the gate validates
are the frames the load commits. Gate failures quarantine just the files they name and the rest of the
batch is validated again, so one bad file never blocks a scheduled run; a failure that names no file
rejects the whole batch. The evidence lookup, the stage after the load, is `pledgetrack.judge`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import pandas as pd

from pledgetrack import extract, frames, numbers, pool
from pledgetrack.extract import lookup
from pledgetrack.ingest import completeness
from pledgetrack.ingest.completeness import Completeness
from pledgetrack.ingest.inbox import InboxFile, Seen, same_given
from pledgetrack.ingest.parse import parse_file
from pledgetrack.model import GivenIdentity, ParsedReport, QuarantineRow, Rejection, Section, Source
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
    turn: pool.Turn | None = None,
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
    return pool.run(_process_one, jobs, workers, turn)


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


def build_batch(
    parsed: list[Parsed],
    run_id: str = "",
    now: dt.datetime | None = None,
    sources: Mapping[str, Source] | None = None,
) -> store.LoadBatch:
    """The load of a parsed batch, before the gate. Within a batch the same content loads once and, for two
    versions of one region and year, the newest file (by modification time, then name) is the current one.
    `sources`: the file (absolute path) → where it was downloaded from (ingest.fetch.fetched_sources)."""
    now = now or dt.datetime.now()
    batch = store.LoadBatch(run_id)
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
            batch.quarantine.append(QuarantineRow.of(result))
            if result.code not in RETRIED_CODES:
                batch.inbox.append({**ledger, "outcome": "quarantined", "report_id": None})
            continue
        if result.sha256 in reports:  # the same text under two names in one batch
            batch.inbox.append({**ledger, "outcome": "duplicate", "report_id": result.report_id})
            continue
        reports[result.sha256] = item
        by_key.setdefault((result.meta.region, result.meta.year), []).append(item)
        batch.inbox.append({**ledger, "outcome": "loaded", "report_id": result.report_id})
    current_items, older = [], []
    for versions in by_key.values():
        versions.sort(key=lambda p: (p.file.mtime_ns, p.file.name))
        current_items.append(versions[-1])
        older.extend(versions[:-1])
    current = [item.result for item in current_items]
    superseded_paths = {item.result.source_path for item in older}
    for row in batch.inbox:
        if row["source_path"] in superseded_paths:
            row["outcome"] = "superseded"
    sources = sources or {}
    batch.reports = frames.frame_of_rows(
        [_report_row(item, now, sources.get(item.file.path)) for item in current_items]
    )
    batch.sections = frames.frame_of_rows([row for r in current for row in _section_rows(r)])
    batch.superseded = frames.frame_of_rows([_report_row(item, now) for item in older])
    batch.targets = _frame_of([item.targets for item in current_items])
    batch.outcomes = _frame_of([item.outcomes for item in current_items])
    batch.follow_up_spans = {
        item.result.report_id: item.follow_up_spans for item in current_items if item.follow_up_spans
    }
    return batch


def base_value(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
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
    base = [base_value(value, unit) for value, unit in zip(columns["value"], columns["unit"], strict=True)]
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
    return frames.frame_of_parts(parts, parts[0])


Validator = Callable[..., object]


def gate_batch(
    batch: store.LoadBatch, validate: Validator, split_failing: Callable, batch_no: int = 0
) -> store.LoadBatch:
    """Validate the batch's tables with their suites. Files named by a failure are quarantined with the
    expectation's message and the rest is validated again; a failure naming no file stops the whole batch."""
    for attempt in range(2):
        failing: dict[str, list[str]] = {}
        whole_batch: list[str] = []
        for table in GATED:
            df = getattr(batch, table)
            if df.empty:
                continue
            result = validate(table, df, key="source_path")
            now = dt.datetime.now()
            batch.validations.extend(
                {**row, "batch": batch_no, "validated_at": now} for row in result.to_rows()
            )
            if result.success:
                continue
            _, bad = split_failing(result, df, "source_path")
            for path, messages in bad.items():
                failing.setdefault(path, []).extend(messages)
            whole_batch.extend(f.message for f in result.failures if not f.failing_keys)
        if whole_batch:
            failing = {path: whole_batch for path in batch.reports.get("source_path", [])}
        if not failing:
            return batch
        _quarantine_gate_failures(batch, failing)
        if whole_batch or attempt == 1:
            break
    return batch


GATED = ("reports", "sections", "targets", "outcomes")  # the tables of a batch validated, in order


def _quarantine_gate_failures(batch: store.LoadBatch, failing: dict[str, list[str]]) -> None:
    by_path = {}
    if not batch.reports.empty:
        by_path = batch.reports.set_index("source_path")["source_name"].to_dict()
    for path, messages in failing.items():
        reason = "failed validation: " + "; ".join(dict.fromkeys(messages))
        batch.quarantine.append(QuarantineRow(path, "gate", reason, "gate", by_path.get(path, "")))
    for row in batch.inbox:
        if row["source_path"] in failing:
            row["outcome"] = "quarantined"
    for table in GATED:
        df = getattr(batch, table)
        if not df.empty:
            setattr(batch, table, df[~df["source_path"].isin(failing)])


def not_whole(batch: store.LoadBatch, source_paths: Iterable[str]) -> list[dict]:
    """The reports of these files (just loaded) that are not whole: source_path, completeness, note."""
    if batch.reports.empty:
        return []
    paths = set(source_paths)
    rows = batch.reports[batch.reports["source_path"].isin(paths)]
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

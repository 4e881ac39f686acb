"""The judge stage: what each follow-up report's review says about the targets it settles (the evidence).

In: the targets a load left to look up (`store.evidence_todo`) and their follow-ups (the batch just loaded
from memory, `follow_ups_of`; others read from the warehouse). Out: `LookupJob`s, one per follow-up: plain
data (a text, its spans, its targets' rows), run on the worker pool beside extraction (`look_up_job`, pure
work: rows in, evidence rows out as columns ready to load); then their rows gated with
expectations/evidence.json and loaded (`gate_and_load`), in the flow process, the warehouse's one writer.
`look_up_evidence` does all three in one call (the sweep of what earlier runs left, and tests).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pandas as pd

from pledgetrack import frames, pool
from pledgetrack.batch import Columns, base_value
from pledgetrack.extract import lookup
from pledgetrack.indicators import load_catalogue
from pledgetrack.warehouse import store
from pledgetrack.warehouse.evidence import EVIDENCE_COLUMNS, FOLLOW_UP_SECTIONS, FollowUpReport

# Follow-up reports whose texts are read from the warehouse at a time: a warehouse made before the lookup
# has about as many follow-ups to search as reports, and their texts would all sit in memory at once.
# The texts of the batch just loaded are in memory already and never counted against it.
EVIDENCE_CHUNK = 500

# the columns the gate reads (expectations/evidence.json) beside those stored
GATE_COLUMNS = ("evidence_ok", "explained", "percent_value")


@dataclass(frozen=True)
class LookupJob:
    """One follow-up and the targets it settles (rows of `store.evidence_todo`): a worker's unit of work."""

    follow_up: FollowUpReport
    targets: list[dict]


@dataclass(frozen=True)
class LookedUp:
    """A job's evidence rows as columns (EVIDENCE_COLUMNS but judged_at, and GATE_COLUMNS), and the CPU
    seconds the worker spent on them."""

    columns: Columns
    seconds: float = 0.0


def look_up_job(job: LookupJob) -> LookedUp:
    """What the follow-up's review says about each of its targets, as evidence rows (in a worker)."""
    started = time.process_time()
    follow_up, text = job.follow_up, job.follow_up.text
    review, own, period = follow_up.spans or lookup.follow_up_spans(
        text, follow_up.sections, follow_up.year - 1
    )
    found = lookup.look_up(job.targets, text, review, load_catalogue(), follow_up.year - 1, own, period)
    rows = []
    for target, e in zip(job.targets, found, strict=True):
        base, base_unit = base_value(e.value, e.unit) if e.found == "figure" else (None, None)
        inside = e.mention_start is None or 0 <= e.mention_start < e.mention_end <= len(text)
        rows.append(
            (
                f"{target['target_id']}@{follow_up.report_id}", target["target_id"],
                target["target_report_id"], follow_up.report_id, target["region"], target["year"], e.found,
                e.name, e.kind, e.value, e.unit, base, base_unit, e.bound, e.attainment, e.reference_value,
                e.reference_phrase, e.estimated, e.phrase, e.char_start, e.char_end, e.reason,
                e.mention_start, e.mention_end, e.snippet, e.reference_kind, e.reference_region,
                inside and (e.phrase is None or text[e.char_start : e.char_end] == e.phrase),
                (e.found is None) != (e.reason is None),
                e.value if e.unit == "%" else None,
            )
        )  # fmt: skip
    columns = {name: [row[i] for row in rows] for i, name in enumerate(_JOB_COLUMNS)}
    return LookedUp(columns, time.process_time() - started)


# the columns of `look_up_job`, in the order it builds its rows
_JOB_COLUMNS = (
    *(c for c in EVIDENCE_COLUMNS if c not in ("judged_at", "reference_kind", "reference_region")),
    "reference_kind",
    "reference_region",
    *GATE_COLUMNS,
)


def look_up_jobs(jobs: list[LookupJob]) -> list[LookedUp]:
    """Several jobs in one call (a Dask task)."""
    return [look_up_job(job) for job in jobs]


def follow_ups_of(batch: store.LoadBatch) -> dict[str, FollowUpReport]:
    """The batch's reports as the lookup reads them, from the frames the flow holds anyway: after its load
    the judge searches them without reading their texts back from the warehouse. (A report_id is the hash
    of the text, so the text in memory is the one stored under that id.)"""
    if batch.reports.empty:
        return {}
    spans: dict[str, list[tuple[str, int, int, str | None]]] = {}
    if not batch.sections.empty:
        read = batch.sections[batch.sections["kind"].isin(FOLLOW_UP_SECTIONS)]
        for report_id, kind, start, end, heading in zip(
            read["report_id"],
            read["kind"],
            read["char_start"],
            read["char_end"],
            read["heading"],
            strict=True,
        ):
            spans.setdefault(report_id, []).append((kind, int(start), int(end), heading))
    reports = batch.reports
    return {
        rid: FollowUpReport(
            rid,
            region,
            int(year),
            text,
            sorted(spans.get(rid, []), key=lambda s: s[1]),
            batch.follow_up_spans.get(rid),
        )
        for rid, region, year, text in zip(
            reports["report_id"], reports["region"], reports["year"], reports["text"], strict=True
        )
    }


def plan(
    con,
    in_memory: dict[str, FollowUpReport] | None = None,
    report_ids: Iterable[str] | None = None,
    skip: Iterable[str] = (),
) -> Iterator[list[LookupJob]]:
    """The jobs left to do (of these reports only, when `report_ids` is given; none in the follow-ups named
    by `skip`), in parts of EVIDENCE_CHUNK follow-ups read from the warehouse. Follow-ups in `in_memory` are
    not read back, and all go in the first part: a batch's evidence is gated once (a validation costs about
    as much whatever its size)."""
    todo = store.evidence_todo(con, report_ids)
    if not todo:
        return
    in_memory = in_memory or {}
    skipped = set(skip)
    by_follow_up: dict[str, list[dict]] = {}
    for target in todo:
        if target["follow_up_id"] not in skipped:
            by_follow_up.setdefault(target["follow_up_id"], []).append(target)
    if not by_follow_up:
        return
    stored = [i for i in by_follow_up if i not in in_memory]
    parts = list(pool.chunks(stored, EVIDENCE_CHUNK)) or [[]]
    parts[0] = [i for i in by_follow_up if i in in_memory] + parts[0]
    for part in parts:
        texts = {i: in_memory[i] for i in part if i in in_memory}
        missing = [i for i in part if i not in texts]
        if missing:
            texts.update(store.follow_ups(con, missing))
        yield [LookupJob(texts[i], by_follow_up[i]) for i in part]


def plan_after_load(con, batch: store.LoadBatch, result: store.LoadResult) -> Iterator[list[LookupJob]]:
    """The jobs a load calls for: the pairs of the reports it inserted (not its duplicates), their texts in
    memory."""
    inserted = set(result.loaded + result.replaced + result.refiled)
    if not inserted:
        return iter(())
    reports = batch.reports
    ids = list(reports.loc[reports["source_path"].isin(inserted), "report_id"])
    return plan(con, follow_ups_of(batch), ids)


def evidence_frame(looked_up: Iterable[LookedUp], judged_at: dt.datetime) -> pd.DataFrame:
    """The evidence rows of several jobs as one frame: what the gate validates and the load inserts."""
    parts = [item.columns for item in looked_up if item.columns and item.columns["evidence_id"]]
    if not parts:
        return pd.DataFrame(columns=[*EVIDENCE_COLUMNS, *GATE_COLUMNS])
    return frames.frame_of_parts(parts, _JOB_COLUMNS).assign(judged_at=judged_at)


@dataclass
class Judged:
    """What the judge stage looked up and loaded."""

    rows: int = 0  # evidence rows loaded
    follow_ups: int = 0  # follow-up reports searched
    refused: list[str] = field(default_factory=list)  # gate messages of rows not loaded

    def add(self, other: Judged) -> None:
        self.rows += other.rows
        self.follow_ups += other.follow_ups
        self.refused += other.refused


Validator = Callable[..., object]


def gate_and_load(
    con, run_id: str, frame: pd.DataFrame, validate: Validator, split_failing: Callable, batch_no: int = 0
) -> Judged:
    """Gate evidence rows with expectations/evidence.json and load them. Rows of a follow-up the gate names
    are not loaded (their targets keep the verdicts of extraction alone, and the next run tries again); a
    failure naming no follow-up refuses them all. Either way the results are kept in `validations`."""
    judged = Judged()
    if frame.empty:
        return judged
    result = validate("evidence", frame, key="report_id")
    now = dt.datetime.now()
    validations = [{**row, "batch": batch_no, "validated_at": now} for row in result.to_rows()]
    if not result.success:
        judged.refused += [f.message for f in result.failures]
        frame, _ = split_failing(result, frame, "report_id")
        if any(not f.failing_keys for f in result.failures):
            frame = frame.iloc[0:0]
    judged.rows = store.load_evidence(con, run_id, frame, validations)
    judged.follow_ups = frame["report_id"].nunique()
    return judged


def look_up_evidence(
    con,
    run_id: str,
    validate: Validator,
    split_failing: Callable,
    batch_no: int = 0,
    in_memory: dict[str, FollowUpReport] | None = None,
    workers: int = 1,
) -> Judged:
    """The whole judge stage in one call: every pair left to do (`store.evidence_todo`) looked up on
    `workers` processes, gated and loaded, EVIDENCE_CHUNK follow-ups read back at a time."""
    judged = Judged()
    for jobs in plan(con, in_memory):
        looked_up = pool.run(look_up_job, jobs, workers)
        frame = evidence_frame(looked_up, dt.datetime.now())
        judged.add(gate_and_load(con, run_id, frame, validate, split_failing, batch_no))
    return judged

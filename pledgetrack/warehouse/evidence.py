"""Evidence in the warehouse (sql/009): what is left to look up, the follow-ups' texts, and the load.

In: a connection (and, to load, the evidence rows `pledgetrack.judge` looked up, gated). Out: the targets
whose follow-up report is loaded and has not been searched for them (`evidence_todo`), the follow-ups as the
lookup reads them (`follow_ups`), and the evidence committed with the gate's results (`load_evidence`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import pandas as pd

from pledgetrack.warehouse.load import arrow_of, record_validations, registered
from pledgetrack.warehouse.schema import transaction

EVIDENCE_COLUMNS = [
    "evidence_id", "target_id", "target_report_id", "report_id", "region", "year", "found", "name", "kind",
    "value", "unit", "base_value", "base_unit", "bound", "attainment", "reference_value", "reference_phrase",
    "estimated", "phrase", "char_start", "char_end", "reason", "mention_start", "mention_end",
    "mention_snippet", "judged_at", "reference_kind", "reference_region",
]  # fmt: skip
# what the lookup reads of a target
_TARGET_FIELDS = [
    "target_id", "report_id AS target_report_id", "region", "year", "indicator", "indicator_id", "kind",
    "comparator", "value", "value_high", "unit", "direction", "phrase", "reference",
]  # fmt: skip

# the sections of a follow-up the lookup reads: its review, and its own plan and targets (never searched)
FOLLOW_UP_SECTIONS = ("review", "plan", "targets")


@dataclass(frozen=True)
class FollowUpReport:
    """A follow-up report as the warehouse (or the batch just loaded) gives it to the lookup: its id, region,
    year, text and its sections (kind, start, end, heading) of kind review, plan and targets. The worker
    reads where to search from them (`lookup.follow_up_spans`), the `lookup.FollowUp` it searches."""

    report_id: str
    region: str
    year: int
    text: str
    sections: list[tuple[str, int, int, str | None]]
    # (review, own, period) as `lookup.follow_up_spans` reads them, when the worker that parsed the report
    # read them already; None: read them from the sections
    spans: tuple | None = None


def evidence_todo(con: duckdb.DuckDBPyConnection, report_ids: Iterable[str] | None = None) -> list[dict]:
    """Every target whose follow-up report (same region, year + 1) is loaded and has not been searched for
    it yet, with `follow_up_id`: the targets of a new report whose follow-up is there, the targets a new
    follow-up settles, and (once) all of a warehouse made before the lookup. `report_ids`: only the pairs
    of which one side is one of these reports (a batch just loaded). Either load order leaves the same pairs
    to do, so the evidence does not depend on it. Rows are ordered by follow-up. Plain dicts, not a
    DataFrame: the lookup reads them one by one, and pandas rows cost more than the lookup itself."""
    fields = ", ".join(f"t.{f}" for f in _TARGET_FIELDS)
    pairs = (
        f"SELECT {fields}, f.report_id AS follow_up_id "
        "FROM targets t JOIN reports f ON f.region = t.region AND f.year = t.year + 1 "
        "WHERE NOT EXISTS (SELECT 1 FROM evidence e "
        "                  WHERE e.target_id = t.target_id AND e.report_id = f.report_id)"
    )
    if report_ids is None:
        cursor = con.execute(f"{pairs} ORDER BY f.report_id, t.target_id")
    else:
        # two queries, not one with OR: each side's filter is pushed down to its own table scan
        ids = "(SELECT unnest($ids::VARCHAR[]))"
        cursor = con.execute(
            f"SELECT * FROM ({pairs} AND t.report_id IN {ids} UNION {pairs} AND f.report_id IN {ids}) "
            "ORDER BY follow_up_id, target_id",
            {"ids": list(report_ids)},
        )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def follow_ups(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> dict[str, FollowUpReport]:
    """The texts and sections of these reports (only these: a text costs its size in memory)."""
    spans: dict[str, list[tuple[str, int, int, str | None]]] = {}
    for report_id, kind, start, end, heading in con.execute(
        "SELECT report_id, kind, char_start, char_end, heading FROM sections "
        f"WHERE kind IN {FOLLOW_UP_SECTIONS} "
        "AND report_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY report_id, char_start",
        [report_ids],
    ).fetchall():
        spans.setdefault(report_id, []).append((kind, start, end, heading))
    rows = con.execute(
        "SELECT report_id, region, year, text FROM reports WHERE report_id IN (SELECT unnest(?::VARCHAR[]))",
        [report_ids],
    ).fetchall()
    return {
        rid: FollowUpReport(rid, region, year, text, spans.get(rid, [])) for rid, region, year, text in rows
    }


def load_evidence(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    evidence: pd.DataFrame,
    validations: list[dict] | pd.DataFrame,
) -> int:
    """Insert looked-up evidence in one transaction (a row for the same target and follow-up is replaced),
    with the gate's results; returns the rows inserted. Rows whose target or follow-up is no longer in the
    warehouse (replaced by a newer version while the lookup ran on the workers) are not inserted: the newer
    version's own pairs are looked up in their turn."""
    with transaction(con), registered(con, {"incoming_evidence": arrow_of(con, "evidence", evidence)}):
        con.execute("DELETE FROM evidence WHERE evidence_id IN (SELECT evidence_id FROM incoming_evidence)")
        [(inserted,)] = con.execute(
            "INSERT INTO evidence BY NAME SELECT * FROM incoming_evidence i "
            "WHERE i.target_id IN (SELECT target_id FROM targets) "
            "AND i.report_id IN (SELECT report_id FROM reports)"
        ).fetchall()
        record_validations(con, run_id, validations)
    return int(inserted)

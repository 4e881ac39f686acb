"""Downloads for researchers: the warehouse's targets, outcomes and verdicts, each row with its source, as
CSV, JSON or Parquet (`pledgetrack export`), and one page's rows beside the page (`page_rows`).

A row names where it comes from without the warehouse: the report's file name, its URL and when it was
downloaded (reports.source_url, retrieved_at), and for a verdict both phrases. CSV is UTF-8; with `bom` it
starts with a byte-order mark, without which Excel on Windows garbles the Chinese.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from pledgetrack.warehouse import store

FORMATS = ("csv", "json", "parquet")

# each table of the export, with the source of its rows (the report's name, URL and retrieval time)
_TABLES = {
    "targets": (
        "SELECT t.target_id, t.target_key, t.region, t.year, t.tier, t.indicator, t.indicator_id, t.kind, "
        "t.comparator, t.value, t.value_high, t.unit, t.direction, t.phrase, t.char_start, t.char_end, "
        "r.source_name, r.source_url, r.retrieved_at "
        "FROM targets_of(NULL) t JOIN reports r USING (report_id) ORDER BY t.region, t.year, t.char_start"
    ),
    "outcomes": (
        "SELECT o.outcome_id, o.region, o.year, o.tier, o.indicator, o.indicator_id, o.kind, o.value, "
        "o.unit, o.phrase, o.char_start, o.char_end, o.source, r.source_name, "
        "CASE WHEN o.source = 'official' THEN o.source_url ELSE r.source_url END AS source_url, "
        "r.retrieved_at FROM outcomes o LEFT JOIN reports r USING (report_id) ORDER BY o.region, o.year"
    ),
    "verdicts": (
        "SELECT v.target_id, v.target_key, v.region, v.year, v.tier, v.indicator, v.status, v.rule, "
        "v.target_value, v.value_high, v.actual, v.unit, v.margin, v.target_phrase, v.outcome_phrase, "
        "v.outcome_source, v.no_evidence_reason, v.mention_snippet, v.overridden, v.automatic_status, "
        "v.override_note, r.source_name AS target_source, f.source_name AS follow_up_source, "
        "r.source_url AS target_source_url, f.source_url AS follow_up_source_url "
        "FROM verdicts v JOIN reports r ON r.report_id = v.target_report_id "
        "LEFT JOIN reports f ON f.report_id = v.follow_up_report_id "
        "ORDER BY v.region, v.year, v.target_char_start"
    ),
}


def export(db: Path, out: Path, fmt: str = "csv", bom: bool = False) -> list[Path]:
    """Write targets, outcomes and verdicts into `out` as `<table>.<fmt>`; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with store.connect(db, read_only=True) as con:
        if not store.records_sources(con):
            raise ValueError(f"{db} predates the reports' sources (sql/015): a `pledgetrack run` migrates it")
        for table, sql in _TABLES.items():
            written.append(write_frame(con.execute(sql).df(), out / f"{table}.{fmt}", fmt, bom))
    return written


def write_frame(frame: pd.DataFrame, path: Path, fmt: str, bom: bool = False) -> Path:
    """One table as a file, written to a temporary name and renamed into place."""
    tmp = path.with_name(path.name + ".tmp")
    if fmt == "csv":
        frame.to_csv(tmp, index=False, encoding="utf-8-sig" if bom else "utf-8")
    elif fmt == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
        tmp.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        frame.to_parquet(tmp, index=False)
    tmp.replace(path)
    return path


PAGE_COLUMNS = (
    "target_key", "status", "tier", "indicator", "target_phrase", "target_value", "value_high", "unit",
    "outcome_phrase", "actual", "margin", "rule", "reason", "automatic_status", "override_note",
)  # fmt: skip


def page_rows(rows: Sequence[object]) -> pd.DataFrame:
    """A page's table as plain rows (pages.Row objects), for the CSV and JSON beside the page."""
    return pd.DataFrame(
        [{name: getattr(row, name) for name in PAGE_COLUMNS} for row in rows], columns=list(PAGE_COLUMNS)
    )

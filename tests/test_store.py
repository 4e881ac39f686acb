"""The warehouse: one-transaction loads, history of corrected reports (its schema: tests/test_schema.py)."""

import datetime as dt
import hashlib

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from pledgetrack.model import QuarantineRow
from pledgetrack.warehouse import load, store


def report_row(path: str, region: str, year: int, text: str) -> dict:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return {
        "report_id": sha[:16],
        "region": region,
        "year": year,
        "review_year": year - 1,
        "title": f"{year}年报告",
        "delivered_on": None,
        "speaker": None,
        "source_name": path.rsplit("/", 1)[-1],
        "source_path": path,
        "format": "txt",
        "encoding": "utf-8",
        "raw_sha256": sha,
        "sha256": sha,
        "text": text,
        "ingested_at": dt.datetime(2026, 1, 1),
    }


def make_batch(rows: list[dict], run_id: str = "r1", superseded: list[dict] | None = None) -> store.LoadBatch:
    sections = [
        {
            "report_id": r["report_id"],
            "kind": "targets",
            "ordinal": 0,
            "heading": "",
            "char_start": 0,
            "char_end": len(r["text"] or ""),
            "found_by": "marker",
        }
        for r in rows
    ]
    inbox = [
        {
            "source_path": r["source_path"],
            "size": len(r["text"] or ""),
            "mtime_ns": 1,
            "raw_sha256": r["raw_sha256"],
            "outcome": "loaded",
            "report_id": r["report_id"],
        }
        for r in rows
    ]
    return store.LoadBatch(
        run_id=run_id,
        reports=pd.DataFrame(rows),
        sections=pd.DataFrame(sections),
        superseded=pd.DataFrame(superseded or [], columns=store.REPORT_COLUMNS),
        inbox=inbox,
    )


@pytest.fixture
def con(tmp_path):
    with store.connect(tmp_path / "w.duckdb") as connection:
        yield connection


def count(con, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_load_insert_duplicate_and_replace(con):
    first = report_row("/in/a.txt", "上海市虹口区", 2018, "版本一" * 100)
    result = store.load_batch(con, make_batch([first]))
    assert result.loaded == ["/in/a.txt"]
    # The same content under another name loads once.
    again = {**first, "source_path": "/in/copy.txt", "source_name": "copy.txt"}
    result = store.load_batch(con, make_batch([again], "r2"))
    assert result.duplicates == ["/in/copy.txt"] and not result.loaded
    assert count(con, "reports") == 1
    # A corrected file for the same region and year replaces it; the old one is kept in history.
    corrected = report_row("/in/a-corrected.txt", "上海市虹口区", 2018, "版本二" * 100)
    result = store.load_batch(con, make_batch([corrected], "r3"))
    assert result.replaced == ["/in/a-corrected.txt"]
    assert con.execute("SELECT report_id FROM reports").fetchall() == [(corrected["report_id"],)]
    assert con.execute("SELECT report_id, superseded_by FROM report_history").fetchall() == [
        (first["report_id"], corrected["report_id"])
    ]
    assert (
        con.execute("SELECT count(*) FROM sections WHERE report_id = ?", [first["report_id"]]).fetchone()[0]
        == 0
    )
    assert (
        con.execute("SELECT outcome FROM inbox_files WHERE source_path = '/in/copy.txt'").fetchone()[0]
        == "duplicate"
    )


def test_superseded_in_the_same_batch_goes_to_history(con):
    old = report_row("/in/old.txt", "全国", 2010, "旧" * 300)
    new = report_row("/in/new.txt", "全国", 2010, "新" * 300)
    store.load_batch(con, make_batch([new], superseded=[old]))
    assert count(con, "reports") == 1
    assert con.execute("SELECT report_id FROM report_history").fetchall() == [(old["report_id"],)]


def test_a_failing_load_leaves_the_warehouse_as_it_was(con):
    store.load_batch(con, make_batch([report_row("/in/a.txt", "全国", 2001, "甲" * 300)]))
    before = {t: count(con, t) for t in ("reports", "sections", "inbox_files", "report_history")}
    good = report_row("/in/b.txt", "全国", 2002, "乙" * 300)
    bad = {**report_row("/in/c.txt", "全国", 2003, "丙" * 300), "text": None}  # violates NOT NULL
    with pytest.raises(duckdb.Error):
        store.load_batch(con, make_batch([good, bad], "r2"))
    assert {t: count(con, t) for t in before} == before


def test_quarantine_resolves_when_the_file_loads(con):
    batch = make_batch([])
    batch.quarantine = [QuarantineRow("/in/x.txt", "no_year", "no year", "parse", raw_sha256="ab")]
    batch.inbox = [
        {
            "source_path": "/in/x.txt",
            "size": 1,
            "mtime_ns": 1,
            "raw_sha256": "ab",
            "outcome": "quarantined",
            "report_id": None,
        }
    ]
    store.load_batch(con, batch)
    store.load_batch(con, batch)  # met again by the next run: one open row says it
    assert con.execute("SELECT source_name, stage, raw_sha256 FROM quarantine").fetchall() == [
        ("x.txt", "parse", "ab")
    ]
    store.load_batch(con, make_batch([report_row("/in/x.txt", "全国", 2005, "丁" * 300)], "r2"))
    assert count(con, "open_quarantine") == 0


@pytest.mark.parametrize("threads", [1, 2, 3])
@pytest.mark.parametrize("text", ["戊" * 300, None], ids=["commits", "fails"])  # None: violates NOT NULL
def test_a_load_runs_on_one_thread_and_leaves_duckdb_as_many_as_it_had(con, threads, text):
    con.execute(f"SET threads = {threads}")
    seen = []
    with load.one_thread(con):
        seen.append(con.execute("SELECT current_setting('threads')").fetchone()[0])
    assert seen == [1]
    row = {**report_row("/in/e.txt", "全国", 2006, "戊" * 300), "text": text}
    if text is None:
        with pytest.raises(duckdb.Error):
            store.load_batch(con, make_batch([row]))
    else:
        store.load_batch(con, make_batch([row]))
    assert con.execute("SELECT current_setting('threads')").fetchone()[0] == threads
    assert count(con, "reports") == (text is not None)


# ------------------------------------------------------------------ frames go to DuckDB as Arrow tables

NAN = float("nan")


@pytest.mark.parametrize(
    ("table", "column", "values", "expected"),
    [
        ("reports", "completeness", [NAN, NAN], [None, None]),  # pandas types a missing column float
        ("reports", "retrieved_at", [NAN, NAN], [None, None]),
        ("reports", "title", [None, "标题"], [None, "标题"]),
        ("sections", "ordinal", [1.0, NAN], [1, None]),
        ("reports", "ingested_at", [dt.datetime(2026, 1, 1), None], [dt.datetime(2026, 1, 1), None]),
    ],
)
def test_frames_are_typed_as_their_tables(con, table, column, values, expected):
    arrow = load.arrow_of(con, table, pd.DataFrame({column: values, "not_a_column": 1}))
    assert arrow.schema.names == [column]  # what the table does not have is left out
    assert arrow.column(column).to_pylist() == expected


def test_a_value_of_another_type_is_refused(con):
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        load.arrow_of(con, "sections", pd.DataFrame({"ordinal": ["seventh"]}))


def evidence_row(target_id: str, target_report: str, follow_up: str) -> dict:
    return {
        "evidence_id": f"{target_id}@{follow_up}",
        "target_id": target_id,
        "target_report_id": target_report,
        "report_id": follow_up,
        "region": "全国",
        "year": 2001,
        "reason": "no_mention",
        "evidence_ok": True,  # read by the gate, not stored
    }


def test_evidence_of_a_target_no_longer_loaded_is_not_inserted(con):
    # looked up on the workers while a later batch replaced the target's report: its rows must not stay
    first = report_row("/in/a.txt", "全国", 2001, "甲" * 300)
    follow_up = report_row("/in/b.txt", "全国", 2002, "乙" * 300)
    store.load_batch(con, make_batch([first, follow_up]))
    kept = f"{first['report_id']}:t0"
    con.execute(
        "INSERT INTO targets (target_id, report_id, region, year, tier, indicator, kind, phrase, char_start, "
        "char_end) VALUES (?, ?, '全国', 2001, 'headline', 'GDP', 'growth', '增长8%', 0, 4)",
        [kept, first["report_id"]],
    )
    rows = [
        evidence_row(kept, first["report_id"], follow_up["report_id"]),
        evidence_row("gone:t0", "gone", follow_up["report_id"]),  # its report was replaced
        evidence_row(kept, first["report_id"], "gone"),  # its follow-up was replaced
    ]
    assert store.load_evidence(con, "r2", pd.DataFrame(rows), []) == 1
    assert con.execute("SELECT evidence_id FROM evidence").fetchall() == [(rows[0]["evidence_id"],)]
    # loaded again (the same pair looked up twice): replaced, not doubled
    assert store.load_evidence(con, "r3", pd.DataFrame(rows[:1]), []) == 1
    assert count(con, "evidence") == 1

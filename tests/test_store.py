"""The warehouse: one-transaction loads, history of corrected reports (its schema: tests/test_schema.py)."""

import datetime as dt
import hashlib

import duckdb
import pandas as pd
import pytest

from pledgetrack.warehouse import store


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
        quarantine=pd.DataFrame(columns=store.QUARANTINE_COLUMNS),
        inbox=pd.DataFrame(inbox),
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
    batch.quarantine = pd.DataFrame(
        [
            {
                "source_path": "/in/x.txt",
                "source_name": "x.txt",
                "raw_sha256": "ab",
                "code": "no_year",
                "reason": "no year",
                "stage": "parse",
            }
        ]
    )
    batch.inbox = pd.DataFrame(
        [
            {
                "source_path": "/in/x.txt",
                "size": 1,
                "mtime_ns": 1,
                "raw_sha256": "ab",
                "outcome": "quarantined",
                "report_id": None,
            }
        ]
    )
    store.load_batch(con, batch)
    assert count(con, "open_quarantine") == 1
    store.load_batch(con, make_batch([report_row("/in/x.txt", "全国", 2005, "丁" * 300)], "r2"))
    assert count(con, "open_quarantine") == 0

"""Left running for a year: killed runs, two runs at once, readers during a run, transient failures.

The pipeline runs for real (Prefect, Great Expectations, DuckDB). The kill test starts `pledgetrack run` as a
child process against a real local Prefect server (started once, so that each run does not pay for a
temporary one), SIGKILLs it at a random moment while it loads, checks the warehouse after every kill, then
lets a last run finish and compares everything with an undisturbed run over the same files.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import pipeline
from pledgetrack.warehouse import queries, store
from tests.conftest import ROOT, variants

EXAMPLES = ROOT / "examples" / "inbox"


def write(inbox: Path, items: list[tuple[str, str]]) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    for name, text in items:
        (inbox / name).write_text(text, encoding="utf-8")


def snapshot(db: Path) -> dict[str, tuple[int, int, int]]:
    """report_id → (sections, targets, outcomes) rows in the warehouse."""
    with store.connect(db, read_only=True) as con:
        rows = con.execute(
            """
            SELECT r.report_id,
                   (SELECT count(*) FROM sections s WHERE s.report_id = r.report_id),
                   (SELECT count(*) FROM targets t WHERE t.report_id = r.report_id),
                   (SELECT count(*) FROM outcomes o WHERE o.report_id = r.report_id)
            FROM reports r
            """
        ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


REPORT_IDS = "SELECT report_id FROM reports"


def orphans_and_duplicates(db: Path) -> dict[str, int]:
    with store.connect(db, read_only=True) as con:
        return {
            name: con.execute(sql).fetchone()[0]
            for name, sql in {
                "orphan sections": f"SELECT count(*) FROM sections WHERE report_id NOT IN ({REPORT_IDS})",
                "orphan targets": f"SELECT count(*) FROM targets WHERE report_id NOT IN ({REPORT_IDS})",
                "orphan outcomes": f"SELECT count(*) FROM outcomes WHERE report_id NOT IN ({REPORT_IDS})",
                "duplicate reports": "SELECT count(*) - count(DISTINCT sha256) FROM reports",
                "duplicate region-years": "SELECT count(*) - count(DISTINCT (region, year)) FROM reports",
                "duplicate targets": "SELECT count(*) - count(DISTINCT target_id) FROM targets",
                "duplicate outcomes": "SELECT count(*) - count(DISTINCT outcome_id) FROM outcomes",
                "loaded files without a report": "SELECT count(*) FROM inbox_files WHERE outcome = 'loaded' "
                "AND report_id NOT IN (SELECT report_id FROM reports)",
            }.items()
        }


def run_command(db: Path, inbox: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "flows.cli", "run", "--db", str(db), "--inbox", str(inbox), *extra]


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    from flows.local_api import prefect_api

    with prefect_api(tmp_path_factory.mktemp("prefect")) as url:
        yield url


@pytest.mark.server
def test_sigkill_during_loads_leaves_whole_batches_and_the_next_run_completes(tmp_path, prefect_server):
    kills_wanted = 20
    rng = random.Random(7)
    pool = variants(2 * kills_wanted + 8)
    env = {**os.environ, "PREFECT_API_URL": prefect_server, "PLEDGETRACK_WORKERS": "1"}
    # the undisturbed run over every file: what the warehouse must hold in the end
    reference_inbox, reference = tmp_path / "all", tmp_path / "reference.duckdb"
    write(reference_inbox, pool)
    done = subprocess.run(run_command(reference, reference_inbox), env=env, cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    expected = snapshot(reference)
    assert len(expected) == len(pool)

    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    write(inbox, pool[:8])
    kills = attempts = 0
    while kills < kills_wanted:
        attempts += 1
        assert attempts <= 3 * kills_wanted, f"only {kills} kills landed in {attempts} runs"
        write(inbox, pool[8 + 2 * kills : 10 + 2 * kills])  # new files, so every run has loads to do
        child = subprocess.Popen(
            run_command(db, inbox, "--batch-size", "1"),
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        started = threading.Event()

        def watch(stream=child.stderr, started=started) -> None:
            for line in stream:
                if "new or changed" in line:
                    started.set()
            started.set()

        threading.Thread(target=watch, daemon=True).start()
        started.wait(120)
        time.sleep(rng.uniform(0.0, 2.5))  # somewhere among the batches' validate and load
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.wait(60)
        # after every kill: whole batches only, nothing half-loaded, nothing twice
        now = snapshot(db) if db.exists() else {}
        assert all(expected[rid] == counts for rid, counts in now.items()), "a report is partly loaded"
        assert not any(orphans_and_duplicates(db).values()) if db.exists() else True

    finish = subprocess.run(run_command(db, inbox), env=env, cwd=ROOT, capture_output=True, text=True)
    assert finish.returncode == 0, finish.stderr[-2000:]
    assert snapshot(db) == expected  # no loss, no duplicates
    assert orphans_and_duplicates(db) == dict.fromkeys(orphans_and_duplicates(db), 0)
    with duckdb.connect(str(db), read_only=True) as con:
        statuses = dict(con.execute("SELECT status, count(*) FROM runs GROUP BY status").fetchall())
    assert statuses.get("running", 0) == 0 and statuses.get("interrupted", 0) >= kills_wanted - 2
    print(f"\nkills survived: {kills} of {attempts} runs; rows lost 0; duplicate rows 0; runs {statuses}")


@pytest.mark.server
def test_two_runs_at_once_one_exits_and_readers_keep_reading(tmp_path, prefect_server):
    """A scheduled run and a manual one start together: one loads, the other exits with code 3 and a
    message; `query` works all the while."""
    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    write(inbox, variants(16))
    env = {**os.environ, "PREFECT_API_URL": prefect_server, "PLEDGETRACK_WORKERS": "1"}
    pipeline(inboxes=[str(EXAMPLES)], db=str(db))  # so there is something to read from the start
    runs = [
        subprocess.Popen(
            run_command(db, inbox, "--batch-size", "1"), env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    reads = []
    while any(r.poll() is None for r in runs):
        reads.append(queries.query(db, "SELECT count(*) FROM reports")[1][0][0])
        time.sleep(0.05)
    codes = sorted(r.returncode for r in runs)
    messages = [r.stderr.read() for r in runs]
    assert codes == [0, 3], [m[-1500:] for m in messages]
    assert any("another pledgetrack run is writing to" in m for m in messages)
    assert len(reads) >= 10 and reads == sorted(reads)  # every read worked and saw whole batches only
    assert queries.query(db, "SELECT count(*) FROM reports")[1] == [(18,)]
    # --wait queues behind the run in progress instead of exiting
    write(inbox, variants(20)[16:])
    with store.run_lock(db):
        waiting = subprocess.Popen(
            run_command(db, inbox, "--wait", "120"), env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        time.sleep(8)
        assert waiting.poll() is None  # still waiting for the lock this test holds
    assert waiting.wait(120) == 0, waiting.stderr.read()[-2000:]
    assert queries.query(db, "SELECT count(*) FROM reports")[1] == [(22,)]


def test_load_retries_a_transient_failure_and_not_a_permanent_one(tmp_path, monkeypatch):
    """The load task's Prefect retries: a file held by another process is tried again, a broken batch
    (a constraint violation) fails once and is reported."""
    from flows import pipeline as flow_module

    real = store.load_batch
    calls = []

    def flaky(con, batch):
        calls.append(1)
        if len(calls) == 1:
            raise duckdb.IOException('Could not set lock on file "w.duckdb": Conflicting lock is held')
        return real(con, batch)

    monkeypatch.setattr(flow_module.store, "load_batch", flaky)
    summary = pipeline(inboxes=[str(EXAMPLES)], db=str(tmp_path / "a.duckdb"), batch_size=10)
    assert len(calls) == 2 and len(summary.loaded) == 2

    calls.clear()

    def broken(con, batch):
        calls.append(1)
        raise duckdb.ConstraintException('Duplicate key "report_id: x" violates primary key constraint')

    monkeypatch.setattr(flow_module.store, "load_batch", broken)
    with pytest.raises(duckdb.ConstraintException):
        pipeline(inboxes=[str(EXAMPLES)], db=str(tmp_path / "b.duckdb"), batch_size=10)
    assert len(calls) == 1
    with duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports").fetchone() == (0,)
        assert con.execute("SELECT status FROM runs").fetchall() == [("failed",)]

"""`pledgetrack serve` against a real local Prefect server: a file dropped into the inbox is loaded by a
scheduled run. Slow (it starts a Prefect server), bounded by DEADLINE."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows.local_api import _free_port, _healthy
from tests.conftest import ROOT

DEADLINE = 300  # seconds for the server to start and scheduled runs to pick both files up
pytestmark = pytest.mark.server


def loaded_years(db: Path) -> list[int] | None:
    """Years in the warehouse, or None while the file is missing or a run holds the write lock."""
    if not db.exists():
        return None
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            return [y for (y,) in con.execute("SELECT year FROM reports ORDER BY year").fetchall()]
    except duckdb.Error:
        return None


def when_free(read, deadline: float):
    """The value of `read()` once no run holds the warehouse's write lock (a scheduled run may start at any
    moment; `read` returns None while one does)."""
    value = read()
    while value is None and time.monotonic() < deadline:
        time.sleep(1)
        value = read()
    return value


def flow_runs(db: Path) -> int | None:
    """How many Prefect flow runs loaded the warehouse, or None while a run holds the write lock."""
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            sql = "SELECT count(DISTINCT flow_run_id) FROM runs WHERE flow_run_id <> ''"
            return con.execute(sql).fetchone()[0]
    except duckdb.Error:
        return None


def statuses(db: Path, year: int) -> set[str] | None:
    """The verdict statuses of a year's targets, or None while a run holds the write lock."""
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            return {
                s for (s,) in con.execute("SELECT status FROM verdicts WHERE year = ?", [year]).fetchall()
            }
    except duckdb.Error:
        return None


def test_scheduled_run_loads_a_dropped_file(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "w.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_RUNNER_POLL_FREQUENCY"] = "2"
    log = (tmp_path / "serve.log").open("w")
    port = _free_port()
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "serve",
            "--inbox",
            str(inbox),
            "--db",
            str(db),
            "--interval",
            "5",
            "--prefect-home",
            str(tmp_path / "prefect"),
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + DEADLINE
        # An empty inbox first: scheduled runs happen and load nothing.
        while "serving" not in (tmp_path / "serve.log").read_text() and time.monotonic() < deadline:
            assert serve.poll() is None, (tmp_path / "serve.log").read_text()
            time.sleep(1)
        # on the port asked for; and a first run at start, before the schedule's first
        text = (tmp_path / "serve.log").read_text()
        assert f"Prefect API: http://127.0.0.1:{port}/api" in text
        assert text.index("first run at start") < text.index("files in the inboxes") < text.index("serving")
        shutil.copy(ROOT / "examples" / "inbox" / "2023年杨浦区政府工作报告.txt", inbox / "dropped.txt")
        years = None
        while years != [2023] and time.monotonic() < deadline:
            assert serve.poll() is None, (tmp_path / "serve.log").read_text()
            time.sleep(2)
            years = loaded_years(db)
        assert years == [2023], (tmp_path / "serve.log").read_text()[-3000:]
        # the load came from a Prefect flow run, not from this test
        assert when_free(lambda: flow_runs(db), deadline) >= 1
        # Its targets wait for next year's report; when it arrives, the next scheduled run judges them.
        assert when_free(lambda: statuses(db, 2023), deadline) == {"pending"}
        shutil.copy(ROOT / "examples" / "inbox" / "2024年杨浦区政府工作报告.txt", inbox / "late.txt")
        judged = None
        while (judged is None or "pending" in judged) and time.monotonic() < deadline:
            assert serve.poll() is None, (tmp_path / "serve.log").read_text()
            time.sleep(2)
            judged = statuses(db, 2023)
        assert judged is not None and "pending" not in judged, (tmp_path / "serve.log").read_text()[-3000:]
        assert {"kept", "missed"} <= judged
    finally:
        os.killpg(serve.pid, signal.SIGTERM)  # as a service manager stops it
        try:
            serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
        log.close()
    assert serve.returncode == 0 and "never awaited" not in (tmp_path / "serve.log").read_text()
    # The local server it started is gone with it.
    api = re.search(r"Prefect API: (\S+)", (tmp_path / "serve.log").read_text()).group(1)
    assert not _healthy(api)


def test_a_killed_serve_leaves_no_server(tmp_path):
    """A watchdog's SIGKILL to `serve` itself: the Prefect server it started ends with it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    log_path = tmp_path / "serve.log"
    command = [sys.executable, "-m", "flows.cli", "serve", "--inbox", str(tmp_path / "inbox"),
               "--db", str(tmp_path / "w.duckdb"), "--interval", "3600", "--no-first-run",
               "--prefect-home", str(tmp_path / "prefect")]  # fmt: skip
    with log_path.open("w") as log:
        serve = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + DEADLINE
    while "serving" not in log_path.read_text() and time.monotonic() < deadline:
        assert serve.poll() is None, log_path.read_text()
        time.sleep(0.5)
    api = re.search(r"Prefect API: (\S+)", log_path.read_text()).group(1)
    assert _healthy(api)
    serve.kill()
    serve.wait()
    gone_by = time.monotonic() + 15
    while _healthy(api) and time.monotonic() < gone_by:
        time.sleep(0.2)
    assert not _healthy(api)


def test_a_failed_preparation_stops_the_server_it_was_started_beside(tmp_path, monkeypatch):
    """`run` checks its settings while the server starts: a bad setting ends the command and the server."""
    import psutil

    from flows.local_api import prefect_api

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    port = _free_port()

    def bad_setting() -> None:
        assert [c for c in psutil.Process().children() if str(port) in " ".join(c.cmdline())], "started"
        raise ValueError("a bad setting")

    with pytest.raises(ValueError, match="a bad setting"), prefect_api(tmp_path, port, meanwhile=bad_setting):
        pytest.fail("not reached")
    assert not [c for c in psutil.Process().children(recursive=True) if str(port) in " ".join(c.cmdline())]

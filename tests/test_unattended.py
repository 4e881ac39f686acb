"""Left alone on a schedule: what an inbox, a warehouse file, a setting or a reader can do to a run.

Each case is something a scheduled job meets without a person at hand: a link that loops, a pipe, a link to
/etc, a file that cannot be read today and can tomorrow, a run killed before it wrote its pages, a query
left running, a warehouse path that is not a warehouse. The runs are real (Prefect, Great Expectations,
DuckDB). Root reads files whatever their mode, so unreadable files are tested in a child process started
without that privilege (`setpriv`), as an ordinary user would run the job.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import pipeline
from pledgetrack.ingest.inbox import scan_inboxes
from pledgetrack.warehouse import queries, store
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "inbox"
REPORT = "2023年杨浦区政府工作报告.txt"


def as_ordinary_user() -> list[str]:
    """A command prefix that drops root's right to read any file (CAP_DAC_OVERRIDE), or nothing when not
    root: chmod 000 then means what it means for the users who run the job."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        message = "running as root without setpriv (util-linux): an unreadable file cannot be made here"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message + ": these tests must run in CI")
        pytest.skip(message)
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def cli(*args: str, prefix: list[str] | None = None, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "flows.cli", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


# ------------------------------------------------------------------------------- what an inbox may hold


def _loop(inbox: Path) -> None:
    (inbox / "l1.txt").symlink_to("l2.txt")
    (inbox / "l2.txt").symlink_to("l1.txt")


def _fifo(inbox: Path) -> None:
    os.mkfifo(inbox / "export.txt")


def _outside(inbox: Path) -> None:
    (inbox / "shadow.txt").symlink_to("/etc/passwd")


def _outside_folder(inbox: Path) -> None:
    (inbox / "etc").symlink_to("/etc")


def _dangling(inbox: Path) -> None:
    (inbox / "gone.txt").symlink_to("nowhere.txt")


def _hidden_target(inbox: Path) -> None:
    (inbox / ".partial").mkdir()
    (inbox / ".partial" / "x.txt").write_text("半截", encoding="utf-8")
    (inbox / "x.txt").symlink_to(".partial/x.txt")


def _hidden_report(inbox: Path) -> None:
    (inbox / "..\\..\\2012.txt").write_text("二〇一二年政府工作报告", encoding="utf-8")


def _inside_link(inbox: Path) -> None:
    (inbox / "a.txt").write_text("报告", encoding="utf-8")
    (inbox / "alias.txt").symlink_to("a.txt")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "b.txt").write_text("报告", encoding="utf-8")
    (inbox / "same-folder").symlink_to("sub")


def _editor_droppings(inbox: Path) -> None:
    (inbox / ".DS_Store").write_bytes(b"\0")
    (inbox / ".report.txt.swp").write_bytes(b"\0")


# (case, how the inbox is made, files read by their names, entries skipped as (name, code))
INBOX_CASES: list[tuple[str, Callable[[Path], None], set[str], set[tuple[str, str]]]] = [
    ("a symlink loop", _loop, set(), {("l1.txt", "symlink_loop"), ("l2.txt", "symlink_loop")}),
    ("a named pipe is never opened", _fifo, set(), {("export.txt", "special_file")}),
    ("a link out of the inbox", _outside, set(), {("shadow.txt", "link_outside")}),
    ("a link to a folder outside", _outside_folder, set(), {("etc", "link_outside")}),
    ("a dangling link", _dangling, set(), {("gone.txt", "dangling_link")}),
    ("a link to a hidden file", _hidden_target, set(), {("x.txt", "link_hidden")}),
    ("a hidden file named like a report", _hidden_report, set(), {("..\\..\\2012.txt", "hidden_file")}),
    ("links inside the inbox are read once", _inside_link, {"a.txt", "b.txt"}, set()),
    ("editors' hidden files pass in silence", _editor_droppings, set(), set()),
]


@pytest.mark.parametrize(("case", "make", "read", "skipped"), INBOX_CASES, ids=[c[0] for c in INBOX_CASES])
def test_every_inbox_entry_is_read_or_said_why_not(tmp_path, case, make, read, skipped):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    make(inbox)
    listing = scan_inboxes([inbox])
    assert {f.name for f in listing.files} == read
    assert {(Path(s.path).name, s.code) for s in listing.skipped} == skipped
    assert all(s.reason for s in listing.skipped)


def test_a_folder_that_cannot_be_listed_is_said(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "locked").mkdir(parents=True)
    (inbox / "locked" / "r.txt").write_text("报告", encoding="utf-8")
    (inbox / "locked").chmod(0)
    probe = [sys.executable, "-c", "from pledgetrack.ingest.inbox import scan_inboxes; import sys; "
             "print([s.code for s in scan_inboxes([sys.argv[1]]).skipped])", str(inbox)]  # fmt: skip
    try:
        out = subprocess.run(
            [*as_ordinary_user(), *probe], capture_output=True, text=True, cwd=ROOT, check=True
        )
    finally:
        (inbox / "locked").chmod(0o755)
    assert out.stdout.strip() == "['unreadable_folder']"


@pytest.fixture
def hostile_inbox(tmp_path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(EXAMPLES / REPORT, inbox / REPORT)
    _loop(inbox)
    _fifo(inbox)
    _outside(inbox)
    return inbox


def test_a_run_loads_the_reports_beside_loops_pipes_and_links_out(tmp_path, hostile_inbox):
    db = tmp_path / "w.duckdb"
    first = pipeline(inboxes=[str(hostile_inbox)], db=str(db), workers=1)
    second = pipeline(inboxes=[str(hostile_inbox)], db=str(db), workers=1)
    assert len(first.loaded) == 1
    codes = sorted(s["code"] for s in first.skipped)
    assert codes == ["link_outside", "special_file", "symlink_loop", "symlink_loop"]
    assert sorted(s["code"] for s in second.skipped) == codes  # said in every run's summary ...
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT code, count(*) FROM quarantine WHERE stage = 'discover' GROUP BY 1"
        ).fetchall()
        hashes = con.execute("SELECT raw_sha256 FROM inbox_files").fetchall()
    assert dict(rows) == {"link_outside": 1, "special_file": 1, "symlink_loop": 2}  # ... quarantined once
    assert len(hashes) == 1  # nothing of /etc/passwd was read or hashed
    (hostile_inbox / "export.txt").unlink()  # the pipe removed: it leaves quarantine
    pipeline(inboxes=[str(hostile_inbox)], db=str(db), workers=1)
    with duckdb.connect(str(db), read_only=True) as con:
        open_codes = [c for (c,) in con.execute("SELECT code FROM open_quarantine ORDER BY code").fetchall()]
    assert open_codes == ["link_outside", "symlink_loop", "symlink_loop"]


def test_an_unreadable_file_is_tried_again_when_it_can_be_read(tmp_path):
    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    report = inbox / REPORT
    shutil.copy(EXAMPLES / REPORT, report)
    report.chmod(0)
    user = as_ordinary_user()
    for _ in range(2):  # quarantined, and not again the second time
        done = cli("run", "--db", str(db), "--inbox", str(inbox), prefix=user)
        assert done.returncode == 0, done.stderr[-2000:]
        assert "Permission denied" in done.stdout
    report.chmod(0o644)  # size and modification time unchanged
    done = cli("run", "--db", str(db), "--inbox", str(inbox), prefix=user)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "loaded 1 new reports" in done.stdout
    with duckdb.connect(str(db), read_only=True) as con:
        quarantined = con.execute("SELECT count(*), count(resolved_at) FROM quarantine").fetchone()
    assert quarantined == (1, 1)  # one row for two failed runs, resolved by the load


# ------------------------------------------------------------------------------------- runs and pages


def test_pages_a_run_owed_are_written_by_the_next(tmp_path):
    inbox, db, out = tmp_path / "inbox", tmp_path / "w.duckdb", tmp_path / "pages"
    shutil.copytree(EXAMPLES, inbox)
    # a run that loaded and never published: as if killed between its load and its pages
    pipeline(inboxes=[str(inbox)], db=str(db), workers=1)
    rerun = pipeline(inboxes=[str(inbox)], db=str(db), workers=1, pages_dir=str(out))
    assert not rerun.loaded  # nothing new ...
    assert (out / "上海市杨浦区" / "2024.html").exists() and (out / "上海市杨浦区" / "2023.html").exists()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM pages_owed").fetchone()[0] == 0  # ... and nothing owed now
    again = pipeline(inboxes=[str(inbox)], db=str(db), workers=1, pages_dir=str(out))
    assert again.pages == []  # paid: not written again


def test_a_run_that_fails_is_recorded(tmp_path):
    db = tmp_path / "w.duckdb"
    with pytest.raises(FileNotFoundError):
        pipeline(inboxes=[str(tmp_path / "no-such-inbox")], db=str(db), workers=1)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status FROM runs").fetchall() == [("failed",)]


def test_the_run_lock_is_one_for_every_name_of_the_warehouse(tmp_path):
    db = tmp_path / "w.duckdb"
    link = tmp_path / "alias.duckdb"
    link.symlink_to(db)
    with store.run_lock(db), pytest.raises(store.WarehouseBusy), store.run_lock(link):
        pass


# ----------------------------------------------------------------------------------- readers give way

SLOW_SQL = "SELECT count(*) FROM range(1000000000000) a"


def test_a_query_stops_at_its_time_limit(tmp_path):
    db = tmp_path / "w.duckdb"
    store.connect(db).close()
    started = time.monotonic()
    done = cli("query", "--db", str(db), "--timeout", "1", SLOW_SQL)
    assert done.returncode == 4, done.stderr
    assert "longer than 1 s" in done.stderr and "query_timeout" in done.stderr
    assert time.monotonic() - started < 30


def test_a_query_gives_way_to_a_run(tmp_path):
    db = tmp_path / "w.duckdb"
    store.connect(db).close()
    stopped: list[BaseException] = []

    def long_query() -> None:
        try:
            queries.query(db, SLOW_SQL, timeout=600)
        except queries.QueryStopped as error:
            stopped.append(error)

    reader = threading.Thread(target=long_query)
    reader.start()
    time.sleep(1.0)  # the query holds the file
    writer = "import sys, time; from pledgetrack.warehouse import store; t = time.monotonic(); " \
        "store.connect(sys.argv[1], wait=30).close(); print(time.monotonic() - t)"  # fmt: skip
    done = subprocess.run([sys.executable, "-c", writer, str(db)], cwd=ROOT, capture_output=True, text=True)
    reader.join(30)
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) < 5  # the run's writer waited only for the query to stop
    assert stopped and "let a pledgetrack run write" in str(stopped[0])
    assert not store.waiting_marker(db).exists()


# ------------------------------------------------------------------------- warehouse files, settings


def _foreign(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE invoices (id INTEGER)")


def _newer(path: Path) -> None:
    store.connect(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (999, '999_x.sql', 'x')")


# (case, how the --db path is made, what the one-line error says)
WAREHOUSE_CASES = [
    ("random bytes", lambda p: p.write_bytes(os.urandom(50_000)), "is not a DuckDB warehouse file"),
    ("an empty file", lambda p: p.write_bytes(b""), "is not a DuckDB warehouse file"),
    ("a folder", lambda p: p.mkdir(), "is a folder, not a file"),
    ("another program's database", _foreign, "a DuckDB database of another program (tables: invoices)"),
    ("a newer pledgetrack's warehouse", _newer, "written by a newer pledgetrack (schema 999"),
]


@pytest.mark.parametrize(("case", "make", "message"), WAREHOUSE_CASES, ids=[c[0] for c in WAREHOUSE_CASES])
def test_a_path_that_is_no_warehouse_is_refused_untouched(tmp_path, case, make, message):
    db = tmp_path / "w.duckdb"
    make(db)
    before = _fingerprint(db)
    done = cli("run", "--db", str(db), "--inbox", str(EXAMPLES))
    assert done.returncode == 2, done.stderr[-2000:]
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert _fingerprint(db) == before


def _fingerprint(path: Path) -> str:
    if path.is_dir():
        return "folder:" + ",".join(sorted(os.listdir(path)))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_warehouse_in_a_folder_that_cannot_be_written(tmp_path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        done = cli(
            "run", "--db", str(folder / "w.duckdb"), "--inbox", str(EXAMPLES), prefix=as_ordinary_user()
        )
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Permission denied" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tol-points", "nan"], "tol_points: expected a finite number"),
        (["--tol-points", "-1"], "tol_points: -1.0 is out of range"),
        (["--batch-size", "0"], "batch_size: 0 is out of range"),
    ],
)
def test_a_bad_setting_stops_the_run_before_it_starts(tmp_path, args, message):
    done = cli("run", "--db", str(tmp_path / "w.duckdb"), "--inbox", str(EXAMPLES), *args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "w.duckdb").exists()  # refused before anything was opened


def test_names_with_control_characters_are_printed_escaped(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bad\x1b[31mred\nline.txt").write_text("这不是报告。", encoding="utf-8")
    done = cli("run", "--db", str(tmp_path / "w.duckdb"), "--inbox", str(inbox))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "bad\\x1b[31mred\\nline.txt" in done.stdout
    assert "\x1b" not in done.stdout


def test_a_fault_of_ours_on_one_file_quarantines_it_and_the_run_goes_on(tmp_path, monkeypatch):
    from pledgetrack import extract

    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    shutil.copytree(EXAMPLES, inbox)
    real = extract.extract_targets

    def fails_on_2024(report):
        if report.meta.year == 2024:
            raise ValueError("max() arg is an empty sequence")  # as a rule met a text it never expected
        return real(report)

    monkeypatch.setattr(extract, "extract_targets", fails_on_2024)
    summary = pipeline(inboxes=[str(inbox)], db=str(db), workers=1)
    assert len(summary.loaded) == 1
    assert [q["code"] for q in summary.quarantined] == ["internal_error"]
    monkeypatch.setattr(extract, "extract_targets", real)  # pledgetrack fixed: the next run loads it
    assert len(pipeline(inboxes=[str(inbox)], db=str(db), workers=1).loaded) == 1

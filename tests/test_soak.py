"""A year of a scheduled job in a few minutes: 20 runs of `pledgetrack run` as a schedule starts them, each
after the inbox changed under it, some killed (SIGKILL) at a random moment, some beside a long query.

Every run is the real command in a child process with no Prefect API configured, so each starts (and must
end) its own local server and worker pool, as a cron job's run does. Between runs the inbox gets new
reports, corrected ones, files removed, files made unreadable and readable again, files swapped for links
(inside the inbox and out of it), pipes and link loops. At the end: the warehouse holds, for every report
the inbox holds, exactly what a clean run over the same inbox loads; every page exists; no process of any
run is left; no run waited on another or gave up as busy.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from pledgetrack.publish.pages import page_path
from tests.conftest import ROOT, variants
from tests.test_reliability import orphans_and_duplicates, snapshot
from tests.test_unattended import SLOW_SQL, as_ordinary_user

RUNS = 20
KILLED = 7  # of the 20 runs, killed at a random moment
QUERIED = 4  # of the 20 runs, with a long `pledgetrack query` started just before


def leftovers(tag: str) -> list[str]:
    """The processes still alive that carry this test's tag in their environment (every process a run
    starts inherits it: the Prefect server, the pool's forkserver and workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if f"PLEDGETRACK_SOAK={tag}".encode() in (entry / "environ").read_bytes().split(b"\0"):
                found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:  # ended meanwhile, or not ours to read
            continue
    return found


def settle(tag: str, seconds: float = 15.0) -> list[str]:
    """Leftover processes once those ending have had a moment to end."""
    deadline = time.monotonic() + seconds
    while (left := leftovers(tag)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


class Inbox:
    """The inbox and what the schedule's world does to it; `removed` names the reports taken away (their
    rows stay in the warehouse: a report once loaded is not unloaded because its file went)."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root, self.rng = root, rng
        self.pool = variants(2 * RUNS + 8)
        self.next = 0
        self.removed: set[str] = set()
        self.done: Counter[str] = Counter()
        root.mkdir()
        self.add(4)

    def files(self) -> list[Path]:
        return sorted(
            p for p in self.root.iterdir() if p.is_file() and not p.is_symlink() and p.suffix == ".txt"
        )

    def add(self, count: int = 2) -> None:
        for name, text in self.pool[self.next : self.next + count]:
            (self.root / name).write_text(text, encoding="utf-8")
        self.next += count
        self.done["added"] += count

    def correct(self) -> None:
        path = self.rng.choice(self.files())
        text = path.read_text(encoding="utf-8").replace("。", "。\n", 1)  # a corrected version: new bytes
        path.write_text(text, encoding="utf-8")
        self.done["replaced"] += 1

    def remove(self) -> None:
        path = self.rng.choice(self.files())
        self.removed.add(path.name)
        path.unlink()
        self.done["removed"] += 1

    def lock(self) -> None:
        self.rng.choice(self.files()).chmod(0)
        self.done["made unreadable"] += 1

    def unlock(self) -> None:
        for path in self.files():
            path.chmod(0o644)
        self.done["made readable"] += 1

    def link_inside(self) -> None:
        target = self.rng.choice(self.files())
        link = self.root / f"link-{self.done['linked inside']}.txt"
        link.symlink_to(target.name)
        self.done["linked inside"] += 1

    def link_out(self, outside: Path) -> None:
        (self.root / f"out-{self.done['linked out']}.txt").symlink_to(outside)
        self.done["linked out"] += 1

    def pipe(self) -> None:
        os.mkfifo(self.root / f"pipe-{self.done['pipes']}.txt")
        self.done["pipes"] += 1

    def loop(self) -> None:
        n = self.done["loops"]
        (self.root / f"loop-{n}a.txt").symlink_to(f"loop-{n}b.txt")
        (self.root / f"loop-{n}b.txt").symlink_to(f"loop-{n}a.txt")
        self.done["loops"] += 1


def pledgetrack(user: list[str], *args: str) -> list[str]:
    return [*user, sys.executable, "-m", "flows.cli", *args]


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def names_of(db: Path, report_ids: set[str]) -> set[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        query = "SELECT source_name FROM reports WHERE report_id IN (SELECT unnest(?::VARCHAR[]))"
        return {name for (name,) in con.execute(query, [sorted(report_ids)]).fetchall()}


def final_state(db: Path) -> tuple[list[tuple[str, int]], int, Counter]:
    """The warehouse's region-years, the pages it still owes, its runs by status."""
    with duckdb.connect(str(db), read_only=True) as con:
        years = con.execute("SELECT DISTINCT region, year FROM reports").fetchall()
        owed = con.execute("SELECT count(*) FROM pages_owed").fetchone()[0]
        statuses = Counter(dict(con.execute("SELECT status, count(*) FROM runs GROUP BY 1").fetchall()))
    return years, owed, statuses


@pytest.mark.server
def test_twenty_runs_with_a_changing_inbox_kills_and_readers(tmp_path):
    rng = random.Random(23)
    tag = uuid.uuid4().hex
    env = {**os.environ, "PLEDGETRACK_SOAK": tag, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)  # every run starts its own server, as a cron job's does
    user = as_ordinary_user()
    db, pages = tmp_path / "w.duckdb", tmp_path / "w.pages"
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(variants(2 * RUNS + 9)[-1][1], encoding="utf-8")
    inbox = Inbox(tmp_path / "inbox", rng)
    world = [inbox.correct, inbox.remove, inbox.lock, inbox.unlock, inbox.link_inside, inbox.pipe, inbox.loop,
             lambda: inbox.link_out(outside)]  # fmt: skip
    killed_runs = set(rng.sample(range(RUNS), KILLED))
    queried_runs = set(rng.sample(sorted(set(range(RUNS)) - killed_runs), QUERIED))
    kills, codes, seconds, leaked_after_kill, stopped_queries = 0, Counter(), [], 0, 0

    def run(warehouse: Path = db) -> list[str]:
        where = ["--db", str(warehouse), "--inbox", str(inbox.root)]
        return pledgetrack(user, "run", *where, "--batch-size", "2", "--wait", "120")

    for number in range(RUNS):
        inbox.add()
        for change in rng.sample(world, 2):
            change()
        reader = None
        if number in queried_runs and db.exists():
            reader = start(pledgetrack(user, "query", "--db", str(db), "--timeout", "600", SLOW_SQL), env)
            time.sleep(3)  # the reader holds the file when the run starts
        started = time.monotonic()
        child = start(run(), env)
        if number in killed_runs:
            time.sleep(rng.uniform(1.0, 12.0))
            if child.poll() is None:
                child.kill()
                kills += 1
        _, err = child.communicate(timeout=300)
        seconds.append(time.monotonic() - started)
        codes[child.returncode] += 1
        assert child.returncode in (0, -9), err[-3000:]
        if reader is not None:
            _, query_err = reader.communicate(timeout=60)  # stopped for the run, not left holding the file
            assert reader.returncode == 4 and "let a pledgetrack run write" in query_err, query_err
            stopped_queries += 1
        if child.returncode == -9:
            leaked_after_kill += len(settle(tag))
        assert not any(orphans_and_duplicates(db).values()) if db.exists() else True

    inbox.unlock()  # the last word on every file: readable
    final = subprocess.run(run(), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr[-3000:]
    left = settle(tag)

    # a clean run over the inbox as it is now, into a warehouse of its own
    reference = tmp_path / "reference.duckdb"
    clean = subprocess.run(run(reference), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert clean.returncode == 0, clean.stderr[-3000:]
    expected, got = snapshot(reference), snapshot(db)
    assert {rid: got.get(rid) for rid in expected} == expected  # nothing the inbox holds is lost or doubled
    extra = set(got) - set(expected)
    assert names_of(db, extra) <= inbox.removed  # only reports whose files were taken away, kept as they were
    assert orphans_and_duplicates(db) == dict.fromkeys(orphans_and_duplicates(db), 0)
    years, owed, statuses = final_state(db)
    missing_pages = [(r, y) for r, y in years if not (pages / page_path(r, y)).exists()]
    assert missing_pages == [] and owed == 0
    assert left == [] and leaked_after_kill == 0
    assert statuses["running"] == 0
    assert max(seconds) < 240  # no run waited on another or on a lock a killed run left
    shutil.rmtree(tmp_path / "prefect", ignore_errors=True)
    print(
        f"\nsoak: {RUNS + 1} runs ({dict(codes)} by exit code, {kills} killed), inbox changes "
        f"{dict(inbox.done)}, {stopped_queries} long queries stopped for a run; reports {len(got)} "
        f"({len(extra)} of removed files); rows lost 0, duplicated 0; processes left {len(left)} (after "
        f"kills: {leaked_after_kill}); pages missing {len(missing_pages)}; run seconds max "
        f"{max(seconds):.1f}, mean {sum(seconds) / len(seconds):.1f}"
    )

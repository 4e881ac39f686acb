"""The DuckDB warehouse: opening it (migrated, waiting while another process holds it) and the run lock.

In: the warehouse's path. Out: a connection to it at this version's schema, or WarehouseBusy /
WarehouseUnusable saying why not; the run lock, held for a whole run.

What is written goes through the modules beside this one, one concern each, and this module names them
all, so that `store.load_batch`, `store.evidence_todo`, ... read as they always have:
`load` (a gated batch in one transaction, all or nothing, from Arrow), `evidence` (what is left to look up,
and its load), `runs` (runs, the inbox ledger, quarantine outside a batch, catalogues, settings, pages
owed) and `schema` (migrations).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

# The names callers read from `store` (re-exported: one place to import the warehouse's writers from).
from pledgetrack.warehouse.evidence import (  # noqa: F401
    EVIDENCE_COLUMNS,
    FOLLOW_UP_SECTIONS,
    FollowUpReport,
    evidence_todo,
    follow_ups,
    load_evidence,
)
from pledgetrack.warehouse.load import (  # noqa: F401
    INBOX_COLUMNS,
    QUARANTINE_COLUMNS,
    REPORT_COLUMNS,
    SECTION_COLUMNS,
    VALIDATION_COLUMNS,
    LoadBatch,
    LoadResult,
    load_batch,
    load_official_outcomes,
    record_validations,
)
from pledgetrack.warehouse.runs import (  # noqa: F401
    finish_run,
    judged,
    pages_owed,
    pages_paid,
    record_manifests,
    record_skipped,
    records_completeness,
    records_regions,
    records_sources,
    seen_files,
    set_completeness,
    set_verdict_settings,
    start_run,
    sync_catalogue,
    sync_regions,
    unassessed_reports,
)
from pledgetrack.warehouse.schema import WarehouseUnusable, migrate, transaction  # noqa: F401


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse (its run lock, or the DuckDB file for longer than we wait)."""


# DuckDB lets one process open a file for writing, or any number for reading, never both at once. A run
# holds the file only for the moments a task needs it, so a reader or writer that finds it taken waits.
BUSY_WAIT_S = 30.0


def connect(
    db: Path | str, *, read_only: bool = False, wait: float = BUSY_WAIT_S
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file; a writer creates it (and its folder) and brings the schema up to date.
    While another process has the file open, try again for up to `wait` seconds, then raise WarehouseBusy."""
    path = Path(db)
    if read_only and not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `pledgetrack run` first")
    if path.is_dir():
        raise WarehouseUnusable(
            f"the warehouse {path} is a folder, not a file: give the path of a .duckdb file"
        )
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WarehouseUnusable(
                f"cannot create the folder of the warehouse {path}: {error.strerror}"
            ) from None
    deadline, delay = time.monotonic() + wait, 0.02
    waiting = _WriterWaiting(path) if not read_only else None
    try:
        while True:
            try:
                con = duckdb.connect(str(path), read_only=read_only)
                break
            except duckdb.IOException as error:
                if "lock" not in str(error).lower():
                    raise WarehouseUnusable(_unusable(path, error)) from None
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"the warehouse {path} stayed in use for {wait:g} s by {_lock_holder(str(error))}"
                    ) from None
                if waiting is not None:
                    waiting.announce()  # a `query` that holds the file gives way (warehouse.queries)
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
    finally:
        if waiting is not None:
            waiting.withdraw()
    if not read_only:
        # DuckDB's checkpoint merges small row groups, doubling them like a binary counter: every time the
        # warehouse doubles, the whole reports table (with its texts) is rewritten in memory (measured:
        # +450 MB and 4 s at 16,000 reports). Each batch appends its own row groups and never changes old
        # ones (a replaced report is a delete), so merging buys nothing here and is switched off.
        con.execute("SET max_vacuum_tasks = 0")
        try:
            _check_is_warehouse(con, path)
            migrate(con)
        except BaseException:
            con.close()
            raise
    return con


def _unusable(path: Path, error: duckdb.Error) -> str:
    text = str(error)
    if "not a valid DuckDB database file" in text:
        return (
            f"{path} is not a DuckDB warehouse file (empty, damaged or something else): "
            "move it away, or give another --db"
        )
    if "Permission denied" in text or "Read-only file system" in text:
        return f"cannot open the warehouse {path} for writing: {text.split(': ', 1)[-1]}"
    return f"cannot open the warehouse {path}: {text}"


def _check_is_warehouse(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a DuckDB file of another program: migrating would add our tables beside its own."""
    tables = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
    if tables and "schema_migrations" not in tables:
        shown = ", ".join(sorted(tables)[:5]) + (" …" if len(tables) > 5 else "")
        raise WarehouseUnusable(
            f"{path} is a DuckDB database of another program (tables: {shown}), not a pledgetrack warehouse: "
            "give another --db"
        )


def _lock_holder(error: str) -> str:
    """Who holds the warehouse file, from DuckDB's message ('... is held in /usr/bin/python3 (PID 4711)'):
    the process's command line, so that a `pledgetrack query` is not taken for a run."""
    match = re.search(r"\(PID (\d+)\)", error)
    if not match:
        return "another process"
    pid = match.group(1)
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return f"another process (PID {pid})"
    command = " ".join(Path(words[0].decode(errors="replace")).name if i == 0 else w.decode(errors="replace")
                       for i, w in enumerate(words[:6]) if w)  # fmt: skip
    return f"another process (PID {pid}: {command[:120]})"


class _WriterWaiting:
    """`<db>.waiting`: a writer waits for the file. Readers that may run long (`pledgetrack query`) watch
    for it and stop, so no reader holds the warehouse against a scheduled run."""

    def __init__(self, path: Path) -> None:
        self.path = waiting_marker(path)
        self.made = False

    def announce(self) -> None:
        if not self.made:
            try:
                self.path.write_text(f"pid {os.getpid()}\n", encoding="utf-8")
                self.made = True
            except OSError:  # a read-only folder: the writer just waits
                pass

    def withdraw(self) -> None:
        if self.made:
            self.path.unlink(missing_ok=True)


def waiting_marker(db: Path | str) -> Path:
    real = Path(os.path.realpath(db))  # one marker whatever name (a link) reader and writer use
    return real.with_name(real.name + ".waiting")


def writer_waiting(db: Path | str, stale_after: float = 2 * BUSY_WAIT_S) -> bool:
    """Is a writer waiting for this warehouse file? (A marker older than a writer ever waits is stale: its
    writer was killed.)"""
    try:
        age = time.time() - waiting_marker(db).stat().st_mtime
    except OSError:
        return False
    return age < stale_after


@contextmanager
def run_lock(db: Path | str, wait: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's run lock (`<db>.lock`, an advisory flock) for a whole run: two runs never
    interleave their batches. The kernel releases it when the process ends, even by SIGKILL, so a crashed
    run never leaves a stale lock. Waits up to `wait` seconds for a run in progress, then raises
    WarehouseBusy naming it."""
    # beside the real file: two runs given the warehouse by two names (a link) take the same lock
    real = Path(os.path.realpath(db))
    path = real.with_name(real.name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise WarehouseBusy(
                        f"another pledgetrack run is writing to {db} ({holder}); this run did not start. "
                        "It will be picked up by the next run, or pass --wait SECONDS to queue behind it."
                    ) from None
                time.sleep(0.1)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, since {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()

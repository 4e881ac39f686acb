"""The DuckDB warehouse: migrations, the state a run needs, and one-transaction loads.

Only this module talks to DuckDB for writing. A load is one transaction: either the whole batch (reports,
sections, history, quarantine, validation results, the inbox ledger) is committed, or nothing is.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import math
import os
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pledgetrack.warehouse.schema import WarehouseUnusable, has_table, migrate, transaction


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














def seen_files(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int, str, str, str | None]]:
    """source_path -> (size, mtime_ns, raw_sha256, outcome, given_identity) of every file an earlier run
    looked at (given_identity: the manifest row it was read with, 'region|year|kind', or None)."""
    rows = con.execute(
        "SELECT source_path, size, mtime_ns, raw_sha256, outcome, given_identity FROM inbox_files"
    ).fetchall()
    return {path: tuple(rest) for path, *rest in rows}


REPORT_COLUMNS = [
    "report_id",
    "region",
    "year",
    "review_year",
    "title",
    "delivered_on",
    "speaker",
    "region_code",
    "region_found_by",
    "year_found_by",
    "detected_region",
    "detected_year",
    "report_kind",
    "source_name",
    "source_path",
    "format",
    "encoding",
    "raw_sha256",
    "sha256",
    "text",
    "ingested_at",
    "completeness",
    "completeness_note",
    "source_url",
    "retrieved_at",
]
SECTION_COLUMNS = ["report_id", "kind", "ordinal", "heading", "char_start", "char_end", "found_by"]
QUARANTINE_COLUMNS = ["source_path", "source_name", "raw_sha256", "code", "reason", "stage"]
INBOX_COLUMNS = ["source_path", "size", "mtime_ns", "raw_sha256", "outcome", "report_id", "given_identity"]
VALIDATION_COLUMNS = [
    "batch",
    "validated_at",
    "table_name",
    "suite",
    "expectation",
    "column_name",
    "success",
    "failing_keys",
    "message",
    "element_count",
    "unexpected_count",
    "severity",
]


@dataclass
class LoadBatch:
    """What one load commits. Frames hold the columns named above (extra columns are ignored)."""

    run_id: str
    reports: pd.DataFrame  # candidates; duplicates of loaded content are dropped by the load itself
    sections: pd.DataFrame
    superseded: pd.DataFrame  # older versions met in the same batch: straight to report_history
    quarantine: pd.DataFrame
    inbox: pd.DataFrame  # the ledger rows for every file the batch looked at (outcome may be updated here)
    validations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=VALIDATION_COLUMNS))
    targets: pd.DataFrame = field(default_factory=pd.DataFrame)
    outcomes: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass
class LoadResult:
    loaded: list[str] = field(default_factory=list)  # source_path of reports inserted
    replaced: list[str] = field(default_factory=list)  # ... that replaced an older version
    duplicates: list[str] = field(default_factory=list)  # ... whose content was already there
    refiled: list[str] = field(default_factory=list)  # ... already there, now filed as a manifest says
    quarantined: list[str] = field(default_factory=list)


def _frame(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return df.reindex(columns=columns)


def _stage(con: duckdb.DuckDBPyConnection, name: str, df: pd.DataFrame, like: str) -> None:
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {like} LIMIT 0")
    if len(df):
        columns = [c for c in df.columns if c in _columns(con, name)]
        con.register("frame", df[columns])
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM frame")
        con.unregister("frame")


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}


def _paths(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    return {path for (path,) in con.execute(sql).fetchall()}


def load_batch(con: duckdb.DuckDBPyConnection, batch: LoadBatch) -> LoadResult:
    """Commit one gated batch in a single transaction; on any error nothing of it stays."""
    result = LoadResult()
    now = dt.datetime.now()
    incoming = _frame(batch.reports, REPORT_COLUMNS)
    quarantine = _frame(batch.quarantine, QUARANTINE_COLUMNS).assign(run_id=batch.run_id, quarantined_at=now)
    validations = _frame(batch.validations, VALIDATION_COLUMNS).assign(run_id=batch.run_id)
    superseded = _frame(batch.superseded, REPORT_COLUMNS)
    with transaction(con):
        # Stage every frame in a temp table typed like its target, so empty or all-null pandas columns
        # (which pandas types as float) compare and insert cleanly. Report rows are staged without their
        # text, which joins in only when they are inserted: a staged copy of a batch's texts would cost
        # as much memory as the insert itself (a string column always types cleanly).
        _stage(con, "incoming", incoming.drop(columns="text"), "reports")
        _stage(con, "incoming_sections", _frame(batch.sections, SECTION_COLUMNS), "sections")
        _stage(con, "superseded", superseded.drop(columns="text"), "reports")
        _stage(con, "incoming_quarantine", quarantine, "quarantine")
        _stage(con, "incoming_validations", validations, "validations")
        _stage(con, "incoming_targets", batch.targets, "targets")
        _stage(con, "incoming_outcomes", batch.outcomes, "outcomes")
        # Content already in the warehouse that a manifest files otherwise (its region, year or kind) is
        # taken out, with everything read from it, and loaded again under the manifest's identity.
        refiled = _refile(con)
        # Content already in the warehouse (under any name) is not loaded again.
        dup = _paths(con, "SELECT i.source_path FROM incoming i JOIN reports r USING (sha256)")
        # The keys of what is new, not whole rows: a copy of a batch's texts costs tens of MB.
        con.execute(
            "CREATE OR REPLACE TEMP TABLE fresh AS SELECT report_id, region, year, source_path FROM incoming "
            "WHERE sha256 NOT IN (SELECT sha256 FROM reports)"
        )
        replacing = _paths(con, "SELECT f.source_path FROM fresh f JOIN reports r USING (region, year)")
        # A corrected report replaces the current version; the old one moves to history. Rare, and the
        # only statements here that read whole report rows (the text): they run only when needed, so a
        # load costs the size of the batch, not of the warehouse.
        old_ids = [
            rid
            for (rid,) in con.execute(
                "SELECT r.report_id FROM reports r JOIN fresh f USING (region, year)"
            ).fetchall()
        ]
        if old_ids:
            con.execute(
                """
                INSERT INTO report_history BY NAME
                SELECT r.*, ? AS superseded_at, f.report_id AS superseded_by
                FROM (SELECT * FROM reports WHERE report_id IN (SELECT unnest(?))) r
                JOIN fresh f USING (region, year)
                """,
                [now, old_ids],
            )
            # the evidence looked up for the old version's targets, and in it as a follow-up, goes too
            con.execute("DELETE FROM evidence WHERE target_report_id IN (SELECT unnest(?))", [old_ids])
            for table in ("evidence", "sections", "targets", "outcomes", "reports"):
                con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT unnest(?))", [old_ids])
        con.register("incoming_text", incoming[["report_id", "text"]])
        con.execute(
            "INSERT INTO reports BY NAME SELECT i.* EXCLUDE (text), t.text FROM incoming i "
            "JOIN incoming_text t USING (report_id) WHERE report_id IN (SELECT report_id FROM fresh)"
        )
        for table in ("sections", "targets", "outcomes"):
            con.execute(
                f"INSERT INTO {table} BY NAME SELECT * FROM incoming_{table} "
                "WHERE report_id IN (SELECT report_id FROM fresh)"
            )
        # the pages this load changes are owed from the moment it commits (sql/018)
        con.execute(
            "INSERT INTO pages_owed SELECT DISTINCT region, y.year, ?, ? FROM fresh, "
            "(SELECT unnest([fresh.year, fresh.year - 1]) AS year) y",
            [batch.run_id, now],
        )
        if len(superseded):
            con.register("superseded_text", superseded[["sha256", "text"]])
            con.execute(
                """
                INSERT INTO report_history BY NAME
                SELECT s.* EXCLUDE (text), st.text, ? AS superseded_at, r.report_id AS superseded_by
                FROM superseded s JOIN superseded_text st USING (sha256) JOIN reports r USING (region, year)
                WHERE s.sha256 NOT IN (SELECT sha256 FROM report_history)
                """,
                [now],
            )
        # once while the reason stays the same: an unreadable file is tried again every run (not entered in
        # the ledger) and would otherwise be quarantined again every run
        con.execute(
            "INSERT INTO quarantine BY NAME SELECT * FROM incoming_quarantine q WHERE NOT EXISTS ("
            "SELECT 1 FROM quarantine o WHERE o.resolved_at IS NULL AND o.source_path = q.source_path "
            "AND o.code = q.code AND o.reason = q.reason "
            "AND o.raw_sha256 IS NOT DISTINCT FROM q.raw_sha256)"
        )
        inbox = _frame(batch.inbox, INBOX_COLUMNS).copy()
        inbox.loc[inbox["source_path"].isin(dup), "outcome"] = "duplicate"
        inbox.loc[inbox["source_path"].isin(replacing), "outcome"] = "replaced"
        _stage(con, "incoming_inbox", inbox.assign(run_id=batch.run_id, seen_at=now), "inbox_files")
        con.execute("DELETE FROM inbox_files WHERE source_path IN (SELECT source_path FROM incoming_inbox)")
        con.execute("INSERT INTO inbox_files BY NAME SELECT * FROM incoming_inbox")
        # A file that loads now leaves quarantine.
        con.execute(
            """
            UPDATE quarantine SET resolved_at = ?
            WHERE resolved_at IS NULL AND source_path IN
                (SELECT source_path FROM incoming_inbox WHERE outcome <> 'quarantined')
            """,
            [now],
        )
        con.execute("INSERT INTO validations BY NAME SELECT * FROM incoming_validations")
        for name in (
            "incoming",
            "incoming_sections",
            "superseded",
            "incoming_quarantine",
            "incoming_inbox",
            "incoming_validations",
            "incoming_targets",
            "incoming_outcomes",
            "fresh",
        ):
            con.execute(f"DROP TABLE {name}")
        for name in ("incoming_text", "superseded_text"):
            con.unregister(name)
    # Duplicates met inside the batch never reach `incoming`; the ledger knows them all.
    result.duplicates = sorted(set(inbox.loc[inbox["outcome"] == "duplicate", "source_path"]))
    result.replaced = sorted(replacing)
    result.refiled = sorted(refiled - replacing)
    result.loaded = sorted(set(incoming["source_path"]) - dup - replacing - refiled)
    result.quarantined = sorted(set(quarantine["source_path"]))
    return result


def _refile(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Delete the reports whose content comes in again named by a manifest, when they were filed otherwise
    (another region, year or kind, or by detection), with their sections, targets, outcomes and evidence
    (the same report_id: it is the content's hash); returns the incoming files concerned, which load
    again. Called inside load_batch's transaction, with `incoming` staged."""
    rows = con.execute(
        "SELECT r.report_id, i.source_path FROM incoming i JOIN reports r USING (sha256) "
        "WHERE i.region_found_by = 'manifest' AND (r.region <> i.region OR r.year <> i.year "
        "OR r.report_kind IS DISTINCT FROM i.report_kind OR r.region_found_by IS DISTINCT FROM 'manifest')"
    ).fetchall()
    ids = [rid for rid, _ in rows]
    if ids:
        con.execute("DELETE FROM evidence WHERE target_report_id IN (SELECT unnest(?))", [ids])
        for table in ("evidence", "sections", "targets", "outcomes", "reports"):
            con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT unnest(?))", [ids])
    return {path for _, path in rows}


def record_manifests(
    con: duckdb.DuckDBPyConnection, run_id: str, bad: list[tuple[str, str]], good: list[str]
) -> None:
    """Quarantine the manifests a run could not use (path, reason), once while the reason stays the same,
    and resolve the quarantine of those it read (fixed since)."""
    rows = [(path, "bad_manifest", reason) for path, reason in bad]
    with transaction(con):
        _quarantine_once(con, run_id, "read", rows)
        _resolve(con, ["bad_manifest"], good)


def record_skipped(
    con: duckdb.DuckDBPyConnection, run_id: str, skipped: list[tuple[str, str, str]], codes: Iterable[str]
) -> None:
    """Quarantine the entries of the inboxes a run did not read (path, code, reason: a pipe, a link out of
    the inbox, ...), once while the reason stays the same; an entry skipped before for one of `codes` and
    not now (removed, or made a regular file) leaves quarantine."""
    with transaction(con):
        _quarantine_once(con, run_id, "discover", skipped)
        con.execute(
            "UPDATE quarantine SET resolved_at = now() WHERE resolved_at IS NULL AND stage = 'discover' "
            "AND code IN (SELECT unnest(?::VARCHAR[])) AND source_path NOT IN (SELECT unnest(?::VARCHAR[]))",
            [list(codes), [path for path, _, _ in skipped]],
        )


def _quarantine_once(
    con: duckdb.DuckDBPyConnection, run_id: str, stage: str, rows: list[tuple[str, str, str]]
) -> None:
    # a scheduled run meets the same pipe or bad manifest every day: one open row says it, not one a day
    for path, code, reason in rows:
        con.execute(
            "INSERT INTO quarantine (source_path, source_name, raw_sha256, code, reason, stage, run_id, "
            "quarantined_at) SELECT $path, $name, NULL, $code, $reason, $stage, $run, now() "
            "WHERE NOT EXISTS (SELECT 1 FROM quarantine WHERE source_path = $path AND code = $code "
            "AND reason = $reason AND resolved_at IS NULL)",
            {
                "path": path,
                "name": Path(path).name,
                "code": code,
                "reason": reason,
                "stage": stage,
                "run": run_id,
            },
        )


def _resolve(con: duckdb.DuckDBPyConnection, codes: list[str], paths: list[str]) -> None:
    if paths:
        con.execute(
            "UPDATE quarantine SET resolved_at = now() WHERE resolved_at IS NULL "
            "AND code IN (SELECT unnest(?::VARCHAR[])) AND source_path IN (SELECT unnest(?::VARCHAR[]))",
            [codes, paths],
        )


def start_run(
    con: duckdb.DuckDBPyConnection, run_id: str, inboxes: list[str], flow_run_id: str | None
) -> None:
    """Record a new run. Called under the run lock, so a run still marked 'running' died (killed, power
    cut) without finishing: it is marked 'interrupted'; what it committed stays, whole batches only."""
    con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND run_id <> ?", [run_id])
    con.execute(
        "INSERT INTO runs (run_id, flow_run_id, started_at, inboxes, status) VALUES (?, ?, ?, ?, 'running')",
        [run_id, flow_run_id, dt.datetime.now(), "; ".join(inboxes)],
    )


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, **counts: int) -> None:
    columns = ["files_found", "files_new", "loaded", "replaced", "duplicates", "quarantined"]
    con.execute(
        f"UPDATE runs SET finished_at = ?, status = ?, {', '.join(f'{c} = ?' for c in columns)} "
        "WHERE run_id = ?",
        [dt.datetime.now(), status, *(counts.get(c, 0) for c in columns), run_id],
    )


def record_validations(con: duckdb.DuckDBPyConnection, run_id: str, validations: pd.DataFrame) -> None:
    """Keep the gate's results of a batch that is not loaded (so the refusal can be audited)."""
    _stage(con, "incoming_validations", validations.assign(run_id=run_id), "validations")
    con.execute("INSERT INTO validations BY NAME SELECT * FROM incoming_validations")
    con.execute("DROP TABLE incoming_validations")


def load_official_outcomes(
    con: duckdb.DuckDBPyConnection, run_id: str, outcomes: pd.DataFrame, validations: pd.DataFrame
) -> int:
    """Insert official results in one transaction, replacing rows with the same outcome_id; returns how
    many were replaced."""
    with transaction(con):
        _stage(con, "incoming_outcomes", outcomes, "outcomes")
        [(replaced,)] = con.execute(
            "SELECT count(*) FROM outcomes WHERE outcome_id IN (SELECT outcome_id FROM incoming_outcomes)"
        ).fetchall()
        con.execute("DELETE FROM outcomes WHERE outcome_id IN (SELECT outcome_id FROM incoming_outcomes)")
        con.execute("INSERT INTO outcomes BY NAME SELECT * FROM incoming_outcomes")
        con.execute("DROP TABLE incoming_outcomes")
        record_validations(con, run_id, validations)
    return replaced


def set_verdict_settings(con: duckdb.DuckDBPyConnection, values: dict[str, float | None]) -> None:
    """Change the tolerances the `verdicts` view reads (None leaves a setting as it is)."""
    for name, value in values.items():
        if value is None:
            continue
        if not math.isfinite(value) or value < 0:  # NaN compares false with everything: it flips verdicts
            raise ValueError(f"{name} must be a finite number, not negative: got {value!r}")
        updated = con.execute(
            "UPDATE verdict_settings SET value = ? WHERE name = ? RETURNING name", [value, name]
        )
        if not updated.fetchall():
            raise ValueError(f"unknown verdict setting {name!r}")


def judged(con: duckdb.DuckDBPyConnection, source_paths: list[str]) -> dict[str, int]:
    """Verdict counts of the targets whose follow-up report is one of these files (just loaded)."""
    if not source_paths:
        return {}
    # Only the targets of the years these reports review (sql/008): `verdicts` itself would judge every
    # target of the warehouse first.
    rows = con.execute(
        "SELECT v.status, count(*) "
        "FROM verdicts_of((SELECT coalesce(list(year_key(region, year - 1)), []) FROM reports "
        "                  WHERE source_path IN (SELECT unnest($paths::VARCHAR[])))) v "
        "JOIN reports f ON f.report_id = v.follow_up_report_id "
        "WHERE f.source_path IN (SELECT unnest($paths::VARCHAR[])) GROUP BY v.status ORDER BY v.status",
        {"paths": source_paths},
    ).fetchall()
    return dict(rows)


def sync_catalogue(con: duckdb.DuckDBPyConnection, catalogue) -> None:
    """Replace the warehouse's copy of the indicator catalogue (`indicators`, `indicator_aliases`)."""
    indicators = pd.DataFrame(
        [
            {"indicator_id": i.id, "name": i.name, "direction": i.direction, "kinds": list(i.kinds),
             "units": list(i.units)}
            for i in catalogue
        ]
    )  # fmt: skip
    aliases = pd.DataFrame([{"indicator_id": i.id, "alias": a} for i in catalogue for a in i.aliases])
    with transaction(con):
        con.execute("DELETE FROM indicator_aliases")
        con.execute("DELETE FROM indicators")
        _stage(con, "incoming_indicators", indicators, "indicators")
        _stage(con, "incoming_aliases", aliases, "indicator_aliases")
        con.execute("INSERT INTO indicators BY NAME SELECT * FROM incoming_indicators")
        con.execute("INSERT INTO indicator_aliases BY NAME SELECT * FROM incoming_aliases")
        con.execute("DROP TABLE incoming_indicators")
        con.execute("DROP TABLE incoming_aliases")


def sync_regions(con: duckdb.DuckDBPyConnection, catalogue) -> None:
    """Replace the warehouse's copy of the regions catalogue (`regions`: who is whose superior)."""
    rows = pd.DataFrame(
        [
            {"full_name": r.full_name, "name": r.name, "level": r.level, "parent": r.parent, "code": r.code}
            for r in catalogue.by_full_name.values()
        ]
    )
    with transaction(con):
        con.execute("DELETE FROM regions")
        _stage(con, "incoming_regions", rows, "regions")
        con.execute("INSERT INTO regions BY NAME SELECT * FROM incoming_regions")
        con.execute("DROP TABLE incoming_regions")


def pages_owed(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple[str, int]], dt.datetime | None]:
    """(region, year) of every page a load changed that no run has written yet (sql/018), and the time of
    the latest such load: `pages_paid` forgets only what was owed up to then."""
    rows = con.execute("SELECT DISTINCT region, year FROM pages_owed ORDER BY 1, 2").fetchall()
    [(latest,)] = con.execute("SELECT max(owed_since) FROM pages_owed").fetchall()
    return [(region, int(year)) for region, year in rows], latest


def pages_paid(con: duckdb.DuckDBPyConnection, up_to: dt.datetime | None) -> None:
    """Forget the owed pages, once written (those owed up to `up_to`, when they were read)."""
    if up_to is not None:
        con.execute("DELETE FROM pages_owed WHERE owed_since <= ?", [up_to])


# ------------------------------------------------- evidence (sql/009, pledgetrack/extract/lookup.py)

EVIDENCE_COLUMNS = [
    "evidence_id", "target_id", "target_report_id", "report_id", "region", "year", "found", "name", "kind",
    "value", "unit", "base_value", "base_unit", "bound", "attainment", "reference_value", "reference_phrase",
    "estimated", "phrase", "char_start", "char_end", "reason", "mention_start", "mention_end",
    "mention_snippet", "judged_at", "reference_kind", "reference_region",
]  # fmt: skip
# what the lookup reads of a target
_TARGET_FIELDS = "target_id, report_id AS target_report_id, region, year, indicator, indicator_id, kind, " \
    "comparator, value, value_high, unit, direction, phrase, reference"  # fmt: skip


# the sections of a follow-up the lookup reads: its review, and its own plan and targets (never searched)
FOLLOW_UP_SECTIONS = ("review", "plan", "targets")


@dataclass(frozen=True)
class FollowUp:
    """A follow-up report as the lookup reads it: its text and its sections (kind, start, end, heading) of
    kind review, plan and targets (`lookup.follow_up_spans` reads where to search from them)."""

    report_id: str
    region: str
    year: int
    text: str
    sections: list[tuple[str, int, int, str | None]]
    # (review, own, period) as `lookup.follow_up_spans` reads them, when the worker that parsed the report
    # read them already; None: read them from the sections
    spans: tuple | None = None


def evidence_todo(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every target whose follow-up report (same region, year + 1) is loaded and has not been searched for
    it yet, with `follow_up_id`: the targets of a new report whose follow-up is there, the targets a new
    follow-up settles, and (once) all of a warehouse made before the lookup. Either load order leaves the
    same pairs to do, so the evidence does not depend on it. Rows are ordered by follow-up. Plain dicts,
    not a DataFrame: the lookup reads them one by one, and pandas rows cost more than the lookup itself."""
    cursor = con.execute(
        f"SELECT {', '.join('t.' + f.strip() for f in _TARGET_FIELDS.split(','))}, "
        "f.report_id AS follow_up_id "
        "FROM targets t JOIN reports f ON f.region = t.region AND f.year = t.year + 1 "
        "WHERE NOT EXISTS (SELECT 1 FROM evidence e "
        "                  WHERE e.target_id = t.target_id AND e.report_id = f.report_id) "
        "ORDER BY f.report_id, t.target_id"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def follow_ups(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> dict[str, FollowUp]:
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
    return {rid: FollowUp(rid, region, year, text, spans.get(rid, [])) for rid, region, year, text in rows}


def load_evidence(
    con: duckdb.DuckDBPyConnection, run_id: str, evidence: pd.DataFrame, validations: pd.DataFrame
) -> int:
    """Insert looked-up evidence in one transaction (a row for the same target and follow-up is replaced),
    with the gate's results; returns the rows inserted."""
    with transaction(con):
        _stage(con, "incoming_evidence", _frame(evidence, EVIDENCE_COLUMNS), "evidence")
        con.execute("DELETE FROM evidence WHERE evidence_id IN (SELECT evidence_id FROM incoming_evidence)")
        con.execute("INSERT INTO evidence BY NAME SELECT * FROM incoming_evidence")
        con.execute("DROP TABLE incoming_evidence")
        record_validations(con, run_id, validations)
    return len(evidence)


# ---------------------------------------------- completeness (sql/011, ingest/completeness.py)


def unassessed_reports(con: duckdb.DuckDBPyConnection, limit: int) -> list[dict]:
    """Up to `limit` reports loaded before completeness was recorded (NULL), with what the rule reads:
    text, review year, sections (kind, heading, char_start, char_end, found_by), counts of headline targets
    and of results of the review year."""
    cursor = con.execute(
        "SELECT r.report_id, r.review_year, r.text, "
        "  (SELECT count(*) FROM targets t WHERE t.report_id = r.report_id AND t.tier = 'headline') "
        "    AS headline_targets, "
        "  (SELECT count(*) FROM outcomes o WHERE o.report_id = r.report_id "
        "     AND o.year IS NOT DISTINCT FROM r.review_year) AS results, "
        "  (SELECT coalesce(list((s.kind, coalesce(s.heading, ''), s.char_start, s.char_end, "
        "                         coalesce(s.found_by, '')) ORDER BY s.ordinal), []) "
        "   FROM sections s WHERE s.report_id = r.report_id) AS sections "
        "FROM reports r WHERE r.completeness IS NULL ORDER BY r.report_id LIMIT ?",
        [limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def set_completeness(con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, str]]) -> None:
    """(report_id, completeness, completeness_note) of reports assessed after they were loaded."""
    if not rows:
        return
    frame = pd.DataFrame(rows, columns=["report_id", "completeness", "completeness_note"])
    with transaction(con):
        con.register("assessed", frame)
        con.execute(
            "UPDATE reports SET completeness = a.completeness, completeness_note = a.completeness_note "
            "FROM assessed a WHERE reports.report_id = a.report_id"
        )
        con.unregister("assessed")


def records_sources(con: duckdb.DuckDBPyConnection) -> bool:
    """Does this warehouse record where reports came from (sql/015)? (See records_completeness.)"""
    query = "SELECT count(*) FROM information_schema.columns WHERE table_name = 'reports' AND column_name = ?"
    return con.execute(query, ["source_url"]).fetchone()[0] > 0


def records_regions(con: duckdb.DuckDBPyConnection) -> bool:
    """Does this warehouse hold the regions catalogue (sql/017, for target_ladder)?"""
    return has_table(con, "regions")


def records_completeness(con: duckdb.DuckDBPyConnection) -> bool:
    """Does this warehouse record completeness (sql/011 and its view)? A read-only reader (status, the
    pages) of a warehouse no run has migrated since finds them missing."""
    return has_table(con, "incomplete_reports")  # information_schema.tables lists views too

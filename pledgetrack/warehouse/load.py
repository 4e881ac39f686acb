"""Loading a gated batch into the warehouse, in one transaction, from Arrow.

In: a `LoadBatch` (the frames a batch builds, `pledgetrack.batch.build_batch`, after the gate) and an open
connection. Out: the warehouse with the whole batch committed (reports, sections, targets, outcomes,
history, quarantine, validation results, the inbox ledger) or, on any error, nothing of it; and a
`LoadResult` saying which files loaded, replaced an older version, or were duplicates.

Every frame goes to DuckDB as an Arrow table typed as its warehouse table types it (`arrow_of`), registered
and read with bulk `INSERT ... SELECT`: no row-by-row conversion, no staging copy of a batch's texts, and
an all-null pandas column (typed float by pandas) inserts as nulls of the column's type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

import duckdb
import pandas as pd
import pyarrow as pa

from pledgetrack.model import QuarantineRow
from pledgetrack.warehouse.schema import transaction

REPORT_COLUMNS = [
    "report_id", "region", "year", "review_year", "title", "delivered_on", "speaker", "region_code",
    "region_found_by", "year_found_by", "detected_region", "detected_year", "report_kind", "source_name",
    "source_path", "format", "encoding", "raw_sha256", "sha256", "text", "ingested_at", "completeness",
    "completeness_note", "source_url", "retrieved_at",
]  # fmt: skip
SECTION_COLUMNS = ["report_id", "kind", "ordinal", "heading", "char_start", "char_end", "found_by"]
QUARANTINE_COLUMNS = ["source_path", "source_name", "raw_sha256", "code", "reason", "stage"]
INBOX_COLUMNS = ["source_path", "size", "mtime_ns", "raw_sha256", "outcome", "report_id", "given_identity"]
VALIDATION_COLUMNS = [
    "batch", "validated_at", "table_name", "suite", "expectation", "column_name", "success",
    "failing_keys", "message", "element_count", "unexpected_count", "severity",
]  # fmt: skip


@dataclass
class LoadBatch:
    """What one load commits, as one batch builds it and its gate leaves it. Frames hold the columns of
    their tables (extra columns, such as those only the gate reads, are not loaded)."""

    run_id: str
    reports: pd.DataFrame = field(default_factory=pd.DataFrame)  # duplicates of loaded content are dropped
    sections: pd.DataFrame = field(default_factory=pd.DataFrame)
    superseded: pd.DataFrame = field(default_factory=pd.DataFrame)  # older versions met in the same batch
    targets: pd.DataFrame = field(default_factory=pd.DataFrame)
    outcomes: pd.DataFrame = field(default_factory=pd.DataFrame)
    quarantine: list[QuarantineRow] = field(default_factory=list)
    inbox: list[dict] = field(default_factory=list)  # the ledger row of every file the batch looked at
    validations: list[dict] = field(default_factory=list)  # the gate's results (VALIDATION_COLUMNS)
    # report_id -> (review, own, period) spans the worker read (`pledgetrack.judge.follow_ups_of`)
    follow_up_spans: dict[str, tuple] = field(default_factory=dict)


@dataclass
class LoadResult:
    loaded: list[str] = field(default_factory=list)  # source_path of reports inserted
    replaced: list[str] = field(default_factory=list)  # ... that replaced an older version
    duplicates: list[str] = field(default_factory=list)  # ... whose content was already there
    refiled: list[str] = field(default_factory=list)  # ... already there, now filed as a manifest says
    quarantined: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------- frames as Arrow


# DuckDB's types of the warehouse's columns (sql/) as Arrow's
_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "FLOAT": pa.float32(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
    "DATE": pa.date32(),
    "VARCHAR[]": pa.list_(pa.string()),
}


def _schema(con: duckdb.DuckDBPyConnection, table: str) -> pa.Schema:
    return pa.schema(
        (name, _ARROW_TYPES[kind]) for name, kind, *_ in con.execute(f"DESCRIBE {table}").fetchall()
    )


def _array(values: pd.Series, kind: pa.DataType) -> pa.Array:
    try:
        return pa.Array.from_pandas(values, type=kind)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        if values.isna().all():  # pandas types a column of missing values float, whatever it holds
            return pa.nulls(len(values), kind)
        raise


def arrow_of(
    con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame, *, every: bool = False
) -> pa.Table:
    """The columns of `df` that `table` has, typed as the warehouse types them; `every`: all the table's
    columns, nulls where `df` has none (a load's queries read them); so too for a frame without columns."""
    schema, count = _schema(con, table), len(df)
    every = every or df.columns.empty
    names, arrays = [], []
    for column in schema:
        if column.name in df.columns:
            arrays.append(_array(df[column.name], column.type))
        elif every:
            arrays.append(pa.nulls(count, column.type))
        else:
            continue
        names.append(column.name)
    return pa.Table.from_arrays(arrays, names=names)


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pa.Table]) -> Iterator[None]:
    """The tables readable by name in SQL while the block runs (DuckDB scans them in place)."""
    for name, table in tables.items():
        con.register(name, table)
    try:
        yield
    finally:
        for name in tables:
            con.unregister(name)


@contextmanager
def one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB on one thread while the block runs, as many as before after it. A load's statements are
    small scans and inserts: on two threads they took twice the CPU for no less time (measured: the
    inserts of a batch of 1,000 reports 0.17 s of CPU on two, 0.09 s on one), and during a run the
    workers hold both cores, so every CPU second of the flow process is one they lose."""
    [(threads,)] = con.execute("SELECT current_setting('threads')").fetchall()
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(threads)}")


def insert(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame) -> int:
    """Insert the rows of `df` into `table` (its columns by name); returns how many."""
    if not len(df):
        return 0
    with registered(con, {"incoming_rows": arrow_of(con, table, df)}):
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
    return len(df)


def record_validations(
    con: duckdb.DuckDBPyConnection, run_id: str, validations: list[dict] | pd.DataFrame
) -> None:
    """Keep the gate's results (rows of VALIDATION_COLUMNS), of a batch loaded or not (so a refusal can be
    audited)."""
    insert(con, "validations", pd.DataFrame(validations, columns=VALIDATION_COLUMNS).assign(run_id=run_id))


def insert_quarantine(
    con: duckdb.DuckDBPyConnection, run_id: str, rows: list[QuarantineRow], now: dt.datetime | None = None
) -> None:
    """Quarantine these files, each once while the same reason stands: a scheduled run meets the same
    unreadable file, pipe or bad manifest every day, and one open row says it, not one a day."""
    if not rows:
        return
    frame = pd.DataFrame([asdict(row) for row in rows], columns=QUARANTINE_COLUMNS)
    frame = frame.assign(run_id=run_id, quarantined_at=now or dt.datetime.now())
    with registered(con, {"incoming_quarantine": arrow_of(con, "quarantine", frame)}):
        con.execute(
            "INSERT INTO quarantine BY NAME SELECT DISTINCT * FROM incoming_quarantine q WHERE NOT EXISTS ("
            "SELECT 1 FROM quarantine o WHERE o.resolved_at IS NULL AND o.source_path = q.source_path "
            "AND o.code = q.code AND o.reason = q.reason "
            "AND o.raw_sha256 IS NOT DISTINCT FROM q.raw_sha256)"
        )


# ---------------------------------------------------------------------------------- a batch's load


def _paths(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    return {path for (path,) in con.execute(sql).fetchall()}


def load_batch(con: duckdb.DuckDBPyConnection, batch: LoadBatch) -> LoadResult:
    """Commit one gated batch in a single transaction; on any error nothing of it stays."""
    result = LoadResult()
    now = dt.datetime.now()
    frames = {
        "incoming": arrow_of(con, "reports", batch.reports, every=True),
        "superseded": arrow_of(con, "reports", batch.superseded, every=True),
        "incoming_sections": arrow_of(con, "sections", batch.sections),
        "incoming_targets": arrow_of(con, "targets", batch.targets),
        "incoming_outcomes": arrow_of(con, "outcomes", batch.outcomes),
    }
    inbox = pd.DataFrame(batch.inbox, columns=INBOX_COLUMNS)
    with one_thread(con), transaction(con), registered(con, frames):
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
        _move_replaced_to_history(con, now)
        for table, staged in (
            ("reports", "incoming"),
            ("sections", "incoming_sections"),
            ("targets", "incoming_targets"),
            ("outcomes", "incoming_outcomes"),
        ):
            if frames[staged].num_rows:
                con.execute(
                    f"INSERT INTO {table} BY NAME SELECT * FROM {staged} "
                    "WHERE report_id IN (SELECT report_id FROM fresh)"
                )
        # the pages this load changes are owed from the moment it commits (sql/018)
        con.execute(
            "INSERT INTO pages_owed SELECT DISTINCT region, y.year, ?, ? FROM fresh, "
            "(SELECT unnest([fresh.year, fresh.year - 1]) AS year) y",
            [batch.run_id, now],
        )
        if frames["superseded"].num_rows:
            con.execute(
                """
                INSERT INTO report_history BY NAME
                SELECT s.*, ? AS superseded_at, r.report_id AS superseded_by
                FROM superseded s JOIN reports r USING (region, year)
                WHERE s.sha256 NOT IN (SELECT sha256 FROM report_history)
                """,
                [now],
            )
        # once while the reason stays the same: an unreadable file is tried again every run (not entered in
        # the ledger) and would otherwise be quarantined again every run
        insert_quarantine(con, batch.run_id, batch.quarantine, now)
        inbox.loc[inbox["source_path"].isin(dup), "outcome"] = "duplicate"
        inbox.loc[inbox["source_path"].isin(replacing), "outcome"] = "replaced"
        ledger = arrow_of(con, "inbox_files", inbox.assign(run_id=batch.run_id, seen_at=now))
        with registered(con, {"incoming_inbox": ledger}):
            con.execute(
                "DELETE FROM inbox_files WHERE source_path IN (SELECT source_path FROM incoming_inbox)"
            )
            con.execute("INSERT INTO inbox_files BY NAME SELECT * FROM incoming_inbox")
            # A file that loads now leaves quarantine.
            con.execute(
                "UPDATE quarantine SET resolved_at = ? WHERE resolved_at IS NULL AND source_path IN "
                "(SELECT source_path FROM incoming_inbox WHERE outcome <> 'quarantined')",
                [now],
            )
        record_validations(con, batch.run_id, batch.validations)
        con.execute("DROP TABLE fresh")
    # Duplicates met inside the batch never reach `incoming`; the ledger knows them all.
    result.duplicates = sorted(set(inbox.loc[inbox["outcome"] == "duplicate", "source_path"]))
    result.replaced = sorted(replacing)
    result.refiled = sorted(refiled - replacing)
    loaded = set(batch.reports["source_path"]) if len(batch.reports) else set()
    result.loaded = sorted(loaded - dup - replacing - refiled)
    result.quarantined = sorted({row.source_path for row in batch.quarantine})
    return result


def _move_replaced_to_history(con: duckdb.DuckDBPyConnection, now: dt.datetime) -> None:
    """A corrected report replaces the current version of its region and year; the old one moves to
    history, and what was read from it goes. Rare, and the only statements of a load that read whole report
    rows (the text): they run only when needed, so a load costs the size of the batch, not the warehouse."""
    old_ids = [
        rid
        for (rid,) in con.execute(
            "SELECT r.report_id FROM reports r JOIN fresh f USING (region, year)"
        ).fetchall()
    ]
    if not old_ids:
        return
    con.execute(
        """
        INSERT INTO report_history BY NAME
        SELECT r.*, ? AS superseded_at, f.report_id AS superseded_by
        FROM (SELECT * FROM reports WHERE report_id IN (SELECT unnest(?))) r
        JOIN fresh f USING (region, year)
        """,
        [now, old_ids],
    )
    _delete_reports(con, old_ids)


def _delete_reports(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """These reports and everything read from them: their sections, targets, outcomes, the evidence looked
    up for their targets and in them as follow-ups."""
    con.execute("DELETE FROM evidence WHERE target_report_id IN (SELECT unnest(?))", [ids])
    for table in ("evidence", "sections", "targets", "outcomes", "reports"):
        con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT unnest(?))", [ids])


def _refile(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Delete the reports whose content comes in again named by a manifest, when they were filed otherwise
    (another region, year or kind, or by detection), with everything read from them (the same report_id: it
    is the content's hash); returns the incoming files concerned, which load again. Called inside
    load_batch's transaction, with `incoming` registered."""
    rows = con.execute(
        "SELECT r.report_id, i.source_path FROM incoming i JOIN reports r USING (sha256) "
        "WHERE i.region_found_by = 'manifest' AND (r.region <> i.region OR r.year <> i.year "
        "OR r.report_kind IS DISTINCT FROM i.report_kind OR r.region_found_by IS DISTINCT FROM 'manifest')"
    ).fetchall()
    if rows:
        _delete_reports(con, [rid for rid, _ in rows])
    return {path for _, path in rows}


def load_official_outcomes(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    outcomes: pd.DataFrame,
    validations: list[dict] | pd.DataFrame,
) -> int:
    """Insert official results in one transaction, replacing rows with the same outcome_id; returns how
    many were replaced."""
    with transaction(con), registered(con, {"incoming_outcomes": arrow_of(con, "outcomes", outcomes)}):
        [(replaced,)] = con.execute(
            "SELECT count(*) FROM outcomes WHERE outcome_id IN (SELECT outcome_id FROM incoming_outcomes)"
        ).fetchall()
        con.execute("DELETE FROM outcomes WHERE outcome_id IN (SELECT outcome_id FROM incoming_outcomes)")
        if len(outcomes):
            con.execute("INSERT INTO outcomes BY NAME SELECT * FROM incoming_outcomes")
        record_validations(con, run_id, validations)
    return replaced

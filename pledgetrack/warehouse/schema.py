"""The warehouse's schema, written in `sql/` (sql/README.md): the tables of `sql/migrations/`, each applied
once, in order; the views and macros of `sql/models/`, made again by every migrate, in file name order.

In: a connection and the `sql/` folder. Out: the warehouse at this version's schema, or an error saying why
it cannot be (a newer pledgetrack's warehouse, a migration edited since the warehouse applied it).
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pledgetrack.paths import sql_dir

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
_MODEL_NAME = re.compile(r"^[a-z][a-z0-9_]*\.sql$")
_VIEW = re.compile(r"^CREATE OR REPLACE VIEW (\w+)", re.MULTILINE | re.IGNORECASE)


class MigrationError(RuntimeError):
    """The files of `sql/` are not as migrate needs them: a misnamed file, a number used twice."""


class WarehouseUnusable(ValueError):
    """The warehouse file cannot be used as one: not a DuckDB file, another program's database, a warehouse
    of a newer pledgetrack or one that applied a migration since edited, or a place that cannot be written.
    Nothing was changed."""


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def checksum(sql: str) -> str:
    """What schema_migrations records of a migration's text (sha256 of its UTF-8)."""
    return hashlib.sha256(sql.encode()).hexdigest()


def migrations(directory: Path | None = None) -> list[tuple[int, str, str]]:
    """(version, file name, sql) of every file of `<sql>/migrations/`, in order. Numbers must be unique."""
    found: dict[int, tuple[int, str, str]] = {}
    for path in sorted(((directory or sql_dir()) / "migrations").glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files are named NNN_name.sql")
        version = int(match.group(1))
        if version in found:
            raise MigrationError(f"two migrations numbered {version}: {found[version][1]} and {path.name}")
        found[version] = (version, path.name, path.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def models(directory: Path | None = None) -> list[tuple[str, str]]:
    """(file name, sql) of every file of `<sql>/models/`, in name order: the order migrate creates them in,
    so a model may use what an earlier one makes."""
    found = []
    for path in sorted(((directory or sql_dir()) / "models").glob("*.sql")):
        if not _MODEL_NAME.match(path.name):
            raise MigrationError(f"{path.name}: model files are named name.sql (lower case, no number)")
        found.append((path.name, path.read_text(encoding="utf-8")))
    return found


def rewritten(directory: Path | None = None) -> dict[tuple[int, str], dict[str, str]]:
    """(version, checksum) → its row of `<sql>/migrations/rewritten.csv`: a text a migration had before it
    was rewritten, with a commit that holds it, whether a warehouse that applied it is accepted (its tables
    are those of the current text) and why."""
    path = (directory or sql_dir()) / "migrations" / "rewritten.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as rows:
        return {(int(row["version"]), row["checksum"]): row for row in csv.DictReader(rows)}


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    if not has_table(con, "schema_migrations"):
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> list[str]:
    """Apply every migration the warehouse has not recorded, in order, each in its own transaction, and
    return their names; then (re)create the models. Every migration missing is applied, not only those
    above the warehouse's version: numbers are handed out to work done in parallel, so 011 may reach the
    project after 012 and 013, and a warehouse at 013 must still get it.

    Refused before anything is written: a warehouse that applied a migration this code does not know (a
    newer pledgetrack's), or one whose file has changed since (unless rewritten.csv accepts its former
    checksum): an edit never reaches the warehouses that ran the file, so old and new ones would differ."""
    done = _recorded(con, "schema_migrations", "version")
    known = migrations(directory)
    _check_applied(done, known, rewritten(directory))
    applied = []
    for version, name, sql in known:
        if version not in done:
            with transaction(con):
                _run(con, sql, f"sql/migrations/{name}")
                con.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
                    [version, name, checksum(sql)],
                )
            applied.append(name)
    _create_models(con, directory, again=bool(applied))
    return applied


def _create_models(con: duckdb.DuckDBPyConnection, directory: Path | None, again: bool) -> None:
    """Create every model (CREATE OR REPLACE), in name order, in one transaction, and record their checksums
    in schema_definitions. Skipped when the warehouse holds them already as these files make them (the same
    checksums, every view present, no migration applied just now: `again`), because binding them all costs
    DuckDB 0.45 s and migrate runs at every writable connection. So a view dropped comes back at the next
    migrate; a macro dropped by hand is not looked for (listing macros costs DuckDB 0.1 s)."""
    files = models(directory)
    recorded = _recorded(con, "schema_definitions", "name")  # none before 009 (a test's partial warehouse)
    views = {view for _, sql in files for view in _VIEW.findall(sql)}
    present = {
        view for (view,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    }
    if not again and views <= present and recorded == {name: checksum(sql) for name, sql in files}:
        return
    with transaction(con):
        for name, sql in files:
            _run(con, sql, f"sql/models/{name}")
        if has_table(con, "schema_definitions") and files:
            con.execute("DELETE FROM schema_definitions")
            con.executemany(
                "INSERT INTO schema_definitions (name, checksum) VALUES (?, ?)",
                [(name, checksum(sql)) for name, sql in files],
            )


def _recorded(con: duckdb.DuckDBPyConnection, table: str, key: str) -> dict:
    """key → checksum of a ledger table, {} when the warehouse has none yet."""
    if not has_table(con, table):
        return {}
    return dict(con.execute(f"SELECT {key}, checksum FROM {table}").fetchall())


def _check_applied(done: dict, known: list[tuple[int, str, str]], former_texts: dict) -> None:
    newer = sorted(done.keys() - {version for version, _, _ in known})
    if newer:  # tables this code does not know: writing could break what a newer version relies on
        raise WarehouseUnusable(
            f"the warehouse was written by a newer pledgetrack (schema {', '.join(map(str, newer))}; this "
            f"version knows up to {known[-1][0] if known else 0}): upgrade pledgetrack to use it"
        )
    for version, name, sql in known:
        recorded = done.get(version)
        former = former_texts.get((version, recorded), {})
        if recorded in (None, checksum(sql)) or former.get("accepted") == "yes":
            continue
        if former:  # an earlier pledgetrack's text that made other tables: no migration knows which
            raise WarehouseUnusable(
                f"this warehouse applied sql/migrations/{name} as it was at commit {former['commit']}, which "
                f"{former['why']} (sql/migrations/rewritten.csv): it cannot be migrated. Move it away and "
                "let `pledgetrack run` build a new one from the inbox."
            )
        raise WarehouseUnusable(
            f"sql/migrations/{name} has been edited since this warehouse applied it (checksum {recorded} "
            f"then, {checksum(sql)} now): a migration runs once, so the edit would never reach this "
            "warehouse. Undo the edit and make the change a new migration (a view or a macro goes in "
            "sql/models/); or, if the edit leaves the tables exactly as the former text made them, accept it "
            f"with a row '{version},{recorded},<a commit holding the former text>,yes,<why>' in "
            "sql/migrations/rewritten.csv."
        )


def _run(con: duckdb.DuckDBPyConnection, sql: str, where: str) -> None:
    try:
        con.execute(sql)
    except duckdb.Error as error:
        error.add_note(f"in {where}")  # DuckDB's message names the object, not the file
        raise


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    query = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
    return con.execute(query, [name]).fetchone()[0] > 0

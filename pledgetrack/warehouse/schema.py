"""The warehouse's schema: the SQL files of `sql/` applied to a DuckDB file, in order, each once.

In: a connection and the `sql/` folder. Out: the warehouse at this version's schema, or an error saying why
it cannot be (a newer pledgetrack's warehouse, an edited migration).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pledgetrack.paths import sql_dir

_MIGRATION_NAME = re.compile(r"^(\d+)_[\w-]+\.sql$")


class MigrationError(RuntimeError):
    pass


class WarehouseUnusable(ValueError):
    """The warehouse file cannot be used as one: not a DuckDB file, another program's database, a warehouse
    of a newer pledgetrack, or a place that cannot be written. Nothing was changed."""


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def migrations(directory: Path | None = None) -> list[tuple[int, str, str]]:
    """(version, file name, sql) for every migration file, in order. Numbers must be unique."""
    found: dict[int, tuple[int, str, str]] = {}
    for path in sorted((directory or sql_dir()).glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files are named NNN_name.sql")
        version = int(match.group(1))
        if version in found:
            raise MigrationError(f"two migrations numbered {version}: {found[version][1]} and {path.name}")
        found[version] = (version, path.name, path.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def definitions(directory: Path | None = None) -> list[tuple[str, str]]:
    """(file name, sql) of every file in `<sql>/definitions/`, in name order: views and macros only."""
    folder = (directory or sql_dir()) / "definitions"
    return (
        [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.sql"))]
        if folder.is_dir()
        else []
    )


def migrate(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> list[str]:
    """Apply every migration the warehouse has not recorded, in order, each in its own transaction; then
    every definitions file (sql/definitions/: views and macros, re-created with CREATE OR REPLACE) whose
    text differs from the one the warehouse last ran, so that a rule is written once and edited in place.
    Not only those above its version: numbers are handed out to work done in parallel, so 011 may reach
    the project after 012 and 013, and a warehouse already at 013 must still get it."""
    applied = []
    done = (
        {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
        if has_table(con, "schema_migrations")
        else set()
    )
    known = migrations(directory)
    newer = sorted(done - {version for version, _, _ in known})
    if newer:  # tables this code does not know: writing could break what a newer version relies on
        raise WarehouseUnusable(
            f"the warehouse was written by a newer pledgetrack (schema {', '.join(map(str, newer))}; this "
            f"version knows up to {known[-1][0] if known else 0}): upgrade pledgetrack to use it"
        )
    for version, name, sql in known:
        if version in done:
            continue
        with transaction(con):
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
                [version, name, hashlib.sha256(sql.encode()).hexdigest()],
            )
        applied.append(name)
    if not has_table(con, "schema_definitions"):  # a warehouse migrated only up to a version before 009
        return applied
    recorded = dict(con.execute("SELECT name, checksum FROM schema_definitions").fetchall())
    for name, sql in definitions(directory):
        checksum = hashlib.sha256(sql.encode()).hexdigest()
        if recorded.get(name) == checksum:
            continue
        with transaction(con):
            con.execute(sql)
            con.execute(
                "INSERT OR REPLACE INTO schema_definitions (name, checksum, applied_at) VALUES (?, ?, now())",
                [name, checksum],
            )
        applied.append(f"definitions/{name}")
    return applied


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    query = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
    return con.execute(query, [name]).fetchone()[0] > 0

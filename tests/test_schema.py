"""The warehouse's schema (pledgetrack/warehouse/schema.py, sql/): migrations applied once each, and refused
when edited since a warehouse applied them; models made again; warehouses of earlier versions still open."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from pledgetrack.warehouse import schema, store
from tests.conftest import ROOT

SQL = ROOT / "sql"
FORMER = list(csv.DictReader((SQL / "migrations" / "rewritten.csv").open(encoding="utf-8", newline="")))


def sql_tree(root: Path, keep: Callable[[int], bool] = lambda version: True, models: bool = True) -> Path:
    """A copy of sql/ with the migrations whose version `keep` keeps, rewritten.csv, and the models unless
    `models` is False (they need every table: a warehouse of an earlier version lacks some)."""
    (root / "migrations").mkdir(parents=True)
    for version, name, text in schema.migrations():
        if keep(version):
            (root / "migrations" / name).write_text(text, encoding="utf-8")
    shutil.copy(SQL / "migrations" / "rewritten.csv", root / "migrations")
    if models:
        shutil.copytree(SQL / "models", root / "models")
    return root


def ledger(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute("SELECT version, name, checksum FROM schema_migrations ORDER BY version").fetchall()


def shape(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """What a warehouse is made of, rows aside: every column of every table and view (not their order: a
    migration numbered below the version adds its columns last), constraints, indexes, macros, settings."""
    queries = {
        "columns": "SELECT table_name, column_name, data_type, column_default, is_nullable "
        "FROM duckdb_columns() WHERE NOT internal",
        "constraints": "SELECT table_name, constraint_type, constraint_column_names::VARCHAR FROM "
        "duckdb_constraints()",
        "indexes": "SELECT table_name, index_name FROM duckdb_indexes()",
        "macros": "SELECT DISTINCT function_name FROM duckdb_functions() WHERE NOT internal "
        "AND function_type IN ('macro', 'table_macro')",
        "settings": "SELECT * FROM verdict_settings",
    }
    return {what: sorted(con.execute(query).fetchall()) for what, query in queries.items()}


# ------------------------------------------------------------------------------------ migrations


def test_migrations_are_recorded_and_applied_once(tmp_path):
    db = tmp_path / "w.duckdb"
    with store.connect(db) as con:
        versions = [v for v, _, _ in schema.migrations()]
        assert schema.schema_version(con) == max(versions)
        assert [v for v, _, _ in ledger(con)] == versions
    with store.connect(db) as con:
        assert store.migrate(con) == []


def test_rebuilding_targets_and_outcomes_keeps_their_rows(tmp_path):
    # 007 rebuilds both tables without their keys: a warehouse made before it keeps every row, the
    # constraints that remain still hold, and the views read the new tables.
    con = duckdb.connect()
    store.migrate(con, sql_tree(tmp_path, lambda version: version < 7, models=False))
    con.execute(
        "INSERT INTO targets (target_id, report_id, region, year, tier, indicator, kind, phrase, char_start, "
        "char_end) VALUES ('r:t0', 'r', '全国', 2010, 'headline', 'GDP', 'growth', '增长8%', 0, 4)"
    )
    con.execute(
        "INSERT INTO outcomes (outcome_id, report_id, region, year, indicator, kind, phrase, attainment) "
        "VALUES ('r2:o0', 'r2', '全国', 2010, 'GDP', 'growth', '增长9%', 'met')"
    )
    assert store.migrate(con)[0] == "007_keyless_rows.sql"
    assert con.execute("SELECT target_id FROM targets").fetchall() == [("r:t0",)]
    assert con.execute("SELECT outcome_id, source, tier, attainment FROM outcomes").fetchall() == [
        ("r2:o0", "report", "headline", "met")
    ]
    assert con.execute("SELECT target_id FROM verdicts").fetchall() == [("r:t0",)]
    indexes = "SELECT count(*) FROM duckdb_indexes() WHERE table_name IN ('targets', 'outcomes')"
    assert con.execute(indexes).fetchone() == (0,)
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO targets (target_id) VALUES ('x')")


@pytest.mark.parametrize(
    ("folder", "names", "message"),
    [
        ("migrations", ["001_a.sql", "001_b.sql"], "two migrations numbered 1: 001_a.sql and 001_b.sql"),
        ("migrations", ["1_a.sql"], "1_a.sql: migration files are named NNN_name.sql"),
        ("migrations", ["notes.sql"], "notes.sql: migration files are named NNN_name.sql"),
        ("migrations", ["001_Verdicts.sql"], "001_Verdicts.sql: migration files are named NNN_name.sql"),
        ("models", ["10_verdicts.sql"], "10_verdicts.sql: model files are named name.sql"),
    ],
)
def test_sql_file_names_are_checked(tmp_path, folder, names, message):
    (tmp_path / folder).mkdir()
    for name in names:
        (tmp_path / folder / name).write_text("SELECT 1;")
    with pytest.raises(schema.MigrationError, match=message):
        store.migrate(duckdb.connect(), tmp_path)


def test_failed_migration_leaves_the_database_as_it_was(tmp_path):
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "001_ok.sql").write_text(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
        "name VARCHAR, checksum VARCHAR, applied_at TIMESTAMP DEFAULT now());"
        "CREATE TABLE a (x INTEGER);"
    )
    (tmp_path / "migrations" / "002_bad.sql").write_text(
        "CREATE TABLE b (x INTEGER); SELECT * FROM no_such_table;"
    )
    con = duckdb.connect()
    with pytest.raises(duckdb.Error) as raised:
        store.migrate(con, tmp_path)
    assert raised.value.__notes__ == ["in sql/migrations/002_bad.sql"]
    assert schema.schema_version(con) == 1
    tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "b" not in tables and "a" in tables


def test_a_migration_numbered_below_the_version_is_applied_when_missing(tmp_path):
    # numbers are handed out to parallel work: a warehouse at 013 must still get 011 when it arrives
    con = duckdb.connect()
    store.migrate(con, sql_tree(tmp_path, lambda version: version != 11, models=False))
    assert 11 not in {v for v, _, _ in ledger(con)}
    assert store.migrate(con) == ["011_report_completeness.sql"]
    assert "completeness" in {
        c for (c,) in con.execute("SELECT column_name FROM (DESCRIBE reports)").fetchall()
    }
    assert store.migrate(con) == []


# Edits of a migration a warehouse has applied: each is refused, even one that changes nothing of the tables.
EDITS = {
    "a comment added": lambda text: text + "-- a note\n",
    "a column added": lambda text: text + "ALTER TABLE sections ADD COLUMN note VARCHAR;\n",
    "a statement changed": lambda text: text.replace("found_by", "how_found"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_an_edited_migration_stops_migrate_until_the_edit_is_undone_or_recorded(tmp_path, edit):
    sql = sql_tree(tmp_path / "sql")
    con = duckdb.connect()
    store.migrate(con, sql)
    before = ledger(con)
    path = sql / "migrations" / "012_sections_found_by.sql"
    original = path.read_text(encoding="utf-8")
    path.write_text(EDITS[edit](original), encoding="utf-8")
    with pytest.raises(schema.WarehouseUnusable) as raised:
        store.migrate(con, sql)
    former, now = schema.checksum(original), schema.checksum(path.read_text(encoding="utf-8"))
    assert str(raised.value) == (
        f"sql/migrations/012_sections_found_by.sql has been edited since this warehouse applied it (checksum "
        f"{former} then, {now} now): a migration runs once, so the edit would never reach this warehouse. "
        "Undo the edit and make the change a new migration (a view or a macro goes in sql/models/); or, if "
        "the edit leaves the tables exactly as the former text made them, accept it with a row "
        f"'12,{former},<a commit holding the former text>,yes,<why>' in sql/migrations/rewritten.csv."
    )
    assert ledger(con) == before
    with (sql / "migrations" / "rewritten.csv").open("a", encoding="utf-8") as record:
        record.write(f"12,{former},HEAD,yes,{edit}\n")
    assert store.migrate(con, sql) == []
    assert ledger(con) == before  # the ledger keeps what the warehouse ran


def test_every_former_text_the_record_accepts_is_taken_as_applied():
    con = duckdb.connect()
    store.migrate(con)
    for row in FORMER:
        if row["accepted"] == "yes":
            con.execute(
                "UPDATE schema_migrations SET checksum = ? WHERE version = ?",
                [row["checksum"], row["version"]],
            )
            assert store.migrate(con) == []


@pytest.mark.parametrize("row", [r for r in FORMER if r["accepted"] == "no"], ids=lambda r: r["commit"])
def test_a_former_text_the_record_refuses_says_why(row):
    con = duckdb.connect()
    store.migrate(con)
    con.execute(
        "UPDATE schema_migrations SET checksum = ? WHERE version = ?", [row["checksum"], row["version"]]
    )
    with pytest.raises(schema.WarehouseUnusable, match="cannot be migrated") as raised:
        store.migrate(con)
    assert f"as it was at commit {row['commit']}, which {row['why']}" in str(raised.value)


# ------------------------------------------------------------------------------------------- models


def test_views_dropped_come_back_and_models_are_not_made_again_for_nothing(tmp_path):
    with store.connect(tmp_path / "w.duckdb") as con:
        made = "SELECT name, applied_at FROM schema_definitions ORDER BY name"
        first = con.execute(made).fetchall()
        assert [name for name, _ in first] == [name for name, _ in schema.models()]
        assert store.migrate(con) == [] and con.execute(made).fetchall() == first  # nothing to do: not made
        con.execute("DROP VIEW scorecard")
        con.execute("DROP VIEW report_inventory")
        assert store.migrate(con) == []
        assert con.execute("SELECT count(*) FROM scorecard").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM report_inventory").fetchone() == (0,)
        assert con.execute(made).fetchall() != first


# ---------------------------------------------------- warehouses made by earlier versions, from git


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"needs the project's git history (a clone, not a shallow one or a wheel): {error}")
    return done.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def new_shape() -> dict[str, list[tuple]]:
    with duckdb.connect() as con:
        store.migrate(con)
        return shape(con)


@pytest.mark.parametrize("commit", sorted({row["commit"] for row in FORMER}))
def test_a_warehouse_of_an_earlier_version_opens_as_a_new_one_or_is_refused(commit, new_shape):
    # The honest old warehouse: the SQL files as they were at a commit the record names, applied as the code
    # of the time applied them (each numbered file once, recorded with its checksum; then the definitions
    # files, recorded in schema_definitions). Every row of the record names the text it was at that commit;
    # an accepted warehouse migrates to the very shape of a new one, a refused one is left as it was.
    paths = sorted(
        p for p in _git("ls-tree", "-r", "--name-only", commit, "sql/").split() if p.endswith(".sql")
    )
    con = duckdb.connect()
    applied = {}
    for path in paths:
        text, name = _git("show", f"{commit}:{path}"), path.rsplit("/", 1)[-1]
        con.execute(text)
        if name[:3].isdigit():
            applied[int(name[:3])] = schema.checksum(text)
            con.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
                        [int(name[:3]), name, schema.checksum(text)])  # fmt: skip
        else:
            con.execute(
                "INSERT INTO schema_definitions (name, checksum) VALUES (?, ?)", [name, schema.checksum(text)]
            )
    rows = [row for row in FORMER if row["commit"] == commit]
    assert all(applied[int(row["version"])] == row["checksum"] for row in rows)
    if any(row["accepted"] == "no" for row in rows):
        before = ledger(con)
        with pytest.raises(schema.WarehouseUnusable, match="cannot be migrated"):
            store.migrate(con)
        assert ledger(con) == before
        return
    store.migrate(con)
    assert shape(con) == new_shape

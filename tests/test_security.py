"""What a user's SQL, a hostile value or a second process can do to the warehouse: nothing it should not.

`pledgetrack query` runs any SQL a user types; the tests prove it cannot write the warehouse, reach other
files or turn those limits off. User values (regions, years, parameters) are bound, never spliced.
"""

from __future__ import annotations

import duckdb
import pytest

from flows.cli import main
from pledgetrack.warehouse import queries, store

# (what the statement tries, SQL): every one must fail and leave the warehouse as it was
REFUSED = [
    ("drop a table", "DROP TABLE reports"),
    ("insert a row", "INSERT INTO runs (run_id, started_at) VALUES ('x', now())"),
    ("update rows", "UPDATE reports SET region = 'x'"),
    ("delete rows", "DELETE FROM targets"),
    ("create a table", "CREATE TABLE evil AS SELECT 1"),
    ("attach a new file", "ATTACH '{tmp}/other.duckdb' AS other"),
    ("attach in memory then write", "ATTACH ':memory:' AS m; CREATE TABLE m.t AS SELECT * FROM reports"),
    ("copy to a file", "COPY (SELECT * FROM reports) TO '{tmp}/leak.csv'"),
    ("export the database", "EXPORT DATABASE '{tmp}/dump'"),
    ("read a local file", "SELECT * FROM read_csv('/etc/passwd')"),
    ("read a text file", "SELECT * FROM read_text('/etc/hostname')"),
    ("turn external access back on", "SET enable_external_access = true"),
    ("install an extension", "INSTALL httpfs"),
    ("load an extension", "LOAD httpfs"),
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    from flows.pipeline import pipeline
    from tests.conftest import ROOT

    db = tmp_path_factory.mktemp("security") / "w.duckdb"
    pipeline(inboxes=[str(ROOT / "examples" / "inbox")], db=str(db))
    return db


def _counts(db) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reports", "targets", "runs")
        }


@pytest.mark.parametrize(("what", "sql"), REFUSED, ids=[w for w, _ in REFUSED])
def test_query_cannot_write_or_reach_outside(warehouse, tmp_path, what, sql, capsys):
    before = _counts(warehouse)
    statement = sql.format(tmp=tmp_path)
    with pytest.raises(duckdb.Error):
        queries.query(warehouse, statement)
    assert main(["query", "--db", str(warehouse), statement]) == 2
    assert "error:" in capsys.readouterr().err
    assert _counts(warehouse) == before
    assert list(tmp_path.iterdir()) == []  # no file written anywhere we pointed it


def test_query_still_reads(warehouse):
    headers, rows = queries.query(warehouse, "SELECT count(*) AS n FROM reports WHERE year = ?", [2024])
    assert headers == ["n"] and rows == [(1,)]


# hostile values where a user types a region, a year or a parameter: bound as data, never run as SQL
HOSTILE = [
    "x'); DROP TABLE targets; --",
    "' OR 1=1 --",
    '"; DELETE FROM reports; --',
    "杨浦区' UNION SELECT 1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_data(warehouse, value, capsys):
    before = _counts(warehouse)
    main(["verdicts", "--db", str(warehouse), "--region", value])
    main(["query", "--db", str(warehouse), "SELECT count(*) FROM reports WHERE region = ?", "--param", value])
    main(["report", "--db", str(warehouse), "--region", value, "--out", str(warehouse.parent / "pages")])
    capsys.readouterr()
    assert _counts(warehouse) == before
    headers, rows = queries.query(warehouse, "SELECT count(*) FROM reports WHERE region = ?", [value])
    assert rows == [(0,)]


def test_a_second_run_is_refused_while_one_holds_the_lock(warehouse, capsys):
    """The run lock: a second run exits at once with a clear message and exit code 3."""
    from tests.conftest import ROOT

    with store.run_lock(warehouse):
        code = main(["run", "--db", str(warehouse), "--inbox", str(ROOT / "examples" / "inbox")])
    err = capsys.readouterr().err
    assert code == 3
    assert "another pledgetrack run is writing to" in err and f"pid {__import__('os').getpid()}" in err
    # and the lock is free again
    with store.run_lock(warehouse, wait=0):
        pass

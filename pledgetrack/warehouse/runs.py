"""A run's bookkeeping in the warehouse: runs, the inbox ledger, quarantine outside a batch, the catalogues
a run copies in, settings, completeness assessed late, and the pages a load leaves owed.

In: a connection and what a run learnt (its start and end, the manifests and inbox entries it could not
use, the catalogues, the tolerances). Out: the rows that record it, and what the next run reads back (the
ledger of files seen, the pages owed, the reports not yet assessed).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import duckdb
import pandas as pd

from pledgetrack.model import QuarantineRow
from pledgetrack.warehouse.load import insert, insert_quarantine
from pledgetrack.warehouse.schema import has_table, transaction


def seen_files(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int, str, str, str | None]]:
    """source_path -> (size, mtime_ns, raw_sha256, outcome, given_identity) of every file an earlier run
    looked at (given_identity: the manifest row it was read with, 'region|year|kind', or None)."""
    rows = con.execute(
        "SELECT source_path, size, mtime_ns, raw_sha256, outcome, given_identity FROM inbox_files"
    ).fetchall()
    return {path: tuple(rest) for path, *rest in rows}


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


def record_manifests(
    con: duckdb.DuckDBPyConnection, run_id: str, bad: list[tuple[str, str]], good: list[str]
) -> None:
    """Quarantine the manifests a run could not use (path, reason), once while the reason stays the same,
    and resolve the quarantine of those it read (fixed since)."""
    rows = [QuarantineRow(path, "bad_manifest", reason, "read") for path, reason in bad]
    with transaction(con):
        insert_quarantine(con, run_id, rows)
        if good:
            con.execute(
                "UPDATE quarantine SET resolved_at = now() WHERE resolved_at IS NULL "
                "AND code = 'bad_manifest' AND source_path IN (SELECT unnest(?::VARCHAR[]))",
                [good],
            )


def record_skipped(
    con: duckdb.DuckDBPyConnection, run_id: str, skipped: list[QuarantineRow], codes: Iterable[str]
) -> None:
    """Quarantine the entries of the inboxes a run did not read (a pipe, a link out of the inbox, ...), once
    while the reason stays the same; an entry skipped before for one of `codes` and not now (removed, or
    made a regular file) leaves quarantine."""
    with transaction(con):
        insert_quarantine(con, run_id, skipped)
        con.execute(
            "UPDATE quarantine SET resolved_at = now() WHERE resolved_at IS NULL AND stage = 'discover' "
            "AND code IN (SELECT unnest(?::VARCHAR[])) AND source_path NOT IN (SELECT unnest(?::VARCHAR[]))",
            [list(codes), [row.source_path for row in skipped]],
        )


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
        insert(con, "indicators", indicators)
        insert(con, "indicator_aliases", aliases)


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
        insert(con, "regions", rows)


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

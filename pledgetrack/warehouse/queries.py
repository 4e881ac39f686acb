"""Read-only questions to the warehouse: `pledgetrack verdicts`, `scorecard` and `query`.

Every user value reaches DuckDB as a bound parameter, never spliced into SQL text. A region may be
given by its full name ('上海市虹口区') or any name the region catalogue knows ('虹口区', '虹口'), which
can stand for several regions ('普陀区').
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pledgetrack.regions import load_regions
from pledgetrack.warehouse import store
from pledgetrack.warehouse.status import _table

STATUSES = ("kept", "missed", "no_evidence", "pending")
FORMATS = ("table", "csv", "json")
# what `verdicts` shows by default (target_id: what `show target` takes); `--format json|csv` adds the
# evidence columns
TABLE_COLUMNS = ["target_id", "region", "year", "indicator", "status", "target_value", "actual", "unit",
                 "margin", "rule", "target_phrase", "outcome_phrase"]  # fmt: skip
FULL_COLUMNS = TABLE_COLUMNS[:5] + [
    "tier", "indicator_id", "kind", "comparator", "direction", "target_value", "value_high", "actual", "unit",
    "tol", "margin", "rule", "target_phrase", "outcome_phrase", "outcome_source", "target_id", "outcome_id",
    "target_report_id", "target_char_start", "target_char_end", "outcome_report_id", "outcome_char_start",
    "outcome_char_end", "official_outcome_id", "official_actual", "official_status", "sources_disagree",
    "evidence_id", "no_evidence_reason", "mention_report_id", "mention_char_start", "mention_char_end",
    "mention_snippet", "target_key", "overridden", "automatic_status", "override_note", "rests_on_summary",
    "target_source", "target_source_url", "follow_up_source", "follow_up_source_url",
]  # fmt: skip
FULL_COLUMNS = list(dict.fromkeys(FULL_COLUMNS))


def region_names(name: str) -> list[str]:
    """The full names a user's region name stands for (itself when the catalogue does not know it)."""
    if name == "全国":
        return [name]
    found = [r.full_name for r in load_regions().named(name)]
    return found or [name]


def verdicts(
    db: Path,
    region: str | None = None,
    year: int | None = None,
    status: str | None = None,
    tier: str | None = None,
    columns: list[str] | None = None,
    indicator: str | None = None,
) -> tuple[list[str], list[tuple]]:
    """Rows of the `verdicts` view, filtered; (column names, rows). `indicator`: targets whose indicator name
    contains it ('居民消费价格' finds 居民消费价格涨幅) or whose catalogue id it is."""
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    columns = columns or FULL_COLUMNS
    sql = (
        f"SELECT {', '.join(columns)} FROM {{sources}} "
        "WHERE (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], region)) "
        "AND (?::INTEGER IS NULL OR year = ?::INTEGER) "
        "AND (?::VARCHAR IS NULL OR status = ?::VARCHAR) "
        "AND (?::VARCHAR IS NULL OR tier = ?::VARCHAR) "
        "AND (?::VARCHAR IS NULL OR contains(indicator, ?::VARCHAR) OR indicator_id = ?::VARCHAR) "
        "ORDER BY region, year, CASE tier WHEN 'headline' THEN 0 ELSE 1 END, target_char_start"
    )
    regions = region_names(region) if region else None
    params = [regions, regions, year, year, status, status, tier, tier, indicator, indicator, indicator]
    with store.connect(db, read_only=True) as con:
        # each row with the files (and web addresses) its two reports came from, not only their hashes
        known = store.records_sources(con)  # (a warehouse before sql/015 has no URLs)
        sources = (
            "(SELECT v.*, r.source_name AS target_source, "
            f"{'r.source_url' if known else 'NULL::VARCHAR'} AS target_source_url, "
            f"f.source_name AS follow_up_source, {'f.source_url' if known else 'NULL::VARCHAR'} "
            "AS follow_up_source_url FROM verdicts v JOIN reports r ON r.report_id = v.target_report_id "
            "LEFT JOIN reports f ON f.report_id = v.follow_up_report_id)"
        )
        cursor = con.execute(sql.replace("{sources}", sources), params)
        return [d[0] for d in cursor.description], cursor.fetchall()


SCORECARD_COLUMNS = ["region", "year", "targets", "kept", "missed", "no_evidence", "pending", "judged",
                     "coverage", "kept_rate", "rate_basis"]  # fmt: skip


def scorecard(
    db: Path, region: str | None = None, year: int | None = None, readable: bool = False
) -> tuple[list[str], list[tuple]]:
    """Rows of the `scorecard` view, filtered. `readable`: the coverage and the kept rate as a reader
    sees them on a page ('93%', '85% (11/13)', or why there is no rate) instead of fractions."""
    # the region-years asked for (scorecard_of judges only those); none asked for: all of them (NULL)
    keys = (
        "(SELECT coalesce(list(DISTINCT year_key(region, year)), []) FROM reports "
        "WHERE (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], region)) "
        "AND (?::INTEGER IS NULL OR year = ?::INTEGER))"
    )
    regions = region_names(region) if region else None
    filtered = region is not None or year is not None
    sql = f"SELECT {', '.join(SCORECARD_COLUMNS)} FROM scorecard_of({keys if filtered else 'NULL'})"
    with store.connect(db, read_only=True) as con:
        rows = con.execute(sql, [regions, regions, year, year] if filtered else []).fetchall()
    catalogue = load_regions()
    rows.sort(key=lambda r: (catalogue.order_key(r[0]), r[1]))
    if not readable:
        return SCORECARD_COLUMNS, rows
    out = []
    for (
        region_name,
        year_,
        targets,
        kept,
        missed,
        no_evidence,
        pending,
        judged,
        coverage,
        rate,
        basis,
    ) in rows:
        share = "—" if coverage is None else f"{coverage:.0%}"
        shown = f"{rate:.0%} ({kept}/{judged})" if rate is not None else f"— ({_NO_RATE.get(basis, basis)})"
        out.append((region_name, year_, targets, kept, missed, no_evidence, pending, share, shown))
    return SCORECARD_COLUMNS[:7] + ["coverage", "kept_rate"], out


# why the CLI shows no kept rate (scorecard.rate_basis; the pages say it in Chinese: labels.RATE_BASIS)
_NO_RATE = {
    "too_few_judged": "too few judged",
    "none_judged": "none judged",
    "pending": "follow-up not loaded",
}


def what_is_held(db: Path) -> str:
    """A sentence for an empty answer: which governments and years the warehouse holds."""
    with store.connect(db, read_only=True) as con:
        held = con.execute(
            "SELECT region, min(year), max(year), count(*) FROM reports GROUP BY region"
        ).fetchall()
    if not held:
        return f"the warehouse {db} holds no report yet: run `pledgetrack run` first"
    catalogue = load_regions()
    held.sort(key=lambda r: catalogue.order_key(r[0]))
    spans = [
        f"{r} {a}" + (f"–{b}" if b != a else "") + (f" ({n} reports)" if n > 1 else "") for r, a, b, n in held
    ]
    shown = "; ".join(spans[:12]) + (f"; and {len(spans) - 12} more" if len(spans) > 12 else "")
    return f"nothing matched; {db} holds: {shown}"


class QueryStopped(RuntimeError):
    """A query stopped before its answer: past its time limit, or to let a run write the warehouse."""


DEFAULT_TIMEOUT = 30.0  # seconds; the setting `query_timeout`
_WATCH_EVERY = 0.1  # seconds between two looks at the clock and at the writer-waiting marker


def query(
    db: Path, sql: str, params: list | None = None, timeout: float = DEFAULT_TIMEOUT
) -> tuple[list[str], list[tuple]]:
    """Any SQL on a read-only connection: a statement that writes fails there, with DuckDB's message.
    Read-only stops writes to the warehouse; with external access off, the SQL can neither touch other
    files (COPY … TO, ATTACH, read_csv('/etc/…'), INSTALL) nor switch that back on (configuration locked).

    A reader holds the file against writers (DuckDB), so a query never holds it long: it is interrupted
    after `timeout` seconds, and at once when a run waits to write (store.writer_waiting): QueryStopped."""
    with store.connect(db, read_only=True) as con:
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        with _watched(con, db, timeout) as why:
            try:
                cursor = con.execute(sql, params or [])
                if cursor.description is None:
                    return [], []
                return [d[0] for d in cursor.description], cursor.fetchall()
            except duckdb.InterruptException:
                raise QueryStopped(why[0] if why else "the query was interrupted") from None


@contextmanager
def _watched(con: duckdb.DuckDBPyConnection, db: Path, timeout: float) -> Iterator[list[str]]:
    """Interrupt `con`'s query past `timeout` seconds or when a writer waits; yields where the reason goes."""
    why: list[str] = []
    done = threading.Event()
    started = time.monotonic()

    def watch() -> None:
        while not done.wait(_WATCH_EVERY):
            if time.monotonic() - started > timeout:
                why.append(
                    f"the query took longer than {timeout:g} s and was stopped (raise `query_timeout` in "
                    "pledgetrack.toml, or pass --timeout SECONDS)"
                )
            elif store.writer_waiting(db):
                why.append("the query was stopped to let a pledgetrack run write the warehouse: try it again")
            else:
                continue
            con.interrupt()
            return

    watcher = threading.Thread(target=watch, name="query-watch", daemon=True)
    watcher.start()
    try:
        yield why
    finally:
        done.set()
        watcher.join()


def render(headers: list[str], rows: list[tuple], fmt: str = "table", bom: bool = False) -> str:
    """Rows as an aligned table, CSV (with a header; `bom`: after a byte-order mark, which Excel on Windows
    needs to read UTF-8) or JSON (a list of objects)."""
    if fmt == "json":
        return json.dumps([dict(zip(headers, row, strict=True)) for row in rows], ensure_ascii=False,
                          indent=1, default=str)  # fmt: skip
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return ("\ufeff" if bom else "") + out.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    shown = [tuple(_short(v) for v in row) for row in rows]
    return "\n".join(_table(headers, shown) + [f"({len(rows)} rows)"])


def _short(value: object, limit: int = 40) -> object:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str) and len(value) > limit:
        return value[: limit - 1] + "…"
    return value

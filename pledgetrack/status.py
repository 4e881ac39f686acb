"""What `pledgetrack status` shows: the warehouse's reports, recent runs, and open quarantine."""

from __future__ import annotations

from pathlib import Path

from pledgetrack import store


def _table(headers: list[str], rows: list[tuple]) -> list[str]:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    out = ["  " + "  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True))]
    out += ["  " + "  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return out


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def render(db: Path) -> str:
    with store.connect(db, read_only=True) as con:
        version = store.schema_version(con)
        reports = con.execute(
            "SELECT region, year, review_year, source_name, characters, earlier_versions "
            "FROM report_inventory ORDER BY region, year"
        ).fetchall()
        runs = con.execute(
            "SELECT run_id, strftime(started_at, '%Y-%m-%d %H:%M:%S'), status, files_found, files_new, "
            "loaded, replaced, duplicates, quarantined FROM runs ORDER BY started_at DESC LIMIT 5"
        ).fetchall()
        quarantine = con.execute(
            "SELECT source_name, code, reason, strftime(quarantined_at, '%Y-%m-%d %H:%M:%S') "
            "FROM open_quarantine ORDER BY quarantined_at DESC, source_name"
        ).fetchall()
        failed_checks = con.execute("SELECT count(*) FROM validations WHERE NOT success").fetchone()[0]
    lines = [f"warehouse {db} (schema version {version})", "", f"reports: {len(reports)}"]
    if reports:
        lines += _table(["region", "year", "reviews", "source", "chars", "older versions"], reports)
    lines += ["", "recent runs:"]
    lines += (
        _table(
            ["run", "started", "status", "files", "new", "loaded", "replaced", "dups", "quarantined"], runs
        )
        if runs
        else ["  none yet"]
    )
    lines += ["", f"quarantine: {len(quarantine)} files"]
    if quarantine:
        lines += _table(["file", "code", "reason", "since"], quarantine)
    lines += ["", f"failed expectations recorded: {failed_checks} (table `validations`)"]
    return "\n".join(lines)

"""What `pledgetrack status` shows: the warehouse's reports, recent runs, and open quarantine."""

from __future__ import annotations

from pathlib import Path

from pledgetrack import evidence
from pledgetrack.ingest import completeness
from pledgetrack.warehouse import schema, store


def printable(text: object) -> str:
    """`text` safe to print on a terminal: control characters (an escape sequence in a file name, a
    newline that would break a table's line) shown as escapes, like \\x1b and \\n; the rest unchanged."""
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(text)
    )


def _table(headers: list[str], rows: list[tuple]) -> list[str]:
    cells = [[("" if v is None else printable(v)) for v in row] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    out = ["  " + "  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True))]
    out += ["  " + "  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return out


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


# What `status` lists, in the order it prints them: reports, manifest contradictions, recent runs, open
# quarantine, unknown indicator names
_LISTS = (
    "SELECT region, year, review_year, source_name, characters, earlier_versions, "
    "concat_ws(' / ', region_found_by, year_found_by) FROM report_inventory ORDER BY region, year",
    "SELECT source_name, region, year, detected_region, detected_year FROM manifest_contradictions "
    "ORDER BY region, year",
    "SELECT run_id, strftime(started_at, '%Y-%m-%d %H:%M:%S'), status, files_found, files_new, "
    "loaded, replaced, duplicates, quarantined FROM runs ORDER BY started_at DESC LIMIT 5",
    "SELECT source_name, code, reason, strftime(quarantined_at, '%Y-%m-%d %H:%M:%S') "
    "FROM open_quarantine ORDER BY quarantined_at DESC, source_name",
    "SELECT indicator, rows, example FROM unknown_indicators LIMIT 25",
)


def render(db: Path) -> str:
    with store.connect(db, read_only=True) as con:
        version = schema.schema_version(con)
        reports, contradictions, runs, quarantine, unknown = (
            con.execute(sql).fetchall() for sql in _LISTS
        )
        counts = con.execute(
            "SELECT (SELECT count(*) FROM targets), (SELECT count(*) FROM outcomes)"
        ).fetchone()
        recorded = store.records_completeness(con)  # status opens read-only: maybe not migrated yet
        not_whole = (
            con.execute(
                "SELECT source_name, region, year, completeness, completeness_note FROM incomplete_reports "
                "ORDER BY region, year, source_name"
            ).fetchall()
            if recorded
            else []
        )
        # a failed warning (a report not whole) is a flag, not a refusal; before 011 every check was critical
        failed_checks, flags = con.execute(
            "SELECT count(*) FILTER (WHERE coalesce(severity, 'critical') = 'critical'), "
            "count(*) FILTER (WHERE coalesce(severity, 'critical') <> 'critical') "
            "FROM validations WHERE NOT success"
            if recorded
            else "SELECT count(*), 0 FROM validations WHERE NOT success"
        ).fetchone()
    lines = [f"warehouse {db} (schema version {version})", "", f"reports: {len(reports)}"]
    if reports:
        lines += _table(
            ["region", "year", "reviews", "source", "chars", "older versions", "found by (region / year)"],
            reports,
        )
    if contradictions:
        lines += ["", f"filed by a manifest against what the text says: {len(contradictions)} reports"]
        lines += _table(["file", "filed as", "year", "the text says", "year"], contradictions)
    lines += ["", "recent runs:"]
    lines += (
        _table(
            ["run", "started", "status", "files", "new", "loaded", "replaced", "dups", "quarantined"], runs
        )
        if runs
        else ["  none yet"]
    )
    lines += ["", *_not_whole(not_whole, recorded)]
    lines += ["", f"quarantine: {len(quarantine)} files"]
    if quarantine:
        lines += _table(["file", "code", "reason", "since"], quarantine)
    lines += ["", f"targets: {counts[0]}, outcomes: {counts[1]}"]
    if unknown:
        lines += ["", "indicators not in the catalogue (extend pledgetrack/data/indicators.csv):"]
        lines += _table(["indicator", "rows", "example"], unknown)
    lines += ["", f"failed expectations recorded: {failed_checks} (table `validations`)"]
    if flags:
        lines.append(f"flags recorded (loaded, severity warning): {flags}")
    return "\n".join(lines)


def _not_whole(reports: list[tuple], recorded: bool) -> list[str]:
    """Every report that lost a side, grouped by what it lost, then each with its note."""
    if not recorded:
        return ["reports not whole: not recorded in this warehouse yet (the next `pledgetrack run` does)"]
    lines = [f"reports not whole: {len(reports)} (loaded with a flag; view `incomplete_reports`)"]
    lines += [f"  {line}" for line in completeness.group_lines((r[3], r[0]) for r in reports if r[3])]
    unassessed = [r[0] for r in reports if not r[3]]
    if unassessed:
        lines.append(
            f"  {len(unassessed)} loaded before completeness was recorded, assessed by the next run: "
            + ", ".join(unassessed)
        )
    if reports:
        lines += _table(
            ["file", "region", "year", "completeness", "why"],
            [
                (name, region, year, value or "not assessed", note)
                for name, region, year, value, note in reports
            ],
        )
    return lines


def show_row(db: Path, what: str, row_id: str) -> str:
    """A target or outcome with its evidence: the phrase marked inside its sentence of the report."""
    table, key = {"target": ("targets", "target_id"), "outcome": ("outcomes", "outcome_id")}[what]
    with store.connect(db, read_only=True) as con:
        found = con.execute(
            f"SELECT t.*, r.text, r.source_name, r.title, r.region_found_by, r.year_found_by FROM {table} t "
            f"LEFT JOIN reports r USING (report_id) WHERE t.{key} = ?",
            [row_id],
        ).df()
    if found.empty:
        raise ValueError(f"no {what} with id {row_id!r} (ids are listed in the {table} table)")
    row = found.iloc[0].to_dict()
    value = "" if row.get("value") is None or row["value"] != row["value"] else f"{row['value']:g}"
    if row.get("value_high") == row.get("value_high") and row.get("value_high") is not None:
        value += f"-{row['value_high']:g}"
    lines = [
        f"{what} {row_id}: {row['region']} {row['year']}" + (f" ({row['tier']})" if "tier" in row else ""),
        f"  indicator  {row['indicator']} ({row.get('indicator_id') or 'not in the catalogue'})",
        f"  kind       {row['kind']}  {row.get('comparator') or ''} {value} {row.get('unit') or ''}".rstrip(),
    ]
    if row.get("direction"):
        lines.append(f"  direction  {row['direction']}")
    lines.append(f"  phrase     {row['phrase']}")
    if isinstance(row.get("text"), str):
        lines.append(f"  source     {row['source_name']}, characters {row['char_start']}..{row['char_end']}")
        if isinstance(row.get("region_found_by"), str):  # how the report was filed under region and year
            lines.append(f"  filed by   region: {row['region_found_by']}, year: {row['year_found_by']}")
        lines.append(
            f"  sentence   {evidence.quote(row['text'], int(row['char_start']), int(row['char_end']))}"
        )
    return "\n".join(lines)

"""Official results (a statistical communiqué, a yearbook) loaded beside what the reports say.

A results CSV has one row per result, UTF-8, with the columns

    region, year, indicator, kind, value, unit, source_url      (required)
    phrase                                                     (optional: the sentence as published)

`region` is a full name or a name the region catalogue knows ('虹口区'); `year` is the year the result is
for; `kind` is growth | reduction | level | rate. Rows become `outcomes` with source = 'official', an
`outcome_id` derived from region, year, indicator, kind and source_url (so loading the same file again
replaces its rows instead of adding them), the catalogue's indicator_id and the value in base units.

The batch goes through the outcomes suite (`expectations/outcomes.json`, whose report-only checks carry a
row condition) and loads in one transaction, or not at all: a bad row rejects the file with every reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pledgetrack import numbers
from pledgetrack.indicators import load_catalogue
from pledgetrack.regions import load_regions
from pledgetrack.warehouse import store

REQUIRED = ("region", "year", "indicator", "kind", "value", "unit", "source_url")
KINDS = ("growth", "reduction", "level", "rate")


@dataclass
class LoadResults:
    loaded: int = 0
    replaced: int = 0
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # loaded, but worth a look: settles nothing, …
    affected: list[tuple[str, int]] = field(default_factory=list)  # (region, year) of the targets settled


def _region(name: str) -> str | None:
    if name == "全国":
        return name
    if name in load_regions():
        return name
    found = load_regions().named(name)
    return found[0].full_name if len(found) == 1 else None


def read_results(name: str, text: str) -> tuple[pd.DataFrame, list[str]]:
    """(outcome rows, errors) of a results CSV; errors name the line. Pure: no warehouse involved."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        return pd.DataFrame(), [f"{name}: missing columns {missing} (need {list(REQUIRED)})"]
    rows, errors = [], []
    catalogue = load_catalogue()
    for line, raw in enumerate(reader, start=2):
        where = f"{name}, line {line}"
        cells = {k: (raw.get(k) or "").strip() for k in reader.fieldnames or ()}
        region = _region(cells["region"])
        if region is None:
            errors.append(
                f"{where}: region {cells['region']!r} is not a region the catalogue knows (or several)"
            )
            continue
        if cells["kind"] not in KINDS:
            errors.append(f"{where}: kind {cells['kind']!r} is not one of {', '.join(KINDS)}")
            continue
        try:
            year, value = int(cells["year"]), float(cells["value"].replace(",", ""))
        except ValueError:
            errors.append(f"{where}: year and value must be numbers ({cells['year']!r}, {cells['value']!r})")
            continue
        unit = cells["unit"] or ("%" if cells["kind"] != "level" else "")
        base_unit, factor = numbers.unit_factor(unit)
        found = catalogue.lookup(cells["indicator"])
        key = "|".join([region, str(year), cells["indicator"], cells["kind"], cells["source_url"]])
        rows.append(
            {
                "outcome_id": "official:" + hashlib.sha256(key.encode()).hexdigest()[:16],
                "report_id": None,
                "region": region,
                "year": year,
                "indicator": cells["indicator"],
                "indicator_id": found.id if found else None,
                "kind": cells["kind"],
                "value": value,
                "unit": unit,
                "phrase": cells.get("phrase") or f"{cells['indicator']} {cells['kind']} {value:g}{unit}",
                "char_start": None,
                "char_end": None,
                "source": "official",
                "estimated": False,
                "attainment": None,
                "tier": "headline",
                "base_value": round(value * factor, 6),
                "base_unit": base_unit,
                "source_url": cells["source_url"] or None,
                # read by the gate, not stored
                "source_name": name,
                "evidence_ok": True,
                "report_region": region,
                "report_year": year + 1,
                "report_review_year": year,
            }
        )
    return pd.DataFrame(rows), errors


def load_results(db: Path, path: Path) -> LoadResults:
    """Read, gate and load one results file; nothing is loaded when any row or expectation fails."""
    from pledgetrack.warehouse import gate

    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return LoadResults(failures=[f"{path.name}: not UTF-8 text"])
    frame, errors = read_results(path.name, text)
    if errors or frame.empty:
        return LoadResults(failures=errors or [f"{path.name}: no rows"])
    result = gate.validate("outcomes", frame, key="source_name")
    now = dt.datetime.now()
    validations = pd.DataFrame(
        [{**row, "batch": 0, "validated_at": now} for row in result.to_rows()],
        columns=store.VALIDATION_COLUMNS,
    )
    run_id = "results-" + uuid.uuid4().hex[:8]
    with store.connect(db) as con:
        if not result.success:
            store.record_validations(con, run_id, validations)
            return LoadResults(failures=[f.message for f in result.failures])
        replaced = store.load_official_outcomes(con, run_id, frame, validations)
        warnings, affected = _what_it_settles(con, frame)
    return LoadResults(loaded=len(frame), replaced=replaced, warnings=warnings, affected=affected)


def _what_it_settles(con, frame: pd.DataFrame) -> tuple[list[str], list[tuple[str, int]]]:
    """Warnings for rows loaded but of no use yet (a government the warehouse holds no report of, a result
    no target of that year can be settled by), and the (region, year) of the targets the rows can settle."""
    held = {r for (r,) in con.execute("SELECT DISTINCT region FROM reports").fetchall()}
    keys = sorted({f"{region}|{year}" for region, year in zip(frame["region"], frame["year"], strict=True)})
    candidates = con.execute(
        "SELECT DISTINCT c.outcome_id, t.region, t.year FROM verdict_candidates_of($keys) c "
        "JOIN targets t USING (target_id)",
        {"keys": keys},
    ).fetchall()
    settles = {outcome_id for outcome_id, _, _ in candidates}
    warnings = []
    for row in frame.itertuples():
        where = f"{row.region} {row.year} {row.indicator}"
        if row.region not in held:
            warnings.append(f"{where}: the warehouse holds no report of {row.region} (settles nothing)")
        elif row.outcome_id not in settles:
            warnings.append(f"{where}: no target of {row.year} can be settled by it (settles nothing)")
    ours = set(frame["outcome_id"])
    affected = sorted({(region, year) for outcome_id, region, year in candidates if outcome_id in ours})
    return warnings, affected

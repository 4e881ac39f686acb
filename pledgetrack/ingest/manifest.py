"""Manifests: the region and year of reports that do not name themselves.

Some reports never say whose they are: a web copy that starts at "各位代表：", a PDF without its cover page.
A manifest names them. It is a CSV file, one report a row:

    path,region,year,kind
    83c7ba18ee.txt,河北省保定市安新县,2024,
    reports/2023.pdf,安新县,2023,transition
    https://www.example.gov.cn/gzbg/2022.html,河北省保定市安新县,2022,annual

- path or url: a file, relative to the manifest's own folder (or absolute), or the http(s) address a file
  was fetched from (`pledgetrack fetch` records it in the inbox's `.fetched.json`);
- region: the full name (河北省保定市安新县) or any name the catalogue resolves to one region in that year
  (安新县; 徐水 is 徐水县 in 2012 and 徐水区 in 2019);
- year: the year the report is for (its targets' year), as files.tsv and the warehouse count it;
- kind (optional): `annual`, the usual report that reviews last year and plans this one, or `transition`,
  a 换届 report to the first session of a new congress, which reviews the outgoing government's five years
  (and usually sets five-year goals beside this year's targets), or `summary`, a news summary of a report
  (a newspaper's digest, shorter than the report: the gate holds it to a lower minimum length, and its
  verdicts say they rest on a summary).

The header row is optional: with one, columns are found by name (the first may be called path, url, file
or source); without, they are read in the order above. Blank lines and lines starting with `#` are
skipped. A bad row (an unknown or ambiguous region, a year that is not a year, a kind not listed, a file
listed twice) makes the whole manifest unusable, with every problem named (`ManifestError`): half a
manifest applied would file some reports by it and leave the others to detection without saying so.

What a manifest says wins over detection; `ingest.detect` keeps what the text said beside it when it
differs, so the contradiction can be reported. A file named `manifest.csv` in an inbox folder (or in any
folder below one) is that folder's manifest: it is read, not ingested.

Pure but for reading the files named: no Prefect, no DuckDB.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pledgetrack.ingest.parse import FIRST_YEAR
from pledgetrack.model import GivenIdentity
from pledgetrack.regions import Catalogue, load_regions

MANIFEST_NAME = "manifest.csv"  # an inbox folder's own manifest
KINDS = ("annual", "transition", "summary")
COLUMNS = ("path", "region", "year", "kind")
_TARGET_NAMES = ("path", "url", "path or url", "file", "source")  # what a header may call the first column


class ManifestError(ValueError):
    """A manifest that cannot be used, with every problem found (`problems`: one sentence each)."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{name}: " + "; ".join(problems))


@dataclass(frozen=True)
class ManifestRow:
    line: int  # in the manifest file, from 1
    target: str  # an absolute file path, or a URL
    identity: GivenIdentity

    @property
    def is_url(self) -> bool:
        return is_url(self.target)


@dataclass(frozen=True)
class Manifest:
    path: Path
    rows: tuple[ManifestRow, ...]

    def urls(self) -> list[str]:
        return [row.target for row in self.rows if row.is_url]


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def parse_manifest(
    text: str, folder: Path, catalogue: Catalogue, name: str = MANIFEST_NAME, today: dt.date | None = None
) -> tuple[ManifestRow, ...]:
    """The rows of a manifest's text; paths are resolved against `folder`. ManifestError lists every bad
    row (with its line number) when there is one."""
    latest = (today or dt.date.today()).year + 1
    problems: list[str] = []
    rows: list[ManifestRow] = []
    first_line: dict[str, int] = {}
    columns: dict[str, int] | None = None
    width = len(COLUMNS)
    for number, cells in _records(text):
        if columns is None:
            columns, is_header = _columns(cells)
            if is_header:
                width = len(cells)
                missing = [c for c in ("region", "year") if c not in columns]
                if "path" not in columns:
                    missing.insert(0, "path or url")
                if missing:
                    raise ManifestError(
                        name, [f"line {number}: the header names no {', '.join(missing)} column"]
                    )
                continue
        if len(cells) > width:
            problems.append(f"line {number}: {len(cells)} columns, expected at most {width}")
            continue
        row, row_problems = _row(cells, columns, number, folder, catalogue, latest, name)
        if row is not None and row.target in first_line:
            row_problems.append(
                f"line {number}: {row.target} is listed again (first on line {first_line[row.target]})"
            )
        problems += row_problems
        if row is not None and not row_problems:
            first_line[row.target] = number
            rows.append(row)
    if problems:
        raise ManifestError(name, problems)
    return tuple(rows)


def read_manifest(path: Path | str, catalogue: Catalogue | None = None) -> Manifest:
    """A manifest file, checked (ManifestError when any row is bad, FileNotFoundError when missing)."""
    path = Path(path).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"manifest {path} not found")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ManifestError(str(path), [f"not UTF-8 text ({error.reason} at byte {error.start})"]) from None
    return Manifest(path, parse_manifest(text, path.parent, catalogue or load_regions(), str(path)))


def find_manifests(inboxes: Iterable[Path | str]) -> list[Path]:
    """Every `manifest.csv` in the inbox folders or below them (hidden folders skipped, as the inbox's)."""
    found: list[Path] = []
    for inbox in inboxes:
        for dirpath, dirnames, filenames in os.walk(inbox):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            if MANIFEST_NAME in filenames:
                found.append(Path(dirpath, MANIFEST_NAME).resolve())
    return list(dict.fromkeys(found))


@dataclass
class ManifestSet:
    """The manifests a run reads: those named by the settings and those found in the inboxes."""

    manifests: list[Manifest] = field(default_factory=list)
    bad: list[tuple[str, str]] = field(default_factory=list)  # (manifest path, why it is not used)

    def urls(self) -> list[str]:
        return list(dict.fromkeys(url for m in self.manifests for url in m.urls()))

    def assign(self, fetched: dict[str, str]) -> tuple[dict[str, GivenIdentity], list[str]]:
        """The identity each file is given (absolute path → GivenIdentity), URLs matched through `fetched`
        (URL → the file it was saved as), and the rows that name no fetched file or contradict another
        manifest's row for the same file (sentences). A file two manifests name differently gets neither."""
        given: dict[str, GivenIdentity] = {}
        problems: list[str] = []
        contradicted: set[str] = set()
        for manifest in self.manifests:
            for row in manifest.rows:
                path = fetched.get(row.target) if row.is_url else row.target
                if path is None:
                    problems.append(
                        f"{row.identity.origin}: {row.target} has not been fetched into an inbox "
                        "(pledgetrack fetch --manifest FILE)"
                    )
                    continue
                earlier = given.get(path)
                if earlier is not None and earlier.key != row.identity.key:
                    problems.append(
                        f"{row.identity.origin} and {earlier.origin} name {path} differently "
                        f"({row.identity.region} {row.identity.year} / {earlier.region} {earlier.year}): "
                        "neither is used"
                    )
                    contradicted.add(path)
                given.setdefault(path, row.identity)
        return {p: g for p, g in given.items() if p not in contradicted}, problems


def load_manifests(
    paths: Iterable[Path | str], inboxes: Iterable[Path | str], catalogue: Catalogue | None = None
) -> ManifestSet:
    """The manifests named (settings, --manifest) and those of the inboxes, each read and checked; a bad or
    missing one is set aside in `bad` with the reason, and the others are used."""
    found = ManifestSet()
    for path in dict.fromkeys([*(Path(p).resolve() for p in paths), *find_manifests(inboxes)]):
        try:
            found.manifests.append(read_manifest(path, catalogue))
        except (ManifestError, FileNotFoundError, OSError) as error:
            found.bad.append((str(path), f"manifest not used: {error}"))
    return found


# ---------------------------------------------------------------- rows


def _records(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of each row that is not blank or a comment."""
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        records.append((number, [cell.strip() for cell in next(csv.reader([line]))]))
    return records


def _columns(cells: list[str]) -> tuple[dict[str, int], bool]:
    """Where each column is, from a header row (every cell a column's name, in any order), else in the
    order of COLUMNS; and whether the row was a header."""
    names = [cell.lower() for cell in cells]
    if names and all(name in _TARGET_NAMES or name in COLUMNS for name in names):
        columns = {
            ("path" if name in _TARGET_NAMES else name): i for i, name in reversed(list(enumerate(names)))
        }
        return columns, True
    return {name: i for i, name in enumerate(COLUMNS)}, False


def _row(
    cells: list[str],
    columns: dict[str, int],
    number: int,
    folder: Path,
    catalogue: Catalogue,
    latest: int,
    name: str,
) -> tuple[ManifestRow | None, list[str]]:
    def cell(column: str) -> str:
        i = columns.get(column)
        return cells[i] if i is not None and i < len(cells) else ""

    where = f"line {number}"
    target, region_name, year_text, kind = cell("path"), cell("region"), cell("year"), cell("kind").lower()
    problems = []
    if not target:
        problems.append(f"{where}: no path or URL")
    if not year_text.isdigit():
        problems.append(
            f"{where}: the year {year_text!r} is not a number" if year_text else f"{where}: no year"
        )
    elif not FIRST_YEAR <= int(year_text) <= latest:
        problems.append(f"{where}: the year {year_text} is outside {FIRST_YEAR}–{latest}")
    if kind and kind not in KINDS:
        problems.append(f"{where}: the kind {kind!r} is not one of {', '.join(KINDS)} (or empty)")
    year = int(year_text) if year_text.isdigit() else None
    region, region_problem = _region(region_name, year, catalogue)
    if region_problem:
        problems.append(f"{where}: {region_problem}")
    if problems or region is None or year is None:
        return None, problems
    if not is_url(target):
        path = Path(target)
        target = str((path if path.is_absolute() else folder / path).resolve())
    identity = GivenIdentity(region, year, kind or None, f"{name}, {where}")
    return ManifestRow(number, target, identity), []


def _region(name: str, year: int | None, catalogue: Catalogue) -> tuple[str | None, str | None]:
    """The full name a manifest's region means, or why it means none."""
    if not name:
        return None, "no region"
    if name in catalogue:
        return name, None
    regions = catalogue.resolve(name, year)
    if len(regions) == 1:
        return regions[0].full_name, None
    if not regions:
        return None, (
            f"unknown region {name!r}: not in the catalogue of administrative divisions (write the full "
            "name, e.g. 河北省保定市安新县, or add the division with PLEDGETRACK_REGIONS)"
        )
    choices = ", ".join(sorted(r.full_name for r in regions))
    return None, f"the region {name!r} is ambiguous ({choices}): write the full name"

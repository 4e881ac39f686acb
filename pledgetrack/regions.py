"""The catalogue of administrative divisions a report can belong to.

`region` in the warehouse is a full administrative name ('全国', '上海市', '上海市虹口区',
'浙江省杭州市西湖区'): the chain of names from the province-level division down. The catalogue lives in
`pledgetrack/data/regions.csv` (columns full_name, name, level, parent, aliases, code, valid_from,
valid_to; `#` lines are comments) and can be extended with user CSVs of the same columns: the setting
`regions` (pledgetrack.toml, $PLEDGETRACK_REGIONS or `--regions`, read by `config`), passed here by
`configure`, or the `extra` argument. A user row replaces the
built-in row with the same full_name; `full_name` may be left empty (it is derived from the parent chain) and
so may `level`, `aliases`, `code`, `valid_from` and `valid_to` (or the columns be left out).

Former divisions stay in the catalogue, because old reports name them: 徐水县 (130625) became 徐水区 in 2015
and its reports of 2010-2015 belong to 河北省保定市徐水县. `valid_from` / `valid_to` are the first and last
calendar years a division existed, inclusive (empty: open): a report of a year outside them is unlikely to
be that division's, so when a name fits several regions the one valid in the report's year is preferred
(`Region.valid_in`). In the year of a change both the old and the new name are valid.
"""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

BUILTIN = Path(__file__).resolve().parent / "data" / "regions.csv"
COUNTRY = "全国"
LEVELS = ("country", "province", "prefecture", "county")
# The last character of a division's name says its level: a short name followed by one is another name.
LEVEL_WORDS = frozenset("省市区县旗州盟")
_LEVEL_WORDS = {"city": "prefecture", "district": "county"}  # friendlier words a user CSV may use
# Suffixes that say a name's level when a user row leaves `level` empty (longest first).
_LEVEL_BY_SUFFIX = (
    ("特别行政区", "province"), ("自治区", "province"), ("省", "province"),
    ("自治州", "prefecture"), ("地区", "prefecture"), ("盟", "prefecture"),
    ("区", "county"), ("县", "county"), ("旗", "county"), ("市", "county"),
)  # fmt: skip


@dataclass(frozen=True)
class Region:
    full_name: str  # '上海市虹口区'
    name: str  # '虹口区'
    level: str  # 'country' | 'province' | 'prefecture' | 'county'
    parent: str  # full_name of the parent ('' for 全国)
    aliases: tuple[str, ...] = ()  # short names: '虹口', '上海'
    code: str = ""  # administrative division code when known
    valid_from: int | None = None  # first calendar year it existed (None: before any report we read)
    valid_to: int | None = None  # last calendar year it existed (None: it still exists)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def valid_in(self, year: int | None) -> bool:
        """Did the division exist in `year` (True when the year is unknown)?"""
        if year is None:
            return True
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )


class Catalogue:
    """Regions by full name and by any of their names (a name can belong to several regions: 普陀区)."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self.by_full_name: dict[str, Region] = {}
        for region in regions:
            self.by_full_name[region.full_name] = region
        self.by_name: dict[str, tuple[Region, ...]] = {}
        for region in self.by_full_name.values():
            for name in {region.name, region.full_name, *region.aliases, *self._partial_chains(region)}:
                self.by_name[name] = (*self.by_name.get(name, ()), region)
        self.longest_name = max(map(len, self.by_name), default=0)

    def _partial_chains(self, region: Region) -> list[str]:
        """'杭州市西湖区' for '浙江省杭州市西湖区': texts often leave out the province."""
        chain = self.ancestors(region)
        return ["".join(a.name for a in reversed(chain[:k])) + region.name for k in range(1, len(chain))]

    def __len__(self) -> int:
        return len(self.by_full_name)

    def __contains__(self, full_name: object) -> bool:
        return full_name in self.by_full_name

    def get(self, full_name: str) -> Region | None:
        return self.by_full_name.get(full_name)

    def named(self, name: str) -> tuple[Region, ...]:
        """Every region called `name` (its name, full name or an alias)."""
        return self.by_name.get(name, ())

    def resolve(self, name: str, year: int | None = None) -> tuple[Region, ...]:
        """The regions `name` can mean in `year`: those called so, narrowed to the ones valid in that year
        when some are ('徐水' in 2012 is 徐水县, in 2019 徐水区); 全国 for its names."""
        found = self.named(name)
        valid = tuple(r for r in found if r.valid_in(year))
        return valid or found

    def order_key(self, full_name: str) -> tuple[int, str, str]:
        """Administrative order: 全国 first, then by division code (a province before its cities, a city
        before its counties); a region the catalogue does not know comes last, by name."""
        found = self.by_full_name.get(full_name)
        if found is not None and found.level == "country":
            return (0, "", full_name)
        if found is not None and found.code:
            return (1, found.code, full_name)
        return (2, "", full_name)

    def ancestors(self, region: Region) -> list[Region]:
        """Parent first, up to (not including) 全国."""
        chain: list[Region] = []
        parent = self.by_full_name.get(region.parent)
        while parent is not None and parent.level != "country" and parent not in chain:
            chain.append(parent)
            parent = self.by_full_name.get(parent.parent)
        return chain

    def names_ending_at(self, text: str, end: int) -> list[str]:
        """Catalogue names that end exactly at `text[end]` (longest first): the region before an anchor."""
        found = []
        for length in range(min(self.longest_name, end), 1, -1):
            if text[end - length : end] in self.by_name:
                found.append(text[end - length : end])
        return found

    def names_in(self, text: str) -> list[str]:
        """Catalogue names occurring in a short text (a title), longest match at each position. A short
        name followed by a level word is part of another name: in "徐水县" (were 徐水县 not in the
        catalogue) "徐水" is not 徐水区."""
        found: list[str] = []
        i = 0
        while i < len(text):
            for length in range(min(self.longest_name, len(text) - i), 1, -1):
                name = text[i : i + length]
                if name in self.by_name and not (
                    text[i + length : i + length + 1] in LEVEL_WORDS and self._only_alias(name)
                ):
                    found.append(name)
                    i += length
                    break
            else:
                i += 1
        return found

    def _only_alias(self, name: str) -> bool:
        """Is `name` only ever a short name (虹口, 徐水), never a division's own name?"""
        return all(name != r.name and name != r.full_name for r in self.named(name))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(lines)]


def _level(name: str) -> str:
    for suffix, level in _LEVEL_BY_SUFFIX:
        if name.endswith(suffix):
            return level
    return "county"


def _to_region(row: dict[str, str]) -> Region:
    name = row.get("name", "")
    parent = row.get("parent", "")
    if not name:
        raise ValueError(f"region row without a name: {row}")
    if name == COUNTRY:
        return Region(COUNTRY, COUNTRY, "country", "", tuple(filter(None, row.get("aliases", "").split("|"))))
    parent = parent or COUNTRY
    full_name = row.get("full_name") or (name if parent == COUNTRY else parent + name)
    level = row.get("level") or ("province" if parent == COUNTRY else _level(name))
    level = _LEVEL_WORDS.get(level, level)
    if level not in LEVELS:
        raise ValueError(f"region {full_name}: level must be one of {LEVELS}, not {level!r}")
    aliases = tuple(a for a in row.get("aliases", "").split("|") if a and a != name)
    valid_from, valid_to = _year(row, "valid_from", full_name), _year(row, "valid_to", full_name)
    if valid_from is not None and valid_to is not None and valid_from > valid_to:
        raise ValueError(f"region {full_name}: valid_from {valid_from} is after valid_to {valid_to}")
    return Region(full_name, name, level, parent, aliases, row.get("code", ""), valid_from, valid_to)


def _year(row: dict[str, str], column: str, full_name: str) -> int | None:
    value = row.get(column, "")
    if not value:
        return None
    if not value.isdigit() or len(value) != 4:
        raise ValueError(f"region {full_name}: {column} must be a year like 2015, not {value!r}")
    return int(value)


def _extra_paths(extra: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None) -> tuple[Path, ...]:
    if extra is None:
        return _configured
    if isinstance(extra, str | os.PathLike):  # one path, or several separated by os.pathsep
        extra = os.fspath(extra).split(os.pathsep)
    return tuple(Path(p).resolve() for p in extra if str(p).strip())


# The user's catalogue files, as the settings name them: set once per process (`configure`), by the command
# and by each worker process as it starts.
_configured: tuple[Path, ...] = ()


def configure(extra: Iterable[str | os.PathLike[str]]) -> None:
    """Make `extra` the files `load_regions()` merges into the built-in catalogue in this process; checked
    (and cached) at once, so a bad file is an error before any work."""
    global _configured
    paths = _extra_paths(list(extra))
    _load(paths)
    _configured = paths


def configured() -> tuple[Path, ...]:
    """The files `configure` set, to pass to worker processes."""
    return _configured


@functools.lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...]) -> Catalogue:
    known: dict[str, Region] = {}
    for path in (BUILTIN, *paths):
        if not path.is_file():
            raise FileNotFoundError(f"regions file {path} not found (named by the setting `regions`)")
        for row in _rows(path):
            region = _to_region(row)
            known[region.full_name] = region
    orphans = sorted(r.full_name for r in known.values() if r.parent and r.parent not in known)
    if orphans:
        raise ValueError(
            f"regions whose parent is not in the catalogue (parent must be a full_name): {orphans}"
        )
    return Catalogue(known.values())


def load_regions(extra: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None) -> Catalogue:
    """The built-in catalogue merged with user CSVs (`extra`, else the files `configure` set); cached."""
    return _load(_extra_paths(extra))

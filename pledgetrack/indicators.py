"""The indicator catalogue: which quantity an indicator name written in a report denotes.

The catalogue lives in `pledgetrack/data/indicators.csv` (columns id, name, aliases, direction, kinds,
units, and optionally parts; lists inside a cell are separated by '|'; `#` lines are comments) and can be
extended with user CSVs of the same columns: the setting `indicators` (pledgetrack.toml,
$PLEDGETRACK_INDICATORS or `--indicators`, read by `config`), passed here by `configure`, or the `extra`
argument. A user row with a built-in id replaces that row; a user alias claimed by another id is an error.
`parts` names the indicators a group is made of (emissions, 主要污染物: 化学需氧量, 二氧化硫, 氮氧化物, 氨氮),
so that a review speaking of the members speaks of the group.

Reports write one quantity many ways: '区级一般公共预算收入', '地方一般公共预算收入' and
'一般公共预算收入' are the same indicator seen at different scopes; '居民消费价格总水平涨幅' is the CPI with
a measure word after it. So a name is looked up after segmenting it with jieba (a private tokenizer, built
once per process, whose dictionary is every alias and the scope and measure words below, so they come out
whole):

1. the whole name is an alias → that indicator;
2. else leading scope words (全国, 全区, 区级, 地方, 全年 …) are dropped, then trailing measure words
   (涨幅, 增速, 总额, 总水平, 预期目标 …) one at a time, and the rest is tried as an alias after each step.

Nothing else matches: a name with a head noun of its own ('人均国内生产总值', '中央财政科技投入',
'财政赤字占国内生产总值比重' unless listed) is unknown (NULL indicator_id) rather than guessed;
`pledgetrack status` lists the unknown names so a user can add them.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pledgetrack.grammar import LEVELS

BUILTIN = Path(__file__).resolve().parent / "data" / "indicators.csv"
COLUMNS = ("id", "name", "aliases", "direction", "kinds", "units")
# Optional: the ids of the indicators a group is made of (主要污染物 of 化学需氧量, 二氧化硫 …). A review
# speaks of a group by its members ("二氧化硫、氮氧化物排放量分别下降5.6%和4%"): a member's figure settles a
# qualitative target of the group by its polarity, never a quantitative one (it is not the group's figure).
OPTIONAL_COLUMNS = ("parts",)
DIRECTIONS = ("floor", "ceiling", "")
KINDS = ("growth", "reduction", "level", "rate", "qualitative")

# Words that say where or when, not what: dropped in front of a name before the lookup. Where: the
# government's own area (全省, 本市, 我区 …: grammar.OWN_AREA) or level (区级 …).
SCOPE_WORDS = (
    *(own + level for own in "全本我" for level in LEVELS),
    "区级", "市级", "县级", "省级", "本级", "地方", "国家", "全年", "当年", "今年", "年度", "同口径",
)  # fmt: skip
# Words that say how a quantity is measured, not which quantity: dropped after a name, one at a time.
MEASURE_WORDS = (
    "预期增长目标", "预期目标", "增长目标", "目标", "指标", "任务", "预期", "增长率", "增长速度", "增长",
    "涨幅", "增幅", "增速", "下降率", "降低率", "削减率", "总额", "总量", "总水平", "水平", "规模",
    "额", "量",
)  # fmt: skip
_USER_WORD_FREQ = 10**7  # far above any word of jieba's own dictionary: aliases always come out whole


class CatalogueError(ValueError):
    """An indicator CSV that cannot be used (missing column, bad direction or kind, alias clash)."""


@dataclass(frozen=True)
class Indicator:
    id: str  # 'general_budget_revenue'
    name: str  # '一般公共预算收入'
    aliases: tuple[str, ...]  # every spelling, the name included
    direction: str | None  # 'floor' | 'ceiling' | None (no direction: 国际收支, 广义货币)
    kinds: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # ids of the indicators this one is a group of


def _cells(value: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in (value or "").split("|") if v.strip()))


def read_csv(path: Path) -> list[Indicator]:
    """The indicators of one CSV file; CatalogueError naming the file and line when a row is bad."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = (line for line in handle if not line.lstrip().startswith("#"))
        reader = csv.DictReader(lines)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise CatalogueError(f"{path}: missing columns {missing} (need {list(COLUMNS)})")
        out = []
        for number, row in enumerate(reader, start=2):
            where = f"{path}, row {number}"
            ident, name = (row["id"] or "").strip(), (row["name"] or "").strip()
            if not ident or not name:
                raise CatalogueError(f"{where}: id and name are required")
            direction = (row["direction"] or "").strip()
            if direction not in DIRECTIONS:
                raise CatalogueError(f"{where}: direction {direction!r} is not floor, ceiling or empty")
            kinds = _cells(row["kinds"])
            bad = [k for k in kinds if k not in KINDS]
            if bad:
                raise CatalogueError(f"{where}: unknown kinds {bad} (allowed: {list(KINDS)})")
            aliases = tuple(dict.fromkeys((name, *_cells(row["aliases"]))))
            parts = _cells(row.get("parts"))
            out.append(Indicator(ident, name, aliases, direction or None, kinds, _cells(row["units"]), parts))
        return out


class Catalogue:
    """Indicators by id and by alias; `lookup` finds the indicator a written name denotes."""

    def __init__(self, indicators: Iterable[Indicator]) -> None:
        self.by_id: dict[str, Indicator] = {}
        for indicator in indicators:
            self.by_id[indicator.id] = indicator  # a later row (a user's) replaces an earlier one
        self.by_alias: dict[str, Indicator] = {}
        for indicator in self.by_id.values():
            for alias in indicator.aliases:
                other = self.by_alias.get(alias)
                if other is not None and other.id != indicator.id:
                    raise CatalogueError(f"alias {alias!r} belongs to both {other.id!r} and {indicator.id!r}")
                self.by_alias[alias] = indicator
        for indicator in self.by_id.values():
            unknown = [p for p in indicator.parts if p not in self.by_id or p == indicator.id]
            if unknown:
                raise CatalogueError(f"{indicator.id!r}: parts {unknown} are not other indicators")
        self._tokenizer = _tokenizer(tuple(self.by_alias))
        self._memo: dict[str, Indicator | None] = {}
        # any alias inside a name: without one, no run of its tokens is an alias (segmenting costs 40 µs)
        self._alias_inside = re.compile("|".join(re.escape(a) for a in self.by_alias)).search

    def __len__(self) -> int:
        return len(self.by_id)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.by_id.values())

    def get(self, ident: str) -> Indicator | None:
        return self.by_id.get(ident)

    def groups_of(self, ident: str) -> tuple[Indicator, ...]:
        """The groups `ident` belongs to, nearest first, through groups of groups (化学需氧量: 主要污染物,
        then 约束性指标)."""
        found: list[Indicator] = []
        frontier = [ident]
        while frontier:
            member = frontier.pop(0)
            for group in self.by_id.values():
                if member in group.parts and group not in found and group.id != ident:
                    found.append(group)
                    frontier.append(group.id)
        return tuple(found)

    def tokens(self, text: str) -> list[str]:
        """`text` segmented by the catalogue's tokenizer (aliases, scope and measure words whole)."""
        return self._tokenizer.lcut(text, HMM=False)

    def lookup(self, name: str) -> Indicator | None:
        """The indicator `name` denotes, or None; see the module's docstring for the rule."""
        name = name.strip().strip("“”\"'（）()")
        if name not in self._memo:
            self._memo[name] = self._lookup(name) if name else None
        return self._memo[name]

    def _lookup(self, name: str) -> Indicator | None:
        found = self.by_alias.get(name)
        if found is not None:
            return found
        if self._alias_inside(name) is None:
            return None  # most names extraction asks about (94% of the corpus's): no alias in them at all
        tokens = self.tokens(name)
        while len(tokens) > 1 and tokens[0] in SCOPE_WORDS:
            tokens = tokens[1:]
        while tokens:
            found = self.by_alias.get("".join(tokens))
            if found is not None or len(tokens) == 1 or tokens[-1] not in MEASURE_WORDS:
                return found
            tokens = tokens[:-1]
        return None

    def find_in(self, text: str) -> list[tuple[Indicator, int, int]]:
        """Every alias token of `text` with its indicator and offsets, left to right."""
        out, pos = [], 0
        for token in self.tokens(text):
            found = self.by_alias.get(token)
            if found is not None:
                out.append((found, pos, pos + len(token)))
            pos += len(token)
        return out


def _tokenizer(aliases: tuple[str, ...]):
    """A private jieba tokenizer whose whole dictionary is our words (the global one stays untouched).

    jieba's own 350,000-word dictionary costs 1.3 s of CPU to load and decides nothing here: a lookup only
    needs aliases, scope and measure words to come out whole; everything else may fall apart into single
    characters. `gen_pfdict` reads the dictionary from a file object, so no file is written or cached."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at INFO
    words = dict.fromkeys((*aliases, *SCOPE_WORDS, *MEASURE_WORDS))
    entries = "".join(f"{word.replace(' ', '')} {_USER_WORD_FREQ}\n" for word in words if word.strip())
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(io.BytesIO(entries.encode("utf-8")))
    tokenizer.initialized = True
    return tokenizer


# The user's catalogue files, as the settings name them: set once per process (`configure`), by the command
# and by each worker process as it starts, so that every stage reads the same catalogue.
_configured: tuple[Path, ...] = ()


def configure(extra: Iterable[Path]) -> None:
    """Make `extra` the catalogue files `load_catalogue()` adds to the built-in one in this process; checked
    (and cached) at once, so a bad file is an error before any work."""
    global _configured
    # absolute, as regions.configure makes them: workers (and the pool's key) must name the same files
    # whatever folder they were started in
    paths = tuple(Path(p).resolve() for p in extra)
    _load(paths)
    _configured = paths


def configured() -> tuple[Path, ...]:
    """The files `configure` set, to pass to worker processes."""
    return _configured


def load_catalogue(extra: Iterable[Path] | None = None) -> Catalogue:
    """The built-in catalogue extended by `extra` (default: the files `configure` set); built once per set.
    Called for every indicator name extracted, so the common case is two dictionary lookups."""
    return _load(_configured if extra is None else tuple(Path(p) for p in extra))


@functools.lru_cache(maxsize=4)
def _load(paths: tuple[Path, ...]) -> Catalogue:
    indicators = read_csv(BUILTIN)
    for path in paths:
        if not path.is_file():
            raise CatalogueError(f"indicators: {path} is not a file")
        indicators += read_csv(path)
    return Catalogue(indicators)

"""Predicted rows paired with gold rows: `match(predicted, gold, indicator_id, convert)` → `Match` (pairs,
false positives, misses; precision, recall, F1).

A predicted row matches a gold row when region, year and kind are equal, the values are equal (in base
units when both units convert: 1100万人 == 11000000人; both None for qualitative rows), and the indicators
are compatible: the same catalogue id, or one name contains the other ('区级一般公共预算收入' and
'一般公共预算收入' are compatible only if the catalogue does not tell them apart). Each gold row is matched
at most once; among candidates the one with the same indicator id wins, then the nearest phrase.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


def _number(value, unit, convert: Callable[[str], tuple[str, float]] | None) -> tuple | None:
    if value is None:
        return None
    converted = convert(unit) if convert and unit else None
    if converted and converted[1]:
        base, factor = converted
        return (base, round(float(value) * factor, 6))
    return (unit, round(float(value), 6))


@dataclass
class Match:
    pairs: list[tuple[dict, dict]] = field(default_factory=list)  # (predicted, gold)
    false_positives: list[dict] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = len(self.pairs) + len(self.false_positives)
        return len(self.pairs) / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = len(self.pairs) + len(self.misses)
        return len(self.pairs) / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match(
    predicted: Iterable[dict],
    gold: Iterable[dict],
    indicator_id: Callable[[str], str | None],
    convert: Callable[[str], tuple[str, float]] | None = None,
) -> Match:
    """Pair predicted rows with gold rows (see the module docstring for the rule)."""
    result = Match()

    def key(row: dict) -> tuple:
        value = _number(row.get("value"), row.get("unit"), convert)
        return (row["region"], int(row["year"]), row["kind"], value)

    open_gold: dict[tuple, list[dict]] = defaultdict(list)
    for row in gold:
        open_gold[key(row)].append(row)
    for row in predicted:
        candidates = open_gold.get(key(row), [])
        pid = row.get("indicator_id") or indicator_id(row["indicator"])
        best, best_rank = None, None
        for candidate in candidates:
            gid = indicator_id(candidate["indicator"])
            same_id = pid is not None and pid == gid
            written, expected = row["indicator"], candidate["indicator"]
            contained = written in expected or expected in written
            ids_agree = pid is None or gid is None or pid == gid
            near = contained or _same_place(row, candidate)
            if not (same_id or (near and ids_agree) or _same_phrase(row, candidate)):
                continue
            rank = (0 if same_id else 1, 0 if candidate.get("phrase") == row.get("phrase") else 1)
            if best_rank is None or rank < best_rank:
                best, best_rank = candidate, rank
        if best is None:
            result.false_positives.append(row)
        else:
            candidates.remove(best)
            result.pairs.append((row, best))
    result.misses = [row for rows in open_gold.values() for row in rows]
    return result


def _squeeze(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _same_place(predicted: dict, gold: dict) -> bool:
    """The gold's indicator is named in our phrase, or one phrase holds the other: the gold names some
    indicators by a standard name ("地区生产总值" for the clause "经济增长5%左右"), so a row is matched by
    its phrase as well as by its name (as the gold README asks)."""
    ours, theirs = _squeeze(predicted.get("phrase")), _squeeze(gold.get("phrase"))
    if _squeeze(gold.get("indicator")) and _squeeze(gold.get("indicator")) in ours:
        return True
    return len(ours) >= 4 and len(theirs) >= 4 and (ours in theirs or theirs in ours)


def _same_phrase(predicted: dict, gold: dict) -> bool:
    """The same words, kind and value are the same fact whatever either calls its indicator (the gold's
    "农村贫困人口" for "农村贫困人口减少1232万人" is the catalogue's stock of the poor; the phrase says it is
    the reduction). Only the whole phrase: "一般公共预算收入增长7%" inside "区级一般公共预算收入增长7%" is
    another indicator, which the ids tell apart."""
    ours = _squeeze(predicted.get("phrase"))
    return len(ours) >= 4 and ours == _squeeze(gold.get("phrase"))

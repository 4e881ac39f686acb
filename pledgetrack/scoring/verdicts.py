"""The warehouse's verdicts against the gold pairs: the status each pair implies (`gold_verdict`, an
independent reading of verdicts.md's table) compared with the verdict of the warehouse target matched to the
pair's gold target (`check_verdicts` → `VerdictCheck`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pledgetrack.numbers import unit_factor
from pledgetrack.scoring.gold import Gold
from pledgetrack.scoring.matching import match

# ---------------------------------------------------------------- verdicts against the gold pairs


def gold_verdict(
    pair: dict, target: dict | None, outcome: dict | None, tol_points: float, tol_relative: float
) -> str:
    """The status a gold pair implies (the gold README): its own "verdict" when it has one; pending or
    no_evidence without an outcome phrase; kept for a qualitative target with one, and for a target whose
    outcome states no figure (the gold sets a "verdict" by hand where such a sentence says it was missed, so
    an outcome phrase without a figure or a verdict is a favourable statement: "居民消费价格涨幅保持较低水平";
    `../shared/tools/score.py` reads the pairs so); else verdicts.md's table applied to the gold target and
    outcome (an independent reading of the rules the SQL implements)."""
    if pair.get("verdict"):
        return pair["verdict"]
    if not pair.get("outcome_phrase"):
        return "pending" if not pair.get("follow_up_source") else "no_evidence"
    if target is None or target["kind"] == "qualitative":
        return "kept"
    if outcome is None or outcome.get("value") is None:
        return "kept"
    actual = float(outcome["value"])
    if outcome["kind"] != target["kind"] and {outcome["kind"], target["kind"]} == {"growth", "reduction"}:
        actual = -actual
    elif outcome.get("unit") != target.get("unit"):
        (base_o, f_o), (base_t, f_t) = unit_factor(outcome["unit"] or ""), unit_factor(target["unit"] or "")
        if base_o != base_t:
            return "no_evidence"
        actual = actual * f_o / f_t
    value, high = float(target["value"]), target.get("value_high")
    ceiling = target.get("direction") == "ceiling"
    comparator = target.get("comparator")
    if comparator == "range":
        kept = actual <= float(high) if ceiling else actual >= value
    else:
        tol = (
            (tol_points if target.get("unit") == "%" else tol_relative * abs(value))
            if comparator == "approx"
            else 0
        )
        kept = actual <= value + tol if ceiling else actual >= value - tol
    return "kept" if kept else "missed"


@dataclass
class VerdictCheck:
    agreements: list[tuple[dict, str]] = field(default_factory=list)  # (pair, status)
    disagreements: list[tuple[dict, str, str, dict | None]] = field(default_factory=list)  # + gold, ours, row

    @property
    def accuracy(self) -> float:
        total = len(self.agreements) + len(self.disagreements)
        return len(self.agreements) / total if total else 1.0


def check_verdicts(
    gold: Gold,
    targets: list[dict],
    verdicts: dict[str, dict],
    settings: dict[str, float],
    results: list[dict] | None = None,
) -> VerdictCheck:
    """Compare the warehouse's verdicts with the status each gold pair implies.

    A pair's target is the gold target with its region, year, indicator and phrase; the warehouse target
    matched to it (by `match`, over every tier) carries the verdict compared."""
    gold_by_key = {(g["region"], int(g["year"]), g["indicator"], g["phrase"]): g for g in gold.targets}
    wanted = [
        gold_by_key.get((p["region"], int(p["year"]), p["indicator"], p["target_phrase"])) for p in gold.pairs
    ]
    m = match(targets, [g for g in wanted if g is not None], _indicator_id, unit_factor)
    ours_for = {id(g): row for row, g in m.pairs}
    outcomes = defaultdict(list)
    for o in gold.outcomes if results is None else results:
        outcomes[(o["region"], int(o["year"]), o["phrase"])].append(o)
    check = VerdictCheck()
    for pair, target in zip(gold.pairs, wanted, strict=True):
        candidates = outcomes.get((pair["region"], int(pair["year"]), pair.get("outcome_phrase")), [])
        same_kind = [o for o in candidates if target is not None and o["kind"] == target["kind"]]
        outcome = (same_kind or candidates or [None])[0]
        expected = gold_verdict(pair, target, outcome, settings["tol_points"], settings["tol_relative"])
        row = ours_for.get(id(target)) if target is not None else None
        verdict = verdicts.get(row["target_id"]) if row is not None else None
        got = verdict["status"] if verdict is not None else "not extracted"
        if got == expected:
            check.agreements.append((pair, got))
        else:
            check.disagreements.append((pair, expected, got, verdict))
    return check


def _indicator_id(name: str) -> str | None:
    from pledgetrack.extract.subjects import indicator_id

    return indicator_id(name)

"""Scoring against gold facts (the format of ../shared/gold, described in its README): `pledgetrack eval`.

A warehouse and a gold folder in, the text `eval` prints and a `Score` of each gold set out (`evaluate`):
- `gold`: the gold sets below a folder (targets.jsonl, outcomes.jsonl, pairs.jsonl);
- `matching`: predicted rows paired with gold rows (the rule in its docstring), precision and recall;
- `verdicts`: the warehouse's verdicts against the status each gold pair implies;
- `evaluate`: a set scored against the warehouse (only what it annotates), and the report of misses and
  false positives.
"""

from pledgetrack.scoring.evaluate import Score, evaluate, read_warehouse, score
from pledgetrack.scoring.gold import Gold, gold_sets, load_gold, read_jsonl
from pledgetrack.scoring.matching import Match, match
from pledgetrack.scoring.verdicts import VerdictCheck, check_verdicts, gold_verdict

__all__ = [
    "Gold",
    "Match",
    "Score",
    "VerdictCheck",
    "check_verdicts",
    "evaluate",
    "gold_sets",
    "gold_verdict",
    "load_gold",
    "match",
    "read_jsonl",
    "read_warehouse",
    "score",
]

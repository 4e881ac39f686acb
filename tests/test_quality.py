"""How well a warehouse of the whole corpus agrees with the hand-checked gold facts, per gold set: a ratchet.

Each gold set's figures (headline targets F1, results F1, verdict accuracy, and by `pledgetrack eval`
commitment precision too), as `pledgetrack eval` reads them (pledgetrack.scoring) and as the independent
scorer ../shared/tools/score.py reads them, may not fall below the floors in tests/quality_floor.json: the
figures of the last change that landed. A change that raises them records its figures with

    PLEDGETRACK_RATCHET=write .venv/bin/python -m pytest tests/test_quality.py

(floors only rise). A floor is lowered only by hand, with the reason recorded under "_lowered" in the same
file: where the gold sets disagree with each other, following one costs a figure of another. Issue 17
sets where the ratchet must end: targets F1 0.95, results F1 0.90 and verdicts 0.95 for every set
(`ACCEPTANCE`, checked on its own).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pledgetrack import scoring

FLOORS = Path(__file__).resolve().parent / "quality_floor.json"
FIGURES = ("targets_f1", "outcomes_f1", "verdicts", "commitments_p")


def _eval_figures(db: Path, gold_dir: Path) -> dict[str, dict[str, float]]:
    _, scores = scoring.evaluate(db, gold_dir)
    return {
        name: {
            "targets_f1": round(s.targets.f1, 3),
            "outcomes_f1": round(s.outcomes.f1, 3),
            "verdicts": round(s.verdicts.accuracy, 3) if s.verdicts else None,
            # only where the set annotates commitments (precision 1.0 of nothing is no figure)
            "commitments_p": round(s.commitments.precision, 3) if s.commitments.pairs else None,
        }
        for name, s in scores.items()
        if name != "overall"
    }


def _scorer_figures(db: Path, gold_dir: Path) -> dict[str, dict[str, float]]:
    scorer = gold_dir.parent / "tools" / "score.py"
    assert scorer.is_file(), f"the independent scorer is missing: {scorer}"
    figures = {}
    for name in scoring.gold_sets(gold_dir):
        out = subprocess.run(
            [sys.executable, str(scorer), "--db", str(db), "--gold", str(gold_dir / name), "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        result = json.loads(out)
        figures[name] = {
            "targets_f1": result["targets"]["f1"],
            "outcomes_f1": result["outcomes"]["f1"],
            "verdicts": result["verdicts"]["accuracy"] if result["verdicts"]["n"] else None,
        }
    return figures


@pytest.fixture(scope="module")
def measured(corpus_warehouse, gold_dir: Path) -> dict[str, dict[str, dict[str, float]]]:
    db, _ = corpus_warehouse
    return {"eval": _eval_figures(db, gold_dir), "score.py": _scorer_figures(db, gold_dir)}


# Issue 17's acceptance, for every gold set and by both scorers
ACCEPTANCE = {"targets_f1": 0.95, "outcomes_f1": 0.90, "verdicts": 0.95}


@pytest.mark.corpus
def test_every_gold_set_meets_the_acceptance_figures(measured) -> None:
    short = [
        f"{scorer} {name} {key}: {figures[key]} < {bar}"
        for scorer, sets in measured.items()
        for name, figures in sets.items()
        for key, bar in ACCEPTANCE.items()
        if figures.get(key) is not None and figures[key] < bar
    ]
    assert not short, "\n".join(short)


@pytest.mark.corpus
def test_no_gold_set_falls_below_its_floor(measured) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    print(json.dumps(measured, ensure_ascii=False, indent=1))  # shown with -s, and on failure
    if os.environ.get("PLEDGETRACK_RATCHET") == "write":
        for scorer, sets in measured.items():
            for name, figures in sets.items():
                floor = floors.setdefault(scorer, {}).setdefault(name, {})
                for key, value in figures.items():
                    if value is not None and (floor.get(key) is None or value > floor[key]):
                        floor[key] = value
        FLOORS.write_text(json.dumps(floors, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    fallen = []
    for scorer, sets in measured.items():
        for name, figures in sets.items():
            assert name in floors.get(scorer, {}), (
                f"gold set {name} has no floor yet: record it with PLEDGETRACK_RATCHET=write"
            )
            for key in FIGURES:
                floor, value = floors[scorer][name].get(key), figures.get(key)
                if floor is not None and (value is None or value < floor - 1e-9):
                    fallen.append(f"{scorer} {name} {key}: {value} < floor {floor}")
    assert not fallen, "\n".join(fallen)

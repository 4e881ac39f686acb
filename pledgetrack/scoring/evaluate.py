"""A warehouse scored against the gold: `evaluate(db, gold_dir)` → the text `pledgetrack eval` prints and the
`Score` of each gold set and of all of them together ('overall').

Only what a set annotates is scored (`score`): targets of the region-years it has targets for, results of the
region-years it has results for, commitments where it annotates commitments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pledgetrack.numbers import unit_factor
from pledgetrack.scoring.gold import Gold, gold_sets, load_gold
from pledgetrack.scoring.matching import Match, match
from pledgetrack.scoring.verdicts import VerdictCheck, check_verdicts


@dataclass
class Score:
    """One gold set (or all of them) against the warehouse."""

    targets: Match  # the headline tier, in the region-years whose targets the set annotates
    outcomes: Match  # headline results, in the region-years whose results the set annotates
    commitments: Match  # the commitment tier, where the set annotates commitments (see `score`)
    commitments_unscored: int  # predicted commitments the gold can neither confirm nor refute
    verdicts: VerdictCheck | None  # None when the set has no pairs

    def summary(self, name: str) -> list[str]:
        lines = [name]
        lines += ["  " + _line("targets (headline tier)", self.targets)]
        lines += ["  " + _line("outcomes", self.outcomes)]
        lines += [
            "  "
            + _line("commitments", self.commitments)
            + f"   ({self.commitments_unscored} not scored: outside the region-years or indicators the gold "
            "annotates commitments for)"
        ]
        if self.verdicts is not None:
            statuses: dict[str, int] = defaultdict(int)
            for _, status in self.verdicts.agreements:
                statuses[status] += 1
            total = len(self.verdicts.agreements) + len(self.verdicts.disagreements)
            lines.append(
                f"  {'verdicts (gold pairs)':<32} accuracy {self.verdicts.accuracy:5.3f}   "
                f"({len(self.verdicts.agreements)} of {total} agree: "
                + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
                + ")"
            )
        return lines


def _line(name: str, m: Match) -> str:
    return (
        f"{name:<32} P {m.precision:5.3f}  R {m.recall:5.3f}  F1 {m.f1:5.3f}   "
        f"(tp {len(m.pairs)}, fp {len(m.false_positives)}, fn {len(m.misses)})"
    )


def _region_years(rows: Iterable[dict]) -> set[tuple[str, int]]:
    return {(r["region"], int(r["year"])) for r in rows}


def score(
    gold: Gold,
    warehouse: dict,
    indicator_id: Callable[[str], str | None],
    results: list[dict] | None = None,
) -> Score:
    """A gold set against the warehouse's rows (`warehouse`: targets, outcomes, verdicts, settings).

    Only what the set annotates is scored: targets of the region-years it has targets for, results of the
    region-years it has results for, commitments of the region-years it annotates commitments in and of
    indicators the catalogue knows (the gold annotates commitments only for some indicators, so another
    commitment can be neither right nor wrong by it: it is counted as not scored). `results`: the gold
    results a pair's outcome phrase is looked up in (a set's last pairs are settled by the next set's
    report: the 2014 targets of national-2008-2014 by results annotated in national-2015-2019)."""
    headline = [g for g in gold.targets if g.get("tier", "headline") == "headline"]
    commitments = [g for g in gold.targets if g.get("tier") == "commitment"]
    target_years, outcome_years = _region_years(gold.targets), _region_years(gold.outcomes)
    commitment_years = _region_years(commitments)
    ours = warehouse["targets"]
    predicted_commitments = [
        r for r in ours if r["tier"] == "commitment" and (r["region"], int(r["year"])) in target_years
    ]
    commitment_match = match(
        [r for r in predicted_commitments if (r["region"], int(r["year"])) in commitment_years],
        commitments,
        indicator_id,
        unit_factor,
    )
    # the gold annotates commitments only for indicators of the kind that carry targets (deficits, jobs,
    # grain, trade …: the catalogue's); a commitment of any other indicator is neither right nor wrong by it
    outside = [r for r in commitment_match.false_positives if r.get("indicator_id") is None]
    commitment_match.false_positives = [r for r in commitment_match.false_positives if r not in outside]
    return Score(
        targets=match(
            [r for r in ours if r["tier"] == "headline" and (r["region"], int(r["year"])) in target_years],
            headline,
            indicator_id,
            unit_factor,
        ),
        outcomes=match(
            [r for r in warehouse["outcomes"] if (r["region"], int(r["year"])) in outcome_years],
            gold.outcomes,
            indicator_id,
            unit_factor,
        ),
        commitments=commitment_match,
        commitments_unscored=len(predicted_commitments)
        - len(commitment_match.pairs)
        - len(commitment_match.false_positives),
        verdicts=(
            check_verdicts(gold, ours, warehouse["verdicts"], warehouse["settings"], results)
            if gold.pairs
            else None
        ),
    )


def read_warehouse(db: Path) -> dict:
    """The rows scoring reads: targets (every tier), headline outcomes stated by reports, verdicts."""
    from pledgetrack.warehouse import store

    with store.connect(db, read_only=True) as con:
        targets = con.execute(
            "SELECT t.*, r.source_name AS source_file FROM targets t JOIN reports r USING (report_id)"
        ).df()
        outcomes = con.execute(
            "SELECT o.*, r.source_name AS source_file FROM outcomes o JOIN reports r USING (report_id) "
            "WHERE o.source = 'report' AND o.tier = 'headline'"
        ).df()
        verdicts = {row["target_id"]: row for row in _no_nan(con.execute("SELECT * FROM verdicts").df())}
        settings = dict(con.execute("SELECT name, value FROM verdict_settings").fetchall())
        [(details,)] = con.execute("SELECT count(*) FROM outcomes WHERE tier = 'detail'").fetchall()
    return {
        "targets": _records(targets),
        "outcomes": _records(outcomes),
        "verdicts": verdicts,
        "settings": settings,
        "detail_outcomes": details,
    }


def evaluate(db: Path, gold_dir: Path) -> tuple[str, dict[str, Score]]:
    """Compare the warehouse with the gold facts: the text `pledgetrack eval` prints, and the score of
    each gold set and of all of them together ('overall')."""
    from pledgetrack.extract.subjects import indicator_id

    sets = gold_sets(gold_dir)
    warehouse = read_warehouse(db)
    everything = load_gold(gold_dir)
    scores = {name: score(gold, warehouse, indicator_id, everything.outcomes) for name, gold in sets.items()}
    overall = scores["overall"] = score(everything, warehouse, indicator_id)

    lines: list[str] = []
    for name, m in (("targets (headline tier)", overall.targets), ("outcomes", overall.outcomes)):
        lines += ["", f"{name}: missed ({len(m.misses)})"]
        lines += ["  " + _row(r) for r in sorted(m.misses, key=lambda r: (r.get("source", ""), r["year"]))]
        lines += ["", f"{name}: false positives ({len(m.false_positives)})"]
        lines += [
            "  " + _row(r) for r in sorted(m.false_positives, key=lambda r: (r.get("source", ""), r["year"]))
        ]
    lines += ["", f"commitments: not in the gold ({len(overall.commitments.false_positives)})"]
    lines += ["  " + _row(r) for r in overall.commitments.false_positives]
    if overall.verdicts is not None:
        lines += ["", f"verdicts: disagreements with the gold pairs ({len(overall.verdicts.disagreements)})"]
        for pair, expected, got, verdict in overall.verdicts.disagreements:
            settled_by = (
                f" by «{verdict['outcome_phrase']}»" if verdict and verdict.get("outcome_phrase") else ""
            )
            lines.append(
                f"  {pair['region']} {pair['year']}  {pair['indicator']}  «{pair['target_phrase']}»: "
                f"gold {expected}, warehouse {got}{settled_by}"
            )
    if warehouse["detail_outcomes"]:
        lines += [
            "",
            f"({warehouse['detail_outcomes']} detail-tier outcomes not scored: the gold annotates results of "
            "indicators that carry targets; detail rows exist to settle commitments)",
        ]
    # the summaries last, where a reader of the last lines (a log tail, a hook) finds them
    for name, s in scores.items():
        lines += [""] + s.summary(name)
    return "\n".join(lines).lstrip("\n"), scores


def _row(row: dict) -> str:
    value = "" if row.get("value") is None else f" {row['value']:g}{row.get('unit') or ''}"
    where = f"{row.get('source', '?')}  {row['year']}"
    return f"{where}  {row['indicator']} [{row['kind']}{value}]  «{row['phrase']}»"


def _no_nan(df) -> list[dict]:
    rows = df.to_dict("records")
    for row in rows:
        for key, value in row.items():
            if isinstance(value, float) and value != value:  # NaN from DuckDB NULLs
                row[key] = None
    return rows


def _records(df) -> list[dict]:
    rows = _no_nan(df)
    for row in rows:
        row["source"] = row.pop("source_file")  # the report file, as gold rows name it
    return rows

"""Scoring against gold facts (the format of ../shared/gold, described in its README).

A predicted row matches a gold row when region, year and kind are equal, the values are equal (in base
units when both units convert: 1100万人 == 11000000人; both None for qualitative rows), and the indicators
are compatible: the same catalogue id, or one name contains the other ('区级一般公共预算收入' and
'一般公共预算收入' are compatible only if the catalogue does not tell them apart). Each gold row is matched
at most once; among candidates the one with the same indicator id wins, then the nearest phrase.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pledgetrack.numbers import unit_factor


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}, line {number}: not JSON ({error.msg})") from None
    return rows


@dataclass
class Gold:
    targets: list[dict] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    pairs: list[dict] = field(default_factory=list)


def load_gold(directory: Path) -> Gold:
    """Every targets/outcomes/pairs.jsonl below the gold folder: its gold sets together."""
    sets = gold_sets(directory).values()
    return Gold(*(sum((getattr(g, name) for g in sets), []) for name in ("targets", "outcomes", "pairs")))


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


def _line(name: str, m: Match) -> str:
    return (
        f"{name:<32} P {m.precision:5.3f}  R {m.recall:5.3f}  F1 {m.f1:5.3f}   "
        f"(tp {len(m.pairs)}, fp {len(m.false_positives)}, fn {len(m.misses)})"
    )


def _row(row: dict) -> str:
    value = "" if row.get("value") is None else f" {row['value']:g}{row.get('unit') or ''}"
    where = f"{row.get('source', '?')}  {row['year']}"
    return f"{where}  {row['indicator']} [{row['kind']}{value}]  «{row['phrase']}»"


def gold_sets(directory: Path) -> dict[str, Gold]:
    """Each gold set below `directory` by name: a folder that holds targets/outcomes/pairs.jsonl itself
    ("national-2008-2014"); `directory` alone when it is such a folder."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"gold folder {directory} not found")
    folders = sorted(
        {p.parent for name in ("targets", "outcomes", "pairs") for p in directory.rglob(f"{name}.jsonl")}
    )
    if not folders:
        raise ValueError(f"no targets.jsonl or outcomes.jsonl below {directory}")
    sets = {}
    for folder in folders:
        gold = Gold()
        for name in ("targets", "outcomes", "pairs"):
            if (folder / f"{name}.jsonl").is_file():
                getattr(gold, name).extend(read_jsonl(folder / f"{name}.jsonl"))
        sets[folder.relative_to(directory).as_posix() if folder != directory else directory.name] = gold
    return sets


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

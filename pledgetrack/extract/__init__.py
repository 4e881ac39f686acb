"""Targets and results read off a parsed government work report (政府工作报告).

Pure functions over `ParsedReport` (no I/O beyond the cached indicator and region catalogues):

- `extract_targets(report)` → `TargetRow`s: the headline targets of the report's year (tier 'headline': the
  items of the "主要预期目标是：" paragraph, or in older reports the sentences of the plan that state this
  year's 预期目标) and the other quantified plans of the year (tier 'commitment').
- `extract_outcomes(report)` → `OutcomeRow`s: the results the review section states for the review year,
  including explicit attainment statements ("完成年度目标的128.4%", "国际收支基本平衡", "全部完成").
- `lookup.look_up(targets, follow-up text, spans, catalogue, …)` → one `lookup.Evidence` per target: what the
  follow-up report's review says after a name of the target's indicator (run in the judge stage, once a
  target's follow-up is loaded).

The rules follow the register of these documents, not particular sentences. Each module holds one step and
states its rules, numbered as one list across the modules:
- `spans`: the text cut into sections, paragraphs, sentences and clauses, phrases trimmed (rule 1);
- `facts`: the quantities of a clause turned into facts: quantity, kind, lists (rules 2, 4, 5);
- `subjects`: the indicator a quantity is about, its name cleaned, and the catalogue's id for a name
  (`indicator_id`, `compatible`) (rule 3);
- `targets`: `extract_targets`, the headline list and the older reports' scattered targets (rule 6);
- `aims`: the clauses of the list without a number, qualitative and relative targets (rule 7);
- `commitments`: the quantified plans of the year besides the list (rule 8);
- `rows`: `TargetRow`, `OutcomeRow`, a fact made a row; a target's direction (rule 9);
- `relevance`: which results are the year's and which carry targets (rule 10);
- `review`: a review in its parts, the year's and a five-year period's (rule 11);
- `statements`: results stated without a figure, attainment statements and states (rule 12);
- `results`: `extract_outcomes`, a review read sentence by sentence with the modules above;
- `attainment`: the words that say a target was met or missed, for the statements and the lookup alike;
- `lookup` (a package): results looked up for each target in its follow-up's review (rules 13 to 19).
"""

from pledgetrack.extract.facts import find_quantities
from pledgetrack.extract.results import extract_outcomes
from pledgetrack.extract.rows import OutcomeRow, TargetRow
from pledgetrack.extract.subjects import compatible, indicator_id
from pledgetrack.extract.targets import extract_targets

__all__ = [
    "OutcomeRow",
    "TargetRow",
    "compatible",
    "extract_outcomes",
    "extract_targets",
    "find_quantities",
    "indicator_id",
]

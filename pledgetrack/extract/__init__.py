"""Targets and results read off a parsed government work report (政府工作报告).

Pure functions over `ParsedReport` (no I/O beyond the cached indicator catalogue):

- `extract_targets(report)` → `TargetRow`s: the headline targets of the report's year (tier 'headline': the
  items of the "主要预期目标是：" paragraph, or in older reports the sentences of the plan that state this
  year's 预期目标) and the other quantified plans of the year (tier 'commitment').
- `extract_outcomes(report)` → `OutcomeRow`s: the results the review section states for the review year,
  including explicit attainment statements ("完成年度目标的128.4%", "国际收支基本平衡", "全部完成").

The rules follow the register of these documents, not particular sentences. Each module holds one step of
extraction, and states its rules (numbered as one list across them):
- `spans`: the text cut into sections, paragraphs, sentences and clauses, phrases trimmed (rule 1);
- `facts`: the quantities of a span turned into facts: indicator, kind, lists (rules 2, 3, 4, 6), and the
  catalogue's names (`indicator_id`, `compatible`);
- `targets`: `extract_targets` and what only it reads (rules 8, 9);
- `results`: `extract_outcomes` and what only it reads (rules 5, 7);
- `lookup`: results by looking for them, once a target's follow-up report is loaded: for each target, what
  the follow-up's review says after a name of its indicator (`look_up`, its rules in its docstring).
"""

from pledgetrack.extract.facts import compatible, find_quantities, indicator_id
from pledgetrack.extract.results import OutcomeRow, extract_outcomes
from pledgetrack.extract.targets import TargetRow, extract_targets

__all__ = [
    "OutcomeRow",
    "TargetRow",
    "compatible",
    "extract_outcomes",
    "extract_targets",
    "find_quantities",
    "indicator_id",
]

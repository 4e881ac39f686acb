"""Results by looking for them: what the follow-up report's review says about each target of last year.

Extraction (`pledgetrack.extract.extract_outcomes`) reads every result the review states and files it under
the name it finds in front of the figure; a target is then judged by an outcome filed under its indicator.
That misses results written the way the register writes them when it looks back: "城镇调查失业率平均为5.2%",
"粮食产量…突破1.2万亿斤", "能耗强度下降4.8%" for a target named 能源消耗强度, "中央财政用于“三农”的投入
5955亿元" for "中央财政安排“三农”支出". Here the question is asked the other way round: for each target,
where does the review name its indicator, and what comparable figure, statement or state follows the name?

`look_up(targets, text, review_spans, catalogue, review_year, own_spans, period_spans)` is pure (text in,
`Evidence` out), one `Evidence` per target, in order; `follow_up_spans` gives the three kinds of span from a
follow-up's sections. The rules state facts of the register; each module states its own, numbered on from
extraction's (`pledgetrack.extract`):
- `names`: the names a target is searched by (rules 13, 17c);
- `levels`: lists qualified by levels of government, and a government's own area (rule 15b);
- `mentions`: where the names stand in the follow-up, and which mentions can speak of last year (rules 14,
  17d);
- `figures`: the figure after a mention, and whether it settles the target (rules 15, 15c, 16, 17b);
- `statements`: a statement or a state after a mention (rule 17);
- `relative`: what settles a relative target (rule 19);
- `plain`: a target's mentions read in turn, the first thing that settles it kept;
- `search`: `look_up` and `look_up_one` (a target in a `FollowUp`: the follow-up's text, spans and year),
  a relative target to `relative` first;
- `evidence`: `Evidence`, what was found or why nothing was (rule 18).
"""

from pledgetrack.extract.lookup.evidence import FOUND, REASONS, Evidence
from pledgetrack.extract.lookup.mentions import FollowUp, follow_up_spans
from pledgetrack.extract.lookup.relative import REFERENCE_KINDS, reference_kind, reference_region
from pledgetrack.extract.lookup.search import look_up, look_up_one

__all__ = [
    "FOUND",
    "REASONS",
    "REFERENCE_KINDS",
    "Evidence",
    "FollowUp",
    "follow_up_spans",
    "look_up",
    "look_up_one",
    "reference_kind",
    "reference_region",
]

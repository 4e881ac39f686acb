"""The figure after a mention of a target's indicator, and whether it settles the target.

15. After a mention, within its sentence, the first figure of the same kind is the result: words may stand
    between ("平均为", "基本建成", "实际"), another indicator's name may not (the figure after it is that
    indicator's). Growth ↔ growth, reduction ↔ reduction (下降X% settles a growth target as −X, and the
    reverse), level ↔ level in a convertible unit (亿元 ↔ 万元), rate ↔ rate. A sign survives ("增长-6.5%").
    Figures of several years (年均, 累计, 五年, “十三五”; but "连续两年增长10%以上" is a bound every year of
    the run met, this one too), of another year ("从2009年的2.8%降到去年的1.5%" keeps 1.5), and increments
    of a level ("增加2000亿元" for a level target) are passed over. A target whose phrase names an action
    (基本建成, 新开工, 改造 …) takes the figure after the same action when the sentence has one ("新开工630万
    套、基本建成470万套"). A count leading the name is its count ("8个省市重点项目全部开工"; for a target
    naming an action, only where the clause names it: "16个老旧小区完成改造"), and a planned amount ("年度
    计划投资") is settled by the share of the plan done ("投资完成率达到131.2%", a ratio). Things are counted
    in 个, 项 or 件 alike; a bare 万 of people is 万人 ("减少1240万").
15c. A name its figures are shared out over ("城乡居民人均可支配收入分别达到…", or "达到X元、Y元") gives its
    members' figures, never its own; a target cut from a group's phrase ("城乡居民人均可支配收入增长6.5%"
    gives a 城镇 and a 农村 target) is held to the group's one figure ("城乡居民人均可支配收入…增长6%").
16. A threshold crossed ("突破1.2万亿斤", "降幅超过3%") is a bound, used only when it settles the target
    whatever the exact value is (a floor target below the threshold crossed is kept).
17b. A qualitative target asking for a direction (增长; 减少/下降; 向好/改善/回稳 of a floor or ceiling
    indicator) takes the first figure after its name for its polarity (rule qualitative_by_figure):
    "进出口回稳向好" ← "进出口增长14.2%" positive, ← "进出口下降2.5%" or "增长-6.5%" negative, ← "货物进出口
    总额超过30万亿元" positive (a threshold crossed upwards; a plain level says nothing of a direction);
    "主要污染物排放继续减少" ← "…下降5.6%" positive. A group is spoken of by its members (the catalogue's
    `parts`: 主要污染物 by 二氧化硫, 氮氧化物 …): their names are mentions of the target, and places to read a
    figure for such a qualitative target only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from pledgetrack import numbers
from pledgetrack.extract.facts import (
    CHANGED_TO,
    GROWTH_VERBS,
    REDUCTION_VERBS,
    RUN_OF_YEARS,
    SEVERAL_YEARS,
    find_quantities,
    people_unit,
)
from pledgetrack.extract.lookup.evidence import Evidence, found_at
from pledgetrack.extract.lookup.levels import LEVEL_QUALIFIER
from pledgetrack.extract.lookup.mentions import AIM, CLAUSE_MARK, THIS_YEAR, clause_stop, sentence_start

# The words read around a figure after a mention (rule 15: `read_figures`, `_kind`), by name.
_PATTERNS = {
    # "连续两年增长10%以上": a bound every year of the run met
    "each_year": re.compile(r"连续[两三四五六七八九十\d]+年(?:均|都)?(?:增长|增加|提高|上涨)了?$"),
    # the verb before a change: a growth, a reduction
    "growth_lead": re.compile(rf"(?:{GROWTH_VERBS})(?:了|达到|为|达)?$"),
    "reduction_lead": re.compile(rf"(?:{REDUCTION_VERBS})(?:了|达到|为|达)?$"),
    # "从2.8%降到1.5%": the figure after 从/由 is where it started
    "from": re.compile(r"(?:从|由)[^，；。]{0,12}$"),
    # the year a figure is of, or compared with ("比2002年增长65.5%"), and the words of a year before it
    "other_year": re.compile(r"(\d{4})年(?:底|末)?的?$"),
    "base_year": re.compile(r"(?:比|较|同)(\d{4})年"),
    "year_words": re.compile(r"(?:去年|上年|当年|\d{4}年)(?:底|末)?的?$"),
    # "预计": an estimate, not the final figure
    "estimate": re.compile(r"预计"),
    # the target restated before or after its figure ("没有实现年初确定的…降低4%左右…的目标")
    "restated_before": re.compile(r"(?:确定|提出|下达|制定)的|预期目标|目标(?:是|为)"),
    "restated_after": re.compile(r"[^，；。]{0,16}?的?(?:预期)?(?:目标|指标)"),
    # what a clause without a subject of its own says before its figure: it speaks of the name before it
    # ("国内生产总值达到67.7万亿元，增长6.9%", "新开工保障性安居工程666万套，基本建成544万套")
    "carried_lead": re.compile(
        r"(?:全年|当年|去年|预计全年|预计|其中|同比|同口径|可比|比上年|比去年|较上年|实际|名义|分别|平均|年末|年底|均|也|又|再|转为|转|"
        r"基本建成|新开工|开工|建成|竣工|完成|实现|达到|达|为|是|突破|超过|增长|增加|上涨|上升|提高|下降|降低|减少|"
        r"回落|降|升|到|至|了|在|稳定在|保持在|控制在)*$"
    ),
}
# counters of things: a list of projects or works is counted in 个, 项 or 件 alike ("重点项目60项" ← "52个")
_ITEM_COUNTERS = frozenset(("个", "项", "件"))


@dataclass(frozen=True)
class Figure:
    kind: str  # growth | reduction | level | rate | change (an increment of a level)
    value: float
    unit: str
    bound: str | None
    start: int
    end: int
    estimated: bool


def figure_evidence(
    text: str,
    figure: Figure,
    name: str,
    mention: tuple[int, int],
    span: tuple[int, int],
    attainment: str | None = None,
) -> Evidence:
    """Evidence of a figure read at a mention of `name`; the phrase quoted is text[span]."""
    return found_at(
        text,
        name,
        span,
        mention,
        found="figure",
        kind=figure.kind,
        value=figure.value,
        unit=figure.unit,
        bound=figure.bound,
        attainment=attainment,
        estimated=figure.estimated,
    )


def read_figures(
    text: str,
    mention_end: int,
    stop: int,
    review_year: int | None,
    action: str | None,
    name: str = "",
) -> list[Figure]:
    """The figures of text[mention_end:stop] a result can be read from, left to right (`name`, the name
    found before them, tells a bare 万 of people: `facts.people_unit`)."""
    out: list[Figure] = []
    quantities = find_quantities(text, mention_end, stop)
    if not quantities:
        return out
    sentence = sentence_start(text, mention_end)
    mention_clause = max([sentence, *(m.end() for m in CLAUSE_MARK.finditer(text, sentence, mention_end))])
    carried_clause = mention_end  # the clause whose lead was read: its later figures follow its first
    for i, q in enumerate(quantities):
        clause_start = max(
            [mention_end, *(m.end() for m in CLAUSE_MARK.finditer(text, mention_end, q.start))]
        )
        before = text[clause_start : q.start]
        if clause_start > carried_clause:
            if not _PATTERNS["carried_lead"].match(before):
                break  # a later clause with a subject of its own: its figures are its subject's
            carried_clause = clause_start  # "比上年增长29.2%和39.4%": both figures carried
        # "连续两年增长10%以上": each year of the run, this one too, grew by at least that (a bound)
        each_year = q.comparator == "at_least" and (
            _PATTERNS["each_year"].search(text, clause_start, q.start) is not None
        )
        clause_end = clause_stop(text, q.end, stop)
        several = SEVERAL_YEARS.search(text, clause_start, clause_end) or RUN_OF_YEARS.search(
            text, clause_start, q.start
        )
        if several and not each_year:
            continue  # "年均增长11.2%" (the mention's own clause, "累计新增…", is read by the caller)
        year = _PATTERNS["other_year"].search(text, clause_start, q.start)
        if year and review_year is not None and int(year.group(1)) != review_year:
            continue
        base = _PATTERNS["base_year"].search(text, clause_start, q.start)
        if base and review_year is not None and int(base.group(1)) != review_year - 1:
            continue  # "比2002年增长65.5%": a change over several years
        restated_after = _PATTERNS["restated_after"].match(text, q.end, clause_stop(text, q.end, stop))
        if _PATTERNS["restated_before"].search(text, mention_clause, q.start) or restated_after:
            continue  # "没有实现年初确定的…降低4%左右…的目标": the target restated, not the result
        if AIM.search(text, mention_clause, q.start) or (
            q.comparator in ("approx", "at_least", "at_most") and THIS_YEAR.search(text, sentence, q.start)
        ):
            continue  # "今年…增长5%左右", "要…", "力争…": an aim of this year, no result of the last
        if _PATTERNS["from"].search(before) and i + 1 < len(quantities):
            continue  # "从2.8%降到1.5%": the later figure is the year's
        if q.comparator == "range" or q.unit in ("倍",):
            continue
        if action is not None:
            # the sentence names this target's action: only the figure right after it
            lead = text[max(mention_end, q.start - 8) : q.start]
            if action in text[mention_end:stop] and action not in lead:
                continue
        value = q.value
        if q.start > 0 and text[q.start - 1] in "-−－" and (q.start < 2 or not text[q.start - 2].isdigit()):
            value = -value  # "增长-6.5%"
        kind = _kind(q.unit, before)
        bound = q.comparator if q.comparator in ("at_least", "at_most") else None
        estimated = _PATTERNS["estimate"].search(text, sentence_start(text, mention_end), q.start) is not None
        unit = people_unit(q.unit, name) if name else q.unit
        out.append(Figure(kind, value, unit, bound, q.start, q.end, estimated))
    return out


def _kind(unit: str, before: str) -> str:
    before = _PATTERNS["year_words"].sub("", before).rstrip("-−－")  # "增长-6.5%": the sign is the value's
    lead = re.sub(
        r"(?:比上年|比去年|较上年|同比|同口径|可比|实际|名义|分别|平均|均|全年|了|约|近|超过|突破|达到|达|为|在)+$",
        "",
        before,
    )
    if unit in ("%", "‰"):
        if "涨幅" in before or "增速" in before or "增幅" in before:
            return "growth"  # "涨幅回落到2.6%": the growth rate itself, wherever it moved
        if CHANGED_TO.search(lead) or CHANGED_TO.search(before):
            return "rate"  # "降到1.5%": a level of the rate, not a change
        if _PATTERNS["growth_lead"].search(lead):
            return "growth"
        if _PATTERNS["reduction_lead"].search(lead) or "降幅" in before:
            return "reduction"
        return "rate"
    if _PATTERNS["growth_lead"].search(lead) or _PATTERNS["reduction_lead"].search(lead):
        return "change"
    return "level"


def comparable(target: Mapping[str, Any], figure: Figure) -> bool:
    """Can this figure settle this target (same kind, convertible unit)?"""
    kind, unit = target.get("kind"), target.get("unit")
    if kind in ("growth", "reduction"):
        return figure.kind in ("growth", "reduction") and figure.unit == "%" and unit == "%"
    if kind == "rate":
        return figure.kind == "rate" and figure.unit == unit
    if kind == "level" and unit:
        base = numbers.unit_factor(unit)[0]
        of_figure = numbers.unit_factor(figure.unit)[0]
        items = {base, of_figure} <= _ITEM_COUNTERS
        return figure.kind == "level" and (of_figure == base or items)
    return False


def settles(target: Mapping[str, Any], figure: Figure) -> bool:
    """A bound settles a target only when every value it allows gives the same verdict (at no tolerance);
    a plain figure always does."""
    if figure.bound is None:
        return True
    value, direction = target.get("value"), target.get("direction") or "floor"
    if value is None:
        return False
    actual = figure.value * numbers.unit_factor(figure.unit)[1] / numbers.unit_factor(target["unit"])[1]
    if figure.kind != target.get("kind") and figure.kind in ("growth", "reduction"):
        actual = -actual  # a bound on a 下降 is the opposite bound on the growth
        flipped = {"at_least": "at_most", "at_most": "at_least"}[figure.bound]
    else:
        flipped = figure.bound
    high = target.get("value_high") if target.get("comparator") == "range" else None
    if direction == "floor":
        return flipped == "at_least" and actual >= value
    return flipped == "at_most" and actual <= (high if high is not None else value)


def figure_moved(figure: Figure, wants: str) -> str | None:
    """Which way a figure says its indicator moved: 'up', 'down', or None when it does not say.

    A growth or reduction says so by its sign ("增长-6.5%" is down, "下降5.6%" is down). A level says nothing
    of a change, except a threshold crossed upwards ("货物进出口总额超过30万亿元", a new high) for a target
    that asks for more; a rate or an increment is not read."""
    if figure.kind in ("growth", "reduction") and figure.value != 0:
        up = (figure.value > 0) == (figure.kind == "growth")
        return "up" if up else "down"
    if figure.kind == "level" and figure.bound == "at_least" and wants == "up":
        return "up"
    return None


def count_before(text: str, clause: int, start: int) -> Figure | None:
    """The count leading the name at `start` in its clause, levels qualifying it between ("8个省市重点项目"),
    as a level; None when no quantity ends right there ("总投资30亿元的重点项目": the projects' money)."""
    qualifier = LEVEL_QUALIFIER.search(text, max(clause, start - 6), start)
    lead = qualifier.start() if qualifier is not None else start
    counts = [q for q in find_quantities(text, clause, lead) if q.end == lead and q.unit not in ("%", "‰")]
    if not counts or counts[-1].comparator == "range":
        return None
    q = counts[-1]
    bound = q.comparator if q.comparator in ("at_least", "at_most") else None
    return Figure("level", q.value, q.unit, bound, q.start, q.end, False)


def figures_listed(text: str, figures: list[Figure]) -> bool:
    """Do the first two figures after a name make a list ("达到36000元、17000元")? Then they are its
    members'."""
    if len(figures) < 2:
        return False
    first, second = figures[0], figures[1]
    return _base_unit(first) == _base_unit(second) and text[first.end : second.start] in ("、", "和")


def of_member(figures: list[Figure], k: int, n: int) -> list[Figure]:
    """The k-th figure of each run of n figures in one unit (the levels, then their growths), of the kind of
    the run's first ("分别下降5.6%和4%": 4% is a fall too)."""
    out: list[Figure] = []
    i = 0
    while i < len(figures):
        j = i
        while j + 1 < len(figures) and _base_unit(figures[j + 1]) == _base_unit(figures[i]):
            j += 1
        if j - i + 1 == n:
            out.append(replace(figures[i + k], kind=figures[i].kind))
        i = j + 1
    return out


def _base_unit(figure: Figure) -> str:
    return numbers.unit_factor(figure.unit)[0]


def figures_before(figures: list[Figure], pos: int) -> bool:
    """Does a figure of `figures` stand before `pos`?"""
    return any(f.start < pos for f in figures)

"""Where a report's headline targets are: its paragraphs in, the span of the paragraphs that state this
year's targets (one span a report) and the spans of five-year goals kept apart (see `sections`' docstring
for the rules); and, inside a targets section, the cue that opens the year's list (`headline_lead`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pledgetrack.grammar import NUMERAL, PARAGRAPH, SENTENCE_OR_SEMICOLON, guarded
from pledgetrack.numbers import UNIT

# a sentence, or a ；-item of a list: each is read alone for a this-year target
_SENTENCE = re.compile(f"[^{SENTENCE_OR_SEMICOLON}]+[{SENTENCE_OR_SEMICOLON}]?")

# The headline cue: "(今年…经济社会发展的)主要预期目标是：", "…主要预期目标建议为：", "奋斗目标是：",
# "预定目标是：". A cue without 预期 opens the year's targets only when its lead names the economy or the
# year, or the list after it holds this year's aims (so "投资体制改革的主要目标是：" opens none).
HEADLINE_CUE = guarded(
    r"((?:主要|预期|奋斗|发展){0,2}(?:目标|指标))(?:[^，。；：]{0,6}?(?:是|为|如下)[：，]|：)"
)
_ECONOMY = re.compile(r"经济和?社会")  # 经济社会发展, (国民)经济和社会发展
# A this-year target stated outside (or instead of) the headline paragraph: "今年经济增长预期目标为7%左右",
# "今年的预期目标是，新增城镇就业900万人", "今年进出口总额预期增长7.5%左右", "今年能源消耗强度要降低3.9%以上".
_THIS_YEAR_TARGET = re.compile(
    rf"今年[^{SENTENCE_OR_SEMICOLON}]{{0,30}}?(?:预期目标|预期增长|预期|目标(?:为|是|定为)|要(?:降低|下降|减少|削减))"
    rf"[^{SENTENCE_OR_SEMICOLON}]{{0,60}}?[0-9]"
)
# Instruments, not outcomes: money supply, credit, deficits and bond issues are commitments, not headline
# targets (fiscal REVENUE is a headline indicator of district reports, so 财政/预算 are not in this list).
_INSTRUMENT = re.compile(r"货币|M2|信贷|贷款|赤字|国债|债券|预算内投资|拟安排")
# Multi-year goals (十五, 十一五, 今后五年, 年均) are never this year's targets.
_MULTI_YEAR = re.compile(
    r"五年|十[一二三四五六七八九]?五|规划|纲要|今后|期间|年均|本届|换届|到(?:19|20)[0-9]{2}年|(?:19|20)[0-9]{2}年?[-—至到]"
)
# Within a targets paragraph: a clause that aims at a figure this year, and one that spans several years.
_AIM = re.compile(r"[0-9](?:\.[0-9]+)?(?:%|‰|[万亿千元人户个项吨斤]{1,3})?(?:左右|以上|以内|以下)|增长[0-9]")
_SPAN = re.compile(r"年均(?!浓度)|到(?:19|20)[0-9]{2}年|十[一二三四五六七八九]?五")
_LIST_ITEM = re.compile(rf"^(?:——|[（(][{NUMERAL}0-9]{{1,2}}[)）]|[0-9]{{1,2}}[、.](?![0-9])|[{NUMERAL}]是)")
# a figure with its unit (numbers.UNIT)
_QUANTITY_UNIT = re.compile(rf"[0-9](?:\.[0-9]+)?{UNIT}")


def _sentences(text: str) -> Iterator[str]:
    return (m.group() for m in _SENTENCE.finditer(text))


def _goals_at(
    paras: list[str], i: int, stop: int, year: int | None
) -> tuple[str | None, int, re.Match[str] | None]:
    """Does paragraph i open a list of goals, and whose: 'year' (this year's headline targets), 'period'
    (a five-year plan's indicators), None; the last paragraph of the list; the cue."""
    text = paras[i]
    for m in HEADLINE_CUE.finditer(text):
        clause_start = max(text.rfind(c, 0, m.start()) for c in SENTENCE_OR_SEMICOLON) + 1
        lead = text[clause_start : m.start()]
        if "去年" in lead or "上年" in lead:
            continue  # last year's goals, restated in the review
        last = _list_end(paras, i, stop, m.end() == len(text))
        aims = _aims(text[m.end() :] + "".join(paras[i + 1 : last + 1]))
        if _MULTI_YEAR.search(lead) or aims < 0:
            return "period", last, m  # "“十五五”时期…主要目标是：…年均增长5%"
        named = "预期" in m.group(1) or _ECONOMY.search(lead) or "今年" in lead or f"{year}年" in lead
        if named or aims >= 2:
            return "year", last, m
    return None, i, None


def headline_lead(text: str, start: int, end: int, year: int | None) -> tuple[int, int] | None:
    """Where, in text[start:end] (a targets section), the cue that opens this year's headline list is: the
    (start, end) offsets of "主要预期目标是：", by the rules the section was chosen by; None without one."""
    matches = list(PARAGRAPH.finditer(text, start, end))
    paras = [m.group() for m in matches]
    for i, para in enumerate(matches):
        if "目标" in paras[i] or "指标" in paras[i]:
            whose, _, cue = _goals_at(paras, i, len(paras), year)
            if whose == "year" and cue is not None:
                return para.start() + cue.start(), para.start() + cue.end()
    return None


def _states_this_year_target(text: str) -> bool:
    if "今年" not in text:  # the pattern starts with it: most paragraphs need no splitting into sentences
        return False
    return any(
        _THIS_YEAR_TARGET.search(s) and not _MULTI_YEAR.search(s) and not _INSTRUMENT.search(s)
        for s in _sentences(text)
    )


def _aims(text: str) -> int:
    """This year's aims a list holds less its clauses of several years: what makes it the year's targets."""
    score = 0
    for clause in re.split("[，；。]", text):
        if _SPAN.search(clause):
            score -= 1
        elif _AIM.search(clause):
            score += 1
    return score


def find_targets(
    paras: list[str], year: int | None, begin: int, stop: int
) -> tuple[tuple[int, int, str] | None, list[tuple[int, int]]]:
    """(first, stop, found_by) paragraph indices of the headline targets (exactly one span per report), and
    the (first, stop) spans of five-year goals kept apart."""
    # this year's targets stated anywhere in the plan ("今年经济增长预期目标为7%左右") belong to the span
    stated = [i for i in range(begin, stop) if _states_this_year_target(paras[i])]
    # every paragraph with the cue is a candidate, the plan's and the opening address's alike; each is read
    # with the list its colon introduces
    candidates = []
    goals = []
    for i in range(0, stop):
        if "目标" not in paras[i] and "指标" not in paras[i]:
            continue
        whose, last, _ = _goals_at(paras, i, stop, year)
        if whose == "period":
            goals.append((i, last + 1))  # the indicators of a five-year plan (年均增长, 到2030年)
        elif whose == "year":
            aims = _aims("".join(paras[i : last + 1]))
            candidates.append((aims + (2 if i >= begin else 0), -i, last))
    if candidates:
        _, neg_first, last = max(candidates)
        first = -neg_first
        near = [s for s in stated if s >= begin]
        return (min([first, *near]), max([last, *near]) + 1, "marker"), goals
    if stated:
        return (stated[0], stated[-1] + 1, "marker"), goals
    figures = next((i for i in range(begin, stop) if _states_this_year_figure(paras[i], year)), None)
    if figures is not None:
        return (figures, figures + 1, "fallback"), goals
    return None, goals  # no target of this year stated (a transition report may set only five-year goals)


def _list_end(paras: list[str], first: int, stop: int, opens_list: bool = True) -> int:
    """The last paragraph of the list the headline's colon introduces ("主要预期目标是：" then the items):
    while a paragraph ends with ；，, or the first ends with the cue's colon, or the next is a list item."""
    last = first
    while last + 1 < stop and (
        paras[last][-1] in "；，"
        or (last == first and opens_list and paras[last][-1] == "：")
        or (last > first and _LIST_ITEM.match(paras[last + 1]))
    ):
        last += 1
    return last


def _states_this_year_figure(text: str, year: int | None) -> bool:
    """A paragraph of the plan that gives a figure for this year (older reports without headline targets)."""
    markers = ("今年", f"{year}年") if year else ("今年",)
    if not any(m in text for m in markers):
        return False
    return any(_QUANTITY_UNIT.search(s) and not _MULTI_YEAR.search(s) for s in _sentences(text))

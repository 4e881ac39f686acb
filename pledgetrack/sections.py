"""The parts of a report, as character spans of its normalized text.

Kinds: 'front' (title, date line, speaker, salutation), 'review' (last year, or the last five years in a
换届 report), 'plan' (this year's work), 'targets' (the headline targets; always inside 'plan'),
'glossary' (the appendix of terms, which extraction must skip). Sections are found from the register of
the reports: numbered top-level headings ("一、2017年工作回顾", "二、2018年主要任务"), the
headline-targets sentence ("…主要预期目标是：") and the glossary heading ("《政府工作报告》名词解释").
`method` says how each was found: 'heading', 'marker' (an opening phrase or the targets sentence) or
'fallback' (targets of a report that states no headline targets: its first paragraph giving this year's
figures, else the whole plan).

The targets span: the paragraph with the headline sentence (plus the list its colon introduces, for
"…预期目标是：" followed by the items), widened to every paragraph of the plan that states a target for this
year ("今年经济增长预期目标为7%左右", "今年进出口总额预期增长7.5%左右"), because the span must hold every
headline target and is one span. Multi-year goals (十五, 今后五年, 年均) and instruments (M2, deficits,
bonds) never count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pledgetrack.grammar import (
    HEADING_MAX,
    NUMERAL,
    PARAGRAPH,
    SENTENCE_END,
    SENTENCE_OR_SEMICOLON,
    TOP_HEADING,
)
from pledgetrack.model import Section

# a sentence, or a ；-item of a list: each is read alone for a this-year target
_SENTENCE = re.compile(f"[^{SENTENCE_OR_SEMICOLON}]+[{SENTENCE_OR_SEMICOLON}]?")
_SENTENCE_END = re.compile(f"[{SENTENCE_END}]")
_YEAR = re.compile(r"([12][0-9]{3})年")

# ---------------------------------------------------------------- headings
_REVIEW_WORDS = re.compile(
    r"回顾|过去(?:的)?(?:一|五)?年|一年来|五年来|去年|上年|以来的?工作|体会|经验|报告.{0,6}年的工作"
)
_PLAN_WORDS = re.compile(
    r"今年|明年|主要任务|主要工作|工作安排|工作建议|建议|总体要求|总体部署|重点工作|目标|任务|部署"
)
_GLOSSARY = re.compile(
    r"^(?:附件[一二三1-9]?[：:]?)?(?:《?政府工作报告》?)?(?:名词|用语|术语|词语)(?:解释|注释|说明)|^注释$|^附注$"
)
_REVIEW_OPENER = re.compile(r"^(?:过去(?:的)?一年|一年来|去年|过去五年|五年来)")
_PLAN_OPENER = re.compile(r"^(?:今年|今年的?工作|今年政府工作)")
_GLOSSARY_ITEM = re.compile(r"^[0-9]{1,2}[.、]")
_CLOSING = re.compile(r"(?:奋斗|努力|前进|贡献)[！!。]$")

# ---------------------------------------------------------------- targets
# The headline sentence: "(今年…经济社会发展的)主要预期目标是：". Without 预期 the subject must be
# the economy's ("国民经济和社会发展的主要目标是："), so "投资体制改革的主要目标是：" is not taken.
_HEADLINE = re.compile(
    r"(主要预期目标|预期目标|主要目标|主要预期指标|主要指标)(?:[^，。；：]{0,6}?(?:是|为|如下)[：，]|：)"
)
_ECONOMY = re.compile(r"经济社会发展|经济和社会发展|国民经济和社会发展|社会经济发展|经济社会")
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
    r"五年|十[一二三四五六七八九]?五|规划|今后|期间|年均|届|到(?:19|20)[0-9]{2}年|(?:19|20)[0-9]{2}年?[-—至到]"
)
_LIST_ITEM = re.compile(rf"^(?:——|[（(][{NUMERAL}0-9]{{1,2}}[)）]|[0-9]{{1,2}}[、.](?![0-9])|[{NUMERAL}]是)")
_QUANTITY_UNIT = re.compile(
    r"[0-9](?:\.[0-9]+)?(?:%|‰|万亿|亿|万|千|元|美元|人|户|个|项|件|套|张|吨|斤|公里|千米|平方米|亩|家|所)"
)


def paragraph_texts(text: str) -> list[str]:
    """Every non-empty line of the normalized text (a paragraph)."""
    return PARAGRAPH.findall(text)


def is_heading(text: str) -> bool:
    """A numbered top-level heading standing on its own ("二、2018年主要工作")."""
    return bool(TOP_HEADING.match(text)) and len(text) <= HEADING_MAX and not _SENTENCE_END.search(text)


def heading_years(text: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(text)]


def is_review_heading(text: str, year: int | None) -> bool:
    """A heading of the review part: "一、2017年工作回顾", "一、过去五年工作回顾", "首先报告2001年的工作"."""
    if len(text) > HEADING_MAX or _SENTENCE_END.search(text):
        return False
    years = heading_years(text)
    if year is not None and year in years:
        return False  # "二、2018年主要工作" in the 2018 report
    if _REVIEW_WORDS.search(text):
        return True
    return year is not None and bool(years) and max(years) < year and not _PLAN_WORDS.search(text)


def is_plan_heading(text: str, year: int | None) -> bool:
    return is_heading(text) and not is_review_heading(text, year)


def is_glossary_heading(text: str) -> bool:
    return len(text) <= 40 and bool(_GLOSSARY.match(text))


# ---------------------------------------------------------------- the split


def split_sections(text: str, year: int | None) -> tuple[Section, ...]:
    """Front, review, plan, targets and glossary spans of a normalized report, ordered by start."""
    # The rules read the paragraphs' texts; the offsets are taken from the matches only for the few section
    # bounds (an object per paragraph, with its offsets, was a quarter of the split).
    matches = list(PARAGRAPH.finditer(text))
    paras = [m.group() for m in matches]
    if not paras:
        return ()
    glossary, glossary_method = _find_glossary(paras)
    body_end = glossary if glossary is not None else len(paras)
    review, review_method = _find_review(paras, year, body_end)
    plan, plan_method = _find_plan(paras, year, review, body_end)
    found = [(i, m) for i, m in ((review, review_method), (plan, plan_method)) if i is not None]
    first, front_method = min(found) if found else (_front_end(paras, body_end), "fallback")

    sections: list[Section] = []
    if first > 0:
        sections.append(_section("front", matches, 0, first, "", front_method))
    if review is not None:
        review_end = plan if plan is not None else body_end
        heading = paras[review] if review_method == "heading" else ""
        sections.append(_section("review", matches, review, review_end, heading, review_method))
    if plan is not None:
        heading = paras[plan] if plan_method == "heading" else ""
        sections.append(_section("plan", matches, plan, body_end, heading, plan_method))
    targets = _find_targets(paras, year, plan if plan is not None else first, body_end)
    if plan is not None and (targets is None or targets[2] == "fallback"):
        # a plan heading taken too late (or too early) must not hide a headline sentence elsewhere
        anywhere = _find_targets(paras, year, first, body_end)
        if anywhere is not None and anywhere[2] == "marker":
            targets = anywhere
    if targets is not None:
        start, end, method = targets
        sections.append(_section("targets", matches, start, end, "", method))
    if glossary is not None:
        heading = paras[glossary] if glossary_method == "heading" else ""
        sections.append(_section("glossary", matches, glossary, len(paras), heading, glossary_method))
    return tuple(sorted(sections, key=lambda s: (s.char_start, -s.char_end)))


def _section(
    kind: str, matches: list[re.Match[str]], first: int, stop: int, heading: str, method: str
) -> Section:
    """The section from paragraph `first` to paragraph `stop` (excluded); `matches`: the paragraphs'."""
    return Section(kind, heading, matches[first].start(), matches[stop - 1].end(), method)


def _find_glossary(paras: list[str]) -> tuple[int | None, str]:
    """The glossary heading; failing that, numbered definitions after the closing exhortation."""
    for i in range(len(paras) - 1, 0, -1):
        if is_glossary_heading(paras[i]):
            return i, "heading"
    closing = next((i for i in range(len(paras) - 1, 0, -1) if _CLOSING.search(paras[i])), None)
    if closing is not None and closing + 2 < len(paras):
        tail = paras[closing + 1 :]
        items = sum(bool(_GLOSSARY_ITEM.match(p)) for p in tail)
        if items >= 2 and items * 2 >= len(tail):
            first = next(i for i in range(closing + 1, len(paras)) if _GLOSSARY_ITEM.match(paras[i]))
            return first, "marker"
    return None, ""


def _front_end(paras: list[str], stop: int) -> int:
    """Without headings, the front ends after the opening ("现在，我代表…") or the salutation."""
    for i in range(min(stop, 12)):
        if paras[i].startswith(("现在，我代表", "现在我代表")):
            return i + 1
    for i in range(min(stop, 12)):
        if paras[i].startswith("各位代表"):
            return i + 1
    return min(1, stop)


def _find_review(paras: list[str], year: int | None, stop: int) -> tuple[int | None, str]:
    for i in range(stop):
        text = paras[i]
        if (is_heading(text) or len(text) <= 30) and is_review_heading(text, year):
            return i, "heading"
        if is_heading(text):
            stop = i  # the first numbered heading is not a review: look for review openers before it
            break
    for i in range(stop):
        text = paras[i]
        if _REVIEW_OPENER.match(text) or (year and text.startswith((f"{year - 1}年，", f"{year - 1}年是"))):
            return i, "marker"
    return None, ""


def _find_plan(paras: list[str], year: int | None, review: int | None, stop: int) -> tuple[int | None, str]:
    begin = review + 1 if review is not None else 0
    for i in range(begin, stop):
        if is_plan_heading(paras[i], year):
            return i, "heading"
        if review is not None and _is_short_plan_heading(paras[i], year):
            return i, "heading"  # unnumbered, as its review heading was: "2026年工作安排"
    for i in range(begin, stop):
        text = paras[i]
        if _PLAN_OPENER.match(text) or (year and text.startswith((f"{year}年是", f"{year}年，"))):
            return i, "marker"
    return None, ""


def _is_short_plan_heading(text: str, year: int | None) -> bool:
    """A short unnumbered line naming this year's work: "2026年工作安排", "今年主要任务"."""
    return (
        len(text) <= 30
        and not _SENTENCE_END.search(text)
        and not any(mark in text for mark in "，：；")
        and bool(_PLAN_WORDS.search(text))
        and (year is None or year in heading_years(text) or "今年" in text)
    )


def _sentences(text: str) -> Iterator[str]:
    return (m.group() for m in _SENTENCE.finditer(text))


def _headline_at(text: str) -> bool:
    """Does this paragraph hold the headline-targets sentence ("今年…主要预期目标是：")?"""
    for m in _HEADLINE.finditer(text):
        clause_start = max(text.rfind(c, 0, m.start()) for c in SENTENCE_OR_SEMICOLON) + 1
        clause = text[clause_start : m.start()]
        if _MULTI_YEAR.search(clause) or "去年" in clause or "上年" in clause:
            continue
        if "预期" in m.group(1) or _ECONOMY.search(clause):
            return True
    return False


def _states_this_year_target(text: str) -> bool:
    if "今年" not in text:  # the pattern starts with it: most paragraphs need no splitting into sentences
        return False
    return any(
        _THIS_YEAR_TARGET.search(s) and not _MULTI_YEAR.search(s) and not _INSTRUMENT.search(s)
        for s in _sentences(text)
    )


def _find_targets(paras: list[str], year: int | None, begin: int, stop: int) -> tuple[int, int, str] | None:
    """(first, stop, method) paragraph indices of the headline targets; exactly one span per report."""
    # this year's targets stated anywhere in the plan ("今年经济增长预期目标为7%左右") belong to the span
    stated = [i for i in range(begin, stop) if _states_this_year_target(paras[i])]
    headline = next((i for i in range(begin, stop) if _headline_at(paras[i])), None)
    if headline is not None:
        last = _list_end(paras, headline, stop)
        return min([headline, *stated]), max([last, *stated]) + 1, "marker"
    if stated:
        return stated[0], stated[-1] + 1, "marker"
    figures = next((i for i in range(begin, stop) if _states_this_year_figure(paras[i], year)), None)
    if figures is not None:
        return figures, figures + 1, "fallback"
    return (begin, stop, "fallback") if stop > begin else None


def _list_end(paras: list[str], first: int, stop: int) -> int:
    """The last paragraph of the list the headline's colon introduces ("主要预期目标是：" then the items)."""
    last = first
    while last + 1 < stop and (
        paras[last][-1] in "：；，" or (last > first and _LIST_ITEM.match(paras[last + 1]))
    ):
        last += 1
    return last


def _states_this_year_figure(text: str, year: int | None) -> bool:
    """A paragraph of the plan that gives a figure for this year (older reports without headline targets)."""
    markers = ("今年", "本年", f"{year}年") if year else ("今年", "本年")
    if not any(m in text for m in markers):
        return False
    return any(_QUANTITY_UNIT.search(s) and not _MULTI_YEAR.search(s) for s in _sentences(text))

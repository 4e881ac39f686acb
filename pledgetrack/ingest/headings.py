"""How a report marks where its parts start: a paragraph's text in, whether it is a heading (numbered,
or a short unnumbered line), of the review or of what is to come, and which years or five-year plans it
names; and the opening phrases of a part ("过去一年…", "今年…", "今后五年…"). Read by `sections`, `leans`
and `detect`.
"""

from __future__ import annotations

import re

from pledgetrack.grammar import (
    A_YEAR,
    ADDRESS,
    GLOSSARY_TITLE,
    HEADING_MAX,
    NUMERAL,
    SENTENCE_END,
    TOP_HEADING,
    YEAR_PAST,
)

SENTENCE_END_MARK = re.compile(f"[{SENTENCE_END}]")
# What a heading says, by name (`heading_years`, `plan_years`, `is_review_heading`, `is_glossary_heading`,
# `names_this_year`).
_PATTERNS = {
    "year": re.compile(A_YEAR),
    # A five-year plan named by its ordinal ("“十四五”", 十三五): the sixth plan began in 1981 and each runs
    # five years, so the ordinal says which years it covers (`_ORDINAL`).
    "five_year_plan": re.compile(r"十([一二三四五六七八九]?)五"),
    # time words of what is to come: a heading that holds one is never the review's
    "future": re.compile(r"今年|明年|今后|未来"),
    # the words of a review's heading (a plan's are PLAN_WORDS)
    "review_words": re.compile(
        r"回顾|过去(?:的)?(?:一|五)?年|一年来|五年来|去年|上年|以来的?工作|体会|经验|报告.{0,6}年的工作|成就|成绩"
    ),
    "glossary": re.compile(
        rf"^(?:附件[一二三1-9]?[：:]?)?(?:《?政府工作报告》?)?{GLOSSARY_TITLE}|^注释$"
    ),
}
# a plan's ordinal by the numeral inside it: 十五 the 10th, 十一五 the 11th …
_ORDINAL = {"": 10, **{c: 10 + i for i, c in enumerate(NUMERAL[:9], start=1)}}

# the words of a plan's heading (sections reads them too)
PLAN_WORDS = re.compile(
    r"今年|明年|主要任务|主要工作|工作安排|建议|总体要求|总体部署|重点工作|目标|任务|部署"
)
# the opening phrase of the review, of this year's plan, of the years ahead
REVIEW_OPENER = re.compile(rf"^{ADDRESS}(?:{YEAR_PAST}|去年|过去五年|五年来|这五年)")
PLAN_OPENER = re.compile(rf"^{ADDRESS}(?:今年|今年的?工作|今年政府工作|做好今年)")
PERIOD_AHEAD = re.compile(rf"^{ADDRESS}(?:今后五年|未来五年)")


def is_heading(text: str) -> bool:
    """A numbered top-level heading standing on its own ("二、2018年主要工作")."""
    return bool(TOP_HEADING.match(text)) and len(text) <= HEADING_MAX and not SENTENCE_END_MARK.search(text)


def heading_years(text: str) -> list[int]:
    return [int(y) for y in _PATTERNS["year"].findall(text)]


def plan_years(text: str) -> list[tuple[int, int]]:
    """The years of the five-year plans a text names: "“十四五”" → (2021, 2025)."""
    spans = []
    for m in _PATTERNS["five_year_plan"].finditer(text):
        ordinal = _ORDINAL[m.group(1)]
        if ordinal >= 6:
            start = 1981 + 5 * (ordinal - 6)
            spans.append((start, start + 4))
    return spans


def is_review_heading(text: str, year: int | None) -> bool:
    """A heading of the review part: "一、2017年工作回顾", "一、过去五年工作回顾", "首先报告2001年的工作",
    "一、“十四五”时期和2025年主要成就" (in the 2026 report: only years and a plan already past)."""
    if len(text) > HEADING_MAX or SENTENCE_END_MARK.search(text):
        return False
    years = heading_years(text)
    if year is not None and year in years:
        return False  # "二、2018年主要工作" in the 2018 report
    periods = plan_years(text)
    if _PATTERNS["future"].search(text) or (year is not None and any(end >= year for _, end in periods)):
        return False  # "二、“十五五”时期的主要目标" in the 2026 report, or a heading of both parts
    if _PATTERNS["review_words"].search(text):
        return True
    if year is None:
        return False
    past = bool(years) and max(years) < year
    return (past and not PLAN_WORDS.search(text)) or (bool(periods) and (past or not years))


def is_plan_heading(text: str, year: int | None) -> bool:
    return is_heading(text) and not is_review_heading(text, year)


def is_glossary_heading(text: str) -> bool:
    return len(text) <= 40 and bool(_PATTERNS["glossary"].match(text))


SHORT_HEADING = 30
_LIST_NUMBER = re.compile(r"[0-9]{1,2}[、.．]")  # "1.…", "2、…": an item, not a heading ("2025年工作回顾" is)


def is_short_heading(text: str) -> bool:
    """An unnumbered top-level heading line: short, no sentence end nor clause mark ("2025年工作回顾"), not
    an item of a list or a subsection ("——…", "（一）…", "1.…")."""
    return (
        len(text) <= SHORT_HEADING
        and not SENTENCE_END_MARK.search(text)
        and not any(mark in text for mark in "，；")
        and not text.endswith("：")  # introduces what follows ("站在新起点：2012年工作回顾" is a heading)
        and not text.startswith(("——", "—", "各位代表", "（", "("))
        and not _LIST_NUMBER.match(text)
    )


def is_any_heading(text: str) -> bool:
    return is_heading(text) or is_short_heading(text)


_FIRST_CLAUSE = re.compile(f"[^，。；：！？{SENTENCE_END}]+")


def heading_of(text: str) -> str | None:
    """The heading a paragraph opens with: itself when it is a heading line, the first clause of a numbered
    paragraph run into its first sentence ("二、展望“十四五”，我们站在新的历史起点…"), else None."""
    if is_heading(text) or is_short_heading(text):
        return text
    if TOP_HEADING.match(text):
        m = _FIRST_CLAUSE.match(text)
        return m.group() if m else None
    return None


def names_this_year(text: str, year: int | None) -> bool:
    """A heading of what is to come: it names this year (and no year before it), 今年, 今后/未来, or a
    five-year plan that is not over ("二、“十五五”时期的主要目标任务" in the 2026 report)."""
    years = heading_years(text)
    if _PATTERNS["future"].search(text) or (year is not None and year in years and min(years) == year):
        return True
    return year is not None and any(end >= year for _, end in plan_years(text))

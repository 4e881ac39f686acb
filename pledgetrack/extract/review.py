"""The review section in its parts: the year reviewed, and the five years of a plan or a government's term.

11. Scope: a review of the year and of the period closing a five-year plan ("一、2025年和“十四五”时期工作
    回顾", in either order) reads each paragraph as the part it opens ("刚刚过去的2025年…", "过去一年": the
    year; "五年来，…", "“十四五”时期，…": the period) or else as the part of the paragraph before it; in the
    period's part only the levels annual flows reached at its end are the year's (`relevance`). A paragraph
    opening with "这五年" is skipped; a clause opening with a multi-year span ("五年累计，", "近三年",
    "“十一五”前四年") makes the rest of its sentence multi-year; a five-year (换届) review also reads the
    "过去一年，…" sentences of the plan section (`results`).

`review_paragraphs` gives each paragraph of a review with its part; read by `results` and by the lookup
(`lookup.mentions.follow_up_spans`: nothing in the period's part is the year's result).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pledgetrack.extract.spans import paragraph_spans, regex, sentence_spans
from pledgetrack.grammar import ADDRESS, FIVE_YEARS, PERIOD_OPENER, PLAN_PERIOD, YEAR_PAST
from pledgetrack.ingest.headings import heading_years

PERIOD_SCOPE = re.compile(
    rf"^(?:近[两三四五]年|这五年|五年来|过去五年|五年|{PLAN_PERIOD}(?:期间|时期)?)(?:累计|来)?"
)

# The review of a report that closes a five-year plan covers the year and the period together, in either
# order ("一、2025年和“十四五”时期工作回顾", "一、“十四五”时期和2025年工作回顾").
# Each paragraph belongs to one part:
# the part a paragraph opens (the year: "刚刚过去的2025年…", "过去一年", "一年来"; the period: "五年来，…",
# "这五年…", "“十四五”时期，…", "回望“十四五”") or else the part of the paragraph before it.
_YEAR_PART = re.compile(f"{ADDRESS}(?:{YEAR_PAST})")
# a heading that names the period before the year (or only the period): the review opens with the period
_PERIOD_FIRST = re.compile(rf"^[^\d]*(?:五年|{PLAN_PERIOD})")


def _sentence_starts(text: str, ps: int, pe: int, count: int) -> Iterator[str]:
    for i, (ss, se) in enumerate(sentence_spans(text, ps, pe)):
        if i >= count:
            return
        yield text[ss:se]


def _opens_period(text: str, ps: int, pe: int, year: int | None) -> bool | None:
    """True when the paragraph opens the five-year part, False when it opens the year's, None for neither.
    "刚刚过去的2025年，是“十四五”收官之年" opens the year;
    "2025年是“十四五”收官之年。五年来，…" the period."""
    if _YEAR_PART.match(text, ps, pe):
        return False
    if any(PERIOD_OPENER.match(s) for s in _sentence_starts(text, ps, pe, 3)):  # "各位代表！" is one
        return True
    if year and regex(rf"{ADDRESS}{year}年(?:是|，|以来)").match(text, ps, pe):
        return False
    return None


@lru_cache(maxsize=64)
def review_paragraphs(
    text: str, start: int, end: int, heading: str, year: int | None
) -> tuple[tuple[int, int, bool, bool], ...]:
    """Each paragraph of a review section as (start, end, whole_period, in_period): `whole_period` when it
    is about five years from its first words ("这五年，…") in a review that has no part of the year,
    `in_period` when it belongs to the period's part of a review of the year and the period (or is the
    one paragraph of the period a review of the year closing a plan has). Read by results (only the levels
    flows reached are the year's there) and by the lookup (nothing there is the year's result). Cached:
    the worker that extracts a report's results reads its spans for the lookup too (`batch`)."""
    paragraphs = paragraph_spans(text, start, end)
    # parts only in a review of the year AND the period: a five-year (换届) review is read whole
    opens = [_opens_period(text, ps, pe, year) for ps, pe in paragraphs]
    period_named = bool(FIVE_YEARS.search(heading))
    combined = bool(year) and (
        (f"{year}年" in heading and period_named)
        or any(
            regex(rf"{ADDRESS}刚刚过去的{year}年").match(text, ps, pe) for ps, pe in paragraphs
        )
        or (not period_named and not heading_years(heading) and True in opens and False in opens)
    )
    period = combined and bool(_PERIOD_FIRST.match(heading))
    out = []
    for (ps, pe), opened in zip(paragraphs, opens, strict=True):
        period = period if opened is None or not combined else opened
        # a review of the year closing a plan has one paragraph of the period: "2015年是“十二五”收官之
        # 年。过去五年，…" is read as the period's (only the levels flows reached at its end)
        lone_period = not combined and not period_named and opened is True
        out.append((ps, pe, not combined and bool(PERIOD_SCOPE.match(text[ps:pe])), period or lone_period))
    return tuple(out)


def is_term_only(heading: str, year: int | None) -> bool:
    """Does a review's heading name the five years (or the plan's period) and not the year itself?"""
    return bool(FIVE_YEARS.search(heading)) and not (year and f"{year}年" in heading)


def names_year(clause: str, year: int | None) -> bool:
    """Does a clause of the five-year part name the year reviewed: by its number, as 全年, or as 去年 (a
    review is delivered the year after: "去年固定资产投资…增速…未达年初预期")?"""
    return year is not None and (f"{year}年" in clause or clause.startswith("全年") or "去年" in clause)

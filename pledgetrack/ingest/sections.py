"""The parts of a report, as character spans of its normalized text.

Kinds: 'front' (title, date line, speaker, salutation, the opening sentence), 'review' (what last year, or
the five years of a 换届 report, achieved), 'plan' (this year's work), 'targets' (the year's headline
targets paragraph, inside 'plan'), 'five_year_goals' (the indicators of a five-year plan, kept apart from
the year's targets: their follow-up is the review of the term, not next year's report), 'glossary' (the
appendix of terms, which extraction skips).

What a paragraph is, is decided by what it says; headings are hints (`found_by` says which decided):
- Each paragraph leans back or ahead (`lean`): a sentence that states a figure with a verb of what
  happened (完成, 实现, 增长, 同比 …) looks back, one that speaks of this year or an aim (今年, 要, 将,
  力争, 左右, 以内, a closing 以上) looks ahead, and an opening "过去一年/五年来/这五年…" looks back.
- The review ends and the plan begins where what was said so far leans back the most (the running sum of
  the leans is highest), nudged to a heading or an opening phrase there: a heading that names this year or
  its plan ("二、2018年主要任务", "2026年工作安排"), a slogan heading, "今年是…". So a review under a
  slogan heading, in the opening address, or merged with the five-year review is found whole, and a
  subsection heading inside the review ("一、防疫情稳增长，经济运行持续向好") does not end it.
- The review starts at the first review heading, opening phrase or paragraph that leans back.
- The targets paragraph is chosen among every paragraph that holds the headline cue ("主要预期目标是：")
  or states a target of this year, by what it holds: this year's indicator clauses (左右/以上/以内, 增长X%)
  count for it, a five-year span (年均, 到2030年, "十五五"时期, 纲要) against it; the first marker is not
  taken blindly. A paragraph of five-year indicators becomes 'five_year_goals'.
`found_by`: 'heading' (a heading line), 'marker' (an opening phrase or the targets cue), 'content' (the
leans, or the figures a paragraph holds), 'fallback' (targets of a report that states no headline targets:
its first paragraph giving this year's figures). A report that states no target of its year (a transition
report with five-year goals only) has no 'targets' section.

The targets span: the chosen paragraph (plus the list its colon introduces), widened to every paragraph of
the plan that states a target for this year ("今年经济增长预期目标为7%左右", "今年进出口总额预期增长
7.5%左右"), because the span must hold every headline target and is one span. Multi-year goals (十五,
今后五年, 年均) and instruments (M2, deficits, bonds) never count.

The rules live by what they read: `headings` (headings and opening phrases), `leans` (a paragraph
leaning back or ahead), `headline` (the targets span); this module puts the parts together.
"""

from __future__ import annotations

import re

from pledgetrack.grammar import ADDRESS, NUMERAL, PARAGRAPH, TOP_HEADING
from pledgetrack.ingest.headings import (
    PERIOD_AHEAD,
    PLAN_OPENER,
    PLAN_WORDS,
    REVIEW_OPENER,
    SENTENCE_END_MARK,
    SHORT_HEADING,
    heading_of,
    is_any_heading,
    is_glossary_heading,
    is_heading,
    is_review_heading,
    is_short_heading,
    names_this_year,
    plan_years,
)
from pledgetrack.ingest.headline import find_targets
from pledgetrack.ingest.leans import Leans
from pledgetrack.model import Section

_GLOSSARY_ITEM = re.compile(r"^[0-9]{1,2}[.、]")
_CLOSING = re.compile(r"(?:奋斗|努力|前进|贡献)[！!。]$")


def paragraph_texts(text: str) -> list[str]:
    """Every non-empty line of the normalized text (a paragraph)."""
    return PARAGRAPH.findall(text)


def split_sections(text: str, year: int | None) -> tuple[Section, ...]:
    """Front, review, plan, targets, five-year goals and glossary spans of a normalized report, by start."""
    # The rules read the paragraphs' texts; the offsets are taken from the matches only for the few section
    # bounds (an object per paragraph, with its offsets, was a quarter of the split).
    matches = list(PARAGRAPH.finditer(text))
    paras = [m.group() for m in matches]
    if not paras:
        return ()
    glossary, glossary_by = _find_glossary(paras)
    body_end = glossary if glossary is not None else len(paras)
    body_end = _without_tail(paras, body_end)
    body = _front_end(paras, body_end)
    review, review_by, plan, plan_by = _review_and_plan(paras, year, body, body_end)
    found = [(i, m) for i, m in ((review, review_by), (plan, plan_by)) if i is not None]
    first, front_by = min(found) if found else (body, "fallback")

    sections: list[Section] = []
    if first > 0:
        sections.append(_section("front", matches, 0, first, "", front_by))
    if review is not None:
        review_end = plan if plan is not None else body_end
        heading = paras[review] if review_by == "heading" or is_any_heading(paras[review]) else ""
        sections.append(_section("review", matches, review, review_end, heading, review_by))
    if plan is not None:
        heading = paras[plan] if is_any_heading(paras[plan]) else ""
        sections.append(_section("plan", matches, plan, body_end, heading, plan_by))
    begin = plan if plan is not None else first
    targets, goals = find_targets(paras, year, begin, body_end)
    if targets is not None:
        start, end, method = targets
        sections.append(_section("targets", matches, start, end, "", method))
    for start, end in goals:
        sections.append(_section("five_year_goals", matches, start, end, "", "marker"))
    if glossary is not None:
        heading = paras[glossary] if glossary_by == "heading" else ""
        sections.append(_section("glossary", matches, glossary, len(paras), heading, glossary_by))
    return tuple(sorted(sections, key=lambda s: (s.char_start, -s.char_end)))


TAIL_LINE = 40  # what a web page puts after a report (links to other reports, tags) comes in short lines


def _without_tail(paras: list[str], stop: int) -> int:
    """The report ends with its call to the deputies ("…而努力奋斗！", "…创造更加灿烂的辉煌！"): when only
    short lines without a sentence end follow it, they are no part of the report."""
    for i in range(stop - 1, len(paras) // 2, -1):
        if paras[i].endswith(("！", "!")):
            tail = paras[i + 1 : stop]
            if tail and all(len(p) <= TAIL_LINE and not SENTENCE_END_MARK.search(p) for p in tail):
                return i + 1
            return stop
    return stop


def _section(
    kind: str, matches: list[re.Match[str]], first: int, stop: int, heading: str, found_by: str
) -> Section:
    """The section from paragraph `first` to paragraph `stop` (excluded); `matches`: the paragraphs'."""
    return Section(kind, heading, matches[first].start(), matches[stop - 1].end(), found_by)


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


_OPENING_SENTENCE = re.compile(r"现在，?我代表")
FRONT_MAX = 12  # paragraphs the front may take: title, date line, speaker, salutation, opening sentence


def _front_end(paras: list[str], stop: int) -> int:
    """The first paragraph of the body: after the opening sentence ("现在，我代表…报告工作"), else after
    the salutation, else at the first heading, else after the title."""
    head = min(stop, FRONT_MAX)
    for i in range(head):
        if _OPENING_SENTENCE.match(paras[i]):
            return i + 1
    for i in range(head):
        if paras[i].startswith("各位代表") and len(paras[i]) <= 6:
            return i + 1
    for i in range(head):
        if is_heading(paras[i]) or REVIEW_OPENER.match(paras[i]):
            return i
    return min(1, stop)


# how an opening phrase can start (what `_plan_kind` reads further): 今年…, 做好今年…, 今后/未来五年…,
# 2026年是…, “十五五”时期…
_PLACE_START = re.compile(rf"^{ADDRESS}(?:今|做好今年|未来|[12][0-9]{{3}}年[是，]|“?十[{NUMERAL[:9]}]?五)")


# Where the plan starts. A heading that names this year's work or a plan ("二、2018年主要任务", "二、“十二五”
# 时期的主要目标和任务", "2026年工作安排") starts it, unless the text under it leans back (a review heading
# worded like a plan: "一、2025年主要工作") or the text after it goes on leaning back by more than NEAR_TOP
# (a heading inside the review); an opening phrase ("今年是…") after the last paragraph of the review that
# leans back starts it sooner (the year's aims in the opening address). Without such a heading, the plan
# starts where the text so far leans back the most: within NEAR_TOP of that, at the slogan heading or
# opening phrase where it leans back most.
NEAR_TOP = 2
BLOCK_BACK = {True: 2, False: 0}  # how much the text under a heading may lean back: naming this year or not
BLOCK_READ = 5  # paragraphs read under a heading for that
AFTER_READ = 20  # paragraphs read after a heading for the review going on


def _review_and_plan(
    paras: list[str], year: int | None, begin: int, stop: int
) -> tuple[int | None, str, int | None, str]:
    """(review, found_by, plan, found_by): the first paragraph of each, or None."""
    if begin >= stop:
        return None, "", None, ""
    leans = Leans(paras, year)
    kinds = [_plan_kind(p, year) for p in paras[begin:stop]]
    plan, plan_by = None, ""
    for k in range(begin, stop):
        if kinds[k - begin] != "named":
            continue
        under = leans.sum(k + 1, min(k + 1 + BLOCK_READ, _next_heading(paras, k, stop)))
        if under > BLOCK_BACK[names_this_year(heading_of(paras[k]) or "", year)]:
            continue  # a review heading worded like a plan
        if leans.rise(k + 1, min(k + 1 + AFTER_READ, stop)) > NEAR_TOP:
            continue  # a heading inside the review: the review goes on after it
        plan, plan_by = k, "heading"
        break
    if plan is not None:
        last = plan - 1  # the last paragraph before the heading that leans back: the review's end
        while last >= begin and leans[last] <= 0:
            last -= 1
        openers = [k for k in range(last + 1, plan) if kinds[k - begin] == "opener"]
        if openers and -leans.sum(last + 1, plan) >= NEAR_TOP:
            plan, plan_by = openers[0], "marker"  # the year's aims in the opening address
    else:
        plan, plan_by = _plan_by_content(paras, kinds, leans, begin, stop)
    review_stop = plan if plan is not None else stop
    for i in range(begin, review_stop):
        text = paras[i]
        heading = heading_of(text)
        if heading is not None and is_review_heading(heading, year):
            return i, "heading", plan, plan_by
        if REVIEW_OPENER.match(text) or (year and text.startswith((f"{year - 1}年，", f"{year - 1}年是"))):
            return i, "marker", plan, plan_by
        if leans[i] > 0 or (is_any_heading(text) and leans.sum(i + 1, min(i + 4, stop)) > 0):
            return i, "content", plan, plan_by
    return None, "", plan, plan_by


def _plan_by_content(
    paras: list[str], kinds: list[str | None], leans: Leans, begin: int, stop: int
) -> tuple[int | None, str]:
    """Without a heading naming the plan: where the text so far leans back the most (see above)."""
    running = [0] * (stop - begin + 1)  # running[k - begin]: the leans of paragraphs begin .. k-1
    for k in range(begin, stop):
        running[k - begin + 1] = running[k - begin] + leans[k]
    top = max(running)
    if top <= 0:
        openers = [k for k in range(begin, stop) if kinds[k - begin] == "opener"]
        return (openers[0], "marker") if openers else (None, "")
    near = [k for k in range(begin, stop) if running[k - begin] >= top - NEAR_TOP]
    if not near:  # the text leans back the most at its very end (a text cut off in its review): no plan
        return None, ""
    hinted = [k for k in near if kinds[k - begin] in ("slogan", "opener")]
    plan = max(hinted or near, key=lambda k: (running[k - begin], -k))
    kind = kinds[plan - begin]
    if running[plan - begin] <= running[-1] and not kind:
        return None, ""  # the text never leans ahead: no plan found
    found_by = "marker" if kind == "opener" else "heading" if kind and is_heading(paras[plan]) else "content"
    return plan, found_by


def _next_heading(paras: list[str], k: int, stop: int) -> int:
    return next((i for i in range(k + 1, stop) if is_heading(paras[i]) or is_short_heading(paras[i])), stop)


def _plan_kind(text: str, year: int | None) -> str | None:
    """What makes a paragraph a place for the plan to start: a heading that names this year's work or a plan
    ('named'), a slogan heading ('slogan'), an opening phrase ('opener'); None for any other paragraph and for
    a heading of the review."""
    if len(text) > SHORT_HEADING and not TOP_HEADING.match(text) and not _PLACE_START.match(text):
        return None  # a paragraph of prose: most of them, told apart by their first characters
    heading = heading_of(text)
    if heading is not None:
        if is_review_heading(heading, year):
            return None
        if names_this_year(heading, year) or PLAN_WORDS.search(heading):
            return "named"
        return "slogan"
    if PLAN_OPENER.match(text) or (year and text.startswith((f"{year}年是", f"{year}年，"))):
        return "opener"
    if PERIOD_AHEAD.match(text) or (year and any(end >= year for _, end in plan_years(text[:8]))):
        return "opener"  # "今后五年，…", "“十五五”时期是…" (a plan period not over)
    return None

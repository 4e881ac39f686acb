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
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pledgetrack.grammar import (
    ADDRESS,
    GLOSSARY_TITLE,
    HEADING_MAX,
    NUMERAL,
    PARAGRAPH,
    SENTENCE_END,
    SENTENCE_OR_SEMICOLON,
    TOP_HEADING,
    YEAR_PAST,
    guarded,
)
from pledgetrack.model import Section
from pledgetrack.numbers import UNIT

# a sentence, or a ；-item of a list: each is read alone for a this-year target
_SENTENCE = re.compile(f"[^{SENTENCE_OR_SEMICOLON}]+[{SENTENCE_OR_SEMICOLON}]?")
_SENTENCE_END = re.compile(f"[{SENTENCE_END}]")
_YEAR = re.compile(r"([12][0-9]{3})年")

# ---------------------------------------------------------------- headings
_REVIEW_WORDS = re.compile(
    r"回顾|过去(?:的)?(?:一|五)?年|一年来|五年来|去年|上年|以来的?工作|体会|经验|报告.{0,6}年的工作|成就|成绩"
)
_PLAN_WORDS = re.compile(
    r"今年|明年|主要任务|主要工作|工作安排|建议|总体要求|总体部署|重点工作|目标|任务|部署"
)
# time words of what is to come: a heading that holds one is never the review's
_FUTURE = re.compile(r"今年|明年|今后|未来")
_GLOSSARY = re.compile(rf"^(?:附件[一二三1-9]?[：:]?)?(?:《?政府工作报告》?)?{GLOSSARY_TITLE}|^注释$")
_REVIEW_OPENER = re.compile(rf"^{ADDRESS}(?:{YEAR_PAST}|去年|过去五年|五年来|这五年)")
_PLAN_OPENER = re.compile(rf"^{ADDRESS}(?:今年|今年的?工作|今年政府工作|做好今年)")
_PERIOD_AHEAD = re.compile(rf"^{ADDRESS}(?:今后五年|未来五年)")
_GLOSSARY_ITEM = re.compile(r"^[0-9]{1,2}[.、]")
_CLOSING = re.compile(r"(?:奋斗|努力|前进|贡献)[！!。]$")
# A five-year plan named by its ordinal ("“十四五”", 十三五): the sixth plan began in 1981 and each runs five
# years, so the ordinal says which years it covers.
_FIVE_YEAR_PLAN = re.compile(r"十([一二三四五六七八九]?)五")
_ORDINAL = {"": 10, **{c: 10 + i for i, c in enumerate(NUMERAL[:9], start=1)}}

# ---------------------------------------------------------------- leaning back or ahead
# Ahead: this year, an aim or an order. 要 as a verb only (not 主要/重要/需要/纲要/只要/要求/要素), 将 not
# in 将近; a 以上 counts where it closes a figure's clause ("增长6%以上，"), not in 规模以上工业.
# (the raw pattern: `_LEAN_MARK` reads it too; guarded, because without the lookahead every alternative
# was tried at every place of a paragraph, which was most of the split's time)
_AHEAD_WORDS = (
    r"(?:今年|明年|今后|未来|(?<![主重需纲只])要(?![求素])|将(?!近)|力争|确保|争取|预期|左右|以内|[0-9%]以上(?=[，。；])"
    r"|到20[0-9]{2}年)"
)
_AHEAD = guarded(_AHEAD_WORDS)
# Back: a figure stated as what happened: a change by a figure with no aim on it ("增长6.5%", a plan's says
# 左右/以上), against the year before (同比, 比上年), summed or estimated (累计, 预计), or done (了). A plan's
# tasks use the verbs of results too ("完成100个小区改造", "新增就业2万人"), so those alone say nothing.
_BACK_WORDS = r"(?:了|同比|比上年|较上年|累计|预计|(?<!年均)(?:增长|下降|提高|增加|减少)[0-9])"
_DIGIT = re.compile(r"[0-9]")
# what `lean` reads, in one pattern: the end of a sentence or item, an aim, a year, a mark of what happened,
# a figure; guarded, so the scan skips the text between them
_LEAN_MARK = guarded(
    rf"(?P<end>[{SENTENCE_OR_SEMICOLON}])|(?P<ahead>{_AHEAD_WORDS})|(?P<year>[12][0-9]{{3}}年)"
    rf"|(?P<back>{_BACK_WORDS})|(?P<figure>[0-9]+)"
)
LEAN_CAP = 12  # one very long paragraph of figures weighs no more than a dozen sentences

# ---------------------------------------------------------------- targets
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


def paragraph_texts(text: str) -> list[str]:
    """Every non-empty line of the normalized text (a paragraph)."""
    return PARAGRAPH.findall(text)


def is_heading(text: str) -> bool:
    """A numbered top-level heading standing on its own ("二、2018年主要工作")."""
    return bool(TOP_HEADING.match(text)) and len(text) <= HEADING_MAX and not _SENTENCE_END.search(text)


def heading_years(text: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(text)]


def plan_years(text: str) -> list[tuple[int, int]]:
    """The years of the five-year plans a text names: "“十四五”" → (2021, 2025)."""
    spans = []
    for m in _FIVE_YEAR_PLAN.finditer(text):
        ordinal = _ORDINAL[m.group(1)]
        if ordinal >= 6:
            start = 1981 + 5 * (ordinal - 6)
            spans.append((start, start + 4))
    return spans


def is_review_heading(text: str, year: int | None) -> bool:
    """A heading of the review part: "一、2017年工作回顾", "一、过去五年工作回顾", "首先报告2001年的工作",
    "一、“十四五”时期和2025年主要成就" (in the 2026 report: only years and a plan already past)."""
    if len(text) > HEADING_MAX or _SENTENCE_END.search(text):
        return False
    years = heading_years(text)
    if year is not None and year in years:
        return False  # "二、2018年主要工作" in the 2018 report
    periods = plan_years(text)
    if _FUTURE.search(text) or (year is not None and any(end >= year for _, end in periods)):
        return False  # "二、“十五五”时期的主要目标" in the 2026 report, or a heading of both parts
    if _REVIEW_WORDS.search(text):
        return True
    if year is None:
        return False
    past = bool(years) and max(years) < year
    return (past and not _PLAN_WORDS.search(text)) or (bool(periods) and (past or not years))


def is_plan_heading(text: str, year: int | None) -> bool:
    return is_heading(text) and not is_review_heading(text, year)


def is_glossary_heading(text: str) -> bool:
    return len(text) <= 40 and bool(_GLOSSARY.match(text))


def lean(text: str, year: int | None) -> int:
    """How much a paragraph looks back (> 0: figures of what happened) or ahead (< 0: this year, aims).

    Each sentence counts once: ahead if it holds an aim, this year or follows the headline cue (every item
    of the list is an aim, 左右 or not); else back if it holds a figure and a mark of what happened. The
    marks are read in one pass (`_LEAN_MARK`): a search per sentence and mark was most of the split."""
    score = 2 if _REVIEW_OPENER.match(text) else 0
    if not _DIGIT.search(text) and not _AHEAD.search(text):
        return score  # no figure, no aim: most of a plan's prose and the review's narrative
    cue = HEADLINE_CUE.search(text) if "标" in text else None  # 目标, 指标
    aims_from = cue.start() if cue is not None else len(text)
    this_year = f"{year}年"
    ahead = back = figure = False
    for m in _LEAN_MARK.finditer(text):
        mark = m.lastgroup
        if mark == "end":
            if ahead or m.start() > aims_from:
                score -= 1
            elif figure and back:
                score += 1
            ahead = back = figure = False
        elif mark == "ahead":
            ahead = True
        elif mark == "figure":
            figure = True
        elif mark == "back":
            back = True
            figure = figure or m.group()[-1].isdigit()
        else:  # a year
            figure = True
            ahead = ahead or m.group() == this_year
    if ahead or len(text) > aims_from:  # the last sentence, without an end mark
        score -= 1
    elif figure and back:
        score += 1
    return max(-LEAN_CAP, min(LEAN_CAP, score))


# ---------------------------------------------------------------- the split


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
        heading = paras[review] if review_by == "heading" or _is_any_heading(paras[review]) else ""
        sections.append(_section("review", matches, review, review_end, heading, review_by))
    if plan is not None:
        heading = paras[plan] if _is_any_heading(paras[plan]) else ""
        sections.append(_section("plan", matches, plan, body_end, heading, plan_by))
    begin = plan if plan is not None else first
    targets, goals = _find_targets(paras, year, begin, body_end)
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
            if tail and all(len(p) <= TAIL_LINE and not _SENTENCE_END.search(p) for p in tail):
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
        if is_heading(paras[i]) or _REVIEW_OPENER.match(paras[i]):
            return i
    return min(1, stop)


_SHORT_HEADING = 30
_LIST_NUMBER = re.compile(r"[0-9]{1,2}[、.．]")  # "1.…", "2、…": an item, not a heading ("2025年工作回顾" is)
# how an opening phrase can start (what `_plan_kind` reads further): 今年…, 做好今年…, 今后/未来五年…,
# 2026年是…, “十五五”时期…
_PLACE_START = re.compile(
    rf"^{ADDRESS}(?:今|做好今年|未来|[12][0-9]{{3}}年[是，]|“?十[{NUMERAL[:9]}]?五)"
)


def _is_short_heading(text: str) -> bool:
    """An unnumbered top-level heading line: short, no sentence end nor clause mark ("2025年工作回顾"), not
    an item of a list or a subsection ("——…", "（一）…", "1.…")."""
    return (
        len(text) <= _SHORT_HEADING
        and not _SENTENCE_END.search(text)
        and not any(mark in text for mark in "，；")
        and not text.endswith("：")  # introduces what follows ("站在新起点：2012年工作回顾" is a heading)
        and not text.startswith(("——", "—", "各位代表", "（", "("))
        and not _LIST_NUMBER.match(text)
    )


def _is_any_heading(text: str) -> bool:
    return is_heading(text) or _is_short_heading(text)


_FIRST_CLAUSE = re.compile(f"[^，。；：！？{SENTENCE_END}]+")


def _heading_of(text: str) -> str | None:
    """The heading a paragraph opens with: itself when it is a heading line, the first clause of a numbered
    paragraph run into its first sentence ("二、展望“十四五”，我们站在新的历史起点…"), else None."""
    if is_heading(text) or _is_short_heading(text):
        return text
    if TOP_HEADING.match(text):
        m = _FIRST_CLAUSE.match(text)
        return m.group() if m else None
    return None


def _names_this_year(text: str, year: int | None) -> bool:
    """A heading of what is to come: it names this year (and no year before it), 今年, 今后/未来, or a
    five-year plan that is not over ("二、“十五五”时期的主要目标任务" in the 2026 report)."""
    years = heading_years(text)
    if _FUTURE.search(text) or (year is not None and year in years and min(years) == year):
        return True
    return year is not None and any(end >= year for _, end in plan_years(text))


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


class _Leans:
    """Each paragraph's `lean`, read when first asked for: a plan heading is judged by the few dozen
    paragraphs around it, so most reports never need the leans of their whole plan."""

    def __init__(self, paras: list[str], year: int | None) -> None:
        self.paras, self.year, self.known = paras, year, {}

    def __getitem__(self, i: int) -> int:
        value = self.known.get(i)
        if value is None:
            p = self.paras[i]
            value = self.known[i] = 0 if _is_any_heading(p) else lean(p, self.year)
        return value

    def sum(self, start: int, stop: int) -> int:
        return sum(self[i] for i in range(start, stop))

    def rise(self, start: int, stop: int) -> int:
        """How much further the text leans back at its most, from `start` up to `stop`."""
        running = top = 0
        for i in range(start, stop):
            running += self[i]
            top = max(top, running)
        return top


def _review_and_plan(
    paras: list[str], year: int | None, begin: int, stop: int
) -> tuple[int | None, str, int | None, str]:
    """(review, found_by, plan, found_by): the first paragraph of each, or None."""
    if begin >= stop:
        return None, "", None, ""
    leans = _Leans(paras, year)
    kinds = [_plan_kind(p, year) for p in paras[begin:stop]]
    plan, plan_by = None, ""
    for k in range(begin, stop):
        if kinds[k - begin] != "named":
            continue
        under = leans.sum(k + 1, min(k + 1 + BLOCK_READ, _next_heading(paras, k, stop)))
        if under > BLOCK_BACK[_names_this_year(_heading_of(paras[k]) or "", year)]:
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
        heading = _heading_of(text)
        if heading is not None and is_review_heading(heading, year):
            return i, "heading", plan, plan_by
        if _REVIEW_OPENER.match(text) or (year and text.startswith((f"{year - 1}年，", f"{year - 1}年是"))):
            return i, "marker", plan, plan_by
        if leans[i] > 0 or (_is_any_heading(text) and leans.sum(i + 1, min(i + 4, stop)) > 0):
            return i, "content", plan, plan_by
    return None, "", plan, plan_by


def _plan_by_content(
    paras: list[str], kinds: list[str | None], leans: _Leans, begin: int, stop: int
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
    return next((i for i in range(k + 1, stop) if is_heading(paras[i]) or _is_short_heading(paras[i])), stop)


def _plan_kind(text: str, year: int | None) -> str | None:
    """What makes a paragraph a place for the plan to start: a heading that names this year's work or a plan
    ('named'), a slogan heading ('slogan'), an opening phrase ('opener'); None for any other paragraph and for
    a heading of the review."""
    if len(text) > _SHORT_HEADING and not TOP_HEADING.match(text) and not _PLACE_START.match(text):
        return None  # a paragraph of prose: most of them, told apart by their first characters
    heading = _heading_of(text)
    if heading is not None:
        if is_review_heading(heading, year):
            return None
        if _names_this_year(heading, year) or _PLAN_WORDS.search(heading):
            return "named"
        return "slogan"
    if _PLAN_OPENER.match(text) or (year and text.startswith((f"{year}年是", f"{year}年，"))):
        return "opener"
    if _PERIOD_AHEAD.match(text) or (year and any(end >= year for _, end in plan_years(text[:8]))):
        return "opener"  # "今后五年，…", "“十五五”时期是…" (a plan period not over)
    return None


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


def _find_targets(
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

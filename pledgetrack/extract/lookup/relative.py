"""What settles a relative target: one held to a reference level, another government's average, a rank or a
superior's quota (`TargetRow.reference`).

19. A relative target (its `reference`: `reference_kind`) is looked up for what settles it. Its own level of
    the year before ("高于2020年水平") asks for a rise: its growth, by its sign. Another government's average
    ("高于全市平均水平"): a statement after its name or its group's ("…增长9.9%，高于全市平均水平", "5项主要
    经济指标增速高于全市平均水平", "高于省、市平均增速"; of that government, not another's), else its own
    growth for the verdict to compare with that government's (`reference_region`, by the regions catalogue).
    A rank ("进入全市前列"): a statement of rank alone, the first five (前五, 第一, 前列; not "第6位"). A
    superior's quota ("完成省定任务"): a statement that it was done ("超额完成省市任务", "约束性指标全部
    完成"). No state settles one; the main indicators as a group ("四项主要经济数据", "多项指标") speak for
    the group and for an indicator measured by its growth.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pledgetrack.extract.attainment import DONE_WELL, QUOTA_SETTER
from pledgetrack.extract.facts import SEVERAL_YEARS
from pledgetrack.extract.lookup.evidence import Evidence, not_found, stated
from pledgetrack.extract.lookup.mentions import (
    AIM,
    CLAUSE_MARK,
    THIS_YEAR,
    YEAR,
    YEAR_PARAGRAPH,
    catalogue_index,
    find_mentions,
    is_term_review,
    paragraph_end,
    sentence_start,
    sentence_stop,
    term_paragraph,
)
from pledgetrack.extract.lookup.names import names_of
from pledgetrack.indicators import Catalogue
from pledgetrack.regions import COUNTRY, load_regions

# ---------------------------------------------------------------- relative targets

# What a relative target (targets.reference: "全市平均水平", "2020年水平", "全市前列", "省定任务") is held to,
# `reference_kind`:
#   level    its own level of the year before ("高于2020年水平" in 2021, "高于上年水平"): a direction,
#            settled by its own growth (up kept, a fall missed: rule relative_level)
#   average  another government's average ("高于全市平均水平"): settled by a statement that it was above it
#            ("5项主要经济指标增速高于全市平均水平": relative_statement), or by its growth against that
#            government's growth where the warehouse holds it (relative_by_reference, in SQL)
#   rank     a rank among the superior's parts ("进入全市前列"): settled by a statement of rank alone
#            ("排名全市前五", "位居全市第一": relative_rank)
#   quota    a superior's order ("完成省定、市定任务", "上级下达的各项约束性指标"): by a statement that it was
#            done ("超额完成省市任务", "各项约束性指标超额完成": quota_statement)
REFERENCE_KINDS = ("level", "average", "rank", "quota")
# What reads a reference and how a target is spoken of beside it, by name.
_PATTERNS = {
    # the kind of a reference (`reference_kind`): a superior's quota, a rank, the target's own level
    "quota_reference": re.compile(QUOTA_SETTER),
    "rank_reference": re.compile(r"前列|前[一二三四五六七八九十\d]|第[一二三四五六七八九十\d]"),
    "own_level": re.compile(r"^(?:上年|去年|(?P<year>\d{4})年)(?:水平)?$"),
    # the government a reference names by its level ("全市平均水平", "全国前列", "保定市前列": 市, 国, 市)
    "whose": re.compile(r"([国省市州盟区])(?:平均|前)"),
    "whole_of": re.compile(r"全([省市州盟区])"),
    # a comparison below its reference ("低于上年水平"), not "不低于"
    "below": re.compile(r"(?<!不)低于$"),
    # what a later clause of the name's sentence may say before its comparison and still speak of the name
    # ("社会消费品零售总额…同比下降1.2%，高于全市平均增速", "…分别增长4.8%、7%，增速连续3年高于全国平均水平")
    "relative_lead": re.compile(
        r"(?:增速|增幅|增长率|均|都|分别|持续|继续|稳|连续[\d一二三四五六七八九十]+年|位居|居|排名|位列|名列|总量|及)*"
    ),
    # the main indicators spoken of as a group: "主要经济指标", "四项主要经济数据", "5项经济指标", "多项指标"
    "main_indicators": re.compile(
        r"(?:[\d一二三四五六七八九十]+项|多项|各项)?(?:主要)?经济(?:指标|数据)|(?:[\d一二三四五六七八九十]+项|多项)(?:主要)?指标"
    ),
}
# A superior's quota done: "超额完成省市任务", "完成市定任务", "超额完成市核目标任务" (the SQL macro
# names_quota reads it alike: tests/test_verdicts.py)
_QUOTA_DONE = re.compile(
    rf"(?:{DONE_WELL})?完成了?{QUOTA_SETTER}的?[^，；。\d]{{0,8}}?(?:目标任务|任务|目标)"
)
# How the review states a quantity against each kind of reference a statement settles (`relative_statement`):
_STATED = {
    # a government's average: "增速高于全市平均水平", "5项经济指标增速高于全国、全省平均水平", "高于省、市平均
    # 增速", "社会消费品零售总额…高于全市平均增速0.3个百分点"
    "average": re.compile(
        r"(?P<side>高于|快于|超过|低于)(?P<whom>(?:全?[国省市][、和]?)+)平均(?:水平|增速|值)?"
    ),
    # a rank among the parts of a government, the first five its 前列 ("排名全市前五", "位居全市第一",
    # "全市排第一", "增速全市第2", "稳居全市前列"; not "居全国第6位", "进入全市前12")
    "rank": re.compile(
        r"全(?P<whom>[国省市])(?:排名|排)?(?:第[一二三四五1-5](?![\d十])|前[一二三四五1-5](?![\d十])|前列|第一方阵)"
    ),
    "quota": _QUOTA_DONE,
}


def reference_kind(reference: str | None, year: int | None = None) -> str | None:
    """What a target with this reference is held to (see REFERENCE_KINDS), or None: no reference, or a level
    of another year than the one before the target's ("恢复到2019年水平" in 2021: no one year's growth says
    it)."""
    if not reference:
        return None
    if _PATTERNS["quota_reference"].search(reference):
        return "quota"
    if _PATTERNS["rank_reference"].search(reference):
        return "rank"
    if "平均" in reference:
        return "average"
    own = _PATTERNS["own_level"].match(reference)
    if own and (own["year"] is None or year is None or int(own["year"]) == year - 1):
        return "level"
    return None


def reference_region(region: str | None, reference: str | None) -> str | None:
    """The government whose result a relative target is compared with, by the regions catalogue: 全国
    for "全国平均水平"; the region's ancestor the reference names ("保定市前列") or whose level it names
    ("全市平均水平" of 河北省保定市蠡县: 河北省保定市; "全省…": 河北省). None when the catalogue does not
    know the region or no ancestor is of that level ("全区" of 上海市虹口区 is the district itself)."""
    if not reference:
        return None
    if "全国" in reference:
        return COUNTRY
    regions = load_regions()
    own = regions.get(region or "")
    if own is None:
        return None
    ancestors = regions.ancestors(own)
    for ancestor in ancestors:
        if any(len(name) >= 2 and name in reference for name in ancestor.names):
            return ancestor.full_name
    level = _PATTERNS["whole_of"].search(reference)
    if level is None:
        return None
    word = level.group(1)
    for ancestor in ancestors:
        if ancestor.name.endswith(word) or (word == "省" and ancestor.level == "province"):
            return ancestor.full_name
    return None


def relative_wants(phrase: str, reference: str) -> str:
    """The direction a target compared with its reference asks for: 'down' after 低于, else 'up'."""
    at = phrase.find(reference)
    return "down" if at > 0 and _PATTERNS["below"].search(phrase, 0, at) else "up"


def _speaks_for_group(target: Mapping[str, Any], catalogue: Catalogue) -> bool:
    """Does a statement about the main indicators as a group ("5项主要经济指标增速高于全市平均水平") speak for
    this target? It does for the group itself and for an indicator measured by its growth."""
    name = str(target.get("indicator") or "")
    if _PATTERNS["main_indicators"].search(name):
        return True
    indicator = catalogue.get(target["indicator_id"]) if target.get("indicator_id") else None
    return indicator is not None and "growth" in indicator.kinds


def _of_the_year(
    text: str,
    start: int,
    span: tuple[int, int],
    review_year: int | None,
    period_spans: Sequence[tuple[int, int]],
    term_review: bool,
) -> bool:
    """Does a mention at `start` speak of the year reviewed? Not in a paragraph about a whole term or
    period ("五年来…", "“十四五”时期…"), nor after another year ("2019年…") or several ("近年来…") in its
    sentence."""
    span_start, span_end = span
    paragraph = text.rfind("\n", span_start, start) + 1 or span_start
    if term_review and not YEAR_PARAGRAPH.search(text, paragraph, paragraph_end(text, start, span_end)):
        return False
    if term_paragraph(text, paragraph) or any(s <= start < e for s, e in period_spans):
        return False
    sentence = max(paragraph, sentence_start(text, start))
    clause = max([sentence, *(m.end() for m in CLAUSE_MARK.finditer(text, sentence, start))])
    dated = YEAR.findall(text, clause, start)
    if dated and review_year is not None and int(dated[-1]) != review_year:
        return False
    return not SEVERAL_YEARS.search(text, sentence, start)


def relative_statement(
    target: Mapping[str, Any],
    held_to: str,
    wants: str,
    text: str,
    review_spans: Sequence[tuple[int, int]],
    catalogue: Catalogue,
    review_year: int | None,
    period_spans: Sequence[tuple[int, int]],
) -> Evidence | None:
    """A statement of the review that a relative target was met (or, against an average, not): after a name
    of its indicator or of its group (the catalogue's `parts` read upwards; the main indicators as a group,
    for the group itself and an indicator measured by its growth), in the same sentence before another
    indicator is named, for the year and not an aim."""
    pattern = _STATED[held_to]
    whose = _PATTERNS["whose"].search(str(target.get("reference") or ""))
    index = catalogue_index(catalogue)
    names = names_of(target, catalogue)
    own_ids = frozenset({target.get("indicator_id")})
    searched = find_mentions(text, review_spans, names.figure_names + names.group_names)
    if held_to != "quota" and _speaks_for_group(target, catalogue):
        for span_start, span_end in review_spans:
            groups = _PATTERNS["main_indicators"].finditer(text, span_start, span_end)
            searched += [(m.start(), m.end(), m.group()) for m in groups]
    term_review = bool(review_spans) and is_term_review(text, review_spans)
    for start, end, name in sorted(set(searched)):
        span = next((s, e) for s, e in review_spans if s <= start < e)
        if not _of_the_year(text, start, span, review_year, period_spans, term_review):
            continue
        stop = sentence_stop(text, end, span[1])
        cut = next(
            (
                m.start()
                for m in index.alias_pattern.finditer(text, end, stop)
                if index.other_name_between(text, m.start(), m.end(), own_ids, names.figure_names)
            ),
            stop,
        )
        said = pattern.search(text, end, cut)
        if said is None:
            continue
        if held_to != "quota" and whose is not None and whose.group(1) not in said["whom"]:
            continue  # "高于全省平均水平" says nothing of the city's average
        marks = list(CLAUSE_MARK.finditer(text, end, said.start()))
        if marks and not _PATTERNS["relative_lead"].fullmatch(text, marks[-1].end(), said.start()):
            continue  # "主要经济指标稳中有进，营商环境位居全市前列": a later clause with a subject of its own
        sentence = max(span[0], sentence_start(text, start))
        clause = max([sentence, *(m.end() for m in CLAUSE_MARK.finditer(text, sentence, start))])
        if AIM.search(text, clause, said.start()) or THIS_YEAR.search(text, clause, said.start()):
            continue  # "力争主要经济指标增速进入全市前列": an aim
        below = held_to == "average" and said["side"] == "低于"
        attainment = "met" if below == (wants == "down") else "not_met"
        return stated(text, name, (start, said.end()), (start, end), attainment)
    return None


def unsettled(found: Evidence, text: str) -> Evidence:
    """What a relative target's own lookup found that cannot settle it: its mention, nothing found."""
    if found.found is None:
        return found
    return not_found("no_comparable_figure", text, found.mention_start, found.mention_end)

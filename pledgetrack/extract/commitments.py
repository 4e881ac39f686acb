"""The quantified plans of the year besides the headline targets (tier 'commitment'): "拟安排财政赤字…",
"新增养老床位300张", "抓好507栋老旧楼房".

8. Commitments are the quantities of the plan section's sentences of this year. Passed over: from a
   sentence that opens a span of several years (五年来, 今后五年, "“十二五”时期…") to the end of its paragraph
   and the "——" items after it, and a chapter about the five years; last year's results restated ("过去一年，
   …" up to the sentence that turns back to the plan: 今年, 要, 将 …); a sentence of other years (到20XX年,
   年均, 今明两年 …) and a clause of changes against last year, sums, per-unit standards and prices, or
   naming another year; and what is no pledge of the year: a forecast ("将高达765万人", "今年高校毕业生820
   多万人"), a tax's rate, a count of measures or of levies abolished, a policy's nickname ("新36条"), a size
   class ("30万千瓦以下煤电机组"), a name in quotes, a share ("60%的县"), a standard, a name cut mid-word or
   that is only a time word. A name that is only an action ("抓好507栋老旧楼房") takes the noun after the
   number.
"""

from __future__ import annotations

import re

from pledgetrack import numbers
from pledgetrack.extract.facts import Fact, from_to_past, has_quantity, quantified_clauses, quantity_facts
from pledgetrack.extract.rows import TargetRow, target_row
from pledgetrack.extract.spans import LAST_YEAR_LEAD, section_spans, sentence_spans, spans_between
from pledgetrack.extract.subjects import POST_NOUN_MAX, has_noun, post_noun
from pledgetrack.grammar import FIVE_YEARS, OWN_AREA, PLAN_PERIOD
from pledgetrack.model import ParsedReport

_PLAN_SENTENCE_SKIP = re.compile(
    rf"{PLAN_PERIOD}|到20\d\d年|20\d\d年底?以?前|今后[一二三四五]年|"
    r"未来[一二三四五]年|今明两年|年均|过去"
)
# changes against last year, done things, multi-year spans, per-unit standards and prices
_PLAN_CLAUSE_SKIP = re.compile(
    r"比上年|比去年|上年|去年|累计|每年|以来|已|五年|三年|两年|每|人均|价格|收购价"
)


# a sentence that opens a span of several years ("五年来，…", "今后五年，…", "“十二五”时期中央财政将…")
_MULTI_YEAR_OPENER = re.compile(
    rf"^(?:——|--)?(?:我们要[^。，]*。)?(?:五年来|这五年|(?:今后|未来)[三五]年|{PLAN_PERIOD}(?:时期|期间))"
)
_CHAPTER = re.compile(r"[一二三四五六七八九十]+、")  # used with .match(text, pos)
_LINE_BREAKS = re.compile(r"\n+")
_ITEM_DASHES = ("——", "—", "--", "-")  # a list item of the paragraph before
# a sentence that turns from last year's results back to the plan
_BACK_TO_PLAN = re.compile(r"今年|要|将|拟|原则|同时|必须|继续")


def _plan_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of a plan span that can state this year's plans with a quantity. Skipped: from a
    sentence that opens a span of several years to the end of its paragraph, and the "——" list items that
    follow it; a "过去一年，…" passage (last year's results restated before the plan) up to the sentence that
    turns back to the plan (今年, 要, 将, 同时 …); every sentence of a paragraph that cannot hold a quantity
    (most paragraphs of a plan): it is read only for whether it opens several years."""
    out: list[tuple[int, int]] = []
    multi_year = chapter_multi_year = False
    for ps, pe in spans_between(text, start, end, _LINE_BREAKS):
        if _CHAPTER.match(text, ps) and pe - ps <= 40:
            # "二、“十二五”时期的主要目标和任务": the whole chapter is about the five years
            chapter_multi_year = bool(FIVE_YEARS.search(text, ps, pe))
        if chapter_multi_year or (multi_year and text.startswith(_ITEM_DASHES, ps)):
            continue
        if not numbers.may_hold_quantity(text, ps, pe):
            # no commitment in it: it counts only when "——" items follow, if it opens several years
            breaks = _LINE_BREAKS.match(text, pe, end)
            multi_year = (
                breaks is not None
                and text.startswith(_ITEM_DASHES, breaks.end())
                and any(
                    _MULTI_YEAR_OPENER.match(text[ss:se].lstrip()) for ss, se in sentence_spans(text, ps, pe)
                )
            )
            continue
        multi_year = looking_back = False
        for ss, se in sentence_spans(text, ps, pe):
            sentence = text[ss:se].lstrip()
            multi_year = multi_year or bool(_MULTI_YEAR_OPENER.match(sentence))
            if LAST_YEAR_LEAD.match(sentence):
                looking_back = True
            elif looking_back and _BACK_TO_PLAN.search(sentence):
                looking_back = False
            if not (looking_back or multi_year):
                out.append((ss, se))
    return out


_CUTS = ("减少", "削减", "压减")
_CUT_FIRST = re.compile(rf"^({'|'.join(_CUTS)})(.{{2,}})$")  # a cut named first: "减少农村贫困人口"


# A name that is only an action: the thing counted comes after the number, if anything does. Verbs alone
# ("抓好507栋老旧楼房", "打通50条断头路", "筛选100家企业"), a preposition before a scope ("对全区98条道路实施
# 改造", "为全区600户家庭…"), or a short name ending with an action, an adverb or a verb before it and no noun
# ("扎实办好", "稳妥推进", "布局建设", "筹措").
_ONLY_AN_ACTION = re.compile(
    rf"^(?:对|为|给|向){OWN_AREA}$|"
    r"^(?:(?:新|再|全面|持续|积极)?(?:抓好|打通|提供|用好|引进|培育|筛选|创建|打造|推进|实施|建设|支持|推动|释放|完成|"
    r"开展|新建|改造|建成|推出|组织|培训|举办|设立|落实|出台|新增|取消|免征|减免|清理|废止)[和及、]?)+$|"
    r"^.{0,2}(?:推进|建设|办好|筹措|打造|培育|实施|开展|建成|新建|引进|推动|布局|落实|用好|抓好|打通|提供|筛选|创建|"
    r"释放|支持|争取|组织|举办|设立|出台)$"
)
# Quantities in a plan that are not pledges of the year:
_FORECAST = re.compile(r"(?:将|预计|将会)?(?:高)?达$|预计(?:将)?$")  # "高校毕业生将高达765万人": a forecast
# "购置税按7.5%征收", "研发费用加计扣除比例提高到75%": a tax's rate or base, a policy setting, not an aim
_RATE_OF_LEVY = re.compile(r"(?:税|税率|费率|费|扣除比例|退税率)$")
# "十条支持措施", "18项行政事业性收费", "11个难点问题": a count of policies, levies or problems
_COUNT_OF_MEASURES = re.compile(r"(?:措施|政策|条款|收费|问题|意见|办法|文件|清单|举措|事项)$")
_COUNTERS = ("条", "项", "个", "件", "批")
_ABOLISHED = re.compile(r"取消|停征|免征|减免|清理|废止")  # "取消和停征100项": levies abolished, counted
_WORDS_AFTER = re.compile(r"[^，；。、\d]*")
_IMPLEMENTS = re.compile(r"落实|贯彻|执行|关于")
# A name that is a fragment, its noun cut off: a preposition alone, an adverb ("力争让最后20多万…"), or a
# numbered slogan the figure belongs to ("以解决三个1亿人问题为着力点": 三个1亿人 is a slogan, not a count)
_FRAGMENT = re.compile(r"^(?:对|为|让|以|使|把|向|给)$|最后$|[一二两三四五六七八九十]个$")


# A time word taken for a name ("明年将安排200亿元" → 明年): no name, and not this year's pledge either
_TIME_ONLY = re.compile(r"^(?:今年|明年|年内|全年|当年|去年|上年)$")
# The year's size of a population the government does not control, stated bare ("今年高校毕业生820多万人"):
# the year, the population and its count, no verb, no aim (以上, 左右 …): a forecast
_YEAR_BEFORE_NAME = re.compile(r"(?:今年|明年)(?:全国)?$")
_POPULATION = re.compile(r"(?:毕业生|人口|劳动力|农民工)$")
_AIM_BOUND = re.compile("|".join(numbers.BOUND_WORDS))
# A size class, not an amount: "30万千瓦以下煤电机组", "10亿元以上项目" (a bound on a unit's capacity or a
# project's money with its noun right after). A count is a pledge's ("100个以上示范村"), and so is a length
# or an area ("10公里以上“四好农村路”建设", "10万亩以上高标准农田").
_SIZE_UNITS = ("千瓦", "元")
_SIZE_BOUND = re.compile(r"(?:以上|以下)$")
_CLAUSE_OPEN = "，；。：\n"

_YEAR_NAMED = re.compile(r"(20\d\d)年")


def _another_year(text: str, start: int, end: int, year: int | None) -> bool:
    """The clause pledges for another year than the report's ("2012年财政性教育经费支出…达到4%" in 2011)."""
    return year is not None and any(int(y) != year for y in _YEAR_NAMED.findall(text, start, end))


def _not_a_commitment(text: str, f: Fact) -> bool:
    """A quantity of the plan that is no quantified pledge of the year (see the patterns above); a name cut
    mid-word ("政府举办的基层医疗卫生机构实", from "…机构实施…"), or a distance that qualifies what follows
    ("50米内换乘")."""
    before = text[max(0, f.start - 6) : f.start]
    if _FORECAST.search(before):
        return True
    if f.unit in ("%", "‰") and _RATE_OF_LEVY.search(f.indicator):
        return True
    if f.unit in _COUNTERS and (_COUNT_OF_MEASURES.search(f.indicator) or _ABOLISHED.search(f.indicator)):
        return True
    if f.subject_from == "post" and len(_WORDS_AFTER.match(text, f.end).group()) > POST_NOUN_MAX:
        return True  # the words after the number run on past what `post_noun` reads: the name is cut
    if f.unit == "条" and _IMPLEMENTS.search(f.indicator):
        return True  # "落实…新36条": the nickname of a policy ("36 articles"), not a count to reach
    if _FRAGMENT.search(f.indicator) or _TIME_ONLY.match(f.indicator):
        return True
    if _forecast_of_the_year(text, f) or _size_class(text, f):
        return True
    return text[f.end : f.end + 1] in ("内",) and text[f.end + 1 : f.end + 2] not in ("，", "。", "；", "")


def _forecast_of_the_year(text: str, f: Fact) -> bool:
    """ "今年高校毕业生820多万人": a clause of the year, a name and its number, no verb and no aim."""
    name_at = f.start - len(f.indicator)
    if name_at < 0 or text[name_at : f.start] != f.indicator or _AIM_BOUND.search(text, f.start, f.end):
        return False
    if not _POPULATION.search(f.indicator) or numbers.unit_factor(f.unit)[0] != "人":
        return False
    year = _YEAR_BEFORE_NAME.search(text, max(0, name_at - 6), name_at)
    return year is not None and (year.start() == 0 or text[year.start() - 1] in _CLAUSE_OPEN)


def _size_class(text: str, f: Fact) -> bool:
    """ "淘汰关停不达标的30万千瓦以下煤电机组": a bound on a measure with a noun right after it is a class of
    sizes the pledge is about, not an amount to reach."""
    follows = text[f.end : f.end + 1]
    return (
        bool(_SIZE_BOUND.search(text, f.start, f.end))
        and numbers.unit_factor(f.unit)[0] in _SIZE_UNITS
        and bool(follows)
        and follows not in _CLAUSE_OPEN + "、”的"
    )


def commitments(report: ParsedReport, skip: list[tuple[int, int]], seen: set[tuple]) -> list[TargetRow]:
    """Quantified plans of the year outside the headline targets ("拟安排财政赤字…", "新增养老床位300张")."""
    text = report.text
    rows: list[TargetRow] = []
    for ps, pe in section_spans(report, "plan"):
        for ss, se in _plan_sentences(text, ps, pe):
            if not has_quantity(text, ss, se) or _PLAN_SENTENCE_SKIP.search(text, ss, se):
                continue  # a commitment is a quantity
            carried = ""
            for cs, ce, quantities in quantified_clauses(text, ss, se):
                carried_before = carried
                facts, carried = quantity_facts(text, cs, ce, quantities, carried)
                if _PLAN_CLAUSE_SKIP.search(text, cs, ce) or _another_year(text, cs, ce, report.meta.year):
                    continue
                for f in facts:
                    if not has_noun(f.indicator) or any(a <= f.start < b for a, b in skip):
                        continue
                    if from_to_past(text, f, cs, ce):
                        continue
                    if (
                        text[f.start - 1 : f.start] == "“"
                        or text[f.end : f.end + 1] in ("”", "的")
                        or "标准" in f.indicator
                    ):
                        continue  # a name in quotes ("“50条”"), a share ("60%的县") or a standard
                    if _ONLY_AN_ACTION.match(f.indicator):
                        # "抓好507栋老旧楼房", "扎实办好20项民生实事": the thing counted follows the number
                        f.indicator = post_noun(text, f.end, ce)
                        f.subject_from = "post"
                    if not has_noun(f.indicator) or _not_a_commitment(text, f):
                        continue
                    if f.indicator.startswith(_CUTS):  # "再减少农村贫困人口…" → 农村贫困人口减少
                        f.indicator = _CUT_FIRST.sub(r"\2\1", f.indicator)
                    if f.indicator.startswith("占") and has_noun(carried_before):
                        f.indicator = carried_before + f.indicator  # "财政赤字…，占国内生产总值比重在3%以内"
                    row = target_row("commitment", f, text, cs, ce, facts)
                    key = (row.indicator_id or row.indicator, row.kind, row.value, row.unit)
                    if key in seen:
                        continue
                    seen.add(key)
                    rows.append(row)
    return rows

"""Quantities found in a span turned into facts: a number with its unit, the indicator it is about, its kind.

The rules follow the register of these documents, not particular sentences:
2. A quantity is a number with a unit ("7%", "240亿元", "5000户", "3.9万平方米") plus the qualifiers
   around it: a comparator before it (超过, 不低于, 控制在 …) or after it (左右, 以上, 以内 …), ranges
   ("6%-6.5%", "6%至7%") and approximations ("2500余户", "8万多平方米").
(3. The indicator, its name: `subjects`.)
4. The kind comes from the verb in front of the number (增长/上涨/涨幅 → growth, 下降/降低/减少 → reduction,
   a % without either → rate, any other unit → level); a ratio to the annual target is a rate; an increment
   of a stock just stated ("比上年增加2787亿元") is not a level.
5. Lists: "A、B排放量都要减少2%" / "A、B、C各2万平方米" give one row per name (the shared head noun is
   distributed); "A和B分别增长x%和y%" pairs names and numbers in order (城乡居民… → 城镇…, 农村…); a
   "分别…" clause without a subject pairs with the subjects of the sentence's previous clauses.

A span in (text, start, end), `Fact`s out (`quantified_clauses`, then `quantity_facts` for each clause), each
with its phrase (`fact_span`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pledgetrack import numbers
from pledgetrack.extract.spans import clause_spans, regex, skip_punct, trim
from pledgetrack.extract.subjects import (
    distinct_indicators,
    has_noun,
    names_for,
    post_noun,
    split_names,
    strip_name,
)
from pledgetrack.grammar import LIST_JOINERS, PLAN_PERIOD, guarded, longest_match

# ---------------------------------------------------------------- quantities

# a quantity that qualifies something else: "8个方面", "10米范围内", "40%的企业"
_QUALIFIER_AFTER = re.compile(
    r"(?:[千百万]?亿(?:元|级)?(?:台阶|大关|关口)|方面|大类|类|批次|个方面|范围|的(?:企业|项目)|左右的|"
    # the cities an air measure covers: "74个重点城市细颗粒物浓度", "338个地级及以上城市"
    r"(?<=个)(?:重点|地级及以上|地级以上)城市)"
)
_DIGIT = re.compile(r"\d")


def has_quantity(text: str, start: int, end: int) -> bool:
    """Can `text[start:end]` hold a quantity? Most sentences of a report have none: asking once per
    sentence spares them the clause-by-clause reading (the answer is the same, only faster)."""
    if not numbers.may_hold_quantity(text, start, end):
        return False  # most sentences, told by one scan
    return _DIGIT.search(text, start, end) is not None or bool(numbers.find_quantities(text, start, end))


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[numbers.Quantity]:
    """The quantities of `text[start:end]` that can be a target or a result, at offsets into `text`.

    `numbers.find_quantities` reads them; here the register decides which count: 个百分点 is a change of a
    rate and "增长1.71倍" a multiple, neither a target or result of its own; a figure that qualifies the
    noun after it ("8个方面") is not a quantity of the clause; "2500余户" is at least 2500, "约7%" about 7."""
    end = len(text) if end is None else end
    if not numbers.may_hold_quantity(text, start, end):
        return []
    out: list[numbers.Quantity] = []
    for q in numbers.find_quantities(text, start, end):
        if q.kind_hint == "points" or q.unit == "倍" or _QUALIFIER_AFTER.match(text, q.end):
            continue
        if q.comparator == "plain" and q.approximate:
            q = q._replace(comparator="approx" if numbers.about(text, q.start) else "at_least")
        out.append(q)
    return out


# ---------------------------------------------------------------- clauses with their quantities


def quantified_clauses(text: str, start: int, end: int) -> list[tuple[int, int, list[numbers.Quantity]]]:
    """The clauses of a sentence, each with its quantities (`find_quantities` of the clause).

    One scan per sentence: a scan per clause was a fifth of extraction. Both read the same quantities
    because no quantity holds a clause mark, with one exception: the thousands comma of "12,000" (which
    also keeps a number from starting right after it), so a sentence with an ASCII comma is read clause by
    clause."""
    clauses = clause_spans(text, start, end)
    if text.find(",", start, end) >= 0:
        return [(cs, ce, find_quantities(text, cs, ce)) for cs, ce in clauses]
    quantities = find_quantities(text, start, end)
    out: list[tuple[int, int, list[numbers.Quantity]]] = []
    i = 0
    for cs, ce in clauses:  # both in text order, and every quantity lies within one clause
        first = i
        while i < len(quantities) and quantities[i].end <= ce:
            i += 1
        out.append((cs, ce, quantities[first:i]))
    return out
# the verbs before a % that make it a change, up or down ("PM2.5浓度改善10.8%" is a fall), read by facts
# and by the lookup alike
GROWTH_VERBS = "增长|增加|上涨|上升|增幅|增速|涨幅|提高|扩大"
REDUCTION_VERBS = "下降|降低|减少|削减|减排|压减|回落|降幅|降|改善"
# a change to a level: "下降到2.6%", "提高至75%" give the level reached, not the change
CHANGED_TO = re.compile(r"(?:增加|增长|提高|提升|扩大|上升|升|下降|降低|减少|回落|降)(?:到|至)$")
_GROWTH_WORD = re.compile(rf"(?:{GROWTH_VERBS})了?$")
_REDUCTION_WORD = re.compile(rf"(?:{REDUCTION_VERBS})了?$")
_TO_WORD = re.compile(r"(?:到|至|为|在|达)$")
# a verb of change made a rate ("降低率", "下降率", "削减率", "增长率"): its figure is the change itself
_RATE_OF_CHANGE = re.compile(r"(降低|下降|削减|增长)率$")


# ---------------------------------------------------------------- kinds


def _kind(unit: str, subject: str, lead: str) -> str:
    """lead: the words right before the number (after the subject)."""
    if unit == "‰":
        return "rate"  # "人口自然增长率控制在5‰以内": a ratio per mille, like a rate in %
    if unit != "%":
        return "level"
    if regex(r"增长(?:预期)?目标(?:拟)?(?:为|定为|定在)$").search(subject + lead):
        return "growth"  # "经济增长预期目标为7%左右"
    if regex(r"目标的?$|计划的?$|任务的?$").search(lead) or regex(r"(?:超出|超过).{0,6}目标").search(lead):
        return "rate"
    if "涨幅" in subject or "涨幅" in lead or "增幅" in lead or "增速" in lead:
        return "growth"
    if CHANGED_TO.search(lead):
        return "rate"  # "比重从10.1%下降到2.6%": a level, not a change
    rate_of_change = _RATE_OF_CHANGE.search(subject)
    if rate_of_change:  # "综合能耗降低率达3.7%": the rate a verb of change names is that change
        return "reduction" if rate_of_change.group(1) != "增长" else "growth"
    if _TO_WORD.search(lead) and not _GROWTH_WORD.search(lead[:-1]) and not _REDUCTION_WORD.search(lead[:-1]):
        return "rate"
    stripped = regex(r"(?:分别|都要|要|将|再|均|了|预期|力争|同比|实际|名义)+$").sub("", lead)
    if _GROWTH_WORD.search(stripped) or regex(r"增长|上涨|上升|增加").search(lead[-6:]):
        return "growth"
    if _REDUCTION_WORD.search(stripped) or regex(r"下降|降低|减少|削减").search(lead[-6:]):
        return "reduction"
    if regex(r"(?:增长|上涨|上升|增加)(?:了)?$").search(subject):
        return "growth"
    if regex(r"(?:下降|降低|减少|削减)(?:了)?$").search(subject):
        return "reduction"
    return "rate"


# ---------------------------------------------------------------- figures of several years

# A figure of several years, not of one: "年均增长9.3%", "累计新增…", "五年…", "近年来…", "“十三五”…".
# "年均浓度" is one year's mean of a concentration; "多年来最低" and "实现连续6年增产" are records of the
# year, and "一年来" is the year itself. Read by results (a result of several years is not the year's) and by
# the lookup (nor is it a place to read one).
SEVERAL_YEARS = re.compile(
    r"年均(?!浓度)|累计|[两三四五十]年|平均每年|以来|历年|(?:近|多)?(?<!一)年来(?!最|首次)|近\d+年|"
    + PLAN_PERIOD
)
# right before a figure, a run of years makes the figure the run's ("连续三年增长12%")
RUN_OF_YEARS = re.compile(r"连续[\d一二两三四五六七八九十]+年")


# ---------------------------------------------------------------- clause analysis

# A count of people is written with a bare 万 or 亿 as often as with 万人: "农村贫困人口减少1240万" and
# "减少农村贫困人口1000万人以上" count the same thing, and only one unit lets the two be compared.
#   农村贫困人口减少1240万      → 1240 万人
#   505万下岗失业人员实现再就业  → 505 万人
#   城镇新增就业1100万          → 1100 万人
#   常住人口2487万             → 2487 万人
#   粮食产量1.3万亿斤 / 投资5万亿元 → unchanged (a unit of their own)
_COUNTS_PEOPLE = re.compile(r"人口|人员|人数|劳动力|职工|农民工|毕业生|就业")


def people_unit(unit: str | None, name: str) -> str | None:
    """`unit` of a figure counting what `name` names: a bare 万/亿 of people is 万人/亿人."""
    if unit in ("万", "亿") and _COUNTS_PEOPLE.search(name):
        return unit + "人"
    return unit


@dataclass
class Fact:
    indicator: str
    kind: str
    comparator: str | None
    value: float | None
    value_high: float | None
    unit: str | None
    start: int
    end: int
    subject_from: str  # 'pre' | 'carried' | 'post' | 'none'


# (guarded, where the verbs can start or the end, for they are all optional: search tries every position of
# the text before a number, and without the lookahead tried every word below at each)
_VERB_BEFORE_NUMBER = guarded(
    r"(?:预计全年|预计)?(?:完成了?|实现了?|达到了?|达|为|突破|超过|迈上|跨越|跨过|跨上|增至|合计|共计|总计|共|"
    r"(?<![合共总统估预])计)?"
    r"(?:比上年|比去年|较上年|较去年|同比|同口径|实际|名义)?"
    r"(?:分别)?(?:比上年|比去年|较上年|同比)?(?:实际|名义)?"
    # a verb of change, slight or not ("微降"), and the level it reached ("下降到", "降至")
    r"(?:微?(?:增长|增加|上涨|上升|提高|增速|增幅|下降|降低|减少|削减|回落|降|改善)了?(?:到|至)?"
    r"|控制在|保持在|稳定在|定为|定在|目标为|预期增长|(?:都)?要(?:降低|减少|增长)|在)?(?:了)?(?:到|在)?$"
)
# The verbs are looked for in the last characters of the text before a number, not at each of its positions:
# as many as `_VERB_BEFORE_NUMBER` can match, and one more (`$` also matches before a final line break).
_VERB_RUN_LONGEST = longest_match(_VERB_BEFORE_NUMBER) + 1
# "2018年", "去年底的" right before a number: a date, not part of the subject (each has 年)
# a verb of change before an amount or a count (not a %): the figure is the change, not the level
# ("比上年增加2787亿元", "同比增长34天", "农村贫困人口减少290万")
_CHANGE_OF_A_COUNT = re.compile(r"(增加|减少|增产|增长|下降)了?$")
_YEAR_BEFORE_NUMBER = re.compile(r"(?:\d{4}年|去年|上年|当年|今年)(?:底|末)?(?:的)?$")
# a % of the year's target, plan or task: "完成年度目标的128.4%", "占年度计划的114%"; and the completion rate
# of the year's investment plan: "投资完成率达到149.5%" (guarded: searched, with its $, over the text before
# a figure)
ATTAIN_RATIO = guarded(
    r"(?:(?:完成|达到|超出|超过|占)(?:了)?(?:原定)?(?:年度|全年|年初)?(?:确定的)?(?:目标|计划|任务)的?"
    r"|投资完成率(?:达到|达|为)?)$"
)


def quantity_facts(
    text: str,
    cs: int,
    ce: int,
    quantities: list[numbers.Quantity],
    carried: str,
    history: list[str] | None = None,
) -> tuple[list[Fact], str]:
    """The quantities of one clause with their indicator and kind; returns the subject to carry on."""
    if not quantities:
        return [], carried  # most clauses
    facts: list[Fact] = []
    pos = cs
    subject = carried
    for i, q in enumerate(quantities):
        pre_text = text[pos : q.start]
        if "年" in pre_text:
            pre_text = _YEAR_BEFORE_NUMBER.sub("", pre_text)
        m = _VERB_BEFORE_NUMBER.search(pre_text, max(0, len(pre_text) - _VERB_RUN_LONGEST))
        lead = pre_text[m.start() :] if m else ""
        raw_subject = pre_text[: m.start()] if m else pre_text
        name = strip_name(raw_subject)
        source = "pre"
        after_list = raw_subject.rstrip().endswith("等")
        after_post = i > 0 and facts and facts[-1].subject_from == "post"
        # the noun after the quantity, read only when one of the rules below can take it
        post = post_noun(text, q.end, ce) if after_list or after_post or not has_noun(name) else ""
        if after_list and has_noun(post):
            # "A、B等7个基地实现收尾": the quantity leads its noun
            name, source = post, "post"
        elif after_post and has_noun(post):
            name, source = post, "post"
        elif i > 0 and not has_noun(name) and facts:
            # "分别增长2%和17.2%", "6500户、21万平方米": the same subject
            name, source = facts[-1].indicator, facts[-1].subject_from
        elif not has_noun(name):
            if has_noun(post):
                name, source = post, "post"
            elif has_noun(carried):
                name, source = carried, "carried"
            else:
                source = "none"
        kind = _kind(q.unit, raw_subject, lead)
        if i > 0 and facts and not lead.strip("和、及与") and q.unit == facts[-1].unit == "%":
            kind = facts[-1].kind  # "分别增长9.6%和6.2%"
        if q.unit == "%" and ATTAIN_RATIO.search(pre_text):
            kind = "rate"  # "完成年度目标的128.4%": a ratio to the target
            if has_noun(carried) and not has_noun(strip_name(ATTAIN_RATIO.sub("", pre_text))):
                name, source = (facts[-1].indicator, "pre") if facts else (carried, "carried")
        change = _CHANGE_OF_A_COUNT.search(lead) if q.unit != "%" else None
        if change:
            if source == "pre":
                # an increment: "农村贫困人口减少290万"
                name = name + ("减少" if change.group(1) in ("减少", "下降") else "增加")
                kind = "change"
            else:
                kind = "delta"  # "达到2.17万亿元，比上年增加2787亿元": the change of a stock just stated
        comparator = q.comparator
        if comparator == "plain" and "控制在" in lead + pre_text[-4:]:
            comparator = "at_most"  # "城镇登记失业率控制在4.6%": a ceiling
        facts.append(Fact(name, kind, comparator, q.value, q.value_high, q.unit, q.start, q.end, source))
        pos = q.end
    # a list of names with as many quantities ("合同外资和实到外资分别增长2%和17.2%") is distributed
    groups: dict[str, list[Fact]] = {}
    for f in facts:
        groups.setdefault(f.indicator, []).append(f)
    for name, group in groups.items():
        if len(group) == 1:
            # "A、B排放量都要减少2%", "A、B排放量要分别下降2%" (one figure said of each)
            if len(split_names(name)) == 1 or not (
                regex(r"(?:各|都|均|分别)").search(text[group[0].start - 6 : group[0].start])
                or distinct_indicators(split_names(name))
            ):
                continue  # one name, one figure (most clauses)
            # "公共绿地、专用绿地、立体绿化各2万多平方米": one figure for each name
            f0 = group[0]
            names = names_for(name, len(split_names(name)))
            extra = [
                Fact(
                    n,
                    f0.kind,
                    f0.comparator,
                    f0.value,
                    f0.value_high,
                    f0.unit,
                    f0.start,
                    f0.end,
                    f0.subject_from,
                )
                for n in names[1:]
            ]
            f0.indicator = names[0]
            facts[facts.index(f0) + 1 : facts.index(f0) + 1] = extra
            continue
        names = names_for(name, len(group))
        if (
            group[0].subject_from == "carried"
            and len(split_names(name)) != len(group)
            # figures of one kind ("分别增长a和b", "实际增长8.4%和8%") belong to as many earlier subjects;
            # a level and a growth ("达到5379亿元、增长18.5%") are two figures of the one subject carried
            and ("分别" in text[cs:ce] or len({f.kind for f in group}) == 1)
        ):
            hist = [h for h in (history or []) if h]
            if len(hist) >= len(group):
                names = hist[-len(group) :]
        for f, n in zip(group, names, strict=True):
            f.indicator = n
        _share_qualifier(text, group)
    facts = [f for f in facts if f.kind != "delta"]
    for f in facts:
        if f.kind == "change":
            f.kind = "level"
        f.unit = people_unit(f.unit, f.indicator)
    pre_names = list(dict.fromkeys(f.indicator for f in facts if f.subject_from == "pre"))
    if len(pre_names) == 1:
        subject = pre_names[0]
    elif len(pre_names) > 1:
        subject = "、".join(pre_names)  # the next clause's "分别增长a和b" refers to both
    return facts, subject


# "分别增长10%和13%以上", "分别增长7%、8%左右": a qualifier after the last of figures listed back to back
# governs each of them.
_QUALIFIERS = ("approx", "at_least", "at_most")
_LIST_JOINER_WORDS = tuple(LIST_JOINERS)


def _share_qualifier(text: str, group: list[Fact]) -> None:
    last = group[-1].comparator
    if last not in _QUALIFIERS or any(f.comparator != "plain" for f in group[:-1]):
        return
    if all(text[a.end : b.start] in _LIST_JOINER_WORDS for a, b in zip(group, group[1:], strict=False)):
        for f in group[:-1]:
            f.comparator = last


# ---------------------------------------------------------------- a fact's phrase and its past

_FROM_TO = re.compile(r"(?:从|由)(?:[^，；。]{0,14}?)$")


def fact_span(text: str, f: Fact, siblings: list[Fact], cs: int, ce: int) -> tuple[int, int]:
    """The phrase of one quantity: from its subject (or the clause start) to the end of the quantity, or to
    the end of the clause when the quantity leads its noun ("83张认知障碍照护床位")."""
    ps, pe = cs, f.end
    earlier = [g.end for g in siblings if g.start < f.start]
    if earlier and f.subject_from == "pre" and f.indicator not in text[cs : max(earlier)]:
        # a subject of its own after the figure before ("…增长6%，财政收入增长8%"); a figure that only
        # goes on a list of figures ("分别增长6%和7%") has its phrase from the subject that opens the list
        ps = max(earlier) if has_noun(strip_name(text[max(earlier) : f.start])) else cs
    if f.subject_from == "post":
        later = [g.start for g in siblings if g.start > f.start]
        pe = min(later) if later else ce
        if earlier:
            gap = text[max(earlier) : f.start]
            cut = max(gap.rfind(c) for c in LIST_JOINERS + "，")
            ps = max(earlier) + cut + 1 if cut >= 0 else max(earlier)
        while pe > f.end and text[pe - 1] in LIST_JOINERS + "，":
            pe -= 1
    ps, pe = trim(text, ps, pe)
    return skip_punct(text, ps, pe), pe


def from_to_past(text: str, f: Fact, cs: int, ce: int) -> bool:
    """Is this the first number of "从A增加到B" (the past, not the figure)?"""
    return bool(
        _FROM_TO.search(text[cs : f.start])
        and regex(r"^[^，；。]{0,12}?(?:增加|增长|提高|提升|下降|减少|降|上升|扩大|减)(?:到|至|为)").search(
            text[f.end : ce]
        )
    )

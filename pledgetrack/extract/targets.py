"""The targets of the report's year: `extract_targets(report)` → `TargetRow`s.

The headline targets of the report's year (tier 'headline': the items of the "主要预期目标是：" paragraph,
or in older reports the sentences of the plan that state this year's 预期目标) and the other quantified
plans of the year (tier 'commitment').

8. Headline targets: the lead-in "…主要预期目标是：" opens the list (its paragraph, continued while
   paragraphs end with ；，： or start with a list marker); explanations after it ("这里…", "关于…") restate
   targets and are skipped; a clause without a number counts only with an attainment-type predicate
   (完成…下达目标/指标/任务, 控制在…指标内, 基本平衡, 基本稳定, 稳定增长, 同步, 状况…改善). Outside the list,
   a sentence of the targets span counts when it speaks of this year (今年/全年) with a goal cue (预期目标,
   预期增长, 控制在, 要降低 …) about a headline indicator. Duplicates (same quantity restated) are dropped.
9. Direction: a reduction target is a floor (能耗下降3%: at least 3%); otherwise the catalogue's
   direction when it knows the indicator, else ceiling for prices, unemployment, deficits, emissions and
   concentrations and floor for everything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from pledgetrack import numbers
from pledgetrack.extract.attainment import QUOTA_SETTER, WITHIN_GOAL
from pledgetrack.extract.facts import (
    _Fact,
    _fact_span,
    _from_to_past,
    _has_noun,
    _has_quantity,
    _post_noun,
    _quantified_clauses,
    _quantity_facts,
    _split_names,
    _strip,
    compatible,
)
from pledgetrack.extract.spans import _LAST_YEAR_LEAD, _clauses, _re, _section, _sentences, _spans, _trim
from pledgetrack.grammar import CJK, FIVE_YEARS, OWN_AREA, PARAGRAPH_BREAK, PLAN_PERIOD
from pledgetrack.indicators import Indicator, load_catalogue
from pledgetrack.ingest.sections import headline_lead
from pledgetrack.model import ParsedReport

# ---------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)  # slots: a report has dozens of rows, built faster
class TargetRow:
    tier: str  # 'headline' | 'commitment'
    indicator: str
    indicator_id: str | None
    kind: str  # 'growth' | 'reduction' | 'level' | 'rate' | 'qualitative'
    comparator: str | None  # 'approx' | 'at_least' | 'at_most' | 'range' | 'plain' | None
    value: float | None
    value_high: float | None
    unit: str | None
    direction: str | None  # 'floor' | 'ceiling' | None
    phrase: str
    char_start: int
    char_end: int
    # what a relative target is measured against: a reference level ("全市平均水平", "2020年水平"), another
    # quantity ("经济增长"), a superior's quota ("省定任务"), a rank ("全市前列"); None for the others
    reference: str | None = None


# ---------------------------------------------------------------- direction

_CEILING = re.compile(r"价格|物价|涨幅|失业率|失业人数|赤字|通胀|人口自然增长率|排放量$|浓度$|降尘量$")


def _direction(name: str, kind: str, found: Indicator | None) -> str | None:
    """found: the catalogue's indicator for `name`, if any."""
    if kind == "qualitative":
        return None
    if kind == "reduction":
        return "floor"
    if found is not None and found.direction is not None:
        return found.direction
    if _CEILING.search(name) and kind in ("growth", "rate", "level"):
        return "ceiling"
    return "floor"


# ---------------------------------------------------------------- targets

_EXPLAIN = re.compile(
    r"^(?:这里|总的考虑|主要考虑|综合权衡|关于|提出|这是|这与|实现这|同时，要在|为了?实现|实现上述)"
)
# A sentence after the first of the list that opens with what the government will do, not with the name
# of a quantity, is the plan again: "继续实施积极的就业政策…", "加强对增长、就业、物价…的统筹平衡".
_COMMENTARY = re.compile(
    r"^(?:继续|要|加强|坚持|实施|推进|着力|必须|进一步|大力|积极|今年|同时|为了?|通过|我们|各地|各级|统筹|做好)"
)
_HEADLINE_HINT = re.compile(
    r"国内生产总值|经济增长|增长预期目标|居民消费价格|物价|就业|失业|进出口|能(?:源消)?耗|排放|国际收支|居民收入"
)
_THIS_YEAR_GOAL = re.compile(r"今年|全年|年内")
_GOAL_CUE = re.compile(r"预期目标|预期增长|目标为|控制在|要(?:降低|减少|增长)|都要|力争")
_PLAN_SKIP = re.compile(
    rf"年均|累计|{PLAN_PERIOD}|到20\d\d年|20\d\d年底?以?前|"
    r"今后五年|五年|三年|两年|今明两年|每年|以来|比上年增加|比去年增加|比上年减少|已经|过去"
)


def extract_targets(report: ParsedReport) -> list[TargetRow]:
    text = report.text
    rows: list[TargetRow] = []
    seen: set[tuple] = set()
    targets = _section(report, "targets")
    headline_spans: list[tuple[int, int]] = []
    target_methods = [s.found_by for s in report.sections if s.kind == "targets"]
    for (ts, te), method in zip(targets, target_methods, strict=False):
        lead = headline_lead(text, ts, te, report.meta.year)  # the lead-in the span was chosen by
        if lead:
            body = lead[1]
            while body < te and text[body] in "\n ":
                body += 1
            para_end = _list_end(text, body, te)
            headline_spans.append((body, para_end))
            for row in _headline_block(text, body, para_end):
                key = (row.indicator_id or row.indicator, row.kind, row.value, row.unit)
                if row.kind == "qualitative":
                    # every clause of the list is a target, and every name of a clause: two names the
                    # catalogue files under one id ("碳排放双控和主要污染物减排") are two aims
                    key = (row.indicator, row.kind, row.char_start)
                if key not in seen:
                    seen.add(key)
                    rows.append(row)
            scattered = [(ts, lead[0]), (para_end, te)]
        else:
            scattered = [(ts, te)]
        if method == "fallback":
            continue
        # a target of the plan that details an item of the list is a commitment: the list names the group
        # ("主要污染物排放继续减少"), the plan its parts ("化学需氧量、氨氮排放都要减少2%")
        detailed = _parts_of({r.indicator_id for r in rows if r.indicator_id})
        for ss, se in scattered:
            for row in _scattered_headlines(text, ss, se):
                key = (row.indicator_id or row.indicator, row.kind, row.value, row.unit)
                if key in seen or any(
                    row.kind == r.kind and row.value == r.value and compatible(row.indicator, r.indicator)
                    for r in rows
                ):
                    continue
                seen.add(key)
                headline_spans.append((row.char_start, row.char_end))
                rows.append(replace(row, tier="commitment") if row.indicator_id in detailed else row)
    rows.extend(_commitments(report, headline_spans, seen))
    return rows


_LIST_ITEM = re.compile(r"^(?:——|—|[-•·]|\d+[.、]|（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+是)")


def _parts_of(ids: set[str]) -> set[str]:
    """The ids the catalogue lists as parts of the indicators `ids` (主要污染物 → 化学需氧量, 氨氮 …)."""
    catalogue = load_catalogue()
    return {part for i in ids if (found := catalogue.by_id.get(i)) for part in found.parts}


def _list_end(text: str, body: int, stop: int) -> int:
    """The end of the headline list: its paragraph, continued while a paragraph ends with ；，： or the next
    one is a list item ("——地区生产总值增长6%左右；")."""
    end = text.find(PARAGRAPH_BREAK, body)
    end = stop if end < 0 or end > stop else end
    while end < stop:
        nxt = end + len(PARAGRAPH_BREAK)
        nxt_end = text.find(PARAGRAPH_BREAK, nxt)
        nxt_end = stop if nxt_end < 0 or nxt_end > stop else nxt_end
        if text[end - 1 : end] in ("；", "，", "：") or _LIST_ITEM.match(text[nxt:nxt_end]):
            end = nxt_end
        else:
            break
    return end


def _target_row(
    tier: str,
    f: _Fact,
    text: str,
    ps: int,
    pe: int,
    siblings: list[_Fact] | None = None,
    reference: str | None = None,
) -> TargetRow:
    if siblings is not None and f.kind != "qualitative":
        ps, pe = _fact_span(text, f, [g for g in siblings if g is not f], ps, pe)
    ps, pe = _trim(text, ps, pe)
    found = load_catalogue().lookup(f.indicator) if f.indicator else None  # one lookup for id and direction
    return TargetRow(
        tier=tier,
        indicator=f.indicator,
        indicator_id=found.id if found is not None else None,
        kind=f.kind,
        comparator=f.comparator if f.kind != "qualitative" else None,
        value=f.value,
        value_high=f.value_high,
        unit=f.unit,
        direction=_direction(f.indicator, f.kind, found),
        phrase=text[ps:pe],
        char_start=ps,
        char_end=pe,
        reference=reference,
    )


def _headline_block(text: str, start: int, end: int) -> Iterator[TargetRow]:
    """Every clause of the headline list is a target, with a number or without one ("进出口回稳向好"),
    except what is recognisably not an aim: a clause of effort or aspiration qualifying its neighbour
    (`_NOT_AN_AIM`), a five-year goal (`_FIVE_YEAR_GOAL`), the heading of a group of items and the
    explanations that follow the list (`_EXPLAIN`)."""
    for n, (ss, se) in enumerate(_sentences(text, start, end)):
        if text[ss:se].lstrip().startswith("同时，要在"):
            # "同时，要在…取得新进展，城乡居民收入…同步": only its attainment-type clauses count
            for cs, ce in _clauses(text, ss, se):
                yield from _qualitative_targets(text, cs, ce)
            continue
        if _EXPLAIN.match(text[ss:se].lstrip()) or (n and _COMMENTARY.match(text[ss:se].lstrip())):
            # the list is over: what follows explains it ("这里要着重说明，…") or acts on it
            # ("继续实施积极的就业政策…", "加强对增长、就业、物价…的统筹平衡")
            break
        carried = ""
        clauses = []
        for cs, ce, quantities in _quantified_clauses(text, ss, se):
            facts, carried = _quantity_facts(text, cs, ce, quantities, carried)
            clauses.append((cs, ce, [f for f in facts if _has_noun(f.indicator)]))
        for i, (cs, ce, facts) in enumerate(clauses):
            if _FIVE_YEAR_GOAL.search(text, cs, ce):
                continue
            facts = facts or _points_facts(text, cs, ce)
            if facts:
                for f in facts:
                    for name in _urban_and_rural(f.indicator):
                        yield _target_row("headline", replace(f, indicator=name), text, cs, ce, facts)
            elif not _group_heading(text, clauses, i):
                yield from _clause_targets(text, cs, ce)


_URBAN_AND_RURAL = re.compile(r"城乡|城镇(?:和|与|、|及)农村")


def _urban_and_rural(name: str) -> list[str]:
    """城乡 is 城镇 and 农村: "城乡居民人均可支配收入增长8.5%" aims at the urban and the rural figure, which
    the reviews state apart ("城乡居民人均可支配收入分别达到30283元和10324元"), when the catalogue knows
    both."""
    both = _URBAN_AND_RURAL.match(name)
    if both is None:
        return [name]
    pair = ["城镇" + name[both.end() :], "农村" + name[both.end() :]]
    return pair if all(load_catalogue().lookup(n) for n in pair) else [name]


# A change of a rate in percentage points: "常住人口城镇化率提高1个百分点", "研发投入强度提高0.1个百分点以上".
# (Among results 个百分点 is mostly a gap, "高于全国0.4个百分点", and `facts.find_quantities` leaves it out;
# in the list of this year's targets it is the size of the change aimed at.)
_CHANGE_BY_POINTS = re.compile(r"(?P<name>[^，；。、]{2,}?)(?P<verb>提高|提升|增加|上升|下降|降低|减少)$")


def _points_facts(text: str, cs: int, ce: int) -> list[_Fact]:
    """The targets a clause sets in 个百分点 (see `_CHANGE_BY_POINTS`)."""
    facts = []
    for q in numbers.find_quantities(text, cs, ce):
        m = _CHANGE_BY_POINTS.search(text, cs, q.start)
        if q.kind_hint != "points" or m is None or not _has_noun(_strip(m.group("name"))):
            continue
        kind = "reduction" if m.group("verb") in ("下降", "降低", "减少") else "growth"
        name = _strip(m.group("name"))
        facts.append(_Fact(name, kind, q.comparator, q.value, None, q.unit, q.start, q.end, "pre"))
    return facts


# A five-year goal states its own span: "年均增长5%", "到2030年", "2026—2030年", "累计" (a "年均浓度" is the
# mean of one year, not a multi-year average).
_FIVE_YEAR_GOAL = re.compile(
    r"年均(?!浓度)|到20\d\d年|20\d\d年?[—–\-~～至到]20\d\d年|累计"
)
# Clauses of effort or aspiration that qualify the target next to them rather than set one:
# "在实际工作中努力争取更好结果", "力争取得更好结果", "争取更优水平", "努力跑赢全国", "加快构建优势",
# "对标全国全力消减差距" open with an effort word (after a circumstance "在…中"); "在全国实现位次前移"
# aims at a rank, "力争比去年实现更多增长" at "more" (a comparison, not a level).
_NOT_AN_AIM = re.compile(
    r"^在[^，；。]{0,16}?(?:基础上|前提下|条件下)"
    r"|^(?:与|同|比)"  # "与全面建成小康社会目标相衔接": a comparison attached to the clause before
    r"|差距|更好结果|更优|更多|更大"
)
# A rank ("位次前移", "进入全市前列", "跑赢全国") is an aim of its own when the clause names what is ranked
# ("力争主要经济指标增速进入全市前列", "总量位次实现新提升"); without a subject it qualifies the clause before
# ("地区生产总值增长5.5%左右、在全国实现位次前移", "努力跑赢全国").
_RANK = re.compile(r"位次|跑赢|前列")
_NOT_AN_AIM_PREFIX = re.compile(r"^(?:在[^，；。]{0,8}?(?:中|上|内)?|实现|力争|努力|确保)+")
# An effort before an aim ("努力实现居民收入增长和经济发展同步"): the aim is what follows it, if anything
# ("加快构建优势" names no indicator and sets nothing).
_EFFORT = re.compile(
    r"^(?:在[^，；。]{0,12}?(?:中|上))?(?:努力|力争|争取|力求|全力|加快|着力|奋力|对标)+(?:实现)?"
)


def _group_heading(text: str, clauses: list[tuple[int, int, list]], i: int) -> bool:
    """A clause without a number that opens a sentence of the list and is followed by numbered clauses is
    the heading of a group ("人民生活水平进一步提升，完成旧改征收5000户，…"): the numbers are its targets.
    A state after a number ("国内生产总值增长8%左右，经济结构进一步优化"), or opening a ；-item
    ("；物价总水平基本稳定，居民消费价格涨幅3%左右；"), is a target of its own."""
    if i != 0 or len(clauses) < 2:
        return False
    nxt = clauses[i + 1]
    return bool(nxt[2]) and text[clauses[i][1] : nxt[0]] in ("，", ",")


# Where the subject of a state ends and its predicate begins: "进出口|稳量提质", "生态环境质量|持续改善",
# "居民收入|增速高于经济增速", "各类风险|有序有效防控", "供给侧结构性改革|取得实质性进展".
_PREDICATE = re.compile(
    r"(?:增速|增长|增幅|涨幅)?(?:不折不扣|全面|持续|继续|进一步|稳步|稳中|稳量|稳定|基本|总体|有序|有效|保持|争取|"
    r"力争|确保|实现|完成|达到|控制|高于|快于|低于|好于|只增不减|提质|回稳|取得|改善|增强|优化|衔接|向好|提升|"
    r"提高|下降|降低|减少|防控)"
)
# A predicate comparing its subject with something else: the 和/与 of its subject do not list indicators
# ("居民收入增长和经济增长同步", "项目投资增速高于全部投资增速").
_RELATION = re.compile(r"同步|高于|快于|低于|衔接|相适应|相协调")
# ...unless it compares with a reference level, a rank or a quota, which each name of the subject is held to:
# "粮食产量和播种面积高于2020年水平", "城乡居民人均可支配收入、…及实际利用外资均高于全市平均水平",
# "主要经济指标增速进入全市前列", "其他约束性指标确保完成省定、市定任务"; one reference each, of the list it
# closes ("居民收入增速高于经济增速、高于全国平均水平": 全国平均水平).
_REFERENCE = re.compile(
    r"(?:高于|快于|低于|不低于|好于|优于)(?P<level>[^，；。、]{0,12}?(?:平均水平|水平|平均))"
    r"|(?:进入|位居|保持)(?P<rank>[^，；。]{0,6}?前列)"
    rf"|完成(?P<quota>[^，；。]{{0,12}}?{QUOTA_SETTER}[^，；。]{{0,12}}?(?:任务|目标|指标))"
)
# the resolve before a quota's verb ("…指标确保完成省定任务")
_RESOLVE = re.compile(r"(?:确保|力争|努力)$")
# A clause that opens with its verb names its indicators in its object ("提高居民基础养老金",
# "完成国家下达的粮食生产、单位生产总值二氧化碳减排目标任务").
_VERB_FIRST = re.compile(r"^(?:全面|不折不扣|如期|确保|重点|切实)?(?:完成|实现|达到|提高|确保|保持|控制)")
# who set the target, before the object: "国家下达的", "市政府下达的", "经国家审核衔接后确定的"
_SET_BY = re.compile(
    r"^(?:[省市区县]政府|上级)|^(?:经?(?:国家|中央|上级|[省市区县])?(?:审核衔接后)?(?:下达|确定)(?:给?我[省市区县])?的?)"
)
# a river, lake, sea or mountain: a place a measure is taken over, not an indicator
# a river, a lake, a range, or a part of one ("黄河干流", "长江上游")
_PLACE = re.compile(rf"[{CJK}]{{1,4}}(?:江|河|湖|海|山|流域|水库)(?:干流|支流|上游|中游|下游)?")
_TARGET_WORDS = re.compile(r"(?:主要|各项)?(?:约束性)?(?:目标任务|目标|任务|指标|要求)$")
_RELATIVE = re.compile(r"^.*的(?=[^的]{2,}$)")  # "反映转型发展成效的预期性指标" → "预期性指标"
# "水、空气等生态环境质量": examples, then the category they stand for; "能源、水资源、碳排放等指标": a list
_EXAMPLES_OF = re.compile(r"^.*等(?=[^、等]{2,}$)")
_LIST_TAIL = re.compile(r"等(?:各项)?(?:指标|方面|目标任务|目标|任务)?$")
# the plan a task belongs to scopes it, and names no indicator: "“十四五”资源能源消耗…任务全面完成"
_PLAN_SCOPE = re.compile(f"^{PLAN_PERIOD}(?:规划|期间|时期)?(?:的)?")


def _clause_targets(text: str, cs: int, ce: int) -> Iterator[TargetRow]:
    """The targets a clause without a number sets (see `_headline_block`): its subject's indicators, or,
    when it opens with its verb, its object's."""
    clause = text[cs:ce]
    if _NOT_AN_AIM.search(clause):
        return
    effort = _EFFORT.match(clause)
    if effort:
        clause = clause[effort.end() :]
    rank = _RANK.search(clause)
    if rank and not _has_noun(_strip(_NOT_AN_AIM_PREFIX.sub("", clause[: rank.start()]))):
        return  # a rank of nothing named: it qualifies the clause before
    ref = _REFERENCE.search(clause)
    reference = next((g for g in ref.groups() if g), None) if ref else None
    verb = _VERB_FIRST.match(clause)
    if verb:
        names = _object_names(clause[verb.end() :])
    elif ref is not None:
        # each name the subject lists is held to the reference ("…、进出口总额增幅及实际利用外资均高于…")
        # "其他约束性指标确保完成…": the indicators are before the resolve
        subject = _RESOLVE.sub("", clause[: ref.start()])
        first = _RELATION.search(subject)  # "居民收入增速高于经济增速、高于全国平均水平": the first one's
        subject = subject[: first.start()] if first else subject
        subject = _EXAMPLES_OF.sub("", _LIST_TAIL.sub("", _RELATIVE.sub("", subject)))
        names = [_re(r"(?:增幅|增速|增长|总量)$").sub("", _strip(n)) for n in _split_names(_strip(subject))]
    else:
        strict = list(_qualitative_targets(text, ce - len(clause), ce))
        if strict:  # the long-standing attainment predicates, with their own naming
            yield from (replace(row, phrase=text[cs : row.char_end], char_start=cs) for row in strict)
            return
        m = _PREDICATE.search(clause, 2)  # a subject has at least two characters
        subject = _RELATIVE.sub("", clause[: m.start()] if m else clause)
        relation = m is not None and bool(_RELATION.search(clause, m.start()))
        subject = _EXAMPLES_OF.sub("", _LIST_TAIL.sub("", subject))
        names = [subject] if relation else list(_split_names(subject))
        if len(names) > 1 and all(_PLACE.fullmatch(n) for n in names[:-1]):
            names = [subject]  # "长江、黄河、澜沧江省境内干流水质": places, the scope of one measure
        if m is None:  # no predicate the register list knows ("进出口量稳质升"): a known indicator opens it
            names = [head for head in map(_known_head, names) if head]
    for name in names:
        name = _strip(_PLAN_SCOPE.sub("", _strip(name)))
        name = name if load_catalogue().lookup(name) else _known_head(name) or name
        if _has_noun(name):
            f = _Fact(name, "qualitative", None, None, None, None, cs, ce, "pre")
            yield _target_row("headline", f, text, cs, ce, reference=reference)


def _known_head(name: str) -> str | None:
    """The catalogue's indicator that opens `name` ("进出口保稳" → 进出口), if one does."""
    found = load_catalogue().find_in(name)
    return name[: found[0][2]] if found and found[0][1] == 0 else None


def _object_names(obj: str) -> list[str]:
    """The indicators an attainment verb's object names:
    "国家下达的粮食生产、单位生产总值二氧化碳减排目标任务" → 粮食生产, 单位生产总值二氧化碳减排;
    "“某某工程”等区政府实事项目和市政府下达的节能减排等目标" → 实事项目, 节能减排."""
    names = []
    for part in _split_names(_TARGET_WORDS.sub("", _SET_BY.sub("", obj))):
        part = _TARGET_WORDS.sub("", _LIST_TAIL.sub("", _RELATIVE.sub("", part)))
        names.append(_SET_BY.sub("", _EXAMPLES_OF.sub("", part)))
    if not any(_has_noun(_strip(n)) for n in names):
        # the object is a group of targets the catalogue names ("上级下达的各项约束性指标")
        found = load_catalogue().find_in(obj)
        names = [obj[found[0][1] : found[0][2]]] if found else names
    return names


_QUAL_TARGET = re.compile(
    r"(?P<pred>"
    r"(?:均|都|全面)*完成(?:[^，；。]{0,20}?)下达的?(?:[^，；。]{0,10}?)(?:目标|指标|任务)"
    rf"|{WITHIN_GOAL}"
    r"|(?:保持)?基本平衡|基本稳定|稳定增长|同步(?:增长)?$|(?:状况|不平衡状况)(?:得到|有所|继续|进一步)?改善"
    r")"
)


def _qualitative_targets(text: str, cs: int, ce: int) -> Iterator[TargetRow]:
    clause = text[cs:ce]
    m = _QUAL_TARGET.search(clause)
    if not m:
        return
    pred = m.group("pred")
    subject = clause[: m.start()]
    if pred.startswith("同步"):
        # "居民收入增长和经济增长同步", "居民人均可支配收入与经济增长同步": what grows in step
        subject = _re(r"(?:实际)?(?:增长|增速|提高)?(?:和|与|同)[^和与同]*$").sub("", subject)
        subject = _re(r"(?:实际)?(?:增长|增速|提高).*$").sub("", subject)
        names = [_strip(subject)]
    elif "完成" in pred and not _has_noun(_strip(subject)):
        # verb first: "全面完成“某某工程”等区政府实事项目和市政府下达的节能减排等目标"
        obj = _re(r"^(?:均|都|全面)*完成").sub("", pred)
        names = []
        for part in _split_names(obj):
            part = (
                _re(r"^.*等").sub("", part) if not part.endswith("等目标") else _re(r"等目标$").sub("", part)
            )
            part = _re(r"^.*等").sub("", part)
            part = _re(r"^(?:[区市县省]政府|上级)?(?:下达的?)?").sub("", part)
            part = _re(r"(?:目标|指标)$").sub("", part)
            names.append(_strip(part))
    else:
        subject = _re(r"(?:不平衡)?状况(?:得到|有所|继续|进一步)?$").sub("", subject)
        subject = _re(r"(?:保持|均|都|总体|不折不扣)$").sub("", _RELATIVE.sub("", subject))
        names = [_strip(p) for p in _split_names(_strip(subject))]
    for name in names:
        if not _has_noun(name):
            continue
        f = _Fact(name, "qualitative", None, None, None, None, cs, ce, "pre")
        yield _target_row("headline", f, text, cs, ce)


def _scattered_headlines(text: str, start: int, end: int) -> Iterator[TargetRow]:
    """Older reports: "今年经济增长预期目标为7%左右" anywhere in the targets span."""
    for ss, se in _sentences(text, start, end):
        sentence = text[ss:se]
        if not _THIS_YEAR_GOAL.search(sentence) or _PLAN_SKIP.search(sentence.split("，")[0]):
            continue
        explicit = (
            "预期目标是" in sentence
            or "预期目标为" in sentence
            and "，" in sentence[sentence.find("预期目标为") :]
        )
        carried = ""
        for cs, ce, quantities in _quantified_clauses(text, ss, se):
            clause = text[cs:ce]
            facts, carried = _quantity_facts(text, cs, ce, quantities, carried)
            for f in facts:
                if not _has_noun(f.indicator) or _PLAN_SKIP.search(clause):
                    continue
                cued = _GOAL_CUE.search(sentence) and _HEADLINE_HINT.search(f.indicator + clause)
                if not cued and "预期目标是" not in sentence:
                    continue
                if f.kind == "level" and not explicit and not _HEADLINE_HINT.search(f.indicator):
                    continue
                yield _target_row("headline", f, text, cs, ce, facts)


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
    for ps, pe in _spans(text, start, end, _LINE_BREAKS):
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
                and any(_MULTI_YEAR_OPENER.match(text[ss:se].lstrip()) for ss, se in _sentences(text, ps, pe))
            )
            continue
        multi_year = looking_back = False
        for ss, se in _sentences(text, ps, pe):
            sentence = text[ss:se].lstrip()
            multi_year = multi_year or bool(_MULTI_YEAR_OPENER.match(sentence))
            if _LAST_YEAR_LEAD.match(sentence):
                looking_back = True
            elif looking_back and _BACK_TO_PLAN.search(sentence):
                looking_back = False
            if not (looking_back or multi_year):
                out.append((ss, se))
    return out


_CUTS = ("减少", "削减", "压减")
_CUT_FIRST = re.compile(r"^(减少|削减|压减)(.{2,})$")


# A name that is only an action: the thing counted comes after the number ("抓好507栋老旧楼房",
# "打通50条断头路", "筛选100家企业").
_ACTION_ONLY = re.compile(
    # a preposition before a scope is no name either: "对全区98条道路实施改造", "为全区600户家庭…"
    rf"^(?:对|为|给|向){OWN_AREA}$|"
    r"^(?:(?:新|再|全面|持续|积极)?(?:抓好|打通|提供|用好|引进|培育|筛选|创建|打造|推进|实施|建设|支持|推动|释放|完成|"
    r"开展|新建|改造|建成|推出|组织|培训|举办|设立|落实|出台|新增|取消|免征|减免|清理|废止)[和及、]?)+$"
)
# A short name ending with an action ("扎实办好", "稳妥推进", "布局建设", "筹措"): an adverb or a verb before
# it, no noun; what is counted comes after the number, if anything does.
_SHORT_ACTION = re.compile(
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
POST_NOUN_MAX = 14  # `_post_noun` reads at most this much: a name that long was cut, likely mid-word
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


def _not_a_commitment(text: str, f: _Fact) -> bool:
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
        return True  # the words after the number run on past what `_post_noun` reads: the name is cut
    if f.unit == "条" and _IMPLEMENTS.search(f.indicator):
        return True  # "落实…新36条": the nickname of a policy ("36 articles"), not a count to reach
    if _FRAGMENT.search(f.indicator) or _TIME_ONLY.match(f.indicator):
        return True
    if _forecast_of_the_year(text, f) or _size_class(text, f):
        return True
    return text[f.end : f.end + 1] in ("内",) and text[f.end + 1 : f.end + 2] not in ("，", "。", "；", "")


def _forecast_of_the_year(text: str, f: _Fact) -> bool:
    """ "今年高校毕业生820多万人": a clause of the year, a name and its number, no verb and no aim."""
    name_at = f.start - len(f.indicator)
    if name_at < 0 or text[name_at : f.start] != f.indicator or _AIM_BOUND.search(text, f.start, f.end):
        return False
    if not _POPULATION.search(f.indicator) or numbers.unit_factor(f.unit)[0] != "人":
        return False
    year = _YEAR_BEFORE_NAME.search(text, max(0, name_at - 6), name_at)
    return year is not None and (year.start() == 0 or text[year.start() - 1] in _CLAUSE_OPEN)


def _size_class(text: str, f: _Fact) -> bool:
    """ "淘汰关停不达标的30万千瓦以下煤电机组": a bound on a measure with a noun right after it is a class of
    sizes the pledge is about, not an amount to reach."""
    follows = text[f.end : f.end + 1]
    return (
        bool(_SIZE_BOUND.search(text, f.start, f.end))
        and numbers.unit_factor(f.unit)[0] in _SIZE_UNITS
        and bool(follows)
        and follows not in _CLAUSE_OPEN + "、”的"
    )


def _commitments(report: ParsedReport, skip: list[tuple[int, int]], seen: set[tuple]) -> list[TargetRow]:
    """Quantified plans of the year outside the headline targets ("拟安排财政赤字…", "新增养老床位300张")."""
    text = report.text
    rows: list[TargetRow] = []
    for ps, pe in _section(report, "plan"):
        for ss, se in _plan_sentences(text, ps, pe):
            if not _has_quantity(text, ss, se) or _PLAN_SENTENCE_SKIP.search(text, ss, se):
                continue  # a commitment is a quantity
            carried = ""
            for cs, ce, quantities in _quantified_clauses(text, ss, se):
                carried_before = carried
                facts, carried = _quantity_facts(text, cs, ce, quantities, carried)
                if _PLAN_CLAUSE_SKIP.search(text, cs, ce) or _another_year(text, cs, ce, report.meta.year):
                    continue
                for f in facts:
                    if not _has_noun(f.indicator) or any(a <= f.start < b for a, b in skip):
                        continue
                    if _from_to_past(text, f, cs, ce):
                        continue
                    if (
                        text[f.start - 1 : f.start] == "“"
                        or text[f.end : f.end + 1] in ("”", "的")
                        or "标准" in f.indicator
                    ):
                        continue  # a name in quotes ("“50条”"), a share ("60%的县") or a standard
                    if _ACTION_ONLY.match(f.indicator) or _SHORT_ACTION.match(f.indicator):
                        # "抓好507栋老旧楼房", "扎实办好20项民生实事": the thing counted follows the number
                        f.indicator = _post_noun(text, f.end, ce)
                        f.subject_from = "post"
                    if not _has_noun(f.indicator) or _not_a_commitment(text, f):
                        continue
                    if f.indicator.startswith(_CUTS):  # "再减少农村贫困人口…" → 农村贫困人口减少
                        f.indicator = _CUT_FIRST.sub(r"\2\1", f.indicator)
                    if f.indicator.startswith("占") and _has_noun(carried_before):
                        f.indicator = carried_before + f.indicator  # "财政赤字…，占国内生产总值比重在3%以内"
                    row = _target_row("commitment", f, text, cs, ce, facts)
                    key = (row.indicator_id or row.indicator, row.kind, row.value, row.unit)
                    if key in seen:
                        continue
                    seen.add(key)
                    rows.append(row)
    return rows

"""The targets of the report's year: `extract_targets(report)` → `TargetRow`s.

The headline targets of the report's year (tier 'headline': the items of the "主要预期目标是：" paragraph,
or in older reports the sentences of the plan that state this year's 预期目标) and the other quantified
plans of the year (tier 'commitment', `commitments`).

6. Headline targets: the lead-in "…主要预期目标是：" opens the list (its paragraph, continued while
   paragraphs end with ；，： or the next one is a list item "——…"); explanations after it ("这里…",
   "关于…") restate targets, and a sentence after the first that opens with what the government will do
   ("继续实施…", "加强对…的统筹平衡") acts on them: the list ends there; of a sentence "同时，要在…" only the
   attainment-type clauses count (`aims.qualitative_targets`). Every clause of the list is a target,
   with a number or without one (`aims`, rule 7), but a five-year goal with its own cue (年均增长, 到2030年,
   2026—2030年, 累计) and the heading of a group of numbers ("人民生活水平进一步提升，完成旧改征收3000户").
   A change of a rate in 个百分点 is the change aimed at ("城镇化率提高1个百分点"); 城乡 is 城镇 and 农村
   where the catalogue knows both ("城乡居民人均可支配收入增长8.5%": two targets). Outside the list, a
   sentence of the targets span counts when it speaks of this year (今年/全年) with a goal cue (预期目标,
   预期增长, 控制在, 要降低 …) about a headline indicator; a target of the plan that details an item of the
   list (the catalogue's `parts`) is a commitment. Duplicates (same quantity restated) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from pledgetrack import numbers
from pledgetrack.extract.aims import clause_targets, qualitative_targets
from pledgetrack.extract.commitments import commitments
from pledgetrack.extract.facts import Fact, quantified_clauses, quantity_facts
from pledgetrack.extract.rows import TargetRow, target_row
from pledgetrack.extract.spans import clause_spans, section_spans, sentence_spans
from pledgetrack.extract.subjects import compatible, has_noun, strip_name
from pledgetrack.grammar import PARAGRAPH_BREAK, PLAN_PERIOD
from pledgetrack.indicators import load_catalogue
from pledgetrack.ingest.headline import headline_lead
from pledgetrack.model import ParsedReport

__all__ = ["TargetRow", "extract_targets"]  # the row re-exported: `rows` defines it


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
    targets = section_spans(report, "targets")
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
    rows.extend(commitments(report, headline_spans, seen))
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


def _headline_block(text: str, start: int, end: int) -> Iterator[TargetRow]:
    """Every clause of the headline list is a target, with a number or without one ("进出口回稳向好"),
    except what is recognisably not an aim: a clause of effort or aspiration qualifying its neighbour
    (`_NOT_AN_AIM`), a five-year goal (`_FIVE_YEAR_GOAL`), the heading of a group of items and the
    explanations that follow the list (`_EXPLAIN`)."""
    for n, (ss, se) in enumerate(sentence_spans(text, start, end)):
        if text[ss:se].lstrip().startswith("同时，要在"):
            # "同时，要在…取得新进展，城乡居民收入…同步": only its attainment-type clauses count
            for cs, ce in clause_spans(text, ss, se):
                yield from qualitative_targets(text, cs, ce)
            continue
        if _EXPLAIN.match(text[ss:se].lstrip()) or (n and _COMMENTARY.match(text[ss:se].lstrip())):
            # the list is over: what follows explains it ("这里要着重说明，…") or acts on it
            # ("继续实施积极的就业政策…", "加强对增长、就业、物价…的统筹平衡")
            break
        carried = ""
        clauses = []
        for cs, ce, quantities in quantified_clauses(text, ss, se):
            facts, carried = quantity_facts(text, cs, ce, quantities, carried)
            clauses.append((cs, ce, [f for f in facts if has_noun(f.indicator)]))
        for i, (cs, ce, facts) in enumerate(clauses):
            if _FIVE_YEAR_GOAL.search(text, cs, ce):
                continue
            facts = facts or _points_facts(text, cs, ce)
            if facts:
                for f in facts:
                    for name in _urban_and_rural(f.indicator):
                        yield target_row("headline", replace(f, indicator=name), text, cs, ce, facts)
            elif not _group_heading(text, clauses, i):
                yield from clause_targets(text, cs, ce)


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


def _points_facts(text: str, cs: int, ce: int) -> list[Fact]:
    """The targets a clause sets in 个百分点 (see `_CHANGE_BY_POINTS`)."""
    facts = []
    for q in numbers.find_quantities(text, cs, ce):
        m = _CHANGE_BY_POINTS.search(text, cs, q.start)
        if q.kind_hint != "points" or m is None or not has_noun(strip_name(m.group("name"))):
            continue
        kind = "reduction" if m.group("verb") in ("下降", "降低", "减少") else "growth"
        name = strip_name(m.group("name"))
        facts.append(Fact(name, kind, q.comparator, q.value, None, q.unit, q.start, q.end, "pre"))
    return facts


# A five-year goal states its own span: "年均增长5%", "到2030年", "2026—2030年", "累计" (a "年均浓度" is the
# mean of one year, not a multi-year average).
_FIVE_YEAR_GOAL = re.compile(
    r"年均(?!浓度)|到20\d\d年|20\d\d年?[—–\-~～至到]20\d\d年|累计"
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


def _scattered_headlines(text: str, start: int, end: int) -> Iterator[TargetRow]:
    """Older reports: "今年经济增长预期目标为7%左右" anywhere in the targets span."""
    for ss, se in sentence_spans(text, start, end):
        sentence = text[ss:se]
        if not _THIS_YEAR_GOAL.search(sentence) or _PLAN_SKIP.search(sentence.split("，")[0]):
            continue
        explicit = (
            "预期目标是" in sentence
            or "预期目标为" in sentence
            and "，" in sentence[sentence.find("预期目标为") :]
        )
        carried = ""
        for cs, ce, quantities in quantified_clauses(text, ss, se):
            clause = text[cs:ce]
            facts, carried = quantity_facts(text, cs, ce, quantities, carried)
            for f in facts:
                if not has_noun(f.indicator) or _PLAN_SKIP.search(clause):
                    continue
                cued = _GOAL_CUE.search(sentence) and _HEADLINE_HINT.search(f.indicator + clause)
                if not cued and "预期目标是" not in sentence:
                    continue
                if f.kind == "level" and not explicit and not _HEADLINE_HINT.search(f.indicator):
                    continue
                yield target_row("headline", f, text, cs, ce, facts)

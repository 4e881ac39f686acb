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
from dataclasses import dataclass

from pledgetrack import numbers
from pledgetrack.extract.facts import (
    _Fact,
    _fact_span,
    _from_to_past,
    _has_noun,
    _has_quantity,
    _quantified_clauses,
    _quantity_facts,
    _split_names,
    _strip,
    compatible,
)
from pledgetrack.extract.spans import _LAST_YEAR_LEAD, _clauses, _re, _section, _sentences, _spans, _trim
from pledgetrack.grammar import PARAGRAPH_BREAK
from pledgetrack.indicators import Indicator, load_catalogue
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

_LEAD_IN = re.compile(r"(?:主要预期目标|预期目标|主要目标)(?:是|为)[：，:]")
_EXPLAIN = re.compile(r"^(?:这里|总的考虑|主要考虑|综合权衡|关于|提出|这是|这也|这与|实现这|同时，要在)")
_HEADLINE_HINT = re.compile(
    r"国内生产总值|经济增长|增长预期目标|居民消费价格|物价|就业|失业|进出口|能耗|能源消耗强度|排放|国际收支|居民收入"
)
_THIS_YEAR_GOAL = re.compile(r"今年|本年|全年|年内")
_GOAL_CUE = re.compile(r"预期目标|预期增长|目标(?:为|定为|定在)|控制在|要(?:降低|减少|增长)|都要|力争")
_PLAN_SKIP = re.compile(
    r"年均|累计|“十[一二三四五六七八九]五”|十[一二三四五六七八九]五|到20\d\d年|20\d\d年(?:前|底前|以前)|"
    r"今后五年|五年|三年|两年|今明两年|每年|以来|比上年增加|比去年增加|比上年减少|已经|过去"
)


def extract_targets(report: ParsedReport) -> list[TargetRow]:
    text = report.text
    rows: list[TargetRow] = []
    seen: set[tuple] = set()
    targets = _section(report, "targets")
    headline_spans: list[tuple[int, int]] = []
    target_methods = [s.method for s in report.sections if s.kind == "targets"]
    for (ts, te), method in zip(targets, target_methods, strict=False):
        lead = _LEAD_IN.search(text, ts, te)
        if lead:
            body = lead.end()
            while body < te and text[body] in "\n ":
                body += 1
            para_end = _list_end(text, body, te)
            headline_spans.append((body, para_end))
            for row in _headline_block(text, body, para_end):
                key = (row.indicator_id or row.indicator, row.kind, row.value, row.unit)
                if key not in seen:
                    seen.add(key)
                    rows.append(row)
            scattered = [(ts, lead.start()), (para_end, te)]
        else:
            scattered = [(ts, te)]
        if method == "fallback":
            continue
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
                rows.append(row)
    rows.extend(_commitments(report, headline_spans, seen))
    return rows


_LIST_ITEM = re.compile(r"^(?:——|—|[-•·]|\d+[.、]|（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+是)")


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
    tier: str, f: _Fact, text: str, ps: int, pe: int, siblings: list[_Fact] | None = None
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
    )


def _headline_block(text: str, start: int, end: int) -> Iterator[TargetRow]:
    for ss, se in _sentences(text, start, end):
        if _EXPLAIN.match(text[ss:se].lstrip()):
            if text[ss:se].lstrip().startswith("同时，要在"):
                # "同时，要在…取得新进展，城乡居民收入…同步": only its attainment-type clauses count
                for cs, ce in _clauses(text, ss, se):
                    yield from _qualitative_targets(text, cs, ce)
            continue
        carried = ""
        for cs, ce, quantities in _quantified_clauses(text, ss, se):
            facts, carried = _quantity_facts(text, cs, ce, quantities, carried)
            facts = [f for f in facts if _has_noun(f.indicator)]
            if facts:
                for f in facts:
                    yield _target_row("headline", f, text, cs, ce, facts)
            else:
                yield from _qualitative_targets(text, cs, ce)


_QUAL_TARGET = re.compile(
    r"(?P<pred>"
    r"(?:均|都|全面)*完成(?:[^，；。]{0,20}?)下达的?(?:[^，；。]{0,10}?)(?:目标|指标|任务)"
    r"|控制在[^，；。\d]{0,12}?(?:指标|目标)(?:以内|之内|内)"
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
        subject = _re(r"(?:实际)?(?:增长|提高).*$").sub("", subject)
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
        subject = _re(r"(?:保持|均|都|总体)$").sub("", subject)
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
    r"“十[一二三四五六七八九]五”|十[一二三四五六七八九]五|到20\d\d年|20\d\d年(?:前|底前|以前)|今后[一二三四五]年|"
    r"未来[一二三四五]年|今明两年|年均|过去"
)
# changes against last year, done things, multi-year spans, per-unit standards and prices
_PLAN_CLAUSE_SKIP = re.compile(
    r"比上年|比去年|上年|去年|累计|每年|以来|已|五年|三年|两年|每|人均|价格|收购价"
)


# a sentence that opens a span of several years ("五年来，…", "今后五年，…", "“十二五”时期中央财政将…")
_MULTI_YEAR_OPENER = re.compile(
    r"^(?:——|--)?(?:我们要[^。，]*。)?(?:五年来|这五年|(?:今后|未来)[三五]年|“?十[一二三四五六七八九]五”?(?:时期|期间))"
)
_MULTI_YEAR_MARK = re.compile(r"五年|十[一二三四五六七八九]五")
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
            chapter_multi_year = bool(_MULTI_YEAR_MARK.search(text, ps, pe))
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
                if _PLAN_CLAUSE_SKIP.search(text, cs, ce):
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

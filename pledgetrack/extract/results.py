"""The results of the review year: `extract_outcomes(report)` → `OutcomeRow`s.

The results the review section states for the review year, read sentence by sentence and clause by clause:
the figures of a clause (`facts`) that are the year's (`relevance`, rule 10; `review`, rule 11), and the
statements and states without a figure (`statements`, rule 12), including explicit attainment statements
("完成年度目标的128.4%", "国际收支基本平衡", "全部完成"). The same result stated twice is one; a threshold
crossed ("突破4000亿元") gives way to the exact level of the same indicator, and a state to a figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from pledgetrack import numbers
from pledgetrack.extract.facts import Fact, has_quantity, quantified_clauses, quantity_facts
from pledgetrack.extract.relevance import ReviewContext, keep_outcome, review_context
from pledgetrack.extract.review import PERIOD_SCOPE, is_term_only, names_year, review_paragraphs
from pledgetrack.extract.rows import OutcomeRow, outcome_row, qualitative_row
from pledgetrack.extract.spans import LAST_YEAR_LEAD, paragraph_spans, regex, section_spans, sentence_spans
from pledgetrack.extract.statements import (
    ATTAIN,
    NOT_ATTAINED,
    NOT_YET,
    QUOTA_DONE,
    STATE,
    WORKS_DONE,
    attainment_outcomes,
    not_attained,
    state_outcomes,
)
from pledgetrack.extract.subjects import has_noun, strip_name
from pledgetrack.grammar import FIVE_YEARS
from pledgetrack.model import ParsedReport

# the row and the review's parts, re-exported
__all__ = ["OutcomeRow", "extract_outcomes", "review_paragraphs"]


def extract_outcomes(report: ParsedReport) -> list[OutcomeRow]:
    text = report.text
    year = report.meta.review_year
    rows: list[OutcomeRow] = []
    multi_year = False
    base = review_context(report)
    for sec in report.sections:
        if sec.kind != "review":
            continue
        multi_year = multi_year or bool(FIVE_YEARS.search(sec.heading))
        term_only = is_term_only(sec.heading, year)
        for ps, pe, whole_period, in_period in review_paragraphs(
            text, sec.char_start, sec.char_end, sec.heading, year
        ):
            if whole_period:
                continue  # "这五年，…": the whole paragraph is about five years
            if not (
                numbers.may_hold_quantity(text, ps, pe)
                or ATTAIN.search(text, ps, pe)
                or STATE.search(text, ps, pe)
            ):
                continue  # no result in it: not read sentence by sentence (most paragraphs of a review)
            ctx = base if not in_period else replace(base, period=True)
            for ss, se in sentence_spans(text, ps, pe):
                if _may_state_result(text, ss, se):
                    found = _subsume_thresholds(text, list(_sentence_outcomes(text, ss, se, ctx)))
                    if term_only and not names_year(text[ss:se], year):
                        # a review of the term alone ("一、过去五年工作回顾"): the works it counts are the
                        # term's ("实施省市重点项目27个"); only what carries a target is read as the year's
                        found = [r for r in found if r.tier == "headline"]
                    rows.extend(found)
    if multi_year:
        # a five-year review states last year's figures in the plan: "过去一年，…国内生产总值增长10.3%"
        for ps, pe in section_spans(report, "plan"):
            for qs, qe in paragraph_spans(text, ps, pe):
                started = False
                for ss, se in sentence_spans(text, qs, qe):
                    sentence = text[ss:se]
                    if started and regex(r"今年|要|把|将").search(sentence):
                        break
                    started = started or bool(LAST_YEAR_LEAD.match(sentence))
                    if started and _may_state_result(text, ss, se):
                        rows.extend(_sentence_outcomes(text, ss, se, base))
    # a state of the level of an indicator the year's review also gives a figure for ("实现粮食产量“十一连增”"
    # beside "粮食产量达到6.07亿吨") is no result of its own: the figure is. A comparison with the nation
    # ("…等主要指标增速均高于全国平均水平") is a statement of its own.
    figures = [r for r in rows if r.value is not None and r.tier == "headline"]
    rows = [
        r
        for r in rows
        if not (
            r.kind == "qualitative"
            and r.attainment == "positive"
            and "全国" not in r.phrase
            and any(_same_indicator(r, f) for f in figures)
        )
    ]
    # the same result stated twice is one fact
    seen: set[tuple] = set()
    unique: list[OutcomeRow] = []
    for r in rows:
        key = (
            r.indicator_id or r.indicator,
            r.kind,
            r.value,
            r.unit,
            r.phrase if r.kind == "qualitative" else "",
        )
        place = (r.char_start, r.char_end, r.indicator, r.kind)  # a row is one fact at one place
        if key not in seen and place not in seen:
            seen.add(key)
            seen.add(place)
            unique.append(r)
    return unique


def _same_indicator(a: OutcomeRow, b: OutcomeRow) -> bool:
    """The same catalogue id, or one name in the other ("粮食总产" and "粮食总产量")."""
    if a.indicator_id and a.indicator_id == b.indicator_id:
        return True
    return a.indicator in b.indicator or b.indicator in a.indicator


# a threshold crossed ("突破4000亿元", "迈上6万亿元台阶", "跨越5000亿元大关"), then the figure
# itself ("达到4211亿元")
_THRESHOLD = re.compile(r"(?:突破|跨越|跨过|跨上|迈上|超过|超)\s*$")


def _subsume_thresholds(text: str, rows: list[OutcomeRow]) -> list[OutcomeRow]:
    """A threshold and the exact level of the same indicator in one sentence are one result: the level. So
    are a state and a figure ("进出口总值创历史新高，达到5379亿元"): the figure."""
    if len(rows) < 2:
        return rows
    figures = {r.indicator_id or r.indicator for r in rows if r.value is not None}
    out = []
    for r in rows:
        if (
            r.kind == "qualitative"
            and r.attainment == "positive"
            and (r.indicator_id or r.indicator) in figures
        ):
            continue
        if r.kind == "level" and r.value is not None:
            number = regex(r"[\d.,]+[^\d]*$").search(r.phrase)
            lead = r.phrase[: number.start()] if number else r.phrase
            if _THRESHOLD.search(lead) or regex(r"^(?:大关|台阶)").match(text, r.char_end):
                base_unit, factor = numbers.unit_factor(r.unit or "")
                if any(
                    o is not r
                    and o.kind == "level"
                    and o.char_end > r.char_end
                    and o.value is not None
                    and (o.indicator_id or o.indicator) == (r.indicator_id or r.indicator)
                    and numbers.unit_factor(o.unit or "")[0] == base_unit
                    and o.value * numbers.unit_factor(o.unit or "")[1] >= r.value * factor
                    for o in rows
                ):
                    continue
        out.append(r)
    return out


def _may_state_result(text: str, start: int, end: int) -> bool:
    """A sentence states a result only with a quantity or an attainment phrase (`ATTAIN` covers the
    "没有完成" of `NOT_ATTAINED` too); every other sentence is passed over without reading its clauses."""
    return (
        has_quantity(text, start, end)
        or ATTAIN.search(text, start, end) is not None
        or STATE.search(text, start, end) is not None
    )


_SUBJECT_CUT = re.compile(
    r"近年来|首次|(?:再|屡)?创|跨越|跨过|迈上|突破|出现|保持|继续|进一步|得到|有所|明显|稳步|持续|不断|大幅|连续"
)
_COMPARED = re.compile(r"(?:增速|增幅|增长)(?:高于|快于|低于|跑赢)")
_POINTS = re.compile(r"[\d.]+个?百分点")
_GENERIC_HEAD = re.compile(r"^(?:总产量|产量|总额|总量|总收入|收入)$")


def _sentence_outcomes(text: str, ss: int, se: int, ctx: ReviewContext) -> Iterator[OutcomeRow]:
    catalogue = ctx.catalogue
    carried = ""
    previous: list[Fact] = []
    history: list[str] = []
    scoped = False
    prev_cs = this_cs = ss  # the start of the previous clause, for a statement whose subject is there
    for cs, ce, quantities in quantified_clauses(text, ss, se):
        prev_cs, this_cs = this_cs, cs
        clause = text[cs:ce]
        if not ctx.period and (scoped or PERIOD_SCOPE.match(clause)):
            scoped = True  # "五年累计，…" / "近三年累计，…": the rest of the sentence is multi-year
            continue
        if NOT_ATTAINED.search(clause) and regex(r"目标|任务|预期").search(clause):
            if NOT_YET.search(clause):
                continue  # "收入还未达到…目标": a shortcoming still to overcome, not the year's result
            # "…未达年初预期", "…不及预期" name no target: only an indicator that carries one is a result
            # ("有的政策落地偏慢、效果不及预期" is a problem, not a result)
            named = regex(r"目标|任务").search(clause) is not None
            if not ctx.period or names_year(clause, ctx.review_year):  # "“十四五”…6项指标不及预期"
                yield from not_attained(text, cs, ce, catalogue, carried, prev_cs, headline_only=not named)
            continue
        done = WORKS_DONE.search(clause)
        if done and not ctx.period:
            # "十件民生实事全部如期完成": the count names the works; the statement is their attainment
            named = clause[: done.end(1)] if done.group(1) else done.group(2)
            name = regex(r"[\d一二三四五六七八九十百]+(?:大类|项|件|个)").sub("", strip_name(named))
            name = regex(r"^(?:年度|全年)").sub("", name)
            yield qualitative_row(text, strip_name(name), cs, ce, "met", catalogue)
            continue
        quota = QUOTA_DONE.search(clause) if quantities and ctx.county and "完成" in clause else None
        if quota and not ctx.period and cs + quota.start() <= quantities[0].start:
            # "超额完成794万立方米的压采治理任务", "超额完成市定…任务10个": the figures size the quota; the
            # clause says it was met
            attained = ATTAIN.search(clause, quota.start())
            if attained:
                yield from attainment_outcomes(text, cs, ce, attained, carried, previous, ctx)
            previous = []
            continue
        if regex(r"决定|作为|标准").search(clause):
            continue  # a decision or a standard, not a result
        facts, carried_next = quantity_facts(text, cs, ce, quantities, carried, history)
        if facts:
            for f in facts:
                compared = _COMPARED.search(f.indicator)
                if compared and f.unit != "%" and has_noun(f.indicator[: compared.start()]):
                    # "居民人均可支配收入增速高于经济增速、突破3万元": the level is the first name's
                    f.indicator = f.indicator[: compared.start()]
                if (
                    _GENERIC_HEAD.match(f.indicator)
                    and has_noun(carried)
                    and not carried.endswith(f.indicator)
                ):
                    f.indicator = carried + f.indicator  # "粮食…，总产量10570亿斤"
            tiers = [keep_outcome(text, cs, ce, f, ctx) for f in facts]
            for f, tier in zip(facts, tiers, strict=True):
                if tier:
                    # "预计全年…" covers the rest of its sentence
                    estimated = text.find("预计", ss, f.start) >= 0
                    siblings = [g for g in facts if g is not f]
                    yield outcome_row(text, f, cs, ce, estimated, siblings, tier, catalogue)
            history.extend(dict.fromkeys(f.indicator for f in facts if f.subject_from == "pre"))
            # "A为…，B为…，均完成考核目标"
            previous = previous + [f for f, tier in zip(facts, tiers, strict=True) if tier == "headline"]
            # "粮食总产量119.3万吨、超额完成任务": the figure, then in the same clause that it met its aim
            after = max(f.end for f in facts)
            tail = ATTAIN.match(text[after + 1 : ce]) if text[after : after + 1] == "、" else None
            if tail and not ctx.period and tiers[-1] == "headline":
                yield from attainment_outcomes(text, after + 1, ce, tail, facts[-1].indicator, [], ctx)
        else:
            attained = ATTAIN.search(clause)
            if ctx.period and not names_year(clause, ctx.review_year):
                attained = None  # "“十四五”规划主要目标任务胜利完成": the period's, not the year's
            if attained:
                yield from attainment_outcomes(text, cs, ce, attained, carried, previous, ctx)
            elif not ctx.period and not regex(r"累计|年均(?!浓度)").search(text, ss, cs):
                # "累计新增就业5870万人，…年均增长8.8%；粮食产量实现“九连增”": a sentence of sums over
                # years states the period's record
                yield from state_outcomes(text, cs, ce, carried, ctx)
            previous = []
            if not (attained or quantities) and len(clause) <= 40:
                cut = _SUBJECT_CUT.search(clause)
                name = strip_name(clause[: cut.start()] if cut else clause)
                if has_noun(name) and len(name) <= 14:
                    carried_next = name
            points = _POINTS.search(clause) if not quantities else None
            if points and has_noun(strip_name(clause[: points.start()])):
                # "贡献率上升3个百分点，达到51.2%": a rate changed in points names the level that follows
                carried_next = strip_name(clause[: points.start()])
        carried = carried_next

"""One target looked up by its own names (`look_up_plain`): every mention of them in the review read in
turn, left to right, for what settles the target; the first figure that does is the evidence, else the
first statement (or state), else the reason nothing was found (`evidence`, rule 18).

What each mention may give depends on the name found: a name of the indicator gives a figure, a statement or
a state; a rate's head noun a state or statement; a group's name a statement; a member of a 分别 list of
spendings its share of the list; a planned amount's completion rate a ratio. A mention is passed over where
it is no place for last year's result (`mentions`, rule 17d) or names another quantity ("国内生产总值中的
比重", "占国内生产总值比重").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from pledgetrack import numbers
from pledgetrack.extract.facts import GROWTH_VERBS, SEVERAL_YEARS
from pledgetrack.extract.lookup.evidence import Evidence, found_at, not_found, stated
from pledgetrack.extract.lookup.figures import (
    Figure,
    comparable,
    count_before,
    figure_evidence,
    figure_moved,
    figures_before,
    figures_listed,
    of_member,
    read_figures,
    settles,
)
from pledgetrack.extract.lookup.levels import LEVEL_QUALIFIER, same_levels
from pledgetrack.extract.lookup.mentions import (
    AIM,
    CLAUSE_MARK,
    COMPARED_WITH_ECONOMY,
    THIS_YEAR,
    YEAR,
    YEAR_PARAGRAPH,
    FollowUp,
    catalogue_index,
    clause_stop,
    find_mentions,
    followed_mention,
    is_term_review,
    list_member,
    pair_mention,
    paragraph_end,
    part_of_whole,
    sentence_start,
    sentence_stop,
    spending_member,
    statement_end,
    term_paragraph,
)
from pledgetrack.extract.lookup.names import IN_STEP, names_of
from pledgetrack.extract.lookup.statements import done_around, not_met_around, read_statement
from pledgetrack.indicators import Catalogue

# What `look_up_plain` reads right after a name, by name.
_PATTERNS = {
    # right after a name, what makes it the modifier of another quantity ("国内生产总值中的比重", "…的贡献率")
    "modifier_after": re.compile(r"中的|(?:中)?的?(?:比重|占比|之比)|的(?!投入|支出|资金|投资)"),
    # a name followed by 分别 without a list of names before it: its figures are shared out over its
    # members ("城乡居民人均可支配收入预计分别完成31000元和14000元"), or its first figures come as a list
    # ("达到X元、Y元")
    "shared_out": re.compile(r"(?:预计|同比)?分别"),
    # a head noun as the subject of a change: "货币信贷合理增长", "货币信贷增速"
    "subject_of_change": re.compile(rf"[^，；。、\d]{{0,4}}?(?:{GROWTH_VERBS})"),
    # a cost right after the use of a thing a fee is paid for ("用网和物流等成本")
    "cost_after": re.compile(r"[^，；。\d]{0,10}?成本"),
    # no change: "居民消费价格指数持平", "与上年持平" (a growth of 0)
    "flat": re.compile(r"[^，；。\d]{0,4}?(?:同比|基本|总体)?持平"),
}
# the yardstick of an 同步 target: the growth of the economy the same review states
_ECONOMY = {
    "indicator": "国内生产总值", "indicator_id": "gdp", "kind": "growth", "unit": "%", "direction": "floor",
    "comparator": None, "value": None, "value_high": None, "phrase": "国内生产总值增长",
}  # fmt: skip


# what may be read after a name (look_up_plain): a figure, statement or state; a state or statement; a
# statement; a figure of a 分别 list of spendings only; a ratio of a planned amount done
_FIGURE, _STATE, _STATEMENT, _LIST, _PLAN_RATIO = "figure", "state", "statement", "list", "plan_ratio"


def look_up_plain(
    target: Mapping[str, Any],
    follow_up: FollowUp,
    catalogue: Catalogue,
    wants: str | None = None,
    by_parts: bool = True,
) -> Evidence:
    """`look_up_one` for a target held to no reference (or what it states of a relative one's own
    quantity): `wants` is the direction a relative target asks for (its reference read by
    `relative_wants`), `by_parts` whether a group's members may speak for it."""
    index = catalogue_index(catalogue)
    names = names_of(target, catalogue)
    if wants is not None:
        names = replace(names, wants=wants)
    qualitative = target.get("kind") == "qualitative"
    # a group's members are read only for a qualitative target asking for a direction (a member's figure is
    # not the group's, and one member cannot say the group grew in step with the economy)
    by_parts = by_parts and qualitative and names.wants is not None
    own_ids = frozenset({target.get("indicator_id"), *(names.part_ids if by_parts else ()), *names.whole_ids})
    figure_names = names.figure_names + (names.part_names if by_parts else ()) + names.whole_names
    # mentions are looked for in the review (the whole report when none was found: a target is never called
    # dropped for want of one), results only outside the report's own plan and targets
    text, review_year, period_spans = follow_up.text, follow_up.review_year, follow_up.period_spans
    mention_spans, review_spans = follow_up.mention_spans, follow_up.result_spans
    if not names.mention_names:
        return not_found("no_usable_name", text)
    # a statement about the target's group ("各项约束性指标超额完成") speaks of it too
    loose = find_mentions(
        text, mention_spans, names.mention_names + names.group_names + names.whole_names + names.ratio_names
    )
    # a spending's purpose as a member of a 分别 list of spendings ("用于科技、教育…的支出分别为…")
    listed = [
        m for m in find_mentions(text, mention_spans, names.list_names) if spending_member(text, m[0], m[1])
    ]
    loose = sorted(loose + listed)
    if not names.figure_names:
        # nothing can be read after such a name, and its absence proves nothing either
        start, end = loose[0][:2] if loose else (None, None)
        return not_found("no_usable_name", text, start, end)
    if not loose:
        near = (
            pair_mention(text, mention_spans, names.word_pairs)
            or followed_mention(text, mention_spans, names.change_names, _PATTERNS["subject_of_change"])
            or followed_mention(text, mention_spans, names.cost_names, _PATTERNS["cost_after"])
        )
        if near is None:
            return not_found("no_mention", text)
        start, end, _ = near
        return not_found("no_comparable_figure", text, start, end)
    figure_mentions = [
        m
        for m in find_mentions(text, review_spans, figure_names)
        if not index.covered(text, m[0], m[2], own_ids)
    ]
    if not review_spans:  # the report is its own plan from end to end: named there, nothing looked back on
        start, end, _ = loose[0]
        return not_found("no_comparable_figure", text, start, end)
    other_kind: tuple[int, int, str] | None = None
    statement: Evidence | None = None
    term_review = is_term_review(text, review_spans)
    indicator_id = target.get("indicator_id")
    # (start, end, name, what may be read after it): a figure (and all below), a state, a statement
    readings = [(*m, _FIGURE) for m in figure_mentions]
    for more, reads in (
        (names.state_names, _STATE),
        (names.group_names, _STATEMENT),
        (names.ratio_names, _PLAN_RATIO),
    ):
        taken = [(m[0], m[1]) for m in readings]
        readings += [
            (*m, reads)
            for m in find_mentions(text, review_spans, more)
            if not index.covered(text, m[0], m[2], own_ids) and not any(s <= m[0] < e for s, e in taken)
        ]
    taken = [(m[0], m[1]) for m in readings]
    readings += [(*m, _LIST) for m in listed if not any(s <= m[0] < e for s, e in taken)]
    # what the target's own phrase says, read once for all its mentions
    phrase_of_target = str(target.get("phrase") or "")
    several = SEVERAL_YEARS.search(phrase_of_target) is not None
    faster = COMPARED_WITH_ECONOMY.search(phrase_of_target) is not None and not target.get("reference")
    against_economy = target.get("kind") == "qualitative" and (IN_STEP.search(phrase_of_target) or faster)
    for start, end, name, reads in sorted(readings):
        readable = reads in (_FIGURE, _LIST)
        span_start, span_end = next((s, e) for s, e in review_spans if s <= start < e)
        paragraph = text.rfind("\n", span_start, start) + 1 or span_start
        clause = max(
            paragraph,
            sentence_start(text, start),
            *(m.end() for m in CLAUSE_MARK.finditer(text, paragraph, start)),
        )
        if _PATTERNS["modifier_after"].match(text, end) or text[start - 1 : start] in ("占", "与"):
            continue  # "国内生产总值中的比重", "对经济增长的贡献率", "占国内生产总值比重": another quantity
        if indicator_id is None and not same_levels(text, start, name, names, target.get("region")):
            continue  # "省级…" for a target of 省市重点项目 or of the county's own list: another list
        if indicator_id is None:
            qualifier = LEVEL_QUALIFIER.search(text, max(0, start - 6), start)
            start = qualifier.start() if qualifier is not None else start  # quoted with its levels
        if term_review and not YEAR_PARAGRAPH.search(text, paragraph, paragraph_end(text, start, span_end)):
            continue  # a five-year review: only a paragraph about the year itself states its results
        dated = YEAR.findall(text, clause, start)
        if dated and review_year is not None and int(dated[-1]) != review_year:
            continue  # "2019年国内生产总值增长6.1%" in a review of 2020
        restated = not_met_around(text, clause, start, end, sentence_stop(text, end, span_end))
        if restated is not None and statement is None:
            statement = stated(text, name, restated, (start, end), "not_met")
        period = term_paragraph(text, paragraph) or any(s <= start < e for s, e in period_spans)
        done = done_around(text, clause, start, end)
        # a task of several years ending this year ("“三年上台阶”的任务") is done in the period's review too
        if done is not None and (several or not period) and (statement is None or statement.found == "state"):
            statement = stated(text, name, done, (start, end), "met")
        if period or SEVERAL_YEARS.search(text, clause, start):
            continue  # "这五年，…城镇新增就业5771万人", "累计新增城镇就业5870万人", the period's part of a
            # review of the year and the period ("“十四五”时期…", up to "刚刚过去的2025年")
        if SEVERAL_YEARS.search(text, sentence_start(text, start), clause):
            continue  # "近年来固定资产投资增长过快，…，国际收支不平衡": the sentence is about several years
        if (
            reads == _FIGURE
            and indicator_id is not None
            and index.id_of.get(name) == indicator_id
            and part_of_whole(text[clause:start], target.get("region"))
        ):
            continue  # "跨境电商进出口增长16.3%": a part's figure, never the whole's (a mention still)
        stop = sentence_stop(text, end, span_end)
        # the window ends where another indicator is named
        cut = stop
        for m in index.alias_pattern.finditer(text, end, stop):
            if index.other_name_between(text, m.start(), m.end(), own_ids, figure_names):
                cut = m.start()
                break
        member = list_member(text, clause, start, end, stop)
        if reads == _LIST and member is None:
            continue
        if reads == _PLAN_RATIO:
            # "投资完成率达到131.2%": the share of the year's plan done, a ratio to a planned amount
            ratio = next((f for f in read_figures(text, end, cut, review_year, None) if f.unit == "%"), None)
            if ratio is not None:
                span, mention = (start, ratio.end), (start, end)
                value, estimated = ratio.value, ratio.estimated
                return stated(text, name, span, mention, "ratio", value=value, unit="%", estimated=estimated)
            continue
        count = count_before(text, clause, start) if reads == _FIGURE and member is None else None
        acted = not names.acts or any(a in text[clause : clause_stop(text, end, stop)] for a in names.acts)
        if count is not None and acted and comparable(target, count) and settles(target, count):
            # "8个省市重点项目全部开工": a count leading its noun is the noun's
            return figure_evidence(text, count, name, (start, end), (count.start, end))
        # "城乡居民人均可支配收入分别达到36000元、17000元": a name its figures are shared out over, each its
        # members' (城镇, 农村), none the whole's; a qualitative target is spoken of by its members still
        shared_out = member is None and not qualitative and bool(_PATTERNS["shared_out"].match(text, end))

        def figures_after(action: str | None, member=member, end=end, cut=cut, name=name) -> list[Figure]:
            """The figures that belong to this mention: the member's of a 分别 list, else those after it."""
            if member is None:
                return read_figures(text, end, cut, review_year, action, name)
            k, n, after = member
            return of_member(read_figures(text, after, cut, review_year, None, name), k, n)

        figures = figures_after(names.action) if readable and not shared_out else []
        if member is None and not qualitative and figures_listed(text, figures):
            figures = []
        if (
            member is None
            and figures
            and names.unit_bases
            and figures[0].kind in ("level", "change")
            and numbers.unit_factor(figures[0].unit)[0] not in names.unit_bases
        ):
            continue  # "外贸企业1295家、增长50.6%": the name qualifies another noun, the figures are its
        flat = (
            _PATTERNS["flat"].match(text, end, cut)
            if readable and target.get("kind") in ("growth", "reduction")
            else None
        )
        if flat is not None and not figures_before(figures, flat.end()):
            unchanged = Figure("growth", 0.0, "%", None, flat.start(), flat.end(), False)
            return figure_evidence(text, unchanged, name, (start, end), (start, flat.end()))
        for figure in figures:
            if figure.kind == "change" and target.get("kind") == "level":
                continue
            if not comparable(target, figure):
                other_kind = other_kind or (start, end, name)
                continue
            if not settles(target, figure):
                continue
            return figure_evidence(text, figure, name, (start, end), (start, figure.end))
        if readable and against_economy:
            # "居民收入增长和经济增长基本同步": the indicator's growth against the economy's, both read off
            # this review; the verdict compares them (rule in_step, within the tolerance in points).
            # "居民收入增速高于经济增速" holds it above the economy's growth as above an average (rule
            # relative_by_reference: kept when higher, else missed)
            growths = [f for f in figures_after(None) if f.kind == "growth"]
            # the economy's growth is read where this target's results are (its own plan already cut out)
            where = replace(follow_up, review_spans=review_spans, own_spans=())
            economy = look_up_plain(_ECONOMY, where, catalogue) if growths else None
            if growths and economy is not None and economy.found == "figure" and economy.kind == "growth":
                g = growths[0]
                return found_at(
                    text,
                    name,
                    (start, g.end),
                    (start, end),
                    found="figure",
                    kind="growth",
                    value=g.value,
                    unit="%",
                    reference_value=economy.value,
                    reference_phrase=economy.phrase,
                    reference_kind="average" if faster else None,
                    estimated=g.estimated,
                )
        if readable and qualitative and names.wants is not None:
            # rule qualitative_by_figure: "进出口回稳向好" ← "进出口增长14.2%" (kept), "…增长-6.5%" (missed);
            # "主要污染物排放继续减少" ← "二氧化硫、氮氧化物排放量分别下降5.6%和4%" (kept)
            for f in figures_after(None):
                moved = figure_moved(f, names.wants)
                if moved is None:
                    continue
                attained = "positive" if moved == names.wants else "negative"
                return figure_evidence(text, f, name, (start, end), (start, f.end), attainment=attained)
        # a statement about the target stands in its clause or the next ("…实际增长8%，快于经济增长")
        said = read_statement(
            text, end, min(cut, statement_end(text, end, stop)), target, names.wants, reads != _STATEMENT
        )
        if said is not None and (
            AIM.search(text, clause, said[3]) or THIS_YEAR.search(text, clause, said[3])
        ):
            said = None  # "要确保完成全年目标": this year's aim, no statement about last year
        if said is not None and (
            statement is None or (statement.found == "state" and said[0] == "statement")
        ):
            found, attainment, value, s, e = said
            unit = "%" if value is not None else None
            statement = stated(text, name, (start, e), (start, end), attainment, found, value, unit)
    if statement is not None:
        return statement
    if other_kind is not None:
        start, end, _ = other_kind
        return not_found("other_kind", text, start, end)
    start, end, _ = figure_mentions[0] if figure_mentions else loose[0]
    return not_found("no_comparable_figure", text, start, end)

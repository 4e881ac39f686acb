"""What extraction gives out, `TargetRow` and `OutcomeRow`, and how a `Fact` of a clause becomes one.

9. Direction: a reduction target is a floor (能耗下降3%: at least 3%); otherwise the catalogue's
   direction when it knows the indicator, else ceiling for prices, unemployment, deficits, emissions and
   concentrations and floor for everything else.

A row keeps its phrase and the phrase's offsets into the report's text (`facts.fact_span`), and the
catalogue's id of its indicator (one lookup gives the id and the direction). A result that says a quantity
set to grow fell ("社会消费品零售总额同比下降1.2%") is a growth below zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pledgetrack.extract.facts import ATTAIN_RATIO, Fact, fact_span
from pledgetrack.extract.spans import skip_punct, trim
from pledgetrack.extract.subjects import id_in
from pledgetrack.indicators import Catalogue, Indicator, load_catalogue

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


@dataclass(frozen=True, slots=True)  # slots: a report has dozens of rows, built faster
class OutcomeRow:
    indicator: str
    indicator_id: str | None
    kind: str  # 'growth' | 'reduction' | 'level' | 'rate' | 'qualitative'
    value: float | None
    unit: str | None
    phrase: str
    char_start: int
    char_end: int
    estimated: bool = False  # 预计: an estimate made before the year's figures were final
    # how the row speaks of the year's target, for verdicts: 'ratio' (value is a % of the target),
    # 'met' / 'not_met' (an explicit statement about the target: "控制在预算范围内", "目标没有完成"),
    # 'positive' / 'negative' (a qualitative state: "国际收支基本平衡", "不平衡矛盾加剧"); None for a figure
    attainment: str | None = None
    # 'headline': an indicator that carries targets (GDP, revenue, jobs …: what the gold annotates);
    # 'detail': any other result of the year, kept because it can settle a commitment
    tier: str = "headline"


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


def target_row(
    tier: str,
    f: Fact,
    text: str,
    ps: int,
    pe: int,
    siblings: list[Fact] | None = None,
    reference: str | None = None,
) -> TargetRow:
    if siblings is not None and f.kind != "qualitative":
        ps, pe = fact_span(text, f, [g for g in siblings if g is not f], ps, pe)
    ps, pe = trim(text, ps, pe)
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


def outcome_row(
    text: str,
    f: Fact,
    cs: int,
    ce: int,
    estimated: bool,
    siblings: list[Fact],
    tier: str,
    catalogue: Catalogue,
) -> OutcomeRow:
    ps, pe = fact_span(text, f, siblings, cs, ce)
    listed = [g for g in siblings if "分别" in text[cs : g.start]]
    if listed and all(g.indicator != f.indicator for g in listed) and "分别" in text[cs : f.start]:
        # "城镇、农村居民收入分别增长4.8%、5.9%": each line of a 分别 list repeats the list
        pe = max(pe, *(g.end for g in listed))
    if text.startswith("其中", ps):
        ps += 2
    unit = f.unit
    found = catalogue.lookup(f.indicator)
    kind, value = f.kind, f.value
    if kind == "reduction" and value is not None and found is not None and _set_to_grow(found.kinds):
        # "社会消费品零售总额同比下降1.2%": a fall of what is set to grow is a growth below zero, and is
        # judged against the growth target (a fall of what is set to fall, 能耗 or PM2.5, is a reduction)
        kind, value = "growth", -value
    return OutcomeRow(
        indicator=f.indicator,
        indicator_id=found.id if found is not None else None,
        kind=kind,
        value=value,
        unit=unit,
        phrase=text[ps:pe],
        char_start=ps,
        char_end=pe,
        estimated=estimated,
        attainment="ratio" if f.unit == "%" and ATTAIN_RATIO.search(text, cs, f.start) else None,
        tier=tier,
    )


def _set_to_grow(kinds: tuple[str, ...]) -> bool:
    """An indicator whose targets are growths, never reductions (the catalogue's kinds)."""
    return "growth" in kinds and "reduction" not in kinds


def qualitative_row(
    text: str, name: str, ps: int, pe: int, attainment: str, catalogue: Catalogue
) -> OutcomeRow:
    ps, pe = trim(text, ps, pe)
    ps = skip_punct(text, ps, pe)
    return OutcomeRow(
        name, id_in(catalogue, name), "qualitative", None, None, text[ps:pe], ps, pe, False, attainment
    )

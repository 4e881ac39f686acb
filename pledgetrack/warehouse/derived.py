"""The columns the gate derives from a batch before validation: what the suites bound but the tables do not
store (a text's length, a percentage's range, an amount in its base unit, whether a figure is finite).

In: a table's pandas frame. Out: `DERIVED_COLUMNS`, table -> {name: function of the frame -> a Series, a
dict of Series (a group, such as the amount classes), or None when the frame lacks what it needs}; and the
register of amounts (`AMOUNT_CLASSES`, `AMOUNT_COLUMNS`) the suites and the tests name. `gate.validate`
adds these columns to a copy of the frame; each suite's meta and expectations/README.md document them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def _text_length(df: pd.DataFrame) -> pd.Series | None:
    # Recomputed from `text` rather than trusted: the bound is about the text that will be loaded.
    return df["text"].str.len() if "text" in df.columns else None


def _text_head(df: pd.DataFrame) -> pd.Series | None:
    # The suite asks only that `text` is there (its length has its own column). GE hashes every value of
    # the frame it is given, 27 MB of text per batch of 500 reports: it sees the first characters instead.
    return df["text"].str.slice(0, 32) if "text" in df.columns else None


# table -> {column: function of the frame}. Added to (a copy of) the frame before validation, documented
# in each suite's meta and in expectations/README.md. A function may add several columns at once: it returns
# them as a dict, and its key names the group ("amounts").
Derive = Callable[[pd.DataFrame], "pd.Series | dict[str, pd.Series] | None"]


def _percent_value(df: pd.DataFrame) -> pd.Series | None:
    # A percentage has one sane range whatever its indicator; an amount's depends on its unit (below).
    if "value" not in df.columns or "unit" not in df.columns:
        return None
    return pd.to_numeric(df["value"], errors="coerce").where(df["unit"].eq("%"))


# The register of amounts: which bound holds a figure depends on what it counts, so every base unit (the
# unit without its 万/亿 multiplier, `numbers.unit_factor`, as `base_unit` is stored) belongs to one
# class, and each class is a derived column holding the row's figure in its base unit; the suites bound
# each column (targets.json, outcomes.json, evidence.json). A unit in no class (any other count: 个, 项,
# 家 …, a bare 万 or 亿, a unit an official results file brings, no unit at all) is `other_value`. % is
# no amount: it has percent_value.
AMOUNT_CLASSES: dict[str, frozenset[str]] = {
    "money_value": frozenset({"元", "元/人"}),
    "dollar_value": frozenset({"美元"}),
    "people_value": frozenset({"人", "户", "名"}),
    "visits_value": frozenset({"人次", "次"}),
    "physical_value": frozenset(
        {
            *("吨", "斤", "公斤", "千克"),
            *("平方米", "平方公里", "亩", "公顷"),
            *("立方米", "千瓦时", "千瓦", "米", "公里", "千米", "标准箱"),
            *("微克/立方米", "毫克/立方米", "吨/平方公里·月"),
        }
    ),
    # rates other than %: a fall is legitimately negative here ("人口自然增长率-0.6‰", "下降0.5个百分点")
    "ratio_value": frozenset({"‰", "百分点", "个百分点"}),
}
OTHER_AMOUNT = "other_value"
AMOUNT_COLUMNS = (*AMOUNT_CLASSES, OTHER_AMOUNT)
NOT_AN_AMOUNT = frozenset({"%"})  # bounded as percent_value
_CLASS_OF = {unit: name for name, units in AMOUNT_CLASSES.items() for unit in units}
_FIGURES = ("value", "value_high", "base_value", "reference_value")  # the numbers a row may carry


def _numeric(df: pd.DataFrame, column: str) -> pd.Series:
    if column not in df.columns:
        return pd.Series(float("nan"), index=df.index)
    return pd.to_numeric(df[column], errors="coerce").astype(float)


def _amount_of_unit(unit: str) -> tuple[str | None, float]:
    """(the unit's amount class, the factor to its base unit: '亿元' → money_value, 1e8); None for %."""
    from pledgetrack import numbers  # lazily: it compiles the quantity grammar

    if unit in NOT_AN_AMOUNT:
        return None, 1.0
    base, factor = numbers.unit_factor(unit)
    return _CLASS_OF.get(base, OTHER_AMOUNT), factor


def _amount_columns(df: pd.DataFrame) -> dict[str, pd.Series] | None:
    """{class column: the row's figure in its base unit where its unit is of that class, else NULL}. A
    range's figure is its low end when that is negative, else its high end: one bound then holds both."""
    if "value" not in df.columns or "unit" not in df.columns:
        return None
    codes, units = pd.factorize(df["unit"])  # a batch has a few dozen units; a missing one is code -1
    known = [_amount_of_unit(str(unit)) for unit in units] + [(OTHER_AMOUNT, 1.0)]
    classes = np.array([name for name, _ in known], dtype=object)[codes]
    factors = np.array([factor for _, factor in known])[codes]
    value, high = _numeric(df, "value") * factors, _numeric(df, "value_high") * factors
    low, high = np.fmin(value, high), np.fmax(value, high)  # NaN only where both ends are
    extreme = low.where(low < 0, high)
    return {name: extreme.where(classes == name) for name in AMOUNT_COLUMNS}


def _value_finite(df: pd.DataFrame) -> pd.Series | None:
    """False where a figure is inf or -inf, or missing where the row says there is one (a unit without a
    value, a range without its high end): a range check skips NaN, and inf is no figure of a report."""
    if "value" not in df.columns:
        return None
    finite = pd.Series(True, index=df.index)
    for column in (c for c in _FIGURES if c in df.columns):
        finite &= ~np.isinf(_numeric(df, column))
    if "unit" in df.columns:
        has_unit = df["unit"].notna() & df["unit"].astype(object).ne("")
        finite &= ~(has_unit & _numeric(df, "value").isna())
    if "comparator" in df.columns:
        finite &= ~(df["comparator"].eq("range") & _numeric(df, "value_high").isna())
    return finite


_FIGURE_CHECKS: dict[str, Derive] = {"value_finite": _value_finite, "amounts": _amount_columns}
DERIVED_COLUMNS: dict[str, dict[str, Derive]] = {
    "reports": {"text_length": _text_length, "text": _text_head},
    "targets": {"percent_value": _percent_value, **_FIGURE_CHECKS},
    "outcomes": {"percent_value": _percent_value, **_FIGURE_CHECKS},
    "evidence": dict(_FIGURE_CHECKS),  # its percent_value comes from pledgetrack.batch
}

"""The gate: every batch is validated with a Great Expectations suite per table before it is loaded.

The suites are GE's own ExpectationSuite JSON, one file per table in `expectations/` (see the README
there), so anyone who knows GE can read and edit them without reading this module. This module:

- loads a suite strictly: a malformed expectation is an error naming the file and the expectation (GE's
  own `ExpectationSuite(...)` only logs such an expectation and drops it, which would let a typo silently
  disable a check);
- validates a pandas frame with GE (`pledgetrack.warehouse.gxrun`: one ephemeral context per process, each
  suite's metric graph built once per process), first for success only and, for a failed expectation, again
  with result_format COMPLETE so every unexpected row is known by its key (the file);
- turns GE's result into plain data: `GateResult` with one readable sentence per failure, rows for the
  `validations` table, and `split_failing` to quarantine only the files that failed.

Each expectation carries GE's own `severity`. A failed `critical` expectation refuses the files it names
(they are quarantined); a failed `warning` or `info` expectation flags them (`GateResult.flags`, and its row
in `validations` with `success` false and its severity) and they load: a report that is not whole
(`pledgetrack.ingest.completeness`) still holds the side it has.

Dynamic bounds ("year <= next year") use GE's native suite parameters, `{"$PARAMETER": "next_year"}`,
whose values `suite_parameters()` supplies at validation time. Checks of a value the table does not store
(a text's length, a percentage's range) are expressed on derived columns that `validate` adds before
validation (`DERIVED_COLUMNS`), so they are still plain GE expectations with per-row failing keys. An
amount's bound depends on what it counts: `AMOUNT_CLASSES` files every base unit in a class with a column
of its own (money_value, people_value …), which the suites bound.

great_expectations is imported lazily (it takes seconds): importing this module, as the CLI does for
every command, stays cheap, and only the first validation pays.

Its length (about 600 lines) is one contract with the suites in `expectations/`: how a suite is read, the
columns it is given, and the words its results become; how GE is run is `gxrun`'s.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pledgetrack.paths import expectations_dir
from pledgetrack.warehouse import gxrun

if TYPE_CHECKING:
    from great_expectations.core import ExpectationSuite

RESULT_FORMAT = "COMPLETE"  # every unexpected row, not a sample of 20: each bad file must be named
# A batch is validated first for success only, and again with RESULT_FORMAT only when something failed:
# most batches pass, and COMPLETE costs twice as much (it collects the unexpected rows of every
# expectation, even when there are none). BOOLEAN_ONLY costs a quarter less than BASIC (measured: 1.21 s
# against 1.65 s for a batch of 1,000 reports); a row-by-row expectation without `mostly` passes only
# with no unexpected row, so `validations` still has its counts (`_passing_counts`).
PASSING_FORMAT = "BOOLEAN_ONLY"
MAX_LISTED = 10  # files named in one message; the rest are counted (all of them stay in failing_keys)
MAX_VALUE_CHARS = 40  # a value shown in a message (a report's text must not end up in a sentence)
_ORDER = "pledgetrack_order"  # in-memory meta tag: GE does not return results in suite order
_SUITE_KEYS = {"name", "id", "expectations", "suite_parameters", "meta", "notes"}


class SuiteError(ValueError):
    """A suite file that cannot be used: bad JSON, an unknown expectation, a bad kwarg or parameter."""


def suite_parameters(today: dt.date | None = None) -> dict[str, int]:
    """Values for `{"$PARAMETER": name}` in the suites. Computed per validation, so a long-running
    `pledgetrack serve` moves its bound on New Year's Day without a restart."""
    year = (today or dt.date.today()).year
    return {"current_year": year, "next_year": year + 1}


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


CRITICAL = "critical"  # the severity whose failures quarantine; GE's others (warning, info) only flag


@dataclass(frozen=True)
class GateCheck:
    """The outcome of one expectation on one batch, passing or not (one row of `validations`)."""

    expectation: str  # GE's type, e.g. 'expect_column_values_to_be_between'
    columns: tuple[str, ...]  # the column(s) it looks at; () for a table-level expectation
    kwargs: str  # a short summary of its arguments: '1949..2027', '{front, review}', 'char_end > char_start'
    success: bool
    element_count: int | None
    unexpected_count: int | None
    failing_keys: list[str]  # key values of the unexpected rows; [] when it passed or names no row
    message: str  # one sentence for people
    severity: str = "critical"  # GE's: critical | warning | info (as the suite says)
    raised: bool = False  # the expectation could not be evaluated (always a failure, whatever its severity)

    @property
    def flag(self) -> bool:
        """A warning or info expectation that failed: its rows are flagged, not quarantined."""
        return not self.success and not self.raised and self.severity != CRITICAL


@dataclass(frozen=True)
class GateFailure:
    """A failed expectation. `failing_keys` is empty when the failure cannot be pinned on rows (a
    table-level expectation, an expectation that raised, or unexpected rows without a key): such a
    failure stops the whole batch."""

    expectation: str
    columns: tuple[str, ...]
    kwargs: str
    failing_keys: list[str]
    message: str
    unexpected_count: int | None = None


@dataclass
class GateResult:
    table: str
    suite: str
    success: bool
    evaluated: int  # rows in the batch
    failures: list[GateFailure] = field(default_factory=list)
    checks: list[GateCheck] = field(default_factory=list)  # every expectation, in suite order
    # failed warning/info expectations: rows flagged (the `validations` table keeps them), files still load
    flags: list[GateFailure] = field(default_factory=list)
    key: str = "source_name"
    validated_at: dt.datetime = field(default_factory=dt.datetime.now)

    @property
    def batch_failures(self) -> list[GateFailure]:
        """Failures that name no row: nothing can be quarantined for them, the batch must stop."""
        return [f for f in self.failures if not f.failing_keys]

    @property
    def failing_keys(self) -> list[str]:
        return list(dict.fromkeys(k for f in self.failures for k in f.failing_keys))

    def to_rows(self) -> list[dict[str, Any]]:
        """One row per expectation, passing ones included, shaped for the `validations` table
        (`column_name` as in its DDL; several columns are joined with ', ')."""
        return [
            {
                "validated_at": self.validated_at,
                "table_name": self.table,
                "suite": self.suite,
                "expectation": check.expectation,
                "column_name": ", ".join(check.columns) or None,
                "success": check.success,
                "failing_keys": list(check.failing_keys),
                "message": check.message,
                "element_count": check.element_count,
                "unexpected_count": check.unexpected_count,
                "severity": check.severity,
            }
            for check in self.checks
        ]


# ------------------------------------------------------------------------------------------ suites


def suite_path(table: str) -> Path:
    return expectations_dir() / f"{table}.json"


def _parameter_refs(value: Any) -> list[str]:
    """Every `{"$PARAMETER": expression}` inside a kwargs value."""
    if isinstance(value, dict):
        if "$PARAMETER" in value:
            return [value["$PARAMETER"]]
        return [ref for v in value.values() for ref in _parameter_refs(v)]
    if isinstance(value, list):
        return [ref for v in value for ref in _parameter_refs(v)]
    return []


def load_suite(path: Path) -> ExpectationSuite:
    """Build a GE ExpectationSuite from a suite file, failing loudly on anything GE would drop or defer."""
    import great_expectations as gx
    from great_expectations.core.suite_parameters import parse_suite_parameter
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    file = Path(path).name
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SuiteError(f"{file}: not a readable JSON file: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"]:
        raise SuiteError(f"{file}: a suite is an object with a non-empty 'name'")
    unknown = set(data) - _SUITE_KEYS
    if unknown:
        raise SuiteError(f"{file}: unknown suite keys {sorted(unknown)} (allowed: {sorted(_SUITE_KEYS)})")
    specs = data.get("expectations")
    if not isinstance(specs, list) or not specs:
        raise SuiteError(f"{file}: 'expectations' must be a non-empty list")
    parameters = suite_parameters()
    expectations = []
    for index, spec in enumerate(specs):
        label = spec.get("type") if isinstance(spec, dict) else repr(spec)
        where = f"{file}: expectation {index} ({label})"
        if not isinstance(spec, dict) or "type" not in spec or not isinstance(spec.get("kwargs"), dict):
            raise SuiteError(f"{where}: an expectation is an object with 'type' and 'kwargs'")
        try:
            # A parameter GE cannot resolve would only show up as an error in the middle of a run.
            for expression in _parameter_refs(spec["kwargs"]):
                parse_suite_parameter(expression, parameters)
            config = ExpectationConfiguration(**{**spec, "meta": {**(spec.get("meta") or {}), _ORDER: index}})
            expectations.append(config.to_domain_obj())
        except Exception as error:  # GE raises pydantic, lookup and parser errors alike
            raise SuiteError(f"{where}: {error}") from error
    return gx.ExpectationSuite(
        name=data["name"],
        expectations=expectations,
        suite_parameters=data.get("suite_parameters"),
        meta=data.get("meta"),
        notes=data.get("notes"),
        id=data.get("id"),
    )


# ------------------------------------------------------------------------------------------- cache

# The suites are built once per process (again when their file changes); the GE context, the batch
# definitions and the suites' plans live in `gxrun`. One lock around the suite cache and a validation:
# Prefect may run tasks in threads.
_LOCK = threading.RLock()
_SUITES: dict[Path, tuple[tuple[int, int], ExpectationSuite, frozenset[str] | None]] = {}


def _suite(table: str) -> tuple[ExpectationSuite, frozenset[str] | None]:
    """The table's suite and the columns it reads (None: all of them)."""
    path = suite_path(table)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise SuiteError(f"no suite for table {table!r}: expected {path}") from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _SUITES.get(path)
    if cached is None or cached[0] != stamp:  # an edited suite applies without a restart
        suite = load_suite(path)
        _SUITES[path] = (stamp, suite, _suite_columns(suite))
    return _SUITES[path][1:]


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _suite_columns(suite: ExpectationSuite) -> frozenset[str] | None:
    """Every column an expectation of the suite names, in its column arguments or its row condition;
    None when an expectation is about the frame's set of columns (expect_table_columns_to_match_set …),
    which must then see all of them."""
    names: set[str] = set()
    for expectation in suite.expectations:
        if expectation.expectation_type.startswith("expect_table_column"):
            return None
        kwargs = expectation.configuration.kwargs
        names.update(_columns(kwargs))
        condition = kwargs.get("row_condition")
        if isinstance(condition, str):
            names.update(_IDENTIFIER.findall(condition))
    return frozenset(names)


# -------------------------------------------------------------------------------------- validation


def validate(table: str, df: pd.DataFrame, *, key: str = "source_name") -> GateResult:
    """Validate one table's batch with `expectations/<table>.json`. `key` names the column that says which
    file a row came from; failures name those values. Raises SuiteError for a missing or malformed suite
    and ValueError when the frame has no `key` column."""
    if key not in df.columns:
        raise ValueError(f"the {table} frame has no {key!r} column to name failing rows by")
    # A fresh 0..n-1 index: GE selects unexpected rows by index label, which a filtered or concatenated
    # frame may repeat. (Rows are named by the key column, never by index.)
    frame = df.reset_index(drop=True)
    derived: dict[str, pd.Series] = {}
    for name, fn in DERIVED_COLUMNS.get(table, {}).items():
        values = fn(frame)
        if isinstance(values, dict):
            derived.update(values)
        elif values is not None:
            derived[name] = values
    if derived:
        frame = frame.assign(**derived)
    with _LOCK:
        suite, read = _suite(table)
        # Only the columns the suite reads (and the key): GE builds a resolver for every column of the
        # frame each time a row condition is evaluated, and hashes every value it is given.
        if read is not None:
            frame = frame[[c for c in frame.columns if c == key or c in read]]
        batch = gxrun.batch_of(table, frame)
        parameters = suite_parameters()
        results = gxrun.validate_suite(batch, table, suite, PASSING_FORMAT, key, parameters)
        if not all(r.success for r in results):
            # Only a failed expectation needs its bad rows named, file by file: each is validated again
            # alone, with every unexpected row. (The whole suite again cost as much as the first run, on
            # every batch holding a flagged report.)
            by_order = {e.meta.get(_ORDER): e for e in suite.expectations}
            results = [
                r
                if r.success
                else gxrun.validate_expectation(
                    batch, by_order[r.expectation_config.meta.get(_ORDER)], RESULT_FORMAT, key, parameters
                )
                for r in results
            ]
    results = sorted(results, key=lambda r: r.expectation_config.meta.get(_ORDER, 0))
    checks = [_check(r, key, len(frame)) for r in results]
    failures = [_failure(c) for c in checks if not c.success and not c.flag]
    return GateResult(
        table=table,
        suite=suite.name,
        success=not failures,
        evaluated=len(frame),
        failures=failures,
        checks=checks,
        key=key,
        flags=[_failure(c) for c in checks if c.flag],
    )


def _failure(check: GateCheck) -> GateFailure:
    return GateFailure(
        check.expectation,
        check.columns,
        check.kwargs,
        check.failing_keys,
        check.message,
        check.unexpected_count,
    )


def split_failing(
    result: GateResult, df: pd.DataFrame, key: str
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """(rows of files no failure names, {file: [messages]}). Every row of a named file is set aside, not
    only the unexpected ones: a file loads whole or not at all. Failures that name no file are not in the
    dict (see `GateResult.batch_failures`): the caller must stop the batch for them."""
    failing: dict[str, list[str]] = {}
    for failure in result.failures:
        for name in failure.failing_keys:
            failing.setdefault(name, []).append(failure.message)
    if not failing or df.empty:
        return df, failing
    named = df[key].astype(str).isin(list(failing))
    return df[~named], failing


# -------------------------------------------------------------------------------- result -> words


def _columns(kwargs: dict[str, Any]) -> tuple[str, ...]:
    if "column" in kwargs:
        return (str(kwargs["column"]),)
    if "column_A" in kwargs:
        return (str(kwargs["column_A"]), str(kwargs["column_B"]))
    if "column_list" in kwargs:
        return tuple(str(c) for c in kwargs["column_list"])
    return ()


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like values: not a missing scalar
        return False


def _value(value: Any) -> str:
    if _missing(value):
        return "null"
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        # GE stores 1949 as 1949.0; a large amount or bound reads better as 1.3e+14 than as 15 digits
        if abs(value) < 1e10:
            value = int(value)
        else:
            mantissa, exponent = f"{value:.15e}".split("e")
            value = f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent):+d}"
    text = str(value).replace("\n", " ")
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def _summary(kind: str, kwargs: dict[str, Any]) -> str:
    """The arguments that matter, briefly: what a person needs to see why a row failed."""
    if kind.startswith("expect_column_pair_values_a_to_be_greater_than_b"):
        return ">=" if kwargs.get("or_equal") else ">"
    if "min_value" in kwargs or "max_value" in kwargs:
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        text = f"{'' if low is None else _value(low)}..{'' if high is None else _value(high)}"
        strict = [side for side in ("min", "max") if kwargs.get(f"strict_{side}")]
        return text + (f" (strict {'/'.join(strict)})" if strict else "")
    if "value_set" in kwargs:
        return "{" + ", ".join(_value(v) for v in kwargs["value_set"] or []) + "}"
    if "regex" in kwargs:
        return str(kwargs["regex"])
    return ""


def _call(kind: str, columns: tuple[str, ...], summary: str) -> str:
    """'expect_x(year, 1949..2027)', 'expect_pair(char_end > char_start)', 'expect_compound(region+year)'."""
    if kind.startswith("expect_column_pair_values_a_to_be_greater_than_b") and len(columns) == 2:
        inside = f"{columns[0]} {summary} {columns[1]}"
    elif kind.startswith("expect_compound_columns") or kind.startswith("expect_multicolumn"):
        inside = "+".join(columns)
    else:
        inside = ", ".join([*columns, *([summary] if summary else [])])
    return f"{kind}({inside})"


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _exception_message(result: Any) -> str | None:
    info = result.exception_info or {}
    if info.get("raised_exception"):
        return str(info.get("exception_message"))
    for value in info.values():  # metric errors come keyed by metric: {id: {raised_exception, ...}}
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message"))
    return None


def _passing_counts(kind: str, kwargs: dict[str, Any]) -> bool:
    """Does a pass of this expectation mean no unexpected row: one read row by row (a map expectation),
    without `mostly`? (Then its unexpected count is 0 without GE counting it.)"""
    from great_expectations.expectations.registry import get_expectation_impl

    rowwise = getattr(get_expectation_impl(kind), "map_metric", None) is not None
    return rowwise and kwargs.get("mostly") in (None, 1, 1.0)


def _check(result: Any, key: str, rows: int) -> GateCheck:
    config = result.expectation_config
    kind = config.type
    kwargs = {k: v for k, v in config.kwargs.items() if k != "batch_id"}
    columns = _columns(kwargs)
    summary = _summary(kind, kwargs)
    call = _call(kind, columns, summary)
    severity = str(getattr(config.severity, "value", config.severity or CRITICAL))
    details = result.result or {}
    element_count = details.get("element_count", rows)
    unexpected_count = details.get("unexpected_count")
    if unexpected_count is None and result.success and _passing_counts(kind, kwargs):
        unexpected_count = 0
    error = _exception_message(result)
    if error is not None:
        message = f"{call} could not be evaluated: {error}"
        return GateCheck(
            kind, columns, summary, False, element_count, unexpected_count, [], message, severity, raised=True
        )
    if result.success:
        message = f"{call} passed for {_rows(element_count)}"
        return GateCheck(kind, columns, summary, True, element_count, unexpected_count, [], message, severity)
    # a warning is no refusal: its rows load, and the message says so
    failed = "failed" if severity == CRITICAL else f"flagged ({severity}: loaded, not quarantined)"
    index_list = details.get("unexpected_index_list")
    if not index_list:  # a table-level expectation: no rows to name
        observed = details.get("observed_value")
        message = f"{call} {failed}" + (f": observed {_value(observed)}" if observed is not None else "")
        return GateCheck(
            kind, columns, summary, False, element_count, unexpected_count, [], message, severity
        )
    by_key: dict[str, list[str]] = {}
    keyless = 0
    for row in index_list:
        name = row.get(key)
        shown = ", ".join(f"{c}={_value(row.get(c))}" for c in columns)
        if _missing(name):
            keyless += 1
            continue
        details_of = by_key.setdefault(str(name), [])
        if shown and shown not in details_of:
            details_of.append(shown)
    count = unexpected_count if unexpected_count is not None else len(index_list)
    listed = [
        f"{name} ({'; '.join(shown)})" if shown else name for name, shown in list(by_key.items())[:MAX_LISTED]
    ]
    if len(by_key) > MAX_LISTED:
        listed.append(f"and {len(by_key) - MAX_LISTED} more files")
    message = f"{call} {failed} for {_rows(count)}: " + ", ".join(listed)
    failing_keys = list(by_key)
    if keyless and severity == CRITICAL:
        # A bad row we cannot pin on a file: quarantining the named files would let it through.
        message += f"{', and ' if listed else ''}{_rows(keyless)} without a {key}, so the whole batch fails"
        failing_keys = []
    return GateCheck(kind, columns, summary, False, element_count, count, failing_keys, message, severity)

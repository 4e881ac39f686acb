"""The gate's results as plain data and words: GE's validation results -> `GateCheck` (one per expectation,
one row of `validations`), `GateFailure` (a failed one, with the files it names) and `GateResult` (a
batch's, with `to_rows` for the `validations` table).

In: GE's ExpectationValidationResult objects, the key column that names a row's file, the batch's row count.
Out: the dataclasses above, each with one readable sentence (`message`) that names at most `MAX_LISTED`
files and shows values cut to `MAX_VALUE_CHARS` (a report's text must not end up in a sentence).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

MAX_LISTED = 10  # files named in one message; the rest are counted (all of them stay in failing_keys)
MAX_VALUE_CHARS = 40  # a value shown in a message (a report's text must not end up in a sentence)

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


def failure_of(check: GateCheck) -> GateFailure:
    """The failure a failed check stands for (a flag, when its severity is not critical)."""
    return GateFailure(
        check.expectation,
        check.columns,
        check.kwargs,
        check.failing_keys,
        check.message,
        check.unexpected_count,
    )


def columns_of(kwargs: dict[str, Any]) -> tuple[str, ...]:
    """The column(s) an expectation's kwargs name; () for a table-level expectation."""
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


def check_of(result: Any, key: str, rows: int) -> GateCheck:
    """One GE result as a `GateCheck`: its sentence names the failing files by their `key` value."""
    config = result.expectation_config
    kind = config.type
    kwargs = {k: v for k, v in config.kwargs.items() if k != "batch_id"}
    columns = columns_of(kwargs)
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

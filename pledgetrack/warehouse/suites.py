"""Reading a gate suite strictly: `expectations/<table>.json` (GE's own ExpectationSuite JSON) -> a GE
ExpectationSuite, or a `SuiteError` naming the file and the expectation.

GE's own `ExpectationSuite(...)` only logs a malformed expectation and drops it, which would let a typo
silently disable a check; `load_suite` refuses it, and checks that every `{"$PARAMETER": expression}`
resolves against `suite_parameters()`. `suite_columns` says which columns a suite reads (so GE is given
only those). great_expectations is imported inside the functions: it takes seconds to import.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pledgetrack.warehouse.checks import columns_of

if TYPE_CHECKING:
    from great_expectations.core import ExpectationSuite

ORDER = "pledgetrack_order"  # in-memory meta tag: GE does not return results in suite order
_SUITE_KEYS = {"name", "id", "expectations", "suite_parameters", "meta", "notes"}


class SuiteError(ValueError):
    """A suite file that cannot be used: bad JSON, an unknown expectation, a bad kwarg or parameter."""


def suite_parameters(today: dt.date | None = None) -> dict[str, int]:
    """Values for `{"$PARAMETER": name}` in the suites. Computed per validation, so a long-running
    `pledgetrack serve` moves its bound on New Year's Day without a restart."""
    year = (today or dt.date.today()).year
    return {"current_year": year, "next_year": year + 1}


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
            config = ExpectationConfiguration(**{**spec, "meta": {**(spec.get("meta") or {}), ORDER: index}})
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


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def suite_columns(suite: ExpectationSuite) -> frozenset[str] | None:
    """Every column an expectation of the suite names, in its column arguments or its row condition;
    None when an expectation is about the frame's set of columns (expect_table_columns_to_match_set …),
    which must then see all of them."""
    names: set[str] = set()
    for expectation in suite.expectations:
        if expectation.expectation_type.startswith("expect_table_column"):
            return None
        kwargs = expectation.configuration.kwargs
        names.update(columns_of(kwargs))
        condition = kwargs.get("row_condition")
        if isinstance(condition, str):
            names.update(_IDENTIFIER.findall(condition))
    return frozenset(names)

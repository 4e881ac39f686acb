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

The pieces: `suites` reads a suite strictly, `derived` computes the derived columns, `checks`
turns GE's results into `GateCheck`/`GateFailure`/`GateResult` and their sentences; this module keeps
the suite cache and validates. Their public names are importable from here, as before the split.

great_expectations is imported lazily (it takes seconds): importing this module, as the CLI does for
every command, stays cheap, and only the first validation pays.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pledgetrack.paths import expectations_dir
from pledgetrack.warehouse import gxrun
from pledgetrack.warehouse.checks import (  # noqa: F401 (re-exported: callers import them from the gate)
    CRITICAL,
    MAX_LISTED,
    MAX_VALUE_CHARS,
    GateCheck,
    GateFailure,
    GateResult,
    check_of,
    columns_of,
    failure_of,
)
from pledgetrack.warehouse.derived import (  # noqa: F401 (re-exported)
    AMOUNT_CLASSES,
    AMOUNT_COLUMNS,
    DERIVED_COLUMNS,
    NOT_AN_AMOUNT,
    OTHER_AMOUNT,
    Derive,
)
from pledgetrack.warehouse.suites import ORDER, SuiteError, load_suite, suite_columns, suite_parameters

if TYPE_CHECKING:
    from great_expectations.core import ExpectationSuite

RESULT_FORMAT = "COMPLETE"  # every unexpected row, not a sample of 20: each bad file must be named
# A batch is validated first for success only, and again with RESULT_FORMAT only when something failed:
# most batches pass, and COMPLETE costs twice as much (it collects the unexpected rows of every
# expectation, even when there are none). BOOLEAN_ONLY costs a quarter less than BASIC (measured: 1.21 s
# against 1.65 s for a batch of 1,000 reports); a row-by-row expectation without `mostly` passes only
# with no unexpected row, so `validations` still has its counts (`checks._passing_counts`).
PASSING_FORMAT = "BOOLEAN_ONLY"


def suite_path(table: str) -> Path:
    return expectations_dir() / f"{table}.json"


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
        _SUITES[path] = (stamp, suite, suite_columns(suite))
    return _SUITES[path][1:]


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
            by_order = {e.meta.get(ORDER): e for e in suite.expectations}
            results = [
                r
                if r.success
                else gxrun.validate_expectation(
                    batch, by_order[r.expectation_config.meta.get(ORDER)], RESULT_FORMAT, key, parameters
                )
                for r in results
            ]
    results = sorted(results, key=lambda r: r.expectation_config.meta.get(ORDER, 0))
    checks = [check_of(r, key, len(frame)) for r in results]
    failures = [failure_of(c) for c in checks if not c.success and not c.flag]
    return GateResult(
        table=table,
        suite=suite.name,
        success=not failures,
        evaluated=len(frame),
        failures=failures,
        checks=checks,
        key=key,
        flags=[failure_of(c) for c in checks if c.flag],
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

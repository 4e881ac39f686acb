"""DataFrames from columns of plain Python values, built through Arrow.

In: a table as columns, {name: [value per row]} (a batch's rows as the workers send them). Out: the frame
`pd.DataFrame(columns)` gives, with the same dtypes and values, for about half the CPU of the flow process:
pandas infers each list's type in Python and then copies its strings into Arrow; `pa.array` infers the type
and copies the strings in one pass in C.

Only the Arrow types whose conversion to pandas is what pandas infers from the same list are taken that way
(`_ALIKE`); a list Arrow infers as something else (a timestamp: pandas may keep nanoseconds Arrow drops) or
cannot type at all (str beside int, NaN beside str) is left to pandas, column by column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import pyarrow as pa

# What pandas infers from a list of str: pandas 3's `str` (Arrow strings, NaN for a missing value).
_STR = pd.Series(["a"]).dtype

# Arrow's type of a list → pandas' dtype from it: ints with a None → float64 and NaN, as pandas infers;
# bools with a None → object; all None → object of None. (Only None is a missing value to `pa.array`: a
# NaN beside bools stays NaN in pandas, and fails in Arrow.) Not dates: Arrow types a date beside a
# datetime as a date, dropping the time pandas keeps.
_ALIKE = frozenset({pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.null()})


def _dtype_of(kind: pa.DataType) -> object:
    return _STR if kind == pa.string() else None  # None: to_pandas' own


def frame_of(columns: Mapping[str, list]) -> pd.DataFrame:
    """`pd.DataFrame(columns)`, the same frame (dtypes included), its columns converted by Arrow."""
    arrow_strings = isinstance(_STR, pd.StringDtype) and _STR.storage == "pyarrow"
    if not arrow_strings or not any(len(values) for values in columns.values()):
        return pd.DataFrame(columns)  # (pandas types a column without rows float64)
    typed = {}
    for name, values in columns.items():
        try:
            array = pa.array(values)
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            continue  # pandas decides (an object column)
        if array.type == pa.float64() and bool in set(map(type, values)):
            continue  # Arrow took a bool after a float for 1.0; pandas keeps both in an object column
        if array.type in _ALIKE:
            typed[name] = array
    if not typed:
        return pd.DataFrame(columns)
    frame = pa.table(typed).to_pandas(types_mapper=_dtype_of)
    if len(typed) == len(columns):
        return frame
    return pd.DataFrame(
        {name: frame[name] if name in typed else values for name, values in columns.items()}, copy=False
    )


def frame_of_parts(parts: Sequence[Mapping[str, list]], names: Iterable[str]) -> pd.DataFrame:
    """One frame of several parts' columns, `names` of each (the rows of many reports or lookups)."""
    columns: dict[str, list] = {}
    for name in names:
        values = columns[name] = []
        for part in parts:  # extending one list: a third less CPU than chaining the parts
            values.extend(part[name])
    return frame_of(columns)


def frame_of_rows(rows: list[dict]) -> pd.DataFrame:
    """`pd.DataFrame(rows)` of rows with the same keys, the same frame, built from its columns."""
    if not rows:
        return pd.DataFrame()
    return frame_of({name: [row[name] for row in rows] for name in rows[0]})

"""frames.frame_of: the frame pandas builds from the same columns, dtypes and values, whatever they hold."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from pledgetrack import frames

NAN = float("nan")
DAY = dt.date(2024, 3, 5)
NOON = dt.datetime(2024, 3, 5, 12, 0, 0, 250)

# column → two values of a row each: what the workers' rows hold, and what Arrow types otherwise than
# pandas or not at all (left to pandas)
EXAMPLES = {
    "strings": ["国内生产总值", "城镇调查失业率"],
    "strings_missing": ["万元", None],
    "all_missing": [None, None],
    "ints": [2024, 2025],
    "ints_missing": [7, None],
    "floats_missing": [5.5, None],
    "ints_and_floats": [5, 5.5],
    "nans": [NAN, None],
    "ints_and_nan": [3, NAN],
    "bools": [True, False],
    "bools_missing": [True, None],
    "bool_and_int": [True, 1],
    "dates_missing": [DAY, None],
    "datetimes_missing": [NOON, None],
    "nanoseconds": [pd.Timestamp("2024-03-05 12:00:00.000000001"), None],
    "aware": [dt.datetime(2024, 3, 5, tzinfo=dt.UTC), None],
    "date_and_datetime": [DAY, NOON],
    "datetime_and_date": [NOON, DAY],
    "string_and_int": ["3", 3],
    "int_and_string": [3, "3"],
    "string_and_bytes": ["x", b"x"],
    "float_and_bool": [1.5, True],
    "bool_and_float": [True, 1.5],
    "float_and_numpy_bool": [1.5, np.True_],
    "numpy_float32_and_float": [np.float32(0.1), 2.5],
    "int_and_bool": [1, False],
    "missing_then_bool_and_int": [None, True],
    "string_and_nan": ["万元", NAN],
    "date_and_nan": [DAY, NAN],
    "bool_and_nan": [False, NAN],
    "beyond_int64": [2**63, 1],
    "tuples": [(1, 2), None],
    "bytes": [b"x", None],
    "numpy_ints": [np.int64(3), 4],
    "string_and_pandas_na": ["万元", pd.NA],
    "int_and_pandas_na": [3, pd.NA],
    "float_and_numpy_nan": [1.5, np.nan],
    "int_and_nat": [3, pd.NaT],
    "numpy_float32": [np.float32(1.5), np.float32(2.5)],
}


def same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        got, want, check_dtype=True, check_exact=True, check_index_type=True, check_column_type=True
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_column_is_typed_as_pandas_types_it(name):
    columns = {name: EXAMPLES[name]}
    same(frames.frame_of(columns), pd.DataFrame(columns))


def test_columns_arrow_types_and_columns_left_to_pandas_keep_their_order():
    same(frames.frame_of(EXAMPLES), pd.DataFrame(EXAMPLES))


@pytest.mark.parametrize("columns", [{}, {"empty": []}, {"a": [], "b": []}])
def test_no_rows(columns):
    same(frames.frame_of(columns), pd.DataFrame(columns))


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [{"report_id": "a1", "delivered_on": DAY, "ingested_at": NOON, "detected_year": None}],
        [
            {"report_id": "a1", "delivered_on": None, "ingested_at": NOON, "detected_year": 2024},
            {"report_id": "b2", "delivered_on": DAY, "ingested_at": NOON, "detected_year": None},
        ],
    ],
)
def test_rows_make_the_frame_pandas_makes_of_them(rows):
    same(frames.frame_of_rows(rows), pd.DataFrame(rows))


def test_parts_are_typed_together():
    # a column missing in one report and a string in another is one string column, as pandas makes it
    parts = [
        {"unit": [None, None], "value": [1, 2], "estimated": [True, False]},
        {"unit": ["万元", None], "value": [None, 2.5], "estimated": [None, True]},
    ]
    joined = {name: parts[0][name] + parts[1][name] for name in parts[0]}
    same(frames.frame_of_parts(parts, ["unit", "value", "estimated"]), pd.DataFrame(joined))
    assert list(frames.frame_of_parts(parts, ["value"]).columns) == ["value"]

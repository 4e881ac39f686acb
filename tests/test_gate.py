"""The gate, with real Great Expectations (no mocks): the suites in expectations/ against small frames.

Each case changes one row of an otherwise valid batch and checks that exactly the expectation meant to
catch it fails, and that its message and failing keys name that row's file.

Its length (about 850 lines) is its case tables (reports, sections, figures and amounts, malformed
suites, planned suites), each case a batch spoiled one way, and the checks that planned and plain
validation agree, on the same frames.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from pledgetrack.ingest.inbox import list_inbox
from pledgetrack.warehouse import gate, gxrun, store
from tests.conftest import ROOT

SUITES = sorted((ROOT / "expectations").glob("*.json"))
NEXT_YEAR = dt.date.today().year + 1
REGIONS = [
    "全国",
    "上海市",
    "上海市虹口区",
    "浙江省杭州市",
    "内蒙古自治区",
    "阿拉善盟",
    "鄂温克族自治旗",
    "延边朝鲜族自治州",
    "大厂回族自治县",
    "香港特别行政区",
]
BAD = "r2.txt"  # the file every single-row case spoils


def reports_frame(n: int = 5, length: int = 1_500) -> pd.DataFrame:
    """n valid reports, files r0.txt … r{n-1}.txt, distinct (region, year)."""
    rows = []
    for i in range(n):
        text = f"第{i}号报告" + "政" * length
        sha = hashlib.sha256(text.encode()).hexdigest()
        year = 2000 + i // len(REGIONS)
        rows.append(
            {
                "report_id": sha[:16],
                "region": REGIONS[i % len(REGIONS)],
                "year": year,
                "review_year": year - 1,
                "title": f"{year}年政府工作报告",
                "delivered_on": dt.date(year, 1, 15),
                "speaker": "某某",
                "region_code": None,
                "region_found_by": "title",
                "year_found_by": "title",
                "report_kind": None,
                "source_name": f"r{i}.txt",
                "source_path": f"/inbox/r{i}.txt",
                "format": "txt",
                "encoding": "utf-8",
                "raw_sha256": sha,
                "sha256": sha,
                "text": text,
                "ingested_at": dt.datetime(2025, 1, 1),
                "completeness": "whole",
                "completeness_note": "",
            }
        )
    return pd.DataFrame(rows)


def sections_frame(reports: pd.DataFrame) -> pd.DataFrame:
    """front, review, plan, targets for every report (targets inside plan, as ingest.sections does)."""
    spans = [("front", 0, 100), ("review", 100, 600), ("plan", 600, 1400), ("targets", 700, 900)]
    return pd.DataFrame(
        [
            {
                "report_id": r.report_id,
                "kind": kind,
                "ordinal": ordinal,
                "heading": "",
                "char_start": start,
                "char_end": end,
                "found_by": "heading",
                "source_name": r.source_name,
                "source_path": r.source_path,
            }
            for r in reports.itertuples()
            for ordinal, (kind, start, end) in enumerate(spans)
        ]
    )


def set_row(df: pd.DataFrame, mask: pd.Series, **values) -> pd.DataFrame:
    df = df.astype({c: object for c in values if c in df.columns})  # so None stays None in int columns
    for column, value in values.items():
        df.loc[mask, column] = value
    return df


def spoil_report(**values) -> Callable[[pd.DataFrame], pd.DataFrame]:
    return lambda df: set_row(df, df["source_name"] == BAD, **values)


def spoil_section(section: str, /, **values) -> Callable[[pd.DataFrame], pd.DataFrame]:
    return lambda df: set_row(df, (df["source_name"] == BAD) & (df["kind"] == section), **values)


def failed(result: gate.GateResult) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.expectation, f.columns) for f in result.failures}


def test_valid_batches_pass():
    reports = reports_frame()
    for table, df in (("reports", reports), ("sections", sections_frame(reports))):
        result = gate.validate(table, df)
        assert result.success, [f.message for f in result.failures]
        assert (result.table, result.suite, result.evaluated, result.failures) == (table, table, len(df), [])
        rows = result.to_rows()
        suite = json.loads((ROOT / "expectations" / f"{table}.json").read_text(encoding="utf-8"))
        assert len(rows) == len(suite["expectations"])
        assert all(r["success"] and r["failing_keys"] == [] and "passed" in r["message"] for r in rows)
        # the rows fit the warehouse's validations table (batch is added by the caller)
        assert set(rows[0]) <= set(store.VALIDATION_COLUMNS)
        assert set(store.VALIDATION_COLUMNS) - set(rows[0]) == {"batch"}


NOT_NULL, BETWEEN = "expect_column_values_to_not_be_null", "expect_column_values_to_be_between"
REGEX, IN_SET = "expect_column_values_to_match_regex", "expect_column_values_to_be_in_set"
PAIR_GT = "expect_column_pair_values_a_to_be_greater_than_b"
UNIQUE, COMPOUND = "expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique"

NAME = "source_name"

# (case, the change to r2.txt's row, expectation, columns, key column to name files by, files named)
REPORT_CASES = [
    ("report_id null", spoil_report(report_id=None), NOT_NULL, ("report_id",), NAME, [BAD]),
    ("region null", spoil_report(region=None), NOT_NULL, ("region",), NAME, [BAD]),
    ("year null", spoil_report(year=None), NOT_NULL, ("year",), NAME, [BAD]),
    ("sha256 null", spoil_report(sha256=None), NOT_NULL, ("sha256",), NAME, [BAD]),
    ("text null", spoil_report(text=None), NOT_NULL, ("text",), NAME, [BAD]),
    # with source_name itself missing, the file is named by its path
    ("source_name null", spoil_report(source_name=None), NOT_NULL, (NAME,), "source_path", ["/inbox/r2.txt"]),
    ("year before 1949", spoil_report(year=1800, review_year=None), BETWEEN, ("year",), NAME, [BAD]),
    ("year after next year", spoil_report(year=NEXT_YEAR + 1), BETWEEN, ("year",), NAME, [BAD]),
    ("review_year before 1948", spoil_report(review_year=1900), BETWEEN, ("review_year",), NAME, [BAD]),
    ("review_year = year", spoil_report(review_year=2000), PAIR_GT, ("year", "review_year"), NAME, [BAD]),
    ("review_year after year", spoil_report(review_year=2001), PAIR_GT, ("year", "review_year"), NAME, [BAD]),
    ("text too short", spoil_report(text="政" * 999), BETWEEN, ("text_length",), NAME, [BAD]),
    ("text too long", spoil_report(text="政" * 2_000_001), BETWEEN, ("text_length",), NAME, [BAD]),
    ("sha256 upper case", spoil_report(sha256="A" * 64), REGEX, ("sha256",), NAME, [BAD]),
    ("sha256 short", spoil_report(sha256="a" * 63), REGEX, ("sha256",), NAME, [BAD]),
    ("region without suffix", spoil_report(region="虹口"), REGEX, ("region",), NAME, [BAD]),
    ("region in pinyin", spoil_report(region="Hongkou区"), REGEX, ("region",), NAME, [BAD]),
    ("region with a space", spoil_report(region="上海市 虹口区"), REGEX, ("region",), NAME, [BAD]),
    ("completeness not assessed", spoil_report(completeness=None), NOT_NULL, ("completeness",), NAME, [BAD]),
    ("completeness unknown", spoil_report(completeness="partial"), IN_SET, ("completeness",), NAME, [BAD]),
    (
        "region found by nothing",
        spoil_report(region_found_by=None),
        NOT_NULL,
        ("region_found_by",),
        NAME,
        [BAD],
    ),
    (
        "region found by a mention",
        spoil_report(region_found_by="mention"),
        IN_SET,
        ("region_found_by",),
        NAME,
        [BAD],
    ),
    ("year found by nothing", spoil_report(year_found_by=None), NOT_NULL, ("year_found_by",), NAME, [BAD]),
    ("year found by a guess", spoil_report(year_found_by="guess"), IN_SET, ("year_found_by",), NAME, [BAD]),
    ("report kind unknown", spoil_report(report_kind="midyear"), IN_SET, ("report_kind",), NAME, [BAD]),
    ("region code of 4 digits", spoil_report(region_code="1306"), REGEX, ("region_code",), NAME, [BAD]),
    (
        "region and year repeated",
        lambda df: set_row(df, df["source_name"] == BAD, region="全国", year=2000),
        COMPOUND,
        ("region", "year"),
        NAME,
        ["r0.txt", BAD],
    ),
    (
        "report_id repeated",
        lambda df: set_row(df, df["source_name"] == BAD, report_id=df.loc[0, "report_id"]),
        UNIQUE,
        ("report_id",),
        NAME,
        ["r0.txt", BAD],
    ),
]

SECTION_CASES = [
    ("report_id null", spoil_section("front", report_id=None), NOT_NULL, ("report_id",), [BAD]),
    ("kind null", spoil_section("review", kind=None), NOT_NULL, ("kind",), [BAD]),
    ("kind unknown", spoil_section("review", kind="appendix"), IN_SET, ("kind",), [BAD]),
    ("char_start null", spoil_section("review", char_start=None), NOT_NULL, ("char_start",), [BAD]),
    ("char_end null", spoil_section("review", char_end=None), NOT_NULL, ("char_end",), [BAD]),
    ("char_start negative", spoil_section("front", char_start=-1), BETWEEN, ("char_start",), [BAD]),
    ("empty span", spoil_section("review", char_end=100), PAIR_GT, ("char_end", "char_start"), [BAD]),
    ("reversed span", spoil_section("plan", char_end=50), PAIR_GT, ("char_end", "char_start"), [BAD]),
    ("ordinal repeated", spoil_section("review", ordinal=0), COMPOUND, ("report_id", "ordinal"), [BAD]),
]


def assert_named(result: gate.GateResult, expectation: str, columns: tuple[str, ...], files: list[str]):
    assert not result.success
    assert failed(result) == {(expectation, columns)}, [f.message for f in result.failures]
    [failure] = result.failures
    assert failure.failing_keys == files
    assert failure.message.startswith(expectation + "(")
    assert all(name in failure.message for name in files)
    [row] = [r for r in result.to_rows() if not r["success"] and r["severity"] == "critical"]
    assert (row["expectation"], row["failing_keys"], row["message"]) == (expectation, files, failure.message)
    assert row["column_name"] == ", ".join(columns) and row["unexpected_count"] >= 1


@pytest.mark.parametrize(
    ("spoil", "expectation", "columns", "key", "files"),
    [case[1:] for case in REPORT_CASES],
    ids=[case[0] for case in REPORT_CASES],
)
def test_each_reports_expectation_names_the_bad_file(spoil, expectation, columns, key, files):
    result = gate.validate("reports", spoil(reports_frame()), key=key)
    assert_named(result, expectation, columns, files)


@pytest.mark.parametrize(
    ("spoil", "expectation", "columns", "files"),
    [case[1:] for case in SECTION_CASES],
    ids=[case[0] for case in SECTION_CASES],
)
def test_each_sections_expectation_names_the_bad_file(spoil, expectation, columns, files):
    result = gate.validate("sections", spoil(sections_frame(reports_frame())))
    assert_named(result, expectation, columns, files)


def test_every_expectation_in_the_suites_has_a_case():
    for table, cases in (("reports", REPORT_CASES), ("sections", SECTION_CASES)):
        suite = json.loads((ROOT / "expectations" / f"{table}.json").read_text(encoding="utf-8"))
        in_suite = {(e["type"], gate.columns_of(e["kwargs"])) for e in suite["expectations"]}
        assert in_suite == {(case[2], case[3]) for case in cases}


def test_a_report_not_whole_is_flagged_and_loads():
    # severity "warning" (GE's own): the failed expectation names the files and their values, is kept in
    # `validations` with its severity, and refuses nothing
    df = reports_frame()
    df = set_row(df, df["source_name"] == "r1.txt", completeness="no_targets")
    df = set_row(df, df["source_name"] == "r3.txt", completeness="five_year_review")
    result = gate.validate("reports", df)
    assert result.success and result.failures == [] and result.batch_failures == []
    [flag] = result.flags
    assert (flag.expectation, flag.columns, flag.failing_keys) == (
        IN_SET,
        ("completeness",),
        ["r1.txt", "r3.txt"],
    )
    assert flag.message == (
        "expect_column_values_to_be_in_set(completeness, {whole}) flagged (warning: loaded, not quarantined) "
        "for 2 rows: r1.txt (completeness=no_targets), r3.txt (completeness=five_year_review)"
    )
    [row] = [r for r in result.to_rows() if not r["success"]]
    assert (row["severity"], row["failing_keys"], row["unexpected_count"]) == (
        "warning",
        ["r1.txt", "r3.txt"],
        2,
    )
    passing, failing = gate.split_failing(result, df, "source_name")
    assert failing == {} and passing.equals(df)


def test_a_flag_without_a_key_does_not_stop_the_batch():
    df = reports_frame()
    df = set_row(df, df["source_name"] == "r1.txt", completeness="no_review", source_name=None)
    result = gate.validate("reports", df)
    # the missing name is a refusal of its own (critical); the flag adds none
    assert {f.columns for f in result.failures} == {(NAME,)}
    assert [f.failing_keys for f in result.flags] == [[]]


def test_message_names_each_file_and_value():
    df = reports_frame()
    df = set_row(df, df["source_name"] == "r1.txt", year=1800, review_year=None)
    df = set_row(df, df["source_name"] == "r3.txt", year=3000)
    [failure] = [f for f in gate.validate("reports", df).failures if f.columns == ("year",)]
    assert failure.message == (
        f"expect_column_values_to_be_between(year, 1949..{NEXT_YEAR}) failed for 2 rows: "
        "r1.txt (year=1800), r3.txt (year=3000)"
    )
    assert (failure.kwargs, failure.failing_keys, failure.unexpected_count) == (
        f"1949..{NEXT_YEAR}",
        ["r1.txt", "r3.txt"],
        2,
    )


def test_every_bad_file_is_named_not_a_sample():
    # A batch is first validated with counts only; a failure is validated again for every unexpected row
    # (GE's cheaper formats list 20 of them).
    df = reports_frame(30)
    df = set_row(df, df["year"] > 0, sha256="not a hash")
    result = gate.validate("reports", df)
    [failure] = result.failures
    assert failure.columns == ("sha256",) and failure.unexpected_count == 30
    assert sorted(failure.failing_keys) == sorted(f"r{i}.txt" for i in range(30))
    passed = [check for check in result.checks if check.success]
    assert passed and all((c.element_count, c.unexpected_count) == (30, 0) for c in passed if c.columns)


def test_duplicate_region_and_year_names_both_files():
    df = reports_frame(4)
    df = set_row(df, df["source_name"] == "r3.txt", region="全国", year=2000)  # same as r0.txt
    result = gate.validate("reports", df)
    [failure] = result.failures
    assert failure.expectation == COMPOUND and failure.failing_keys == ["r0.txt", "r3.txt"]
    assert "r0.txt (region=全国, year=2000)" in failure.message
    assert "r3.txt (region=全国, year=2000)" in failure.message


def test_split_failing_separates_exactly_the_bad_files():
    reports = reports_frame(8)
    bad = set_row(reports, reports["source_name"] == "r2.txt", region="虹口")
    bad = set_row(bad, bad["source_name"] == "r5.txt", text="短", review_year=2001)
    result = gate.validate("reports", bad)
    passing, failing = gate.split_failing(result, bad, "source_name")
    assert sorted(failing) == ["r2.txt", "r5.txt"]
    assert len(failing["r5.txt"]) == 2  # too short and review_year > year: both messages
    assert all(m.startswith("expect_") for messages in failing.values() for m in messages)
    assert passing["source_name"].tolist() == ["r0.txt", "r1.txt", "r3.txt", "r4.txt", "r6.txt", "r7.txt"]
    # the very rows (index and values) of the good files, untouched
    pd.testing.assert_frame_equal(passing, reports[~reports["source_name"].isin(failing)], check_dtype=False)
    assert gate.validate("reports", passing).success  # the rest is validated again and loads

    sections = sections_frame(reports)
    sections = set_row(
        sections, (sections["source_name"] == "r4.txt") & (sections["kind"] == "plan"), char_end=50
    )
    result = gate.validate("sections", sections)
    passing, failing = gate.split_failing(result, sections, "source_name")
    assert list(failing) == ["r4.txt"]  # every section of the file is set aside, not only the bad one
    assert len(passing) == len(sections) - 4 and "r4.txt" not in set(passing["source_name"])
    assert gate.validate("sections", passing).success


def test_split_failing_of_a_passing_batch_keeps_everything():
    df = reports_frame()
    passing, failing = gate.split_failing(gate.validate("reports", df), df, "source_name")
    assert failing == {} and passing.equals(df)


def test_a_bad_row_without_a_key_fails_the_whole_batch():
    df = reports_frame()
    df = set_row(df, df["source_name"] == BAD, source_name=None, year=1800, review_year=None)
    result = gate.validate("reports", df)
    assert {f.expectation for f in result.batch_failures} == {NOT_NULL, BETWEEN}
    assert all(f.failing_keys == [] and "whole batch" in f.message for f in result.failures)
    passing, failing = gate.split_failing(result, df, "source_name")
    assert failing == {} and len(passing) == len(df)  # nothing to quarantine: the caller must stop


def test_a_missing_column_fails_the_whole_batch_with_the_reason():
    df = reports_frame().drop(columns=["sha256"])
    result = gate.validate("reports", df)
    assert not result.success and result.batch_failures == result.failures
    assert {f.columns for f in result.failures} == {("sha256",)}
    assert all("could not be evaluated" in f.message and "sha256" in f.message for f in result.failures)


def test_key_column_must_exist():
    with pytest.raises(ValueError, match="no 'file' column"):
        gate.validate("reports", reports_frame(), key="file")


def test_unknown_table_has_no_suite():
    with pytest.raises(gate.SuiteError, match="no suite for table 'pledges'"):
        gate.validate("pledges", reports_frame())


def test_batch_frames_of_the_examples_pass():
    # the frames the pipeline really builds (batch.py), named by path as the pipeline does
    from pledgetrack import batch

    parsed = batch.parse_files(list_inbox([ROOT / "examples" / "inbox"]), {})
    built = batch.build_batch(parsed)
    for table in batch.GATED:
        df = getattr(built, table)
        assert not df.empty
        result = gate.validate(table, df, key="source_path")
        assert result.success, [f.message for f in result.failures]


# ----------------------------------------------------------------------------- figures: amounts bounded


def figures_frame(table: str, figures: list[tuple]) -> pd.DataFrame:
    """One valid row of `table` per (value, value_high, unit) (value_high only where the table has it),
    files r0.txt … in order; a row without value or unit is qualitative."""
    rows = []
    for i, (value, high, unit) in enumerate(figures):
        kind = "level" if unit is not None else "qualitative"
        row = dict(report_id=f"report{i}", region="全国", year=2025, kind=kind, value=value, unit=unit)
        row |= dict(phrase=f"第{i}句", char_start=10 * i, char_end=10 * i + 5, evidence_ok=True)
        row |= dict(source_name=f"r{i}.txt", attainment=None)
        if table == "evidence":
            row |= dict(evidence_id=f"t{i}@f", target_id=f"t{i}", target_report_id="target", found="figure")
            row |= dict(reason=None, bound=None, reference_kind=None, mention_start=None, mention_end=None)
            row |= dict(explained=True, percent_value=value if unit == "%" else None)  # batch derives it
        else:
            row |= dict(indicator=f"指标{i}", report_region="全国", tier="headline")
        if table == "targets":
            comparator = "plain" if high is None else "range"
            row |= dict(value_high=high, report_year=2025, comparator=comparator, direction="floor")
        if table == "outcomes":
            row |= dict(outcome_id=f"o{i}", report_review_year=2025, source="report", source_url=None)
        rows.append(row)
    return pd.DataFrame(rows)


# Real figures of the largest reports (the State Council's), which must pass with room to spare, then
# small and signed ones. Every table gets them all; only targets have ranges.
PLAUSIBLE = [
    (130, None, "万亿元"),  # GDP, 1.3e14 元
    (4, None, "万亿美元"),  # foreign trade, 4e12 美元
    (14, None, "亿人"),  # population, 1.4e9 人
    (7.8, None, "亿户"),  # broadband users (the corpus's largest 户, 2014 national report)
    (11, None, "亿人次"),  # tourist visits to a province
    (1.3, None, "万亿斤"),  # grain output, 1.3e12 斤
    (9.2, None, "万亿千瓦时"),  # electricity use, 9.2e12 千瓦时
    (18, None, "亿亩"),  # farmland red line, 1.8e9 亩
    (1300, None, "亿件"),  # parcels, 1.3e11 件
    (0, None, "户"),  # zero is a count
    (-0.6, None, "‰"),  # natural population growth: a rate may be negative
    (-1.2, None, "%"),
    (None, None, None),  # qualitative
]
RANGE = (3, 5, "万人")

# (case, the bad figure, the derived columns whose expectations refuse it)
FIGURE_CASES = [
    ("1e20 户", (1e20, None, "户"), ("people_value",)),
    ("a year read as 万亿户", (2025, None, "万亿户"), ("people_value",)),
    ("1e308 元", (1e308, None, "元"), ("money_value",)),
    ("2000万亿元", (2000, None, "万亿元"), ("money_value",)),
    ("1000万亿美元", (1000, None, "万亿美元"), ("dollar_value",)),
    ("1200亿人次", (1200, None, "亿人次"), ("visits_value",)),
    ("1000万亿斤", (1000, None, "万亿斤"), ("physical_value",)),
    ("100万亿个", (100, None, "万亿个"), ("other_value",)),
    ("a unit in no class", (1e14, None, "吨公里"), ("other_value",)),
    ("a negative amount", (-5, None, "亿元"), ("money_value",)),
    ("a negative count", (-3, None, "万户"), ("people_value",)),
    ("a ‰ out of range", (-2000, None, "‰"), ("ratio_value",)),
    ("inf", (float("inf"), None, "万元"), ("value_finite", "money_value")),
    ("-inf", (float("-inf"), None, "吨"), ("value_finite", "physical_value")),
    ("nan with a unit", (float("nan"), None, "亿元"), ("value_finite",)),
    ("inf %", (float("inf"), None, "%"), ("value_finite", "percent_value")),
]
# targets only: both ends of a range are held to the bound
RANGE_CASES = [
    ("a range's high end too large", (3, 3e12, "万人"), ("people_value",)),
    ("a range's low end negative", (-3, 5, "万人"), ("people_value",)),
    ("a range to inf", (1, float("inf"), "万吨"), ("value_finite", "physical_value")),
]
FIGURE_TABLES = ["targets", "outcomes", "evidence"]


def plausible(table: str) -> list[tuple]:
    return [*PLAUSIBLE, RANGE] if table == "targets" else PLAUSIBLE


@pytest.mark.parametrize("table", FIGURE_TABLES)
def test_the_largest_real_figures_pass(table):
    result = gate.validate(table, figures_frame(table, plausible(table)))
    assert result.success, [f.message for f in result.failures]


# (value, value_high, unit) -> the derived column that holds it, and its figure there (in the base unit)
CLASSED = [
    ((130, None, "万亿元"), "money_value", 1.3e14),
    ((16.8, None, "万元/人"), "money_value", 1.68e5),
    ((4, None, "万亿美元"), "dollar_value", 4e12),
    ((14, None, "亿人"), "people_value", 1.4e9),
    ((7.8, None, "亿户"), "people_value", 7.8e8),
    ((11, None, "亿人次"), "visits_value", 1.1e9),
    ((1.3, None, "万亿斤"), "physical_value", 1.3e12),
    ((1000, None, "亿千瓦时"), "physical_value", 1e11),
    ((-0.6, None, "‰"), "ratio_value", -0.6),
    ((60, None, "亿件"), "other_value", 6e9),
    ((3.4, None, "亿"), "other_value", 3.4e8),  # a bare multiplier
    ((3, 5, "万人"), "people_value", 5e4),  # a range: its high end
    ((-3, 5, "万人"), "people_value", -3e4),  # its low end when negative
    ((6.5, None, "%"), None, None),  # percent_value's
    ((None, None, None), None, None),
]


def test_each_figure_is_held_to_its_units_class():
    df = figures_frame("targets", [figure for figure, _, _ in CLASSED])
    amounts = gate.DERIVED_COLUMNS["targets"]["amounts"](df)
    assert set(amounts) == set(gate.AMOUNT_COLUMNS)
    for i, (figure, column, expected) in enumerate(CLASSED):
        held = {name: values[i] for name, values in amounts.items() if pd.notna(values[i])}
        assert held == ({column: pytest.approx(expected)} if column else {}), figure


@pytest.mark.parametrize(
    ("figure", "columns"),
    [case[1:] for case in FIGURE_CASES + RANGE_CASES],
    ids=[case[0] for case in FIGURE_CASES + RANGE_CASES],
)
def test_an_implausible_figure_refuses_its_report(figure, columns):
    good = plausible("targets")
    df = figures_frame("targets", [*good, figure])
    bad = f"r{len(good)}.txt"
    result = gate.validate("targets", df)
    messages = [f.message for f in result.failures]
    assert {f.columns for f in result.failures} == {(c,) for c in columns}, messages
    assert all(f.failing_keys == [bad] for f in result.failures)
    passing, failing = gate.split_failing(result, df, NAME)  # the report is refused, the others load
    assert list(failing) == [bad] and len(passing) == len(good)


@pytest.mark.parametrize("table", ["outcomes", "evidence"])
def test_results_and_evidence_are_held_to_the_same_bounds(table):
    # every case of the table above at once, one file each: each is refused by exactly its expectations
    df = figures_frame(table, [*PLAUSIBLE, *(figure for _, figure, _ in FIGURE_CASES)])
    named: dict[str, list[str]] = {}
    for i, (_, _, columns) in enumerate(FIGURE_CASES, start=len(PLAUSIBLE)):
        for column in columns:
            named.setdefault(column, []).append(f"r{i}.txt")
    result = gate.validate(table, df)
    assert {f.columns[0]: sorted(f.failing_keys) for f in result.failures} == named


def test_a_range_without_its_high_end_is_refused():
    df = figures_frame("targets", [*PLAUSIBLE, (3, None, "万人")])
    df.loc[len(PLAUSIBLE), "comparator"] = "range"
    [failure] = gate.validate("targets", df).failures
    assert (failure.columns, failure.failing_keys) == (("value_finite",), [f"r{len(PLAUSIBLE)}.txt"])


def test_an_amount_is_named_in_its_base_unit():
    df = figures_frame("outcomes", [(3, None, "万户"), (2025, None, "万亿户"), (1e308, None, "元")])
    messages = [f.message for f in gate.validate("outcomes", df).failures]
    between = "expect_column_values_to_be_between"
    assert messages == [
        f"{between}(money_value, 0..1e+15) failed for 1 row: r2.txt (money_value=1e+308)",
        f"{between}(people_value, 0..1e+10) failed for 1 row: r1.txt (people_value=2.025e+15)",
    ]


def test_every_unit_has_one_class():
    every = [unit for units in gate.AMOUNT_CLASSES.values() for unit in units]
    assert len(every) == len(set(every)) and not set(every) & gate.NOT_AN_AMOUNT
    assert set(gate.AMOUNT_COLUMNS) == {*gate.AMOUNT_CLASSES, gate.OTHER_AMOUNT}
    for table in FIGURE_TABLES:  # and every class is bounded by every suite of figures
        suite = json.loads((ROOT / "expectations" / f"{table}.json").read_text(encoding="utf-8"))
        bounded = {e["kwargs"]["column"] for e in suite["expectations"] if e["type"] == BETWEEN}
        assert set(gate.AMOUNT_COLUMNS) <= bounded, table


# ------------------------------------------------------------------------------------------ suites


def test_there_are_suites_for_the_gated_tables():
    assert {p.stem for p in SUITES} >= {"reports", "sections"}


@pytest.mark.parametrize("path", SUITES, ids=[p.name for p in SUITES])
def test_every_suite_file_builds_a_ge_suite(path: Path):
    import great_expectations as gx

    data = json.loads(path.read_text(encoding="utf-8"))
    suite = gate.load_suite(path)
    assert isinstance(suite, gx.ExpectationSuite)
    assert suite.name == path.stem  # validate() finds a table's suite by file name
    assert len(suite.expectations) == len(data["expectations"])  # none dropped
    assert [e.expectation_type for e in suite.expectations] == [e["type"] for e in data["expectations"]]
    assert all(e.get("notes") for e in data["expectations"])  # every check says why
    # GE's own constructor accepts the file as it is, too (the format is GE's, not ours)
    assert len(gx.ExpectationSuite(**data).expectations) == len(data["expectations"])


def valid_expectation(**changes) -> dict:
    return {"type": NOT_NULL, "kwargs": {"column": "year"}, "meta": {}, **changes}


def suite_text(*expectations: dict, **suite) -> str:
    return json.dumps({"name": "x", "expectations": list(expectations), **suite})


MALFORMED = [
    ("not json", "{", "not a readable JSON"),
    ("no name", suite_text(valid_expectation(), name=""), "non-empty 'name'"),
    ("no expectations", suite_text(), "non-empty list"),
    ("unknown suite key", suite_text(valid_expectation(), expectation=[]), "unknown suite keys"),
    ("unknown type", suite_text(valid_expectation(type="expect_magic")), "expectation 0 \\(expect_magic\\)"),
    # GE 0.x spelling: GE 1.x's ExpectationSuite would log it and drop it silently
    (
        "old pair name",
        suite_text(
            valid_expectation(),
            valid_expectation(
                type="expect_column_pair_values_A_to_be_greater_than_B",
                kwargs={"column_A": "a", "column_B": "b"},
            ),
        ),
        "expectation 1",
    ),
    ("misspelled kwarg", suite_text(valid_expectation(kwargs={"colum": "y"})), "colum"),
    ("no kwargs", suite_text({"type": NOT_NULL}), "'type' and 'kwargs'"),
    (
        "unknown parameter",
        suite_text(
            valid_expectation(
                type=BETWEEN, kwargs={"column": "year", "max_value": {"$PARAMETER": "nxt_year"}}
            )
        ),
        "nxt_year",
    ),
]


@pytest.mark.parametrize(("text", "error"), [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED])
def test_a_malformed_suite_is_an_error(tmp_path, text, error):
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(gate.SuiteError, match=error):
        gate.load_suite(path)


def test_next_year_parameter_moves_with_the_calendar():
    data = json.loads((ROOT / "expectations" / "reports.json").read_text(encoding="utf-8"))
    bounds = [
        e["kwargs"]["max_value"]
        for e in data["expectations"]
        if e["kwargs"].get("column") == "year" and e["type"] == BETWEEN
    ]
    assert bounds == [{"$PARAMETER": "next_year"}]
    assert gate.suite_parameters(dt.date(2030, 6, 1)) == {"current_year": 2030, "next_year": 2031}
    df = reports_frame()
    ok = set_row(df, df["source_name"] == BAD, year=NEXT_YEAR, review_year=NEXT_YEAR - 1)
    assert gate.validate("reports", ok).success
    late = set_row(df, df["source_name"] == BAD, year=NEXT_YEAR + 1, review_year=NEXT_YEAR)
    [failure] = gate.validate("reports", late).failures
    assert f"(year, 1949..{NEXT_YEAR})" in failure.message and f"year={NEXT_YEAR + 1}" in failure.message


def test_parameter_expressions_resolve(tmp_path, monkeypatch):
    suite = {
        "name": "reports",
        "expectations": [
            valid_expectation(
                type=BETWEEN, kwargs={"column": "year", "min_value": {"$PARAMETER": "current_year - 20"}}
            )
        ],
    }
    (tmp_path / "reports.json").write_text(json.dumps(suite), encoding="utf-8")
    monkeypatch.setattr(gate, "expectations_dir", lambda: tmp_path)
    [failure] = gate.validate("reports", reports_frame()).failures  # every report is for 2000
    assert failure.kwargs == f"{NEXT_YEAR - 21}.." and len(failure.failing_keys) == 5


@pytest.mark.parametrize(
    ("expectations", "success"),
    [
        # GE is given only the columns a suite reads, unless the suite is about the frame's columns
        ([valid_expectation(), {"type": "expect_column_to_exist", "kwargs": {"column": "region"}}], True),
        ([{"type": "expect_table_columns_to_match_set", "kwargs": {"column_set": "ALL"}}], True),
        ([{"type": "expect_table_column_count_to_equal", "kwargs": {"value": "ALL"}}], True),
        ([{"type": "expect_table_column_count_to_equal", "kwargs": {"value": 2}}], False),
    ],
    ids=["one column read", "columns match the frame's", "column count", "wrong column count"],
)
def test_a_suite_about_the_columns_sees_them_all(tmp_path, monkeypatch, expectations, success):
    frame = reports_frame()
    every = [*frame.columns, *gate.DERIVED_COLUMNS["reports"]]
    for e in expectations:
        for name in ("column_set", "value"):
            if e["kwargs"].get(name) == "ALL":
                e["kwargs"][name] = sorted(set(every)) if name == "column_set" else len(set(every))
    suite = {"name": "reports", "expectations": [{"meta": {}, **e} for e in expectations]}
    (tmp_path / "reports.json").write_text(json.dumps(suite), encoding="utf-8")
    monkeypatch.setattr(gate, "expectations_dir", lambda: tmp_path)
    result = gate.validate("reports", frame, key="source_name")
    assert result.success is success, [f.message for f in result.failures]


def test_an_edited_suite_applies_without_restart(tmp_path, monkeypatch):
    monkeypatch.setattr(gate, "expectations_dir", lambda: tmp_path)
    path = tmp_path / "reports.json"
    path.write_text(json.dumps({"name": "reports", "expectations": [valid_expectation()]}), encoding="utf-8")
    assert gate.validate("reports", reports_frame()).success
    path.write_text(
        json.dumps(
            {
                "name": "reports",
                "expectations": [
                    valid_expectation(type=BETWEEN, kwargs={"column": "year", "max_value": 1999})
                ],
            }
        ),
        encoding="utf-8",
    )
    assert not gate.validate("reports", reports_frame()).success


# --------------------------------------------------------------------- plans: GE's graph built once

# (case, table, the frame, key): batches passing and failing each kind of expectation of every suite
PLANNED = [
    ("reports pass", "reports", lambda: reports_frame(), NAME),
    *((f"reports: {c[0]}", "reports", lambda c=c: c[1](reports_frame()), c[4]) for c in REPORT_CASES),
    ("sections pass", "sections", lambda: sections_frame(reports_frame()), NAME),
    *(
        (f"sections: {c[0]}", "sections", lambda c=c: c[1](sections_frame(reports_frame())), NAME)
        for c in SECTION_CASES
    ),
    (
        "sections without kind",
        "sections",
        lambda: sections_frame(reports_frame()).drop(columns=["kind"]),
        NAME,
    ),
    *(
        (
            f"{t}: every bad figure",
            t,
            lambda t=t: figures_frame(t, [*PLAUSIBLE, *(c[1] for c in FIGURE_CASES)]),
            NAME,
        )
        for t in FIGURE_TABLES
    ),
    ("not whole", "reports", lambda: spoil_report(completeness="no_targets")(reports_frame()), NAME),
]


def checks_of(result: gate.GateResult) -> list[tuple]:
    return [
        (
            c.expectation,
            c.columns,
            c.success,
            c.raised,
            c.unexpected_count,
            c.failing_keys,
            c.message,
            c.severity,
        )
        for c in result.checks
    ]


@pytest.mark.parametrize(("table", "frame", "key"), [c[1:] for c in PLANNED], ids=[c[0] for c in PLANNED])
def test_a_plan_decides_as_ge_does(table, frame, key, monkeypatch):
    # the plan (the suite's metric graph built once, resolved on every batch) against GE's graph_validate;
    # cases run one after another, so each batch reuses the plan of batches before it
    planned = gate.validate(table, frame(), key=key)
    assert gxrun._PLANS[table].signature[0] is gate._suite(table)[0]  # it was planned
    with monkeypatch.context() as plain:
        plain.setattr(gxrun, "plannable", lambda suite: False)
        assert checks_of(gate.validate(table, frame(), key=key)) == checks_of(planned)


def test_a_plan_is_built_once_per_suite():
    reports = reports_frame()
    gate.validate("reports", reports)
    plan = gxrun._PLANS["reports"]
    assert not gate.validate("reports", spoil_report(year=1800)(reports)).success
    assert gate.validate("reports", reports_frame(20)).success
    assert gxrun._PLANS["reports"] is plan


def test_a_plan_follows_the_parameters(monkeypatch):
    # a long-running process crosses New Year's Day: the bound moves, so the plan is built again
    reports = spoil_report(year=NEXT_YEAR, review_year=NEXT_YEAR - 1)(reports_frame())
    assert gate.validate("reports", reports).success
    monkeypatch.setattr(gate, "suite_parameters", lambda: {"current_year": 2000, "next_year": 2001})
    failures = gate.validate("reports", reports).failures
    assert {(f.columns, f.kwargs) for f in failures} == {
        (("year",), "1949..2001"),
        (("review_year",), "1948..2001"),
    }
    assert all(f.failing_keys == [BAD] for f in failures)


@pytest.mark.parametrize(
    ("expectation", "plannable"),
    [
        (valid_expectation(), True),
        ({"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 1}}, True),
        # it reads the column's type from the data to build its metrics: the suite runs GE's plain way
        (
            {"type": "expect_column_values_to_be_of_type", "kwargs": {"column": "year", "type_": "int64"}},
            False,
        ),
    ],
    ids=["column map", "table", "reads the data to plan"],
)
def test_a_suite_is_planned_only_when_its_graph_ignores_the_data(
    tmp_path, monkeypatch, expectation, plannable
):
    suite = {"name": "reports", "expectations": [{"meta": {}, **expectation}]}
    (tmp_path / "reports.json").write_text(json.dumps(suite), encoding="utf-8")
    monkeypatch.setattr(gate, "expectations_dir", lambda: tmp_path)
    assert gxrun.plannable(gate.load_suite(tmp_path / "reports.json")) is plannable
    assert gate.validate("reports", reports_frame()).success
    wrong = reports_frame().astype({"year": float})  # fails the type; the others pass as before
    assert gate.validate("reports", wrong).success is plannable


# ------------------------------------------------------------------------------------- quiet, fast


def test_validate_prints_nothing(capfd, monkeypatch):
    # A fresh context, fresh suites and a failing batch: everything GE would print, it prints here.
    monkeypatch.setattr(gxrun, "_CONTEXT", None)
    monkeypatch.setattr(gxrun, "_BATCH_DEFINITIONS", {})
    monkeypatch.setattr(gxrun, "_PLANS", {})
    monkeypatch.setattr(gate, "_SUITES", {})
    reports = reports_frame()
    assert gate.validate("reports", reports).success
    assert not gate.validate("reports", spoil_report(year=1800)(reports)).success
    assert not gate.validate("sections", sections_frame(reports).drop(columns=["kind"])).success
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_a_warm_200_row_batch_validates_in_well_under_a_second():
    reports = reports_frame(200, length=20_000)  # real reports are 13k-25k characters
    sections = sections_frame(reports)
    gate.validate("reports", reports), gate.validate("sections", sections)  # warm-up
    for table, df in (("reports", reports), ("sections", sections)):
        best = min(_timed(lambda t=table, d=df: gate.validate(t, d)) for _ in range(3))
        assert best < 1.0, f"{table}: {best:.2f}s"


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start

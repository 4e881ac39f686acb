"""Is a report whole? The rule of pledgetrack.completeness on short reports written in the register."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from flows.cli import format_summary
from flows.pipeline import pipeline
from pledgetrack import completeness, pages, status, store
from pledgetrack.model import ParsedReport, ReportMeta, Section
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "inbox"

PLAN = "二、2025年主要任务"
TARGETS = "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。"


def report_parts(
    review: tuple[str, str, str] | None, targets_found_by: str | None = "marker"
) -> tuple[str, tuple[Section, ...]]:
    """A report of 2025 reviewing 2024: front, review (heading, opening, found_by), plan with its targets
    paragraph. `review` None: no review part found; `targets_found_by`: how the targets part was found
    ("five_year_goals": a five-year plan's goals instead; "a+b": both parts; None: neither)."""
    paragraphs: list[tuple[str | None, str]] = [("front", "各位代表：")]
    if review is not None:
        heading, opening, _ = review
        if heading:
            paragraphs.append(("review", heading))
        paragraphs.append(("review", opening))
        paragraphs.append(("review", "全年新增城镇就业5.2万人。"))
    paragraphs += [("plan", PLAN), ("targets", TARGETS), ("plan", "坚持稳中求进。")]
    text, spans = "", {}
    for kind, words in paragraphs:
        start = len(text)
        text += words + "\n"
        first, _ = spans.get(kind, (start, 0))
        spans[kind] = (first, start + len(words))
    sections = [Section("front", "", *spans["front"], "heading")]
    if review is not None:
        sections.append(Section("review", review[0], *spans["review"], review[2]))
    plan_start = spans["plan"][0]
    sections.append(Section("plan", PLAN, plan_start, len(text) - 1, "heading"))
    for found_by in (targets_found_by or "").split("+"):
        if found_by == "five_year_goals":  # the paragraph holds a five-year plan's goals, not the year's
            sections.append(Section("five_year_goals", "", *spans["targets"], "marker"))
        elif found_by:
            sections.append(Section("targets", "", *spans["targets"], found_by))
    return text, tuple(sorted(sections, key=lambda s: s.char_start))


YEAR_REVIEW = ("一、2024年工作回顾", "过去一年，我们坚持稳中求进。", "heading")
FIVE_YEARS = ("一、过去五年工作回顾", "五年来，我们团结奋斗。", "heading")

# (case, review part, targets part's method, headline targets, results, declared kind, value, words of
# the note)
CASES = [
    ("both sides", YEAR_REVIEW, "marker", 6, 20, None, "whole", ""),
    ("a transition review stating its year's figures", FIVE_YEARS, "marker", 6, 20, None, "whole", ""),
    (
        "targets paragraph not located",
        YEAR_REVIEW,
        "fallback",
        0,
        20,
        None,
        "no_targets",
        "targets paragraph (…主要预期目标是：…) could not be located",
    ),
    (
        "targets paragraph read nothing",
        YEAR_REVIEW,
        "marker",
        0,
        20,
        None,
        "no_targets",
        "was located but no target could be read from it",
    ),
    ("no targets part", YEAR_REVIEW, None, 0, 20, None, "no_targets", "no targets paragraph"),
    (
        "five-year goals and no paragraph of the year's",
        YEAR_REVIEW,
        "fallback+five_year_goals",
        0,
        20,
        None,
        "no_targets",
        "could not be located; the report states the goals of a five-year plan",
    ),
    (
        "five-year goals only",
        YEAR_REVIEW,
        "five_year_goals",
        0,
        20,
        None,
        "no_targets",
        "states only the goals of a five-year plan",
    ),
    ("no review part", None, "marker", 6, 0, None, "no_review", "the review of 2024 could not be located"),
    (
        "a review of the year that states nothing read",
        YEAR_REVIEW,
        "marker",
        6,
        0,
        None,
        "no_results",
        "the review ('一、2024年工作回顾') was located but no result of 2024",
    ),
    (
        "heading: 过去五年",
        FIVE_YEARS,
        "marker",
        6,
        0,
        None,
        "five_year_review",
        "a transition (换届) report whose review ('一、过去五年工作回顾') covers the five-year term",
    ),
    (
        "heading: “十三五”时期",
        ("一、“十三五”时期工作回顾", "“十三五”时期是极不平凡的五年。", "heading"),
        "marker",
        6,
        0,
        None,
        "five_year_review",
        "states no figure of 2024",
    ),
    (
        "heading: “九五”时期",
        ("一、“九五”时期国民经济和社会发展的回顾", "过去五年，各个方面取得了重大成就。", "heading"),
        "marker",
        6,
        0,
        None,
        "five_year_review",
        "covers the five-year term",
    ),
    (
        "heading names the year and the period: the year's review",
        ("一、2024年和“十四五”时期工作回顾", "五年来，我们团结奋斗。", "heading"),
        "marker",
        6,
        0,
        None,
        "no_results",
        "no result of 2024 could be read",
    ),
    (
        "no heading, opened by 五年来",
        ("", "五年来，我们坚持稳中求进，团结奋斗。", "marker"),
        "marker",
        6,
        0,
        None,
        "five_year_review",
        "covers the five-year term",
    ),
    (
        "a heading naming no span, opened by 本届政府 … 五年",
        ("一、工作回顾", "本届政府履职以来，我们团结奋斗。", "heading"),
        "marker",
        6,
        0,
        None,
        "five_year_review",
        "('一、工作回顾')",
    ),
    (
        "opened by the year that closes a plan",
        ("一、工作回顾", "2024年是“十四五”规划的关键一年。五年来，我们团结奋斗。", "heading"),
        "marker",
        6,
        0,
        None,
        "no_results",
        "no result of 2024 could be read",
    ),
    (
        "本届政府 beside the year",
        ("", "过去一年是本届政府依法履职的第一年。", "marker"),
        "marker",
        6,
        0,
        None,
        "no_results",
        "the review ('过去一年是本届政府依法履职的第一年。') was located",
    ),
    (
        "declared a transition report",
        YEAR_REVIEW,
        "marker",
        6,
        0,
        "transition",
        "five_year_review",
        "declared a transition (换届) report",
    ),
    (
        "declared, but no review found",
        None,
        "marker",
        6,
        0,
        "transition",
        "no_review",
        "could not be located",
    ),
    (
        "both sides: no targets and a five-year review",
        FIVE_YEARS,
        "fallback",
        0,
        0,
        None,
        "no_targets+five_year_review",
        "could not be located; no results of 2024: a transition",
    ),
    (
        "both sides: no targets and nothing read from the review",
        YEAR_REVIEW,
        "marker",
        0,
        0,
        None,
        "no_targets+no_results",
        "no target could be read from it; no results of 2024 found",
    ),
    (
        "both sides: nothing found",
        None,
        "fallback",
        0,
        0,
        None,
        "no_targets+no_review",
        "could not be located; no results of 2024 found: the review of 2024 could not be located",
    ),
]


@pytest.mark.parametrize(
    ("review", "targets_found_by", "headline", "results", "kind", "value", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_completeness_of(review, targets_found_by, headline, results, kind, value, words):
    text, sections = report_parts(review, targets_found_by)
    found = completeness.completeness_of(text, sections, 2024, headline, results, kind)
    assert found.value == value and found.value in completeness.VALUES
    assert (found.note == "") if value == "whole" else (words in found.note), found.note


def test_every_value_has_a_case_and_a_label():
    assert {case[6] for case in CASES} == set(completeness.VALUES)
    for value in completeness.VALUES[1:]:
        assert completeness.label(value)


def test_an_unknown_review_year_is_said_so():
    text, sections = report_parts(None)
    found = completeness.completeness_of(text, sections, None, 6, 0)
    assert found.value == "no_review" and "no results of the reviewed year found" in found.note


@dataclass
class Row:
    tier: str


def test_assess_counts_headline_targets_and_the_years_results():
    text, sections = report_parts(YEAR_REVIEW)
    report = ParsedReport(
        "r.txt",
        "/r.txt",
        "0" * 64,
        "0" * 64,
        "txt",
        "utf-8",
        text,
        ReportMeta("某市", 2025, 2024, None),
        sections,
    )
    assert completeness.assess(report, [Row("headline"), Row("commitment")], [object()]).value == "whole"
    commitments_only = completeness.assess(report, [Row("commitment")], [object()])
    assert commitments_only.value == "no_targets"  # a commitment is no headline target
    assert completeness.assess(report, [Row("headline")], []).value == "no_results"
    assert completeness.assess(report, [Row("headline")], [], kind="transition").value == "five_year_review"


def test_group_lines_name_the_files_in_plain_words():
    lines = completeness.group_lines(
        [
            ("no_targets", "c.txt"),
            ("whole", "w.txt"),
            ("no_targets", "a.txt"),
            ("no_review", "r.txt"),
            ("five_year_review", "f.txt"),
            ("five_year_review", "e.txt"),
            ("no_targets", "b.txt"),
            ("no_targets+no_results", "n.txt"),
        ]
    )
    assert lines == [
        "3 reports: targets not found: a.txt, b.txt, c.txt",
        "2 transition reports review only the five-year term, no figure of the year: e.txt, f.txt",
        "1 report: review not found: r.txt",
        "1 report: targets not found and no result of the reviewed year found: n.txt",
    ]


# ---------------------------------------------------------------- a real report that lost a side, end to end


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def without_targets_paragraph(text: str) -> str:
    """The report without its targets paragraph: the line with "主要预期目标" and the list its colon opens."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if "主要预期目标" in line)
    dropped = {first}
    if lines[first].rstrip().endswith("："):
        dropped.add(next(i for i in range(first + 1, len(lines)) if lines[i].strip(" \u3000")))
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped)


def without_review(text: str) -> str:
    """The report without its review: from its heading ("一、…回顾") to the next top heading ("二、…")."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"一、.*回顾", line.strip(" \u3000")))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip(" \u3000").startswith("二、"))
    return "\n".join(lines[:start] + lines[end:])


@pytest.mark.corpus
def test_a_report_that_lost_a_side_is_loaded_flagged_and_named(tmp_path, corpus_dir):
    national = corpus_dir / "national"
    inbox, db, out = tmp_path / "inbox", tmp_path / "w.duckdb", tmp_path / "pages"
    inbox.mkdir()
    shutil.copy(national / "2009.txt", inbox)  # whole
    (inbox / "2010.txt").write_text(without_review(read(national / "2010.txt")), encoding="utf-8")
    (inbox / "2011.txt").write_text(without_targets_paragraph(read(national / "2011.txt")), encoding="utf-8")

    summary = pipeline(inboxes=[str(inbox)], db=str(db), pages_dir=str(out))

    # loaded, not quarantined: each holds the other side
    assert sorted(Path(p).name for p in summary.loaded) == ["2009.txt", "2010.txt", "2011.txt"]
    assert summary.quarantined == []
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT source_name, completeness FROM reports ORDER BY year").fetchall() == [
            ("2009.txt", "whole"),
            ("2010.txt", "no_review"),
            ("2011.txt", "no_targets"),
        ]
        assert con.execute("SELECT count(*) FROM targets WHERE year = 2010 AND tier = 'headline'").fetchone()[
            0
        ]
        assert con.execute("SELECT count(*) FROM outcomes WHERE year = 2010").fetchone()[0]  # 2011's review
        # the gate recorded the flag, naming both files; nothing it refused
        flags = con.execute(
            "SELECT failing_keys, message FROM validations "
            "WHERE table_name = 'reports' AND severity = 'warning' AND NOT success"
        ).fetchall()
        refused = con.execute(
            "SELECT count(*) FROM validations WHERE NOT success AND severity = 'critical'"
        ).fetchone()[0]
    paths = {name: str((inbox / name).resolve()) for name in ("2010.txt", "2011.txt")}
    [(failing_keys, message)] = flags
    assert sorted(failing_keys) == sorted(paths.values()) and refused == 0
    assert "completeness=no_review" in message and "completeness=no_targets" in message

    said = format_summary(summary, db)
    assert "2 of the reports loaded are not whole" in said
    assert "1 report: targets not found: 2011.txt" in said
    assert "1 report: review not found: 2010.txt" in said

    shown = status.render(db)
    assert "reports not whole: 2" in shown
    assert (
        "1 report: targets not found: 2011.txt" in shown and "1 report: review not found: 2010.txt" in shown
    )
    assert "the targets paragraph (…主要预期目标是：…) could not be located" in shown
    assert "the review of 2009 could not be located" in shown

    # the pages say so where the table would be; the index marks the years
    page_2011 = (out / "全国" / "2011.html").read_text(encoding="utf-8")
    assert "2011年报告中未找到当年的主要目标" in page_2011 and 'id="completeness"' in page_2011
    page_2009 = (out / "全国" / "2009.html").read_text(encoding="utf-8")
    assert "2010年报告中未找到2009年的结果" in page_2009 and 'id="targets"' in page_2009
    assert "未找到" not in (out / "全国" / "2010.html").read_text(
        encoding="utf-8"
    )  # 2010's targets, 2011's results
    index = (out / "index.md").read_text(encoding="utf-8")
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in index.splitlines()
        if "[全国]" in line
    ]
    assert {cells[1]: cells[-1] for cells in rows} == {
        "2009": "下一年报告未找到工作回顾",
        "2010": "",
        "2011": "报告中未找到主要目标",
    }


def test_a_warehouse_made_before_completeness_is_assessed_on_its_next_run(tmp_path):
    # rows loaded before sql/011 hold NULL: status says so, and the next run assesses them from the
    # warehouse (text, sections, rows) with the same rule, once
    db = tmp_path / "w.duckdb"
    pipeline(inboxes=[str(EXAMPLES)], db=str(db))
    with duckdb.connect(str(db)) as con:
        loaded = con.execute("SELECT completeness FROM reports").fetchall()
        con.execute("UPDATE reports SET completeness = NULL, completeness_note = NULL")
    assert loaded == [("whole",), ("whole",)]
    assert "2 loaded before completeness was recorded, assessed by the next run" in status.render(db)
    again = pipeline(inboxes=[str(EXAMPLES)], db=str(db))
    assert again.assessed_earlier == 2 and again.files_new == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT completeness FROM reports").fetchall() == loaded
    assert "reports not whole: 0" in status.render(db)
    assert pipeline(inboxes=[str(EXAMPLES)], db=str(db)).assessed_earlier == 0


def test_readers_of_a_warehouse_not_migrated_yet_still_work(tmp_path):
    # status and the pages open a warehouse read-only: one that has not had 011 lacks the columns and view
    sql = tmp_path / "sql"
    (sql / "definitions").mkdir(parents=True)
    for path in (ROOT / "sql").glob("*.sql"):
        if not path.name.startswith("011_"):
            shutil.copy(path, sql)
    shutil.copy(ROOT / "sql" / "definitions" / "verdicts.sql", sql / "definitions")
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        store.migrate(con, sql)
        assert not store.records_completeness(con)
    assert "reports not whole: not recorded in this warehouse yet" in status.render(db)
    assert [p.name for p in pages.write(db, tmp_path / "pages")] == ["index.html", "index.md", "ops.html"]

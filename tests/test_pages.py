"""Accountability pages as text: escaped, self-contained, complete. (The browser test opens them.)"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from flows.pipeline import pipeline
from pledgetrack import pages
from pledgetrack.pages import IndexEntry, Page, Row
from tests.conftest import ROOT

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def page(**overrides) -> Page:
    rows = [
        Row(
            "headline",
            "国内生产总值",
            "kept",
            "floor_approx",
            "国内生产总值增长7%左右",
            "今年国内生产总值增长7%左右。",
            "国内生产总值增长7.2%",
            "去年国内生产总值增长7.2%。",
            "report",
            7.0,
            None,
            7.2,
            "%",
            0.2,
            0.5,
        ),
        Row(
            "headline",
            "居民消费价格",
            "missed",
            "ceiling_approx",
            "居民消费价格涨幅3%左右",
            "",
            "上涨3.8%",
            "",
            "report",
            3.0,
            None,
            3.8,
            "%",
            -0.8,
            0.5,
        ),
        Row(
            "commitment",
            "新增养老床位",
            "pending",
            "no_follow_up_report",
            "新增养老床位300张",
            "",
            unit="张",
            target_value=300.0,
        ),
    ]
    base = dict(
        region="上海市示例区",
        year=2023,
        title="2023年上海市示例区政府工作报告",
        delivered_on="2023-01-10",
        source_name="2023.txt",
        follow_up="2024年报告（2024.txt）",
        counts={"kept": 1, "missed": 1, "no_evidence": 0, "pending": 1},
        kept_rate=0.5,
        rows=rows,
        dropped=["新建公园5座"],
        settings={"tol_points": 0.5, "tol_relative": 0.05},
        quality=[("targets", 20, 20)],
    )
    return Page(**{**base, **overrides})


def hostile_page() -> Page:
    p = page(title="报告" + HOSTILE, source_name=HOSTILE, dropped=[HOSTILE])
    p.rows[0].target_phrase = "国内生产总值" + HOSTILE
    p.rows[0].target_sentence = HOSTILE
    p.rows[1].indicator = HOSTILE
    return p


@pytest.mark.parametrize("render", [pages.page_html, lambda p: pages.index_html([_entry(p)])])
def test_nothing_from_a_report_becomes_markup(render):
    html = render(hostile_page())
    assert (
        "<script" not in html.lower()
        and "<img" not in html.lower()
        and "onerror=" not in html.replace("onerror=&quot;", "")
    )
    assert "script-src 'none'" in html  # and a policy that would stop a script anyway


def _entry(p: Page) -> IndexEntry:
    return IndexEntry(p.region + HOSTILE, p.year, 3, 1, 1, 0, 1, 0.5)


def test_hostile_text_is_shown_as_text():
    html = pages.page_html(hostile_page())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_neutralises_markup_and_pipes():
    md = pages.page_markdown(hostile_page())
    assert "<script" not in md and "&lt;script&gt;" in md
    md = pages.page_markdown(page(rows=[Row("headline", "a|b", "kept", "floor", "甲|乙", "")]))
    assert "a\\|b" in md and "甲\\|乙" in md


def test_page_is_self_contained_and_complete():
    html = pages.page_html(page())
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\(""", html)
    for part in ('id="scorecard"', 'id="chart"', 'id="targets"', 'id="dropped"', 'id="quality"', "<details>"):
        assert part in html
    assert "左右" in html and "±0.5" in html  # the method states the tolerance in force
    assert html.count("<rect") == 4  # target and result bars of the two judged targets


def test_index_links_every_page_and_charts_judged_years():
    entries = [
        IndexEntry("上海市示例区", 2022, 3, 1, 1, 0, 1, 0.5),
        IndexEntry("上海市示例区", 2023, 3, 0, 0, 0, 3, None),
        IndexEntry("全国", 2013, 5, 4, 1, 0, 0, 0.8),
    ]
    html = pages.index_html(entries)
    assert html.count("<tr>") == 1 + 3
    assert 'href="%E4%B8%8A%E6%B5%B7%E5%B8%82%E7%A4%BA%E4%BE%8B%E5%8C%BA/2023.html"' in html
    assert html.count("<circle") == 2  # judged years only
    assert "[全国](%E5%85%A8%E5%9B%BD/2013.md)" in pages.index_markdown(entries)


def test_run_writes_the_pages_it_affects(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db, out = tmp_path / "w.duckdb", tmp_path / "pages"
    first = ROOT / "examples" / "inbox" / "2023年杨浦区政府工作报告.txt"
    shutil.copy(first, inbox)
    pipeline(inboxes=[str(inbox)], db=str(db), pages_dir=str(out))
    page_2023 = out / "上海市杨浦区" / "2023.html"
    assert page_2023.exists() and "待下一年报告" in page_2023.read_text(encoding="utf-8")
    before = page_2023.stat().st_mtime_ns
    shutil.copy(ROOT / "examples" / "inbox" / "2024年杨浦区政府工作报告.txt", inbox)
    summary = pipeline(inboxes=[str(inbox)], db=str(db), pages_dir=str(out))
    assert sorted(Path(p).name for p in summary.pages) == [
        "2023.html",
        "2023.md",
        "2024.html",
        "2024.md",
        "index.html",
        "index.md",
    ]
    html = page_2023.read_text(encoding="utf-8")
    assert page_2023.stat().st_mtime_ns > before and "未兑现" in html and "全社会固定资产投资增长5.1%" in html


@pytest.mark.corpus
def test_corpus_pages_are_quick(tmp_path, corpus_warehouse, files_tsv):
    db, _ = corpus_warehouse
    started = time.perf_counter()
    written = pages.write(db, tmp_path / "pages")
    elapsed = time.perf_counter() - started
    assert len(written) == 2 * len(files_tsv) + 2  # a page and its Markdown twin per report, and the index
    # 10 s for the 19 reports this bound was set on: the same per report for any corpus
    assert elapsed < 10 / 19 * len(files_tsv), f"{elapsed:.1f} s for {len(files_tsv)} pages"
    national = (tmp_path / "pages" / "全国" / "2008.html").read_text(encoding="utf-8")
    assert "国内生产总值增长8%左右" in national and "城镇新增就业1113万人" in national

"""Accountability pages as text: escaped, self-contained, complete. (The browser test opens them.)"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import pipeline
from pledgetrack.publish import pages
from pledgetrack.publish.pages import IndexEntry, Page, Row, Scorecard
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
            target_key="a1b2c3d4e5f6",
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
            target_key="0f1e2d3c4b5a",
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
            target_key="99aa88bb77cc",
        ),
    ]
    base = dict(
        region="上海市示例区",
        year=2023,
        title="2023年上海市示例区政府工作报告",
        delivered_on="2023-01-10",
        source_name="2023.txt",
        follow_up="2024年报告（2024.txt）",
        scorecard=Scorecard(3, 1, 1, 0, 1, 2, 1.0, None, "too_few_judged"),
        rows=rows,
        dropped=["新建公园5座"],
        settings={"tol_points": 0.5, "tol_relative": 0.05},
        min_judged=5,
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
        and "onerror=" not in html.replace("onerror=&quot;", "").replace("onerror=&#34;", "")
    )
    assert "script-src 'none'" in html  # and a policy that would stop a script anyway


def _entry(p: Page) -> IndexEntry:
    return IndexEntry(p.region + HOSTILE, p.year, Scorecard(3, 1, 1, 0, 1, 2, 1.0, None, "too_few_judged"))


def test_hostile_text_is_shown_as_text():
    html = pages.page_html(hostile_page())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_neutralises_markup_and_pipes():
    md = pages.page_markdown(hostile_page())
    assert "<script" not in md and "&lt;script&gt;" in md
    md = pages.page_markdown(page(rows=[Row("headline", "a|b", "kept", "floor", "甲|乙", "")]))
    assert "a\\|b" in md and "甲\\|乙" in md


def test_page_is_self_contained_and_complete():
    html = pages.page_html(
        page(source_url="https://www.gov.example/2023.html", retrieved_at="2024-01-02 03:04")
    )
    # nothing is loaded from elsewhere; the one kind of external address is a link to a source, to follow
    outside = re.findall(r"""<(\w+)[^>]*?(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert outside == ["a"] and not re.search(r"@import|url\(", html)
    assert 'href="https://www.gov.example/2023.html"' in html and "获取于 2024-01-02 03:04" in html
    for part in (
        'id="scorecard"',
        'id="coverage"',
        'id="chart"',
        'id="targets"',
        'id="dropped"',
        "<details>",
    ):
        assert part in html
    assert "左右" in html and "±0.5" in html  # the method states the tolerance in force
    assert html.count("<rect") == 4  # target and result bars of the two judged targets


def test_index_links_every_page_and_charts_judged_years():
    entries = [
        IndexEntry("上海市示例区", 2021, Scorecard(9, 4, 2, 3, 0, 6, 0.667, 0.667, "judged")),
        IndexEntry("上海市示例区", 2022, Scorecard(3, 1, 1, 0, 1, 2, 1.0, None, "too_few_judged")),
        IndexEntry("上海市示例区", 2023, Scorecard(3, 0, 0, 0, 3, 0, None, None, "pending")),
        IndexEntry("全国", 2013, Scorecard(36, 5, 0, 31, 0, 5, 0.139, 1.0, "judged")),
    ]
    html = pages.index_html(entries, min_judged=5)
    assert html.count("<tr>") == 1 + 4
    assert 'href="%E4%B8%8A%E6%B5%B7%E5%B8%82%E7%A4%BA%E4%BE%8B%E5%8C%BA/2023.html"' in html
    # a rate only where enough targets were judged, the coverage wherever the follow-up is loaded
    assert html.count('<circle class="rate"') == 2
    assert html.count('<rect class="coverage"') == 3
    assert "100%（5/5）" in html and "14%" in html  # the rate with its denominator, beside the coverage
    assert "[全国](%E5%85%A8%E5%9B%BD/2013.md)" in pages.index_markdown(entries)


@pytest.mark.parametrize(
    ("card", "rate", "coverage"),
    [
        (
            Scorecard(36, 1, 0, 35, 0, 1, 0.028, None, "too_few_judged"),
            "—（已判定的目标太少，不计算兑现率）",
            "3%（36 项目标中 1 项有判定）",
        ),
        (
            Scorecard(41, 13, 0, 28, 0, 13, 0.317, 1.0, "judged"),
            "100%（13 项已判定中 13 项兑现）",
            "32%（41 项目标中 13 项有判定）",
        ),
        (Scorecard(4, 0, 0, 0, 4, 0, None, None, "pending"), "—（下一年报告尚未收录）", "—"),
        (
            Scorecard(3, 0, 0, 3, 0, 0, 0.0, None, "none_judged"),
            "—（没有已判定的目标）",
            "0%（3 项目标中 0 项有判定）",
        ),
    ],
)
def test_a_rate_is_never_shown_without_its_denominator(card, rate, coverage):
    assert (pages.rate_text(card), pages.coverage_text(card)) == (rate, coverage)
    html = pages.page_html(page(scorecard=card))
    assert rate in html and coverage in html


def test_codes_are_shown_in_chinese_words():
    row = Row("headline", "地方一般公共预算收入", "no_evidence", "no_result_stated", "预算收入增长6%", "",
              reason="no_comparable_figure", mention="一般公共预算收入【完成】120亿元。")  # fmt: skip
    html = pages.page_html(page(rows=[row]))
    assert "没有可比的数字" in html and "最接近的提及" in html and "下一年报告没有可以判定的结果" in html
    assert ">no_result_stated<" not in html and ">no_comparable_figure<" not in html
    assert "有可比的数字" in pages.page_markdown(page(rows=[row]))


def test_index_is_in_administrative_order():
    names = ["上海市虹口区", "全国", "北京市", "上海市", "未知县", "河北省"]
    entries = [IndexEntry(n, 2020, Scorecard()) for n in names]
    html = pages.index_html(entries)
    shown = re.findall(r'<tr><td><a href="[^"]*">([^<]+)</a>', html)
    assert shown == ["全国", "北京市", "河北省", "上海市", "上海市虹口区", "未知县"]


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
    written = sorted(Path(p).relative_to(out).as_posix() for p in summary.pages)
    indicators = [p for p in written if "/indicators/" in p]
    # an indicator with a target in both years has a page of its own (by catalogue id, or by name)
    assert "上海市杨浦区/indicators/fixed_asset_investment.html" in indicators and len(indicators) >= 5
    trend = (out / "上海市杨浦区" / "indicators" / "fixed_asset_investment.html").read_text(encoding="utf-8")
    assert (
        trend.count('<circle class="actual"') == 1 and trend.count('<rect class="target"') == 2
    )  # 2024: pending
    assert '<a href="../2023.html#t-' in trend and "全社会固定资产投资增长8%" in trend
    assert [p for p in written if p not in indicators] == [
        "index.html",
        "index.md",
        "ops.html",
        "上海市杨浦区/2023.csv",  # the page's rows to download
        "上海市杨浦区/2023.html",
        "上海市杨浦区/2023.json",
        "上海市杨浦区/2023.md",
        "上海市杨浦区/2024.csv",
        "上海市杨浦区/2024.html",
        "上海市杨浦区/2024.json",
        "上海市杨浦区/2024.md",
        "上海市杨浦区/index.html",  # the government's years
    ]
    download = (out / "上海市杨浦区" / "2023.csv").read_bytes()
    assert download.startswith(b"\xef\xbb\xbf") and "全社会固定资产投资增长8%" in download.decode("utf-8-sig")
    html = page_2023.read_text(encoding="utf-8")
    assert page_2023.stat().st_mtime_ns > before and "未兑现" in html and "全社会固定资产投资增长5.1%" in html
    assert "结果来源：2024年上海市杨浦区政府工作报告（2024年杨浦区政府工作报告.txt）" in html  # its file
    # previous and next year, and the government's own page listing its years
    assert '<a rel="next" href="2024.html">' in html and 'rel="prev"' not in html
    html_2024 = (out / "上海市杨浦区" / "2024.html").read_text(encoding="utf-8")
    assert '<a rel="prev" href="2023.html">' in html_2024 and 'rel="next"' not in html_2024
    region = (out / "上海市杨浦区" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="(\d{4})\.html">', region) == ["2024", "2023"]


@pytest.mark.corpus
def test_corpus_pages_are_quick(tmp_path, corpus_warehouse, files_tsv):
    db, _ = corpus_warehouse
    started = time.perf_counter()
    written = pages.write(db, tmp_path / "pages")
    elapsed = time.perf_counter() - started
    with duckdb.connect(str(db), read_only=True) as con:
        regions = con.execute("SELECT count(DISTINCT region) FROM reports").fetchone()[0]
    # per report a page, its Markdown twin and its rows (CSV, JSON); a page per government; the index (HTML,
    # Markdown) and the operations page
    trends = [p for p in written if "/indicators/" in Path(p).as_posix()]  # an indicator over the years
    assert len(written) - len(trends) == 4 * len(files_tsv) + regions + 3 and len(trends) > 20
    # issue 22: the whole corpus (about 100 reports) in under 10 s, pages of governments, indicators and
    # ladders, downloads and the index included; the same per report for a larger corpus
    assert elapsed < 10 / 100 * len(files_tsv), f"{elapsed:.1f} s for {len(files_tsv)} reports' pages"
    national = (tmp_path / "pages" / "全国" / "2008.html").read_text(encoding="utf-8")
    assert "国内生产总值增长8%左右" in national and "城镇新增就业1113万人" in national


def test_every_rule_and_reason_of_the_sql_has_chinese_words():
    from pledgetrack import labels
    from pledgetrack.extract.lookup import REASONS

    sql = (ROOT / "sql" / "models" / "verdicts.sql").read_text(encoding="utf-8")
    ruled = sql[sql.index("ruled AS (") : sql.index("END AS rule")]
    rules = set(re.findall(r"THEN '([a-z_]+)'", ruled))
    rules |= {f"{d}{s}" for d in ("floor", "ceiling") for s in ("", "_approx", "_range")}  # direction || …
    unjudged = sql[sql.index("coalesce(j.rule") : sql.index("AS rule,")]
    rules |= set(re.findall(r"'([a-z_]+)'", unjudged))
    reasons = sql[
        sql.index("WHEN j.status IS NOT NULL OR f.report_id IS NULL THEN NULL") : sql.index(
            "AS no_evidence_reason"
        )
    ]
    reasons_named = set(re.findall(r"THEN '([a-z_]+)'", reasons)) | set(REASONS)
    assert len(rules) >= 19 and {"no_follow_up_report", "no_result_stated", "stated_low"} <= rules
    assert rules - set(labels.RULE) == set()
    assert reasons_named - set(labels.REASON) == set()


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://www.gov.example/a.html", True),
        ("http://www.gov.example/a.pdf", True),
        ("javascript:alert(1)", False),  # a user's CSV or a redirect could say anything: no link
        ("file:///etc/passwd", False),
        (None, False),
    ],
)
def test_only_web_addresses_become_source_links(url, linked):
    row = Row("headline", "进出口", "kept", "floor", "进出口增长5%", "", "增长6%", "", "official", 5.0, None,
              6.0, "%", 1.0, outcome_url=url)  # fmt: skip
    html = pages.page_html(page(rows=[row], source_url=url))
    assert (html.count('class="source"') == 2) is linked
    assert 'href="javascript' not in html and 'href="file' not in html


def test_every_target_has_a_permalink():
    html = pages.page_html(page())
    keys = [row.target_key for row in page().rows]
    assert len(set(keys)) == 3 and all(keys)
    for key in keys:
        assert f'<tr id="t-{key}"' in html and f'href="#t-{key}"' in html

"""The accountability pages in a real browser: Debian's Chromium, headless, driven by Playwright.

The warehouse is built by the real pipeline from the two example reports and a third report (written
here) whose text carries a <script> and an <img onerror>. Screenshots 1280 px wide are saved as test
artifacts in test-artifacts/ (or $PLEDGETRACK_ARTIFACTS). In CI a missing Chromium fails the test."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from flows.pipeline import pipeline
from pledgetrack.ingest.fetch import fetch
from pledgetrack.publish import pages
from pledgetrack.warehouse import review, store
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
CHROMIUM = Path(os.environ.get("PLEDGETRACK_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(os.environ.get("PLEDGETRACK_ARTIFACTS", ROOT / "test-artifacts"))
# as root, in a closed network: no sandbox, and none of Chromium's own background connections
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EDITOR_NOTE = "区绿化部门核实：新建与改建公共绿地合计3.2万平方米"
PROXIES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
HOSTILE = '全社会固定资产投资<script>window.pwned=1</script>增长5.1%<img src=x onerror="window.pwned=2">'


@pytest.fixture(scope="module")
def web(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """A local web server standing in for a government site: the folder it serves, and its address."""
    root = tmp_path_factory.mktemp("web")
    (root / "favicon.ico").write_bytes(b"")  # a browser asks a site for one: no 404 in the console
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # quiet
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def site(tmp_path_factory, web) -> Path:
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium; .ci/run installs it)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("browser")
    inbox = root / "inbox"
    shutil.copytree(ROOT / "examples" / "inbox", inbox)
    text = (inbox / "2024年杨浦区政府工作报告.txt").read_text(encoding="utf-8")
    hostile = (
        text.replace("2024年上海市杨浦区政府工作报告", "2025年上海市杨浦区政府工作报告", 1)
        .replace("2023年工作回顾", "2024年工作回顾")
        .replace("2024年1月10日", "2025年1月10日")
        .replace("全社会固定资产投资增长5.1%", HOSTILE)
    )
    # the 2025 report is downloaded from the "government site", so its page links back to it
    served, address = web
    (served / "2025.txt").write_text(hostile, encoding="utf-8")
    with mock.patch.dict(os.environ, {name: "" for name in PROXIES}):
        fetch(f"{address}/2025.txt", inbox, allow_networks=["127.0.0.0/8"])  # the stand-in site is local
    out, db = root / "pages", root / "w.duckdb"
    summary = pipeline(inboxes=[str(inbox)], db=str(db), pages_dir=str(out))
    assert len(summary.loaded) == 3
    # an editor corrects one verdict of 2024; its page is written again
    with store.connect(db) as con:
        [key] = con.execute(
            "SELECT target_key FROM verdicts WHERE year = 2024 AND target_phrase = '新建公共绿地3万平方米'"
        ).fetchone()
        review.override(con, key, "kept", EDITOR_NOTE)
    pages.write(db, out, [("上海市杨浦区", 2024)])
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors


def test_page_shows_scorecard_chart_table_and_runs_nothing_from_the_report(site, browser):
    page, errors = open_page(browser, site / "上海市杨浦区" / "2024.html")
    # four counts, the coverage and the kept rate, each rate with what it rests on
    assert page.locator("#scorecard .card").count() == 6
    assert "项有判定" in page.inner_text("#coverage")
    assert "项已判定中" in page.inner_text("#kept-rate") or "不计算" in page.inner_text("#kept-rate")
    assert page.locator("svg#chart rect").count() >= 2
    assert page.locator("#targets tbody tr").count() >= 5
    # the hostile result phrase is on the page, as text; no script ran, no element came from it
    assert "<script>window.pwned=1</script>" in page.text_content("#targets")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("script, img").count() == 0
    # the source sentence is there on demand
    details = page.locator("#targets details").first
    assert not details.locator("p").is_visible()
    details.locator("summary").click()
    assert details.locator("p").is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page-yangpu-2024.png"), full_page=True)
    # every row has its permalink; the years before and after are a click away
    first = page.locator("#targets tbody tr").first
    anchor = first.get_attribute("id")
    assert anchor.startswith("t-") and first.locator(f'a.permalink[href="#{anchor}"]').count() == 1
    # the editor's correction, beside what the rules said
    corrected = page.locator("#targets tr:has(.override)")
    assert corrected.count() == 1 and "新建公共绿地3万平方米" in corrected.inner_text()
    assert (
        EDITOR_NOTE in corrected.locator(".override").inner_text()
        and "自动判定为未兑现" in corrected.inner_text()
    )
    # the follow-up came from the web: its link opens the document itself
    link = page.locator("#sources a.source")
    assert link.count() == 1
    with page.expect_navigation() as navigation:
        link.click()
    assert navigation.value.status == 200 and page.url.endswith("/2025.txt")
    page.go_back()
    page.locator('#nav a[rel="prev"]').click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/2023.html") and page.locator('#nav a[rel="next"]').count() == 1
    assert errors == []
    page.close()


def test_index_shows_rates_and_links(site, browser):
    page, errors = open_page(browser, site / "index.html")
    assert page.locator("svg#chart circle.rate").count() >= 2  # 2023 and 2024 are judged
    assert page.locator("svg#chart rect.coverage").count() >= 2  # and their coverage beside the rate
    assert page.locator("#scorecard tbody tr").count() == 3
    page.locator("#scorecard a", has_text="上海市杨浦区").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/2023.html") and page.locator("h1").inner_text().startswith(
        "上海市杨浦区 2023年"
    )
    page.go_back()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    page.locator("a", has_text="运行与数据质量").click()  # the gate's record, for the operator
    page.wait_for_load_state("load")
    assert page.url.endswith("/ops.html") and page.locator("#quality tbody tr").count() >= 1
    assert errors == []
    page.close()


def test_region_and_indicator_pages(site, browser):
    page, errors = open_page(browser, site / "上海市杨浦区" / "index.html")
    assert [a.inner_text() for a in page.locator("#years a").all()] == ["2025", "2024", "2023"]
    page.locator("#indicators a", has_text="全社会固定资产投资").click()
    page.wait_for_load_state("load")
    # the indicator over the years: a row a year, each linking to that year's row; targets and results charted
    assert page.locator("#history tbody tr").count() == 3
    assert (
        page.locator("svg#chart rect.target").count() == 3
        and page.locator("svg#chart circle.actual").count() == 2
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "indicator-yangpu-investment.png"), full_page=True)
    page.locator("#history a", has_text="2023").click()
    page.wait_for_load_state("load")
    assert "/2023.html#t-" in page.url and page.locator(page.url[page.url.index("#") :]).count() == 1
    assert errors == []
    page.close()

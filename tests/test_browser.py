"""The accountability pages in a real browser: Debian's Chromium, headless, driven by Playwright.

The warehouse is built by the real pipeline from the two example reports and a third report (written
here) whose text carries a <script> and an <img onerror>. Screenshots 1280 px wide are saved as test
artifacts in test-artifacts/ (or $PLEDGETRACK_ARTIFACTS). In CI a missing Chromium fails the test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from flows.pipeline import pipeline
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
HOSTILE = '全社会固定资产投资<script>window.pwned=1</script>增长5.1%<img src=x onerror="window.pwned=2">'


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
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
    (inbox / "2025 hostile.txt").write_text(hostile, encoding="utf-8")
    out = root / "pages"
    summary = pipeline(inboxes=[str(inbox)], db=str(root / "w.duckdb"), pages_dir=str(out))
    assert len(summary.loaded) == 3
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

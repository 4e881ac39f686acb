"""A news summary of a report as a source (a manifest row of kind summary): it loads with the region and year
the manifest gives, settles last year's targets, and every verdict resting on it says so, in `verdicts` and
on the page. The summary is written here, in the register of a local newspaper's digest."""

from __future__ import annotations

import shutil

import duckdb

from flows.pipeline import pipeline
from tests.conftest import ROOT

SUMMARY = """\
杨浦区人代会开幕 区长作政府工作报告

本报讯 1月12日上午，杨浦区第十七届人民代表大会第五次会议开幕。区长代表区人民政府向大会作工作报告。

报告回顾了过去一年的工作。一年来，全区经济运行稳中有进：区级一般公共预算收入增长6.2%，全社会固定资产投资增长5.1%，社会消费品零售总额增长6.5%，新建公共绿地2.1万平方米，新增养老床位310张。

报告提出，今年全区经济社会发展的主要预期目标是：区级一般公共预算收入增长5%，全社会固定资产投资增长6%左右，社会消费品零售总额增长5%左右。

报告强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，扎实推动高质量发展，持续保障和改善民生，为建设人民城市新典范作出新的贡献。
"""


def test_a_news_summary_loads_and_its_verdicts_say_they_rest_on_it(tmp_path):
    inbox, db, out = tmp_path / "inbox", tmp_path / "w.duckdb", tmp_path / "pages"
    shutil.copytree(ROOT / "examples" / "inbox", inbox)
    (inbox / "news.txt").write_text(SUMMARY, encoding="utf-8")
    (inbox / "stub.txt").write_text(SUMMARY[:150], encoding="utf-8")  # a headline and a line: no summary
    (inbox / "manifest.csv").write_text(
        "path,region,year,kind\nnews.txt,杨浦区,2025,summary\nstub.txt,杨浦区,2026,summary\n",
        encoding="utf-8",
    )
    summary = pipeline(inboxes=[str(inbox)], db=str(db), pages_dir=str(out))
    assert len(summary.loaded) == 3
    [refused] = summary.quarantined
    assert refused["source_path"].endswith("stub.txt") and "text_length" in refused["reason"]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "SELECT region, year, report_kind FROM reports WHERE source_name = 'news.txt'"
        ).fetchall() == [("上海市杨浦区", 2025, "summary")]
        rows = con.execute(
            "SELECT indicator, status, rests_on_summary FROM verdicts "
            "WHERE year = 2024 AND status <> 'no_evidence'"
        ).fetchall()
        earlier = con.execute("SELECT bool_or(rests_on_summary) FROM verdicts WHERE year = 2023").fetchone()[
            0
        ]
    assert ("区级一般公共预算收入", "kept", True) in rows and ("全社会固定资产投资", "missed", True) in rows
    assert all(on_summary for _, _, on_summary in rows) and earlier is False  # 2023's rest on the 2024 report
    html = (out / "上海市杨浦区" / "2024.html").read_text(encoding="utf-8")
    assert 'id="summary-source"' in html and "（依据新闻摘要）" in html
    assert 'id="summary-source"' not in (out / "上海市杨浦区" / "2023.html").read_text(encoding="utf-8")

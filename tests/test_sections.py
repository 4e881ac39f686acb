"""split_sections: texts written for these tests, then every corpus report against the gold headlines.

Its length (about 470 lines) is its tables of headings and report shapes, and the corpus checks
against the gold headlines.
"""

from __future__ import annotations

import json

import pytest

from pledgetrack.ingest.detect import detect_meta
from pledgetrack.ingest.normalize import normalize
from pledgetrack.ingest.sections import split_sections
from pledgetrack.model import Section

DISTRICT = """2019年上海市宝山区政府工作报告

——2019年1月10日在上海市宝山区第八届人民代表大会第四次会议上

各位代表：

一、2018年工作回顾

全年区级一般公共预算收入完成100亿元，增长5%。

二、2019年主要工作

2019年是关键之年。

综合考虑各方面因素，建议今年全区经济社会发展的主要预期目标是：区级一般公共预算收入增长5%左右，完成旧改

征收1000户，新增公共绿地2万平方米。

今年要重点做好以下五方面工作：新增养老床位300张。

各位代表，让我们为建设美好宝山而努力奋斗！

《政府工作报告》名词解释

1、一网通办：政务服务平台，2018年上线。

2、美丽家园：2015年启动的住宅小区综合治理工程。
"""

LIST_AFTER_COLON = """2011年中华人民共和国国务院政府工作报告

各位代表：

一、“十一五”时期的回顾

五年来，国内生产总值年均增长11%。

二、“十二五”时期的主要目标和任务

今后五年，经济社会发展的主要目标是：国内生产总值年均增长7%。

三、2011年的工作

今年国民经济和社会发展的主要预期目标是：

国内生产总值增长8%左右；城镇登记失业率控制在4.6%以内。

这里要着重说明，提出增长8%左右，主要是引导各方面转变发展方式。

今年要重点做好以下几方面工作：
"""

SPREAD_TARGETS = """2004年中华人民共和国国务院政府工作报告

各位代表：

一、一年来工作回顾

过去的一年，经济较快增长。

二、2004年主要任务

（一）加强宏观调控

中央提出今年经济增长预期目标为7%左右，有利于调整结构。

（二）加强农业

今年要加大对农业的投入。

（三）扩大就业

今年的预期目标是，新增城镇就业900万人。

（四）加强政府建设

要转变作风。
"""

NO_HEADLINE = """2001年中华人民共和国国务院政府工作报告

各位代表：

一、“九五”时期的回顾

过去五年，经济年均增长8.3%。

二、“十五”期间的奋斗目标

今后五年，经济增长预期目标为年均7%左右。

三、加强农业

要稳定粮食生产。

结束语

2001年是新世纪的第一年。继续发行1500亿元长期建设国债。
"""

REVIEW_WITHOUT_HEADING = """2019年某区政府工作报告

各位代表：

现在，我代表区人民政府报告工作。

过去一年，全区收入增长5%。

今年是关键之年。经济社会发展的主要预期目标是：收入增长6%。
"""


def _split(raw: str) -> tuple[str, tuple[Section, ...]]:
    text = normalize(raw)
    return text, split_sections(text, detect_meta(text).year)


def _one(sections: tuple[Section, ...], kind: str) -> Section:
    found = [s for s in sections if s.kind == kind]
    assert len(found) == 1, (kind, sections)
    return found[0]


def _check_layout(text: str, sections: tuple[Section, ...]) -> None:
    assert [s.char_start for s in sections] == sorted(s.char_start for s in sections)
    for s in sections:
        assert 0 <= s.char_start < s.char_end <= len(text)
        assert text[s.char_start : s.char_end] == text[s.char_start : s.char_end].strip()
    targets, plan = [s for s in sections if s.kind == "targets"], [s for s in sections if s.kind == "plan"]
    assert len(targets) <= 1 and len(plan) <= 1
    for inner in targets if plan else ():
        assert plan[0].char_start <= inner.char_start and inner.char_end <= plan[0].char_end
    for glossary in (s for s in sections if s.kind == "glossary"):
        for other in sections:
            if other.kind != "glossary":
                assert other.char_end <= glossary.char_start


@pytest.mark.parametrize(
    ("raw", "kinds"),
    [
        (DISTRICT, ["front", "review", "plan", "targets", "glossary"]),
        (LIST_AFTER_COLON, ["front", "review", "plan", "five_year_goals", "targets"]),
        (SPREAD_TARGETS, ["front", "review", "plan", "targets"]),
        (NO_HEADLINE, ["front", "review", "plan", "targets"]),
        (REVIEW_WITHOUT_HEADING, ["front", "review", "plan", "targets"]),
    ],
    ids=["district", "list", "spread", "no-headline", "no-headings"],
)
def test_layout(raw: str, kinds: list[str]) -> None:
    text, sections = _split(raw)
    assert [s.kind for s in sections] == kinds
    _check_layout(text, sections)


def test_district_sections() -> None:
    text, sections = _split(DISTRICT)
    review, plan, glossary = (_one(sections, k) for k in ("review", "plan", "glossary"))
    assert (review.heading, plan.heading, glossary.heading) == (
        "一、2018年工作回顾",
        "二、2019年主要工作",
        "《政府工作报告》名词解释",
    )
    targets = text[_one(sections, "targets").char_start : _one(sections, "targets").char_end]
    # the broken paragraph was joined, so the targets are one paragraph, and only it
    assert targets.startswith("综合考虑各方面因素") and targets.endswith("新增公共绿地2万平方米。")
    assert "完成旧改征收1000户" in targets and "养老床位" not in targets
    assert "一网通办" not in text[plan.char_start : plan.char_end]
    assert text[glossary.char_start :].startswith("《政府工作报告》名词解释")


def test_list_after_colon_is_included_and_five_year_goals_are_not() -> None:
    text, sections = _split(LIST_AFTER_COLON)
    targets = text[_one(sections, "targets").char_start : _one(sections, "targets").char_end]
    assert targets.startswith("今年国民经济和社会发展的主要预期目标是：\n\n国内生产总值增长8%左右")
    assert "年均" not in targets and "今后五年" not in targets
    assert _one(sections, "targets").found_by == "marker"


def test_targets_spread_over_the_plan() -> None:
    text, sections = _split(SPREAD_TARGETS)
    targets = text[_one(sections, "targets").char_start : _one(sections, "targets").char_end]
    assert targets.startswith("中央提出今年经济增长预期目标为7%左右")
    assert targets.endswith("新增城镇就业900万人。")


def test_fallback_when_no_year_targets_are_stated() -> None:
    text, sections = _split(NO_HEADLINE)
    targets = _one(sections, "targets")
    assert targets.found_by == "fallback"
    assert (
        text[targets.char_start : targets.char_end]
        == "2001年是新世纪的第一年。继续发行1500亿元长期建设国债。"
    )


def test_review_and_plan_found_without_numbered_headings() -> None:
    text, sections = _split(REVIEW_WITHOUT_HEADING)
    assert _one(sections, "review").found_by == "marker"
    assert text[_one(sections, "plan").char_start :].startswith("今年是关键之年")


def test_empty_text_has_no_sections() -> None:
    assert split_sections("", None) == ()


# ---------------------------------------------------------------- corpus


def _gold_headlines(gold_dir) -> dict[str, list[str]]:
    phrases: dict[str, list[str]] = {}
    for path in gold_dir.glob("*/targets.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["tier"] == "headline":
                phrases.setdefault(row["source"], []).append(row["phrase"])
    return phrases


@pytest.mark.corpus
def test_corpus_targets_hold_every_gold_headline(corpus_dir, gold_dir, files_tsv) -> None:
    headlines = _gold_headlines(gold_dir)
    assert sum(map(len, headlines.values())) > 50
    for row in files_tsv:
        text, sections = _split((corpus_dir / row["file"]).read_text(encoding="utf-8"))
        _check_layout(text, sections)
        targets = [s for s in sections if s.kind == "targets"]
        assert len(targets) == (row["file"] not in NO_TARGETS), row["file"]
        body = "".join(text[s.char_start : s.char_end] for s in targets)
        for phrase in headlines.get(row["file"].split("/")[-1], []):
            assert normalize(phrase) in body, (row["file"], phrase)
        assert "十五”期间" not in body and "今后五年" not in body, row["file"]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("seeds/001_2d19162b22fddcbb.txt", "《政府工作报告》用语解释"),
        ("seeds/003_7c050edddbe7abd9.txt", "《政府工作报告》名词解释"),
    ],
)
def test_corpus_glossary(corpus_dir, name: str, heading: str) -> None:
    text, sections = _split((corpus_dir / name).read_text(encoding="utf-8"))
    glossary = _one(sections, "glossary")
    assert glossary.heading == heading and glossary.char_end == len(text)
    for kind in ("plan", "targets"):
        section = _one(sections, kind)
        assert section.char_end <= glossary.char_start
        assert heading not in text[section.char_start : section.char_end]


# Corpus reports that state no headline target of their year, read by hand: the State Council's 2001 report
# (the 十五 plan) and 2002 report (this year's aims only in the plan's prose) get the fallback, their first
# paragraph of this year's figures; three county reports state none at all.
FALLBACK_TARGETS = {"national/2001.txt", "national/2002.txt"}
NO_TARGETS = {
    "counties/842bf02134.txt",  # 阜平 2017, a 换届 report: five-year goals only ("今后五年的奋斗目标是：…")
    "counties/c2c2e87c8a.txt",  # 顺平 2021, a July 换届 report: five-year goals and the year's second half
    "counties-unnamed/83c7ba18ee.txt",  # 2024: the plan lists eight tasks, no targets paragraph
}


@pytest.mark.corpus
def test_corpus_targets_methods(corpus_dir, files_tsv) -> None:
    found_by = {}
    for row in files_tsv:
        _, sections = _split((corpus_dir / row["file"]).read_text(encoding="utf-8"))
        found_by[row["file"]] = [s.found_by for s in sections if s.kind == "targets"]
    for name, methods in found_by.items():
        expected = [] if name in NO_TARGETS else ["fallback"] if name in FALLBACK_TARGETS else ["marker"]
        assert methods == expected, name


# Layouts of the reports that open a five-year plan (2026), written for this test: the review joins the
# year and the five-year period in either order or names neither; a year reviewed in one paragraph; the
# targets paragraph inside a chapter about the plan, next to the five-year goals; headings unnumbered.
_HEAD = ["2026年江西省政府工作报告", "——2026年1月20日在江西省第十四届人民代表大会第四次会议上", "各位代表："]
_GOALS = "“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%。"
_TARGETS = "今年经济社会发展主要预期目标是：地区生产总值增长5%左右，进出口回稳向好。"
_RESULT = "地区生产总值增长5.2%"
PLAN_LAYOUTS = {
    "year and period": [
        "一、2025年和“十四五”时期工作回顾",
        f"过去一年，{_RESULT}。",
        "二、“十五五”时期主要目标任务",
        _GOALS,
        "三、2026年重点工作",
        _TARGETS,
    ],
    "period and year": [
        "一、“十四五”时期和2025年工作回顾",
        "五年来，年均增长5.5%。",
        f"刚刚过去的2025年，{_RESULT}。",
        "二、“十五五”时期主要目标任务",
        _GOALS,
        _TARGETS,
    ],
    "no year": ["一、工作回顾", f"2025年是“十四五”收官之年，{_RESULT}。", "二、2026年工作安排", _TARGETS],
    "targets in the plan's chapter": [
        "一、2025年工作回顾",
        f"过去一年，{_RESULT}。",
        "二、“十五五”时期主要目标和2026年重点任务",
        _GOALS,
        f"今年是“十五五”开局之年。{_TARGETS}",
        "今年要抓好以下工作。",
    ],
    "no headings": [f"过去一年，{_RESULT}，城镇新增就业45万人。", f"今年是“十五五”开局之年。{_TARGETS}"],
    "unnumbered headings": ["2025年工作回顾", f"过去一年，{_RESULT}。", "2026年工作安排", _TARGETS],
    "review in the opening address, a political theme as the first heading": [
        f"过去一年，{_RESULT}，城镇新增就业45万人。",
        "五年来，全省地区生产总值年均增长5.5%，迈上新台阶。",
        f"今年是“十五五”开局之年。{_TARGETS}",
        "一、坚持创新驱动，加快建设现代化产业体系",
        "要加快培育新质生产力，推动传统产业转型升级。",
    ],
    "the review under a slogan heading": [
        "一、砥砺奋进谱新篇，经济社会发展迈上新台阶",
        f"过去一年，{_RESULT}，规模以上工业增加值增长6.1%，比上年提高0.8个百分点。",
        "（一）产业升级步伐加快。新增高新技术企业1200家，同比增长15%。",
        "二、2026年重点工作",
        _TARGETS,
    ],
    "the year's work and the five-year achievements under one heading": [
        "一、2025年主要工作和“十四五”发展成就",
        f"2025年，{_RESULT}，一般公共预算收入增长3.2%。",
        "五年来，全省地区生产总值年均增长5.5%，累计新增就业230万人。",
        "二、2026年重点工作",
        _TARGETS,
    ],
    "the plan outline's indicators before the year's targets": [
        "一、2025年工作回顾",
        f"过去一年，{_RESULT}。",
        "二、“十五五”时期主要目标任务",
        "《纲要（草案）》提出的主要指标是：地区生产总值年均增长5%左右，到2030年研发经费投入强度达到3%。",
        "三、2026年重点工作",
        _TARGETS,
    ],
    "page chrome first": [
        "首页",
        ">",
        "要闻",
        "来源：江西日报",
        "时间：2026-02-01",
        "【字号：",
        *_HEAD,
        "一、2025年工作回顾",
        f"过去一年，{_RESULT}。",
        "二、2026年重点工作",
        _TARGETS,
    ],
}


@pytest.mark.parametrize("paragraphs", PLAN_LAYOUTS.values(), ids=PLAN_LAYOUTS.keys())
def test_five_year_plan_layouts(paragraphs: list[str]) -> None:
    head = [] if paragraphs[0] == "首页" else _HEAD
    text, sections = _split("\n\n".join(head + paragraphs))
    review, targets = _one(sections, "review"), _one(sections, "targets")
    assert _RESULT in text[review.char_start : review.char_end]
    assert _TARGETS not in text[review.char_start : review.char_end]
    assert text[targets.char_start : targets.char_end].endswith(_TARGETS)
    assert "年均" not in text[targets.char_start : targets.char_end]  # the five-year goals stay out
    for goals in (s for s in sections if s.kind == "five_year_goals"):
        assert "年均增长5%" in text[goals.char_start : goals.char_end]
    assert detect_meta(text).year == 2026 and detect_meta(text).region == "江西省"


# ---------------------------------------------------------------- a real report, its structure disguised
# Real reports rewritten the way other governments lay theirs out: the review under a slogan heading, a
# five-year plan's indicators before the year's targets, the review in the opening address. What is found
# must not change: the same results, the same headline targets.


def _parse(raw: str):
    from pledgetrack.ingest.parse import parse_document
    from pledgetrack.model import Document

    return parse_document(Document("x.txt", raw, "utf-8", "txt"), "x.txt", "0" * 64)


def _results(report) -> list[tuple[str, float | None]]:
    from pledgetrack.extract import extract_outcomes

    return sorted((r.phrase, r.value) for r in extract_outcomes(report))


def _headlines(report) -> list[tuple[str, float | None]]:
    from pledgetrack.extract import extract_targets

    return sorted((r.indicator, r.value) for r in extract_targets(report) if r.tier == "headline")


# (file, its review heading, what it becomes)
SLOGAN_REVIEWS = [
    ("national/2019.txt", "一、2018年工作回顾", "一、砥砺奋进攻坚克难，经济社会发展稳中有进"),
    ("provinces-2025/91bc981e8b.txt", "一、2024年工作回顾", "一、凝心聚力担使命，首都发展迈出坚实步伐"),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "heading", "slogan"), SLOGAN_REVIEWS)
def test_corpus_review_under_a_slogan_heading(corpus_dir, name: str, heading: str, slogan: str) -> None:
    raw = (corpus_dir / name).read_text(encoding="utf-8")
    assert raw.count(heading) == 1
    original, disguised = _parse(raw), _parse(raw.replace(heading, slogan))
    review = _one(disguised.sections, "review")
    assert review.found_by == "content" and review.heading == slogan
    assert _results(disguised) == _results(original) and len(_results(original)) >= 10
    assert _headlines(disguised) == _headlines(original)


# (file, the first words of its targets paragraph)
OUTLINE_FIRST = [
    ("national/2016.txt", "今年发展的主要预期目标是"),
    ("provinces/ee52588472.txt", "今年经济社会发展主要预期目标是"),
]
# a five-year plan's indicators, written for this test in the register of a plan outline (纲要)
_OUTLINE = (
    "《纲要（草案）》提出的主要指标是：地区生产总值年均增长5%左右，全员劳动生产率年均增长6%以上，"
    "到2030年研究与试验发展经费投入强度达到3.2%，城镇调查失业率控制在5.5%以内。"
)


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "lead"), OUTLINE_FIRST)
def test_corpus_plan_outline_before_the_targets(corpus_dir, name: str, lead: str) -> None:
    raw = (corpus_dir / name).read_text(encoding="utf-8")
    at = raw.index(lead)
    at = raw.rfind("\n", 0, at) + 1  # the start of the targets paragraph
    original, disguised = _parse(raw), _parse(raw[:at] + _OUTLINE + "\n" + raw[at:])
    assert _headlines(disguised) == _headlines(original) and len(_headlines(original)) >= 5
    goals = [s for s in disguised.sections if s.kind == "five_year_goals"]
    assert any(_OUTLINE in disguised.text[s.char_start : s.char_end] for s in goals)
    targets = _one(disguised.sections, "targets")
    assert _OUTLINE not in disguised.text[targets.char_start : targets.char_end]


# An unnumbered top-level heading: a short line with no sentence end, not an item or a subsection
SHORT_HEADINGS = [
    ("2025年工作回顾", True),
    ("“十四五”时期经济社会发展总体思路和目标任务", True),
    ("站在新起点：2012年工作回顾", True),
    ("今后五年工作任务", True),
    ("1.坚持项目为王", False),
    ("（一）经济运行稳进提质", False),
    ("——城镇新增就业2500人以上", False),
    ("主要预期目标是：", False),
    ("各位代表：", False),
    ("全年完成区级财政收入225亿元。", False),
]


@pytest.mark.parametrize(("line", "heading"), SHORT_HEADINGS)
def test_short_heading(line: str, heading: bool) -> None:
    from pledgetrack.ingest.headings import is_short_heading

    assert is_short_heading(line) == heading

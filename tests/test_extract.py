"""Extraction of targets and results (pledgetrack.extract).

Two kinds of tests:
- a table of short clauses written for these tests in the register of 政府工作报告 (no report text copied),
  each with the rows it must give;
- corpus tests (marked `corpus`) that check every real report's rows (exact phrases, unique keys, speed).
How well the rows agree with the hand-checked gold facts is measured on a warehouse of the whole corpus,
by `pledgetrack eval` and the independent scorer: tests/test_quality.py.

Its length (about 800 lines) is its tables of clauses, one a rule of extraction; a rule's cases stay
beside its test.
"""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest

from pledgetrack.extract import (
    OutcomeRow,
    TargetRow,
    extract_outcomes,
    extract_targets,
    facts,
    find_quantities,
    spans,
    statements,
    subjects,
)
from pledgetrack.ingest.parse import parse_document
from pledgetrack.ingest.readers import read_document
from pledgetrack.model import ParsedReport, ReportMeta, Section
from tests.conftest import manifest_identity

# ---------------------------------------------------------------- corpus files


def parse_corpus_file(corpus_dir: Path, rel: str) -> ParsedReport:
    path = corpus_dir / rel
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    parsed = parse_document(read_document(path.name, data), str(path), sha, manifest_identity(path))
    assert isinstance(parsed, ParsedReport), parsed
    return parsed


# ---------------------------------------------------------------- a tiny report from a snippet


def _report(review: str = "", targets: str = "", plan_after: str = "", year: int = 2024) -> ParsedReport:
    head = f"{year}年某区政府工作报告"
    parts = [head, f"一、{year - 1}年工作回顾", review, f"二、{year}年主要工作", targets, plan_after]
    text = "\n\n".join(p for p in parts if p)
    sections = []
    r0 = text.index(f"一、{year - 1}年工作回顾")
    p0 = text.index(f"二、{year}年主要工作")
    sections.append(Section("review", f"一、{year - 1}年工作回顾", r0, p0 - 2))
    sections.append(Section("plan", f"二、{year}年主要工作", p0, len(text)))
    if targets:
        t0 = text.index(targets)
        sections.append(Section("targets", "", t0, t0 + len(targets), "marker"))
    meta = ReportMeta(region="某区", year=year, review_year=year - 1, title=head)
    return ParsedReport("x.txt", "x.txt", "0", "0" * 64, "txt", "utf-8", text, meta, tuple(sections))


LEAD = "综合考虑各方面因素，今年全区经济社会发展的主要预期目标是："


def _t(r: TargetRow) -> tuple:
    return (r.indicator, r.kind, r.comparator, r.value, r.unit)


def _o(r: OutcomeRow) -> tuple:
    return (r.indicator, r.kind, r.value, r.unit)


# (targets paragraph body, expected headline rows (indicator, kind, comparator, value, unit))
TARGET_CASES = [
    ("地区生产总值增长5%左右。", [("地区生产总值", "growth", "approx", 5.0, "%")]),
    # 增速 and 增幅 are a growth, written with the name or after a verb
    ("地区生产总值增速6%以上。", [("地区生产总值", "growth", "at_least", 6.0, "%")]),
    ("规上工业增加值实现增速5%。", [("规上工业增加值", "growth", "plain", 5.0, "%")]),
    # 城乡 is urban and rural: one figure aims at both
    (
        "城乡居民人均可支配收入增长8.5%以上。",
        [
            ("城镇居民人均可支配收入", "growth", "at_least", 8.5, "%"),
            ("农村居民人均可支配收入", "growth", "at_least", 8.5, "%"),
        ],
    ),
    (
        "城镇和农村居民人均可支配收入增长9%左右。",
        [
            ("城镇居民人均可支配收入", "growth", "approx", 9.0, "%"),
            ("农村居民人均可支配收入", "growth", "approx", 9.0, "%"),
        ],
    ),
    # a qualifier after figures listed back to back governs each of them
    (
        "城乡居民人均可支配收入分别增长10%和13%以上。",
        [
            ("城镇居民人均可支配收入", "growth", "at_least", 10.0, "%"),
            ("农村居民人均可支配收入", "growth", "at_least", 13.0, "%"),
        ],
    ),
    ("一般公共预算收入增长6%。", [("一般公共预算收入", "growth", "plain", 6.0, "%")]),
    ("区级财政收入同比增长2%左右。", [("区级财政收入", "growth", "approx", 2.0, "%")]),
    ("城镇新增就业1200万人以上。", [("城镇新增就业", "level", "at_least", 1200.0, "万人")]),
    ("城镇调查失业率5.5%左右。", [("城镇调查失业率", "rate", "approx", 5.5, "%")]),
    ("城镇登记失业率控制在4.5%以内。", [("城镇登记失业率", "rate", "at_most", 4.5, "%")]),
    ("城镇登记失业率控制在4.2%。", [("城镇登记失业率", "rate", "at_most", 4.2, "%")]),
    ("居民消费价格涨幅3%左右。", [("居民消费价格", "growth", "approx", 3.0, "%")]),
    ("居民消费价格总水平涨幅控制在3.5%。", [("居民消费价格总水平", "growth", "at_most", 3.5, "%")]),
    ("单位地区生产总值能耗降低2.5%左右。", [("单位地区生产总值能耗", "reduction", "approx", 2.5, "%")]),
    ("单位增加值能耗同比下降3%。", [("单位增加值能耗", "reduction", "plain", 3.0, "%")]),
    ("海关进出口总额300亿元。", [("海关进出口总额", "level", "plain", 300.0, "亿元")]),
    ("完成旧改征收4000户以上。", [("旧改征收", "level", "at_least", 4000.0, "户")]),
    ("完成老旧住房修缮20万平方米以上。", [("老旧住房修缮", "level", "at_least", 20.0, "万平方米")]),
    ("完成实事项目十个方面30件。", [("实事项目", "level", "plain", 30.0, "件")]),
    ("完成政府实事项目9个方面40项。", [("政府实事项目", "level", "plain", 40.0, "项")]),
    ("研发投入占生产总值比重达到4%。", [("研发投入占生产总值比重", "rate", "plain", 4.0, "%")]),
    ("养老服务投入增长超过50%。", [("养老服务投入", "growth", "at_least", 50.0, "%")]),
    ("新增养老床位200张。", [("新增养老床位", "level", "plain", 200.0, "张")]),
    ("新增就业岗位2万个。", [("新增就业岗位", "level", "plain", 2.0, "万个")]),
    ("固定资产投资增长5%-7%。", [("固定资产投资", "growth", "range", 5.0, "%")]),
    ("进出口总额增长6%至8%。", [("进出口总额", "growth", "range", 6.0, "%")]),
    ("城镇新增就业人数不低于800万人。", [("城镇新增就业人数", "level", "at_least", 800.0, "万人")]),
    ("城镇登记失业率低于4.5%。", [("城镇登记失业率", "rate", "at_most", 4.5, "%")]),
    (
        "城镇新增就业1100万人以上，城镇调查失业率5.5%以内。",
        [
            ("城镇新增就业", "level", "at_least", 1100.0, "万人"),
            ("城镇调查失业率", "rate", "at_most", 5.5, "%"),
        ],
    ),
    (
        "新增公共绿地2万平方米、立体绿化1.5万平方米。",
        [
            ("新增公共绿地", "level", "plain", 2.0, "万平方米"),
            ("立体绿化", "level", "plain", 1.5, "万平方米"),
        ],
    ),
    ("国际收支基本平衡。", [("国际收支", "qualitative", None, None, None)]),
    ("国际收支状况进一步改善。", [("国际收支", "qualitative", None, None, None)]),
    ("物价总水平基本稳定。", [("物价总水平", "qualitative", None, None, None)]),
    ("城乡居民收入稳定增长。", [("城乡居民收入", "qualitative", None, None, None)]),
    ("居民收入增长和经济增长同步。", [("居民收入", "qualitative", None, None, None)]),
    ("城镇登记失业人数控制在市下达指标内。", [("城镇登记失业人数", "qualitative", None, None, None)]),
    (
        "调查失业率和登记失业率控制在市下达指标内。",
        [("调查失业率", "qualitative", None, None, None), ("登记失业率", "qualitative", None, None, None)],
    ),
    (
        "城镇登记失业人数、细颗粒物年平均浓度完成市政府下达目标。",
        [
            ("城镇登记失业人数", "qualitative", None, None, None),
            ("细颗粒物年平均浓度", "qualitative", None, None, None),
        ],
    ),
    (
        "全面完成区政府实事项目和市政府下达的节能减排等目标。",
        [("实事项目", "qualitative", None, None, None), ("节能减排", "qualitative", None, None, None)],
    ),
    (
        "单位地区生产总值能耗降低完成国家下达任务。",
        [("单位地区生产总值能耗", "qualitative", None, None, None)],
    ),
    # in the plan's last year its tasks are the year's: the plan scopes them and names no indicator
    (
        "地区生产总值增长6%左右。“十三五”水资源消耗、空气质量等任务全面完成。",
        [
            ("地区生产总值", "growth", "approx", 6.0, "%"),
            ("水资源消耗", "qualitative", None, None, None),
            ("空气质量", "qualitative", None, None, None),
        ],
    ),
    (
        "地区生产总值增长6%左右，全面完成“十三五”期间碳排放强度下降目标。",
        [("地区生产总值", "growth", "approx", 6.0, "%"), ("碳排放强度", "qualitative", None, None, None)],
    ),
    ("全员劳动生产率12万元/人以上。", [("全员劳动生产率", "level", "at_least", 12.0, "万元/人")]),
    # one figure after a list of indicators the catalogue knows apart is each one's, as with 均
    (
        "全部财政收入和一般预算收入增长15%以上。",
        [
            ("全部财政收入", "growth", "at_least", 15.0, "%"),
            ("一般预算收入", "growth", "at_least", 15.0, "%"),
        ],
    ),
    # ... and not for a name that only reads as a list
    ("研究与试验发展经费投入强度达到2.6%。", [("研究与试验发展经费投入强度", "rate", "plain", 2.6, "%")]),
    # a verb of change made a rate names the change
    ("万元GDP综合能耗降低率达3.5%。", [("万元GDP综合能耗降低率", "reduction", "plain", 3.5, "%")]),
    ("粮食产量稳定在650亿斤以上。", [("粮食产量", "level", "at_least", 650.0, "亿斤")]),
    ("完成旧改征收签约6000户以上。", [("旧改征收签约", "level", "at_least", 6000.0, "户")]),
    (
        "二氧化硫、氮氧化物排放量均下降2%。",
        [
            ("二氧化硫排放量", "reduction", "plain", 2.0, "%"),
            ("氮氧化物排放量", "reduction", "plain", 2.0, "%"),
        ],
    ),
    # a list written one item per paragraph
    (
        "\n\n——地区生产总值增长6%左右；\n\n——城镇调查失业率5.5%以内。",
        [("地区生产总值", "growth", "approx", 6.0, "%"), ("城镇调查失业率", "rate", "at_most", 5.5, "%")],
    ),
    # an explanation after the list restates a target: not a second row
    (
        "国内生产总值增长7%左右。这里要着重说明，提出7%左右的增长目标，考虑了13亿人口的就业需要。",
        [("国内生产总值", "growth", "approx", 7.0, "%")],
    ),
    # group headers and framing clauses are not targets
    ("经济运行质量进一步提高，一般公共预算收入增长5%。", [("一般公共预算收入", "growth", "plain", 5.0, "%")]),
    ("生态环境进一步改善，区域降尘量下降2%。", [("区域降尘量", "reduction", "plain", 2.0, "%")]),
    # ...but a state after a number is a target of its own (every clause of the list is one)
    (
        "在提高质量和效益的基础上，国内生产总值增长7%左右，经济结构进一步优化。",
        [("国内生产总值", "growth", "approx", 7.0, "%"), ("经济结构", "qualitative", None, None, None)],
    ),
    # ...and so is a state opening a ；-item, even when a number follows it
    (
        "地区生产总值增长6%；物价总水平基本稳定，居民消费价格涨幅3%左右。",
        [
            ("地区生产总值", "growth", "plain", 6.0, "%"),
            ("物价总水平", "qualitative", None, None, None),
            ("居民消费价格", "growth", "approx", 3.0, "%"),
        ],
    ),
]

# Every clause of the headline list is a target, with or without a number; clauses that are not aims are
# recognised by what they are (an effort, a rank, a comparison attached to the clause before, a five-year
# goal). Qualitative targets are named by their subject, or, opening with their verb, by their object.
CLAUSE_CASES = [
    ("进出口回稳向好。", ["进出口"]),
    # held to a reference level, a rank or a quota: each name the subject lists is a target
    ("粮食产量和播种面积高于2020年水平。", ["粮食产量", "播种面积"]),
    (
        "社会消费品零售总额、进出口总额增幅及实际利用外资均高于全市平均水平。",
        ["社会消费品零售总额", "进出口总额", "实际利用外资"],
    ),
    ("力争主要经济指标增速进入全市前列，总量位次实现新提升。", ["主要经济指标", "总量位次"]),
    ("全面完成上级下达的各项约束性指标。", ["约束性指标"]),
    # a short list: one figure, then the other indicators held to the city's average
    ("地区生产总值增长6%左右，其他主要经济指标增速高于全市平均水平。", ["其他主要经济指标"]),
    ("能耗及排放等约束性指标完成省定任务。", ["约束性指标"]),
    ("进出口稳量提质，固定资产投资提质增效。", ["进出口", "固定资产投资"]),
    ("生态环境质量持续改善。", ["生态环境质量"]),
    ("居民消费价格保持合理水平。", ["居民消费价格"]),
    ("各类风险有序有效防控。", ["风险"]),
    ("重点领域改革取得明显进展。", ["重点领域改革"]),
    ("居民收入增速高于经济增速、高于全国平均水平。", ["居民收入"]),
    ("居民人均可支配收入与经济增长同步。", ["居民人均可支配收入"]),
    ("城乡居民收入和经济增长同步。", ["城乡居民收入"]),
    ("反映创新发展成效的预期性指标增长高于经济增速。", ["预期性指标"]),
    ("能源、水资源等指标达到国家要求。", ["能源", "水资源"]),
    ("制造业投资和民间投资占比稳步提升。", ["制造业投资", "民间投资占比"]),
    ("水、空气等生态环境质量保持优良。", ["生态环境质量"]),
    ("完成国家下达的粮食生产、节能降碳目标任务。", ["粮食生产", "节能降碳"]),
    ("提高城乡居民基础养老金。", ["城乡居民基础养老金"]),
    ("努力实现居民收入增长和经济发展同步。", ["居民收入"]),
    # no predicate the register list knows: the catalogue's indicator that opens the clause
    ("进出口量稳质升。", ["进出口"]),
    ("进出口保稳提质，国际收支基本平衡。", ["进出口", "国际收支"]),
    ("能源消耗强度在规划期内统筹考核，并留有适当弹性。", ["能源消耗强度"]),
    ("重点控制化石能源消费。", ["化石能源消费"]),
    # rivers and lakes are the scope of one measure, not a list of indicators
    ("长江、黄河干流水质稳定保持在II类。", ["长江、黄河干流水质"]),
    ("淮河干流、洪泽湖、长江上游出境断面水质达到III类。", ["淮河干流、洪泽湖、长江上游出境断面水质"]),
    # two names the catalogue files under one id are still two aims
    ("完成国家下达我省碳排放双控和主要污染物减排目标。", ["碳排放双控", "主要污染物减排"]),
    # not aims
    ("地区生产总值增长5%左右，在实际工作中努力争取更好结果。", []),
    ("一般公共预算收入增长3%，努力跑赢全国。", []),
    ("农村低保标准提高5%，在全国实现位次前移。", []),
    ("规上工业增加值增长6%，加快构建优势。", []),
    ("国内生产总值增长6%左右，与全面建成小康社会目标相衔接。", []),
    ("人均地区生产总值年均增长5%，到2030年达到12万元。", []),
    # a group heading: a state opening a sentence, then the numbers that make it concrete
    ("人民生活水平进一步提升，完成旧改征收3000户。", []),
]


@pytest.mark.parametrize(("body", "names"), CLAUSE_CASES, ids=[c[0][:12] for c in CLAUSE_CASES])
def test_every_clause_of_the_list_is_a_target(body: str, names: list[str]) -> None:
    report = _report(review="过去一年，全区经济平稳运行。", targets=LEAD + body)
    rows = [r for r in extract_targets(report) if r.tier == "headline" and r.kind == "qualitative"]
    assert [r.indicator for r in rows] == names
    for r in rows:
        assert report.text[r.char_start : r.char_end] == r.phrase


# what a relative target is held to (targets.reference), and the names held to it
REFERENCE_CASES = [
    ("粮食产量和播种面积高于2020年水平。", "2020年水平", ["粮食产量", "播种面积"]),
    ("城乡居民人均可支配收入增幅均高于全市平均水平。", "全市平均水平", ["城乡居民人均可支配收入"]),
    ("力争主要经济指标增速进入全市前列。", "全市前列", ["主要经济指标"]),
    # the resolve before the quota's verb is no part of the name
    ("其他约束性指标确保完成省定、市定任务。", "省定、市定任务", ["其他约束性指标"]),
    # the State Council sets a province its quota as a city sets a county its own; examples, then 指标
    ("主要污染物排放等指标完成国家下达目标。", "国家下达目标", ["主要污染物排放"]),
    # a list of comparisons: the reference is the one that names a level, not the other quantity before it
    ("居民收入增速高于经济增速、高于全国平均水平。", "全国平均水平", ["居民收入"]),
    ("进出口回稳向好。", None, ["进出口"]),
]


@pytest.mark.parametrize(
    ("body", "reference", "names"), REFERENCE_CASES, ids=[c[0][:12] for c in REFERENCE_CASES]
)
def test_a_relative_target_names_its_reference(body: str, reference: str | None, names: list[str]) -> None:
    report = _report(review="过去一年，全区经济平稳运行。", targets=LEAD + body)
    rows = [r for r in extract_targets(report) if r.tier == "headline"]
    assert rows and {r.reference for r in rows} == {reference}
    assert [r.indicator for r in rows] == names


# the list ends where the report starts explaining or acting on it
LIST_END_CASES = [
    ("新增城镇就业900万人。继续实施积极的就业政策，今年安排就业补助资金80亿元。", 1),
    ("国内生产总值增长7%左右。加强对增长、就业、物价等主要目标的统筹平衡。", 1),
    ("国内生产总值增长8%左右。这里要着重说明，就必须保持一定的经济增长速度。", 1),
    ("地区生产总值增长5%左右。规模以上工业增加值增长6%，粮食总产量指标全面完成任务。", 3),
]


@pytest.mark.parametrize(("body", "count"), LIST_END_CASES, ids=[c[0][:12] for c in LIST_END_CASES])
def test_the_list_ends_where_the_explanation_begins(body: str, count: int) -> None:
    report = _report(review="过去一年，全区经济平稳运行。", targets=LEAD + body)
    assert len([r for r in extract_targets(report) if r.tier == "headline"]) == count


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("人口自然增长率控制在5‰以内。", ("人口自然增长率", "rate", "at_most", 5.0, "‰")),
        ("常住人口城镇化率提高1个百分点以上。", ("常住人口城镇化率", "growth", "at_least", 1.0, "个百分点")),
        ("赤字率拟按2.8%安排。", ("赤字率", "rate", "plain", 2.8, "%")),
        ("地区生产总值增长4.5-5%。", ("地区生产总值", "growth", "range", 4.5, "%")),
        ("城镇新增就业超过60万人。", ("城镇新增就业", "level", "at_least", 60.0, "万人")),
        ("粮食产量继续保持500亿斤以上。", ("粮食产量", "level", "at_least", 500.0, "亿斤")),
        # a count of people whose 人 is left unsaid is 万人 (facts.people_unit), comparable with 万人
        ("农村贫困人口减少1000万以上。", ("农村贫困人口减少", "level", "at_least", 1000.0, "万人")),
    ],
)
def test_quantified_targets_of_the_register(body: str, expected: tuple) -> None:
    report = _report(review="过去一年，全区经济平稳运行。", targets=LEAD + body)
    assert [_t(r) for r in extract_targets(report) if r.tier == "headline"] == [expected]


@pytest.mark.parametrize(("body", "expected"), TARGET_CASES, ids=[c[0][:14] for c in TARGET_CASES])
def test_headline_targets(body: str, expected: list[tuple]) -> None:
    report = _report(review="过去一年，全区经济平稳运行。", targets=LEAD + body)
    rows = [r for r in extract_targets(report) if r.tier == "headline"]
    assert [_t(r) for r in rows] == expected
    for r in rows:
        assert report.text[r.char_start : r.char_end] == r.phrase


# The phrase of each figure of a list says what it is: a figure that only goes on a list of figures after one
# subject is quoted from that subject; a figure with a subject of its own from that subject.
PHRASE_CASES = [
    (
        "城乡居民收入分别增长6%和8%。",
        ["城乡居民收入分别增长6%", "城乡居民收入分别增长6%和8%"],
    ),
    (
        "一产、二产增加值分别增长3%左右、5%左右。",
        ["一产、二产增加值分别增长3%左右", "一产、二产增加值分别增长3%左右、5%左右"],
    ),
    ("城镇新增就业5000人，城镇登记失业率4%以内。", ["城镇新增就业5000人", "城镇登记失业率4%以内"]),
]


@pytest.mark.parametrize(("body", "phrases"), PHRASE_CASES, ids=[c[0][:10] for c in PHRASE_CASES])
def test_each_figure_of_a_list_is_quoted_with_its_subject(body: str, phrases: list[str]) -> None:
    report = _report(review="过去一年，全区经济平稳运行。", targets=LEAD + body)
    assert [r.phrase for r in extract_targets(report) if r.tier == "headline"] == phrases


# older national reports: target sentences scattered over the plan
SCATTERED_CASES = [
    ("今年经济增长预期目标为8%左右，这是必要的。", [("国内生产总值", "growth", "approx", 8.0, "%")]),
    ("今年进出口总额预期增长6%左右。", [("进出口总额", "growth", "approx", 6.0, "%")]),
    (
        "今年的预期目标是，新增城镇就业800万人，下岗失业人员再就业400万人。",
        [
            ("新增城镇就业", "level", "plain", 800.0, "万人"),
            ("下岗失业人员再就业", "level", "plain", 400.0, "万人"),
        ],
    ),
    (
        "今年单位国内生产总值能耗要降低3%以上，二氧化硫、化学需氧量排放量都要减少1.5%。",
        [
            ("单位国内生产总值能耗", "reduction", "at_least", 3.0, "%"),
            ("二氧化硫排放量", "reduction", "plain", 1.5, "%"),
            ("化学需氧量排放量", "reduction", "plain", 1.5, "%"),
        ],
    ),
    ("今年拟发行长期建设国债1200亿元。", []),
    ("今年广义货币预期增长12%左右。", []),
]


@pytest.mark.parametrize(("sentence", "expected"), SCATTERED_CASES, ids=[c[0][:12] for c in SCATTERED_CASES])
def test_scattered_headline_targets(sentence: str, expected: list[tuple]) -> None:
    report = _report(review="过去一年，经济平稳运行。", targets=sentence)
    rows = [r for r in extract_targets(report) if r.tier == "headline"]
    assert [_t(r) for r in rows] == expected


COMMITMENT_CASES = [
    ("今年拟安排财政赤字9000亿元。", ("财政赤字", "level", "plain", 9000.0, "亿元")),
    (
        "全国财政赤字合计8000亿元，占国内生产总值比重在2.5%以内。",
        ("财政赤字", "level", "plain", 8000.0, "亿元"),
    ),
    (
        "全国财政赤字合计8000亿元，占国内生产总值比重在2.5%以内。",
        ("财政赤字占国内生产总值比重", "rate", "at_most", 2.5, "%"),
    ),
    ("赤字率下降到2.5%左右。", ("赤字率", "rate", "approx", 2.5, "%")),
    ("今年继续发行800亿元长期建设国债。", ("长期建设国债", "level", "plain", 800.0, "亿元")),
    ("今年再减少农村贫困人口1000万人以上。", ("农村贫困人口减少", "level", "at_least", 1000.0, "万人")),
    ("全年新增养老床位150张。", ("新增养老床位", "level", "plain", 150.0, "张")),
    ("新建口袋公园5座。", ("口袋公园", "level", "plain", 5.0, "座")),
    # a bare verb is not an indicator: the noun after the quantity is
    ("建设130张认知障碍照护床位。", ("认知障碍照护床位", "level", "plain", 130.0, "张")),
    (
        "今年再解决6000万农村人口的安全饮水问题。",
        ("农村人口的安全饮水问题", "level", "plain", 6000.0, "万人"),
    ),
    ("创建12个市级示范社区。", ("市级示范社区", "level", "plain", 12.0, "个")),
    ("抓好300栋老旧楼房抗震加固。", ("老旧楼房抗震加固", "level", "plain", 300.0, "栋")),
    ("打通40条断头路。", ("断头路", "level", "plain", 40.0, "条")),
    ("对全区50条道路实施综合改造。", ("道路实施综合改造", "level", "plain", 50.0, "条")),
    ("广义货币M2预期增长目标拟定为12%左右。", ("广义货币M2", "growth", "approx", 12.0, "%")),
    ("扎实办好15项民生实事。", ("民生实事", "level", "plain", 15.0, "项")),
    ("一般工商业电价平均降低10%。", ("一般工商业电价", "reduction", "plain", 10.0, "%")),
    # a count or a length bounded before its noun is the pledge's amount, no size class
    ("建设100个以上美丽乡村示范村。", ("美丽乡村示范村", "level", "at_least", 100.0, "个")),
    ("改造10公里以上农村公路。", ("农村公路", "level", "at_least", 10.0, "公里")),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), COMMITMENT_CASES, ids=[c[0][:12] for c in COMMITMENT_CASES]
)
def test_commitments(sentence: str, expected: tuple) -> None:
    report = _report(
        review="过去一年，经济平稳运行。", targets=LEAD + "一般公共预算收入增长5%。", plan_after=sentence
    )
    rows = [r for r in extract_targets(report) if r.tier == "commitment"]
    assert expected in [_t(r) for r in rows]


@pytest.mark.parametrize(
    "sentence",
    [
        "到2025年，建成公园100座。",
        "今后五年，城镇新增就业5000万人以上。",
        "“十四五”期间新建学校20所。",
        "年均增长6%。",
        "将试点范围扩大到60%的县。",
        "落实“30条”措施。",
        "最低收购价每50公斤提高3元标准。",
        # several years, opened by a sentence and carried to the list items after it
        "五年来，人民生活明显改善。城镇新增就业4200万人。",
        "——我们要推动发展。今后五年，经济年均增长7%。城镇化率提高到51.5%。\n\n——森林覆盖率达到21.66%。",
        # last year's results restated in the plan, up to the sentence that turns back to the plan
        "过去一年，成绩很大。国内生产总值增长10.3%，城镇新增就业1168万人。",
        "去年财政超收7239亿元，其中中央财政超收4168亿元。",
        # who spends is not what is counted
        "中央财政还将安排150亿元，增加转移支付。",
        # not pledges: a forecast, a tax rate, a count of measures or levies, a distance qualifying a noun
        "今年高校毕业生将高达900万人。",
        "小排量乘用车购置税按5%征收。",
        "出台十条支持措施。",
        "取消和免征20项行政事业性收费。",
        "轨道站点50米内换乘比例提高。",
        "认真落实关于鼓励民间投资的新36条。",
        "研发费用加计扣除比例由50%提高到100%。",
        "加上取消和停征的60项收费。",
        "多方筹措5.2亿元。",
        "将全国130万“老工伤”人员全部纳入工伤保险统筹管理范围。",
        # the year's size of a population, stated bare: a forecast of what the government does not control
        "今年高校毕业生820多万人，要做好就业服务。",
        "今年农村劳动力795万人。",
        # a size class qualifying a noun: 30万千瓦以下 units, 10亿元以上 projects
        "淘汰关停不达标的30万千瓦以下煤电机组。",
        "新开工10亿元以上项目。",
        # a time word taken for a name: next year's money is no pledge of this year
        "明年将安排200亿元。",
        # a fragment whose noun was cut off, or a numbered slogan
        "力争让最后20多万困难群众早日脱贫。",
        "以解决三个1亿人问题为着力点。",
        # a pledge for another year than the report's (2024 here)
        "2025年财政性教育经费支出占生产总值比重达到4%。",
    ],
)
def test_no_commitment_from_multi_year_goals_shares_names_standards(sentence: str) -> None:
    report = _report(
        review="过去一年，经济平稳运行。", targets=LEAD + "一般公共预算收入增长5%。", plan_after=sentence
    )
    assert [r for r in extract_targets(report) if r.tier == "commitment"] == []


# (review sentence, expected outcome rows (indicator, kind, value, unit))
OUTCOME_CASES = [
    (
        "一般公共预算收入完成120.5亿元，同口径增长6.2%。",
        [("一般公共预算收入", "level", 120.5, "亿元"), ("一般公共预算收入", "growth", 6.2, "%")],
    ),
    (
        "全年固定资产投资达250亿元，增长9.1%。",
        [("固定资产投资", "level", 250.0, "亿元"), ("固定资产投资", "growth", 9.1, "%")],
    ),
    ("国内生产总值比上年增长8.1%。", [("国内生产总值", "growth", 8.1, "%")]),
    ("居民消费价格总水平上涨2.1%。", [("居民消费价格总水平", "growth", 2.1, "%")]),
    ("城镇登记失业率4.0%。", [("城镇登记失业率", "rate", 4.0, "%")]),
    ("单位国内生产总值能耗比上年下降4.1%。", [("单位国内生产总值能耗", "reduction", 4.1, "%")]),
    (
        "合同外资和实到外资分别增长3%和12%。",
        [("合同外资", "growth", 3.0, "%"), ("实到外资", "growth", 12.0, "%")],
    ),
    (
        "引进内资150亿元，完成年度目标的110.5%。",
        [("引进内资", "level", 150.0, "亿元"), ("引进内资", "rate", 110.5, "%")],
    ),
    ("商品销售总额预计全年完成4000亿元。", [("商品销售总额", "level", 4000.0, "亿元")]),
    ("完成旧改征收3000户。", [("旧改征收", "level", 3000.0, "户")]),
    ("帮助650名长期失业青年实现就业创业。", [("长期失业青年就业创业", "level", 650.0, "名")]),
    ("新建公共绿地5.2万平方米。", [("公共绿地", "level", 5.2, "万平方米")]),
    ("国际收支基本平衡。", [("国际收支", "qualitative", None, None)]),
    ("城镇登记失业人数控制在市政府下达目标以内。", [("城镇登记失业人数", "qualitative", None, None)]),
    ("政府实事项目全部完成。", [("政府实事项目", "qualitative", None, None)]),
    ("全面完成了年初确定的目标任务。", [("目标任务", "qualitative", None, None)]),
    # not outcomes: breakdowns, multi-year figures, registered capital, the past end of "从A增加到B"
    ("金融服务业实现税收50亿元，增长8%。", []),
    ("城镇居民人均可支配收入年均增长7%。", []),
    ("新增企业注册资金200亿元。", []),
    ("国内生产总值从20万亿元增加到30万亿元。", [("国内生产总值", "level", 30.0, "万亿元")]),
    ("税收超亿元楼宇40幢。", []),
    (
        "城乡居民人均可支配收入分别增长7%和8%。",
        [("城镇居民人均可支配收入", "growth", 7.0, "%"), ("农村居民人均纯收入", "growth", 8.0, "%")][:0]
        + [("城镇居民人均可支配收入", "growth", 7.0, "%"), ("农村居民人均可支配收入", "growth", 8.0, "%")],
    ),
    (
        "城镇居民人均可支配收入30000元，农村居民人均纯收入12000元，分别增长8%和9%。",
        [
            ("城镇居民人均可支配收入", "level", 30000.0, "元"),
            ("农村居民人均纯收入", "level", 12000.0, "元"),
            ("城镇居民人均可支配收入", "growth", 8.0, "%"),
            ("农村居民人均纯收入", "growth", 9.0, "%"),
        ],
    ),
    (
        "财政收入达到5万亿元，比上年增加6000亿元。",
        [("财政收入", "level", 5.0, "万亿元")],
    ),
    ("农村贫困人口比上年减少300万人。", [("农村贫困人口减少", "level", 300.0, "万人")]),
    (
        "单位地区生产总值能耗下降3.2%，完成国家下达任务。",
        [
            ("单位地区生产总值能耗", "reduction", 3.2, "%"),
            ("单位地区生产总值能耗", "qualitative", None, None),
        ],
    ),
    (
        "细颗粒物年平均浓度为35微克/立方米，区域降尘量为4吨/平方公里·月，均完成市政府考核目标。",
        [
            ("细颗粒物年平均浓度", "level", 35.0, "微克/立方米"),
            ("区域降尘量", "level", 4.0, "吨/平方公里·月"),
            ("细颗粒物年平均浓度", "qualitative", None, None),
            ("区域降尘量", "qualitative", None, None),
        ],
    ),
    (
        "城镇新增就业1100万人，超过预期目标。",
        [("城镇新增就业", "level", 1100.0, "万人"), ("城镇新增就业", "qualitative", None, None)],
    ),
    (
        "化学需氧量、二氧化硫排放量由上年分别增长3%和4%，减为增长1%和2%。",
        [("化学需氧量排放量", "growth", 1.0, "%"), ("二氧化硫排放量", "growth", 2.0, "%")],
    ),
    ("五年累计，单位国内生产总值能耗下降15%，化学需氧量排放量下降10%。", []),
    (
        "没有实现年初确定的单位国内生产总值能耗降低3%左右的目标。",
        [("单位国内生产总值能耗", "qualitative", None, None)],
    ),
    ("居民消费价格涨幅回落到2.5%。", [("居民消费价格", "growth", 2.5, "%")]),
    (
        "经常项目顺差占国内生产总值的比重从8%下降到3%。",
        [("经常项目顺差占国内生产总值比重", "rate", 3.0, "%")],
    ),
    (
        "全区新增公共绿地、专用绿地各3万多平方米。",
        [("新增公共绿地", "level", 3.0, "万平方米"), ("专用绿地", "level", 3.0, "万平方米")],
    ),
    (
        "社会消费品零售总额600亿元，其中餐饮业零售额增长20%。",
        [("社会消费品零售总额", "level", 600.0, "亿元")],
    ),
    ("城镇登记失业率4.0%，普通高校毕业生就业率达到90%。", [("城镇登记失业率", "rate", 4.0, "%")]),
]


@pytest.mark.parametrize(("sentence", "expected"), OUTCOME_CASES, ids=[c[0][:14] for c in OUTCOME_CASES])
def test_outcomes(sentence: str, expected: list[tuple]) -> None:
    report = _report(review=sentence, targets=LEAD + "一般公共预算收入增长5%。")
    rows = extract_outcomes(report)
    assert [_o(r) for r in rows if r.tier == "headline"] == expected
    for r in rows:
        assert report.text[r.char_start : r.char_end] == r.phrase


# results about other things are kept as tier 'detail' (they settle commitments); (sentence, detail rows)
DETAIL_CASES = [
    (
        "改造加装电梯126台，新建养老院3所。",
        [("改造加装电梯", "level", 126.0, "台"), ("养老院", "level", 3.0, "所")],
    ),
    ("金融服务业实现税收50亿元。", [("金融服务业实现税收", "level", 50.0, "亿元")]),
    ("国内生产总值增长7%。", []),  # a headline indicator
    ("五年累计，改造加装电梯500台。", []),  # not the year's result, whatever the tier
    ("60%的企业完成改造。", []),  # a share of something else
]


@pytest.mark.parametrize(("sentence", "expected"), DETAIL_CASES, ids=[c[0][:10] for c in DETAIL_CASES])
def test_detail_outcomes(sentence: str, expected: list[tuple]) -> None:
    report = _report(review=sentence, targets=LEAD + "一般公共预算收入增长5%。")
    assert [_o(r) for r in extract_outcomes(report) if r.tier == "detail"] == expected


def test_estimate_covers_its_sentence() -> None:
    report = _report(review="商品销售总额预计全年完成4000亿元，同比增长8%。", targets=LEAD + "增长5%。")
    assert [(r.kind, r.estimated) for r in extract_outcomes(report)] == [("level", True), ("growth", True)]


def test_estimate_is_flagged() -> None:
    report = _report(
        review="商品销售总额预计全年完成4000亿元。社会消费品零售总额500亿元。", targets=LEAD + "增长5%。"
    )
    rows = extract_outcomes(report)
    assert [r.estimated for r in rows] == [True, False]


def test_no_sections_no_rows() -> None:
    meta = ReportMeta(region="某区", year=2024, review_year=2023, title="t")
    report = ParsedReport("x", "x", "0", "0" * 64, "txt", "utf-8", "国内生产总值增长7%。", meta, ())
    assert extract_targets(report) == []
    assert extract_outcomes(report) == []


def test_five_year_review_takes_last_year_from_plan() -> None:
    report = _report(
        review="过去五年，国内生产总值年均增长8%。",
        targets=LEAD + "国内生产总值增长7%左右。",
        plan_after="过去一年，国内生产总值增长7.5%，城镇新增就业1200万人。今年要继续努力。",
    )
    report = ParsedReport(
        report.source_name,
        report.source_path,
        report.raw_sha256,
        report.sha256,
        report.format,
        report.encoding,
        report.text,
        report.meta,
        tuple(
            Section(
                s.kind,
                "一、过去五年工作回顾" if s.kind == "review" else s.heading,
                s.char_start,
                s.char_end,
                s.found_by,
            )
            for s in report.sections
        ),
    )
    assert [_o(r) for r in extract_outcomes(report)] == [
        ("国内生产总值", "growth", 7.5, "%"),
        ("城镇新增就业", "level", 1200.0, "万人"),
    ]


def test_outcomes_only_from_review() -> None:
    report = _report(
        review="过去一年，全区经济平稳运行。",
        targets=LEAD + "一般公共预算收入增长5%。",
        plan_after="全年新增养老床位150张。",
    )
    assert extract_outcomes(report) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("增长7%左右", [(7.0, None, "%", "approx")]),
        ("8000户以上", [(8000.0, None, "户", "at_least")]),
        ("2500余户", [(2500.0, None, "户", "at_least")]),
        ("8万多平方米", [(8.0, None, "万平方米", "at_least")]),
        ("6%-6.5%", [(6.0, 6.5, "%", "range")]),
        ("不超过3%", [(3.0, None, "%", "at_most")]),
        ("提高5个百分点", []),
        ("2019年", []),
        ("约5000亿元", [(5000.0, None, "亿元", "approx")]),
        ("8个方面44项", [(44.0, None, "项", "plain")]),
        ("增长1.71倍", []),
        ("一千一百万人", [(11000000.0, None, "人", "plain")]),
    ],
)
def test_find_quantities(text: str, expected: list[tuple]) -> None:
    assert [(q.value, q.value_high, q.unit, q.comparator) for q in find_quantities(text)] == expected


# ---------------------------------------------------------------- corpus


@pytest.mark.corpus
def test_corpus_phrases_are_exact(corpus_dir: Path, files_tsv: list[dict[str, str]]) -> None:
    for f in files_tsv:
        report = parse_corpus_file(corpus_dir, f["file"])
        for row in [*extract_targets(report), *extract_outcomes(report)]:
            assert report.text[row.char_start : row.char_end] == row.phrase, (f["file"], row)
            assert row.phrase


@pytest.mark.corpus
def test_corpus_rows_are_unique_for_the_gate(corpus_dir: Path, files_tsv: list[dict[str, str]]) -> None:
    """expectations/*.json require (report, char_start, char_end, indicator, kind) to be unique."""
    for f in files_tsv:
        report = parse_corpus_file(corpus_dir, f["file"])
        for rows in (extract_targets(report), extract_outcomes(report)):
            keys = [(r.char_start, r.char_end, r.indicator, r.kind) for r in rows]
            assert len(keys) == len(set(keys)), f["file"]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("module", "name"),
    [
        (statements, "ATTAIN"),
        (statements, "NOT_ATTAINED"),
        (facts, "_VERB_BEFORE_NUMBER"),
        (facts, "ATTAIN_RATIO"),
        (subjects, "_TAIL"),
    ],
)
def test_first_character_lookahead_changes_no_match(corpus_dir: Path, module: object, name: str) -> None:
    """These patterns open with a lookahead of the characters they can start with, only so that search
    passes over the other positions quickly: without it they find the same, in every clause of the corpus
    and in every text before a number."""
    pattern = getattr(module, name)
    lookahead = re.match(r"\(\?=\[[^\]]+\](?:\|\$)?\)", pattern.pattern)
    assert lookahead, f"{name} does not open with a lookahead"
    plain = re.compile(pattern.pattern[lookahead.end() :])
    for path in sorted(corpus_dir.rglob("*.txt")):
        for clause in re.split(r"[。！？\n，；：]", path.read_text(encoding="utf-8")):
            for piece in [clause, *(clause[: m.start()] for m in re.finditer(r"\d+", clause))]:
                got, want = pattern.search(piece), plain.search(piece)
                assert (got and got.span()) == (want and want.span()), (name, piece)


def test_verbs_before_a_number_fit_in_the_searched_tail() -> None:
    """`quantity_facts` searches `_VERB_BEFORE_NUMBER` only in the last `_VERB_RUN_LONGEST` characters of
    the text before a number: the longest match, plus one for `$` before a final line break."""
    longest = re._parser.parse(facts._VERB_BEFORE_NUMBER.pattern).getwidth()[1]  # type: ignore[attr-defined]
    assert longest + 1 <= facts._VERB_RUN_LONGEST
    text = "粮食" + "，" * 40 + "比上年同比增长了"
    m = facts._VERB_BEFORE_NUMBER.search(text, len(text) - facts._VERB_RUN_LONGEST)
    assert m and m.group() == "比上年同比增长了"


@pytest.mark.corpus
def test_sentence_ends_as_written_for_speed(corpus_dir: Path) -> None:
    """`_SENT_END` is "[。！？]|\\n\\n" written to open with a character set: it cuts every corpus text,
    and runs of line breaks, where that alternation does."""
    plain = re.compile(r"[。！？]|\n\n")
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus_dir.rglob("*.txt"))]
    for text in [*texts, "a\nb\n\n\nc。\n\n！\n", "\n\n\n\n", "。\n"]:
        for start in (0, 1):
            cuts = [m.span() for m in spans._SENT_END.finditer(text, start)]
            assert cuts == [m.span() for m in plain.finditer(text, start)]


SECONDS_PER_REPORT = 1.0 / 19


@pytest.mark.corpus
def test_corpus_speed(corpus_dir: Path, files_tsv: list[dict[str, str]]) -> None:
    reports = [parse_corpus_file(corpus_dir, f["file"]) for f in files_tsv]
    extract_targets(reports[0])  # warm the catalogue
    t0 = time.process_time()
    for r in reports:
        extract_targets(r)
        extract_outcomes(r)
    # 1 s of CPU for the 19 reports this bound was set on: the same per report for any corpus
    assert time.process_time() - t0 < SECONDS_PER_REPORT * len(reports)


@pytest.mark.parametrize(
    ("listed", "tier"),
    [
        ("主要污染物排放继续减少", "commitment"),  # the list names the group: the plan details it
        ("居民收入增长和经济增长同步", "headline"),  # the list is silent on emissions: the plan sets them
    ],
)
def test_a_plan_target_detailing_a_list_item_is_a_commitment(listed: str, tier: str) -> None:
    body = f"国内生产总值增长7%左右，{listed}。\n\n今年，化学需氧量排放要减少2%左右。"
    report = _report(review="过去一年，经济平稳运行。", targets=LEAD + body)
    [row] = [r for r in extract_targets(report) if r.indicator_id == "cod_emissions"]
    assert row.tier == tier

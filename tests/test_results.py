"""The results side of extraction (issue 17): how the reviews of these reports state the year's results.

Each table is a fact of the register, with short clauses written for it (not copied from any report):
clause → the headline outcome rows expected (indicator, kind, value, unit).

Its length (about 630 lines) is its fourteen tables of clauses, one a fact of how reviews state results.
"""

from __future__ import annotations

import pytest

from pledgetrack.extract import OutcomeRow, extract_outcomes
from pledgetrack.extract.facts import people_unit
from pledgetrack.model import ParsedReport, ReportMeta, Section

TARGETS = "今年经济社会发展主要预期目标是：地区生产总值增长5%左右，城镇新增就业50万人以上。"


def _report(
    paragraphs: list[str], heading: str = "一、2025年工作回顾", region: str = "某省", targets: str = TARGETS
) -> ParsedReport:
    head = "2026年某省政府工作报告"
    plan = "二、2026年工作安排"
    text = "\n\n".join([head, heading, *paragraphs, plan, targets])
    r0, p0 = text.index(heading), text.index(plan)
    t0 = text.index(targets)
    sections = (
        Section("review", heading, r0, p0 - 2),
        Section("plan", plan, p0, len(text)),
        Section("targets", "", t0, len(text), "marker"),
    )
    meta = ReportMeta(region=region, year=2026, review_year=2025, title=head)
    return ParsedReport("x.txt", "x.txt", "0", "0" * 64, "txt", "utf-8", text, meta, sections)


def _o(r: OutcomeRow) -> tuple:
    return (r.indicator, r.kind, r.value, r.unit)


def _headline(paragraphs: list[str], **kw) -> list[tuple]:
    return [_o(r) for r in extract_outcomes(_report(paragraphs, **kw)) if r.tier == "headline"]


# ---------------------------------------------------------------- the year and the period
# A review that closes a five-year plan covers the year and the period, in either order. The period's part
# gives only the levels annual flows reached at its end (the year's values); its growth, averages, sums and
# steady levels are the period's.
PERIOD_FIRST = "一、“十四五”时期和2025年工作回顾"
YEAR_FIRST = "一、2025年和“十四五”时期工作回顾"
PART_CASES = [
    (
        PERIOD_FIRST,
        [
            "过去的五年极不平凡。",
            "综合实力大幅提升。生产总值4.2万亿元，社会消费品零售总额增至1.5万亿元，城镇新增就业300万人，"
            "粮食产量稳定在600亿斤以上，居民人均可支配收入增长30%。",
            "刚刚过去的2025年，生产总值增长5.2%，城镇新增就业60万人，顺利完成全年主要目标任务。",
        ],
        [
            ("生产总值", "level", 4.2, "万亿元"),
            ("社会消费品零售总额", "level", 1.5, "万亿元"),
            ("生产总值", "growth", 5.2, "%"),
            ("城镇新增就业", "level", 60.0, "万人"),
            ("主要预期目标", "qualitative", None, None),
        ],
    ),
    (
        YEAR_FIRST,
        [
            "2025年是很不平凡的一年。全省地区生产总值增长5%，全年主要目标任务顺利完成。",
            "各位代表！2025年是“十四五”收官之年。五年来，地区生产总值迈上2万亿元台阶，年均增长5.5%。",
            "——民生持续改善。城镇新增就业每年超过50万人，居民人均可支配收入增长28%，“十四五”规划主要目标任务胜利完成。",
        ],
        [
            ("地区生产总值", "growth", 5.0, "%"),
            ("目标任务", "qualitative", None, None),
            ("地区生产总值", "level", 2.0, "万亿元"),
        ],
    ),
    (
        # a bare heading: the parts are told by their openers ("“十四五”时期是…的五年")
        "一、工作回顾",
        [
            "2025年是“十四五”收官之年。全年地区生产总值增长4%，城镇新增就业40万人。",
            "“十四五”时期是我省砥砺奋进的五年。地区生产总值达到1.5万亿元、增长19.8%，城镇新增就业200万人。",
        ],
        [
            ("地区生产总值", "growth", 4.0, "%"),
            ("城镇新增就业", "level", 40.0, "万人"),
            ("地区生产总值", "level", 1.5, "万亿元"),
        ],
    ),
    (
        # a review of the year only, with one paragraph of the period that the year closes: that paragraph
        # gives only the levels flows reached at the period's end
        "一、2025年工作回顾",
        [
            "全年地区生产总值增长5%。",
            "2025年是“十四五”收官之年。过去五年，城镇新增就业超过300万人，单位地区生产总值能耗下降13%，"
            "地区生产总值达到2万亿元。",
        ],
        [("地区生产总值", "growth", 5.0, "%"), ("地区生产总值", "level", 2.0, "万亿元")],
    ),
    (
        # investment and grain output are annual flows too; "由A增长到B" keeps B, and the year named with A
        # (or the period's start, "“十三五”末") is A's
        "一、2025年工作回顾",
        [
            "全年地区生产总值增长5%。",
            "2025年是“十四五”收官之年。过去五年，固定资产投资由40亿元增长到60亿元，粮食总产量由2020年的10亿斤"
            "增加到12亿斤，地区生产总值由“十三五”末的30亿元增长到50亿元，规上工业增加值达到20亿元。",
        ],
        [
            ("地区生产总值", "growth", 5.0, "%"),
            ("固定资产投资", "level", 60.0, "亿元"),
            ("粮食总产量", "level", 12.0, "亿斤"),
            ("地区生产总值", "level", 50.0, "亿元"),
            ("规上工业增加值", "level", 20.0, "亿元"),
        ],
    ),
    (
        # in the period's part a clause naming 去年 (the year reviewed, as the report the year after says) is
        # the year's: "…两个指标没有达到规划预期，去年固定资产投资…也未达年初预期"
        YEAR_FIRST,
        [
            "2025年，全省地区生产总值增长5%。",
            "“十四五”时期，单位地区生产总值能耗降低幅度没有达到规划预期，去年固定资产投资增速也未达年初预期。",
        ],
        [("地区生产总值", "growth", 5.0, "%"), ("固定资产投资", "qualitative", None, None)],
    ),
]


@pytest.mark.parametrize(
    ("heading", "paragraphs", "expected"),
    PART_CASES,
    ids=["period-first", "year-first", "bare", "period-paragraph", "period-from-to", "names-last-year"],
)
def test_year_and_period_parts(heading: str, paragraphs: list[str], expected: list[tuple]) -> None:
    assert _headline(paragraphs, heading=heading) == expected


# A review of the term alone (a 换届 report: "一、过去五年工作回顾"): the works it counts are the term's; what
# carries a target, and anything said of the year itself, is the year's.
TERM_CASES = [
    (
        ["综合实力显著增强，地区生产总值达到77.2亿元。实施省市重点项目27个，新建改建农村公路150公里。"],
        [("地区生产总值", "level", 77.2, "亿元")],
    ),
    (
        ["2025年新建改建农村公路30公里，实施省市重点项目8个。"],
        [("改建农村公路", "level", 30.0, "公里"), ("省市重点项目", "level", 8.0, "个")],
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), TERM_CASES, ids=["term-counts", "the-year-named"])
def test_a_review_of_the_term_alone(paragraphs: list[str], expected: list[tuple]) -> None:
    rows = extract_outcomes(_report(paragraphs, heading="一、过去五年工作回顾"))
    assert [_o(r) for r in rows] == expected


# ---------------------------------------------------------------- attainment and states
# Statements of attainment are results with no figure; "完成了全年主要目标任务" is about the year
# (目标任务), not
# about each indicator. A headline indicator said to be in a state is a result too, unless it is over years.
STATEMENT_CASES = [
    ("全年主要目标任务顺利完成。", [("目标任务", "qualitative", None, None)]),
    ("省人大会议确定的主要目标顺利实现。", [("目标任务", "qualitative", None, None)]),
    ("经济社会大局稳定，较好完成了省人大会议确定的目标任务。", [("目标任务", "qualitative", None, None)]),
    # the year's targets met, in the words of a county: 任务目标 for 目标任务, 既定任务, 较好地/较好的, and
    # the statement as a noun
    ("一年来，较好地完成了县人大会议确定的主要任务目标。", [("目标任务", "qualitative", None, None)]),
    ("较好的完成县人大会议确定的目标任务。", [("目标任务", "qualitative", None, None)]),
    ("全县上下共同努力，较好完成了既定任务。", [("目标任务", "qualitative", None, None)]),
    ("各位代表，全年各项目标任务的完成，为明年打下了基础。", [("目标任务", "qualitative", None, None)]),
    ("十件民生实事全部如期完成。", [("民生实事", "qualitative", None, None)]),
    # the works promised to the people go by several names, done in time, well, or essentially; the verb
    # can come first
    ("20件惠民事项按期完成。", [("惠民事项", "qualitative", None, None)]),
    ("县定12件民生实事基本完成。", [("县定民生实事", "qualitative", None, None)]),
    ("向群众承诺的8件民生实事全部高质量完成。", [("向群众承诺的民生实事", "qualitative", None, None)]),
    ("我们高标准完成省市民心工程和民生实事。", [("省市民心工程和民生实事", "qualitative", None, None)]),
    ("年度12件惠民实事圆满办结。", [("惠民实事", "qualitative", None, None)]),
    ("约束性指标全部完成。", [("约束性指标", "qualitative", None, None)]),
    ("城镇新增就业超额完成全年任务。", [("城镇新增就业", "qualitative", None, None)]),
    ("主要指标好于预期。", [("主要指标", "qualitative", None, None)]),
    ("居民消费价格总体平稳。", [("居民消费价格", "qualitative", None, None)]),
    # stable with a rise, slight or not
    ("全年粮食总产稳中略升。", [("粮食总产", "qualitative", None, None)]),
    ("全年粮食产量稳中有增。", [("粮食产量", "qualitative", None, None)]),
    (
        "能耗强度和主要污染物排放总量持续下降。",
        [("能耗强度", "qualitative", None, None), ("主要污染物排放总量", "qualitative", None, None)],
    ),
    (
        "规上工业增加值、固定资产投资等主要指标增速均高于全国平均水平。",
        [("规上工业增加值", "qualitative", None, None), ("固定资产投资", "qualitative", None, None)],
    ),
    ("各项约束性指标超额完成。", [("约束性指标", "qualitative", None, None)]),
    (
        "城镇新增就业1200万人，超过全年预期目标。",
        [("城镇新增就业", "level", 1200.0, "万人"), ("城镇新增就业", "qualitative", None, None)],
    ),
    ("粮食再获丰收。", [("粮食", "qualitative", None, None)]),
    # two named together both fell: a state of each (the composite index is no target's)
    ("空气综合指数和PM2.5同比实现双下降。", [("PM2.5", "qualitative", None, None)]),
    ("就业形势持续稳定向好。", [("就业形势", "qualitative", None, None)]),
    ("进出口逐步回稳。", [("进出口", "qualitative", None, None)]),
    ("粮食产量实现“十二连增”。", [("粮食产量", "qualitative", None, None)]),
    # the financial risks the State Council sets yearly aims for
    (
        "防范化解风险，宏观杠杆率趋于稳定，金融运行总体平稳。",
        [("宏观杠杆率", "qualitative", None, None), ("金融运行", "qualitative", None, None)],
    ),
    # a sentence of sums over years states the period's record
    ("累计新增城镇就业500万人，城镇居民收入年均增长8%；粮食产量实现“九连增”。", []),
    (
        "受外需影响，全省进出口总额出现下降，预期增长目标未能实现。",
        [("进出口总额", "qualitative", None, None)],
    ),
    ("我们做了大量工作，预期目标未能实现。", []),
    # an unnamed annual task met after a topic's figures is the topic's, whatever the topic; a task named in
    # the statement is its object's
    ("全年退出钢铁产能6000万吨，超额完成年度目标任务。", [("退出钢铁产能", "qualitative", None, None)]),
    ("融资平台退出50家，全面完成清欠企业账款年度任务。", []),
    ("粮食产量屡创历史新高。", []),
    # held every year is the period's; 持平 is a state, 保持平稳 holds no 持平
    ("城镇登记失业率始终控制在4%以内。", []),
    ("主要经济指标保持平稳较快增长。", []),
    ("社会消费品零售总额与上年基本持平。", [("社会消费品零售总额", "qualitative", None, None)]),
    ("推动经济持续向好。", []),
    ("中西部地区主要经济指标增速高于全国平均水平。", []),
    ("全省进出口总值创历史新高，达到3000亿元。", [("进出口总值", "level", 3000.0, "亿元")]),
    # a figure, then in the same clause that its aim was met
    (
        "粮食总产量120万吨、超额完成任务。",
        [("粮食总产量", "level", 120.0, "万吨"), ("粮食总产量", "qualitative", None, None)],
    ),
    ("为民办实事工程项目全面完成。", [("为民办实事工程项目", "qualitative", None, None)]),
    # states: better than the nation's, kept good, up to standard (年均浓度 is a year's mean, no span)
    (
        "优良天数比例、PM2.5年均浓度均优于全国。",
        [("优良天数比例", "qualitative", None, None), ("PM2.5年均浓度", "qualitative", None, None)],
    ),
    ("生态环境保持优良。", [("生态环境", "qualitative", None, None)]),
    # "未达年初预期" is not done; a trailing 也 is no part of a name
    (
        "固定资产投资增速和CPI涨幅也未达年初预期。",
        [("固定资产投资", "qualitative", None, None), ("CPI", "qualitative", None, None)],
    ),
]


@pytest.mark.parametrize(("clause", "expected"), STATEMENT_CASES, ids=[c[0][:10] for c in STATEMENT_CASES])
def test_attainment_and_states(clause: str, expected: list[tuple]) -> None:
    assert _headline([clause]) == expected


# A state of the level of an indicator that the year's review also states as a figure is no result of its
# own (the figure is), wherever in the review it stands; a comparison with the nation is.
STATE_AND_FIGURE_CASES = [
    (
        ["粮食产量达到6亿吨。", "实现粮食产量“十一连增”、农民收入“五连快”。"],
        [("粮食产量", "level", 6.0, "亿吨")],
    ),
    (
        ["全省进出口总额增长18%。", "规上工业增加值、进出口总额等主要指标增速均高于全国平均水平。"],
        [
            ("进出口总额", "growth", 18.0, "%"),
            ("规上工业增加值", "qualitative", None, None),
            ("进出口总额", "qualitative", None, None),
        ],
    ),
    (["粮食总产量1600亿斤。", "粮食总产再创历史新高。"], [("粮食总产量", "level", 1600.0, "亿斤")]),
]


@pytest.mark.parametrize(
    ("paragraphs", "expected"), STATE_AND_FIGURE_CASES, ids=["record", "nation", "compatible-name"]
)
def test_state_beside_a_figure(paragraphs: list[str], expected: list[tuple]) -> None:
    assert _headline(paragraphs) == expected


@pytest.mark.parametrize(
    ("clause", "attainment"),
    [
        ("全年主要目标任务顺利完成。", "met"),
        ("进出口增速低于预期目标。", "not_met"),
        # below the goal is good for a ceiling, above it bad (attainment.against_goal)
        ("居民消费价格涨幅低于预期目标。", "met"),
        ("居民消费价格涨幅高于预期目标。", "not_met"),
        ("地区生产总值增长5.1%，增速高于预期目标、高于全国。", "met"),
        ("物价调控目标没有完成。", "not_met"),
        # brought under control, or a balance worse than before
        ("居民消费价格涨幅得到有效控制。", "positive"),
        ("国际收支不平衡矛盾加剧。", "negative"),
        # a fall, or a low, is good for a ceiling and bad for a floor; a head noun takes its family's
        ("主要污染物排放总量持续下降。", "positive"),
        ("进出口总额继续下降。", "negative"),
        ("失业率为多年来最低。", "positive"),
        # a target that names nothing is of the subject of the clause before
        ("受外需影响，全省进出口总额出现下降，预期增长目标未能实现。", "not_met"),
    ],
)
def test_attainment_polarity(clause: str, attainment: str) -> None:
    rows = extract_outcomes(_report([clause]))
    assert [r.attainment for r in rows if r.kind == "qualitative"] == [attainment]


# ---------------------------------------------------------------- figures
FIGURE_CASES = [
    # a fall written as a negative growth keeps its sign
    ("全年地区生产总值增长-6.5%。", [("地区生产总值", "growth", -6.5, "%")]),
    # a threshold crossed, then the figure itself: one result
    ("地方一般公共预算收入突破400亿元、达到421亿元。", [("地方一般公共预算收入", "level", 421.0, "亿元")]),
    ("地区生产总值跨越3个千亿元台阶，达到1.5万亿元。", [("地区生产总值", "level", 1.5, "万亿元")]),
    # short modifiers share the last name's head
    (
        "城镇、农村居民收入分别增长4.8%、5.9%。",
        [("城镇居民收入", "growth", 4.8, "%"), ("农村居民收入", "growth", 5.9, "%")],
    ),
    # only a 分别 clause pairs its figures with the subjects of earlier clauses
    (
        "对东盟、欧盟进出口分别增长17%、40%，全省进出口总值创历史新高，达到5000亿元、增长18%。",
        [("进出口总值", "level", 5000.0, "亿元"), ("进出口总值", "growth", 18.0, "%")],
    ),
    (
        "城镇居民人均可支配收入5万元，农村居民人均可支配收入2万元，实际增长5%和6%。",
        [
            ("城镇居民人均可支配收入", "level", 5.0, "万元"),
            ("农村居民人均可支配收入", "level", 2.0, "万元"),
            ("城镇居民人均可支配收入", "growth", 5.0, "%"),
            ("农村居民人均可支配收入", "growth", 6.0, "%"),
        ],
    ),
    # a rank between a level and its growth is no subject: the growth is the level's
    (
        "全省地区生产总值达到5.5万亿元、稳居全国前十强、增长4.8%。",
        [("地区生产总值", "level", 5.5, "万亿元"), ("地区生产总值", "growth", 4.8, "%")],
    ),
    # water bodies share the measure named after the last
    (
        "地表水、近岸海域水质优良比例分别达96%、99%。",
        [("地表水水质优良比例", "rate", 96.0, "%"), ("近岸海域水质优良比例", "rate", 99.0, "%")],
    ),
    # a rate changed in percentage points names the level that follows it, not the earlier subject
    (
        "粮食产量达到6亿吨，消费对经济增长的贡献率上升3个百分点，达到51.2%。",
        [("粮食产量", "level", 6.0, "亿吨")],
    ),
    (
        "城镇登记失业率4.1%，比上年下降0.2个百分点，居民消费价格上涨2%。",
        [("城镇登记失业率", "rate", 4.1, "%"), ("居民消费价格", "growth", 2.0, "%")],
    ),
    # a rate held "at about X, a low level" is the year's level; "90%的企业" qualifies a noun
    (
        "城镇新增就业1300万人、调查失业率稳定在5%左右的较低水平。",
        [("城镇新增就业", "level", 1300.0, "万人"), ("调查失业率", "rate", 5.0, "%")],
    ),
    ("居民消费价格涨幅保持在2%左右的较低水平。", [("居民消费价格", "growth", 2.0, "%")]),
    ("出口增长10%，其中90%的企业实现盈利。", [("出口", "growth", 10.0, "%")]),
    # a verb of change may be slight (微降: prices set to rise by at most a 涨幅, and a fall is a growth
    # below zero), and may say the level reached (回落到); 历史性 qualifies the verb, not the name
    (
        "CPI微降0.1%，城镇调查失业率5.2%。",
        [("CPI", "growth", -0.1, "%"), ("城镇调查失业率", "rate", 5.2, "%")],
    ),
    ("全省地区生产总值历史性迈上4000亿元台阶。", [("地区生产总值", "level", 4000.0, "亿元")]),
    ("全年居民消费价格涨幅回落到1.8%。", [("居民消费价格", "growth", 1.8, "%")]),
    # a comparison of growth rates before a level: the level is the first name's
    (
        "全体居民人均可支配收入增速高于经济增速、突破3万元。",
        [("全体居民人均可支配收入", "level", 3.0, "万元")],
    ),
    # "从上半年5.5%降到5.3%": the time the change starts from is no part of the name
    (
        "城镇新增就业42万人，年末城镇调查失业率从上半年5.5%降到5.3%。",
        [("城镇新增就业", "level", 42.0, "万人"), ("年末城镇调查失业率", "rate", 5.3, "%")],
    ),
    # an increment (增量) is no level
    ("地区生产总值达到5万亿元、比上年增量超3000亿元。", [("地区生产总值", "level", 5.0, "万亿元")]),
    # the cities an air measure covers are its scope, not a count of its own
    (
        "74个重点城市细颗粒物（PM2.5）年均浓度下降9.1%。",
        [("74个重点城市细颗粒物（PM2.5）年均浓度", "reduction", 9.1, "%")],
    ),
    (
        "338个地级及以上城市细颗粒物浓度下降6%。",
        [("338个地级及以上城市细颗粒物浓度", "reduction", 6.0, "%")],
    ),
    # an improvement of a concentration is a reduction
    ("国考10市PM2.5浓度改善10.8%。", [("国考10市PM2.5浓度", "reduction", 10.8, "%")]),
    (
        "细颗粒物年均浓度27微克/立方米、下降11.5%。",
        [("细颗粒物年均浓度", "level", 27.0, "微克/立方米"), ("细颗粒物年均浓度", "reduction", 11.5, "%")],
    ),
    # a bare 万/亿 counting people is 万人/亿人 (facts.people_unit); other counts keep their unit
    ("农村贫困人口减少1240万。", [("农村贫困人口减少", "level", 1240.0, "万人")]),
    ("城镇新增就业1100万。", [("城镇新增就业", "level", 1100.0, "万人")]),
    ("粮食产量1.3万亿斤。", [("粮食产量", "level", 1.3, "万亿斤")]),
    # the air of the year: good days counted in 天, their share in %; a rise in days over last year is the
    # change, not the year's count (a fall of a stock to shrink is its result: 贫困人口减少, above)
    ("全年空气优良天数达到260天，同比增加12天。", [("空气优良天数", "level", 260.0, "天")]),
    ("优良天气210天，比上年增长30天。", [("优良天气", "level", 210.0, "天")]),
    ("优良天数增加15天，空气质量优良率为70.5%。", [("空气质量优良率", "rate", 70.5, "%")]),
    ("粮食产量增加2亿斤。", []),
    # industry's value added is counted over the firms above the size threshold: they are its scope
    ("规上企业工业增加值同比增长6%。", [("规模以上工业增加值", "growth", 6.0, "%")]),
    ("规模以上工业企业实现增加值40亿元。", [("规模以上工业增加值", "level", 40.0, "亿元")]),
    # a % of the year's plan, or its completion rate, says how far a target was met, whatever its topic; a %
    # of a named amount is a share of it, and other completion rates are the work's
    ("重点项目完成投资18亿元，占年度计划的115%。", [("重点项目完成投资", "rate", 115.0, "%")]),
    ("省市重点项目投资完成率达到130.5%。", [("省市重点项目投资完成率", "rate", 130.5, "%")]),
    ("一般公共预算收入的80%用于民生。", []),
    ("问题整改完成率达到99%。", []),
    # a figure said to be the year's task is a result of it; a count of tasks done is the work done
    ("房建开竣工面积完成150万平方米年度任务。", [("房建开竣工面积", "level", 150.0, "万平方米")]),
    ("完成12个村庄污水治理任务。", []),
    # the measures named after a thing share its modifier
    ("规上工业产值和增加值分别达到90亿元和25亿元。", [("规上工业增加值", "level", 25.0, "亿元")]),
    # 可比 (like 同口径) says how the growth is measured, not what grows
    (
        "一般公共预算收入完成9.5亿元，可比增长7.2%。",
        [("一般公共预算收入", "level", 9.5, "亿元"), ("一般公共预算收入", "growth", 7.2, "%")],
    ),
    # a fall of what is set to grow is a growth below zero; a fall of what is set to fall is a reduction
    (
        "社会消费品零售总额完成20亿元，同比下降2.5%。",
        [("社会消费品零售总额", "level", 20.0, "亿元"), ("社会消费品零售总额", "growth", -2.5, "%")],
    ),
    ("单位地区生产总值能耗下降3%。", [("单位地区生产总值能耗", "reduction", 3.0, "%")]),
    # a bracket after a figure is a note on it, not the noun it leads
    (
        "一般公共预算收入完成6亿元，增长6.1%（扣除一次性因素）。",
        [("一般公共预算收入", "level", 6.0, "亿元"), ("一般公共预算收入", "growth", 6.1, "%")],
    ),
]


@pytest.mark.parametrize(("clause", "expected"), FIGURE_CASES, ids=[c[0][:10] for c in FIGURE_CASES])
def test_figures(clause: str, expected: list[tuple]) -> None:
    assert _headline([clause]) == expected


@pytest.mark.parametrize(
    ("unit", "name", "expected"),
    [
        ("万", "农村贫困人口减少", "万人"),
        ("亿", "参保人数", "亿人"),
        ("万", "下岗失业人员实现再就业", "万人"),
        ("万", "城镇新增就业", "万人"),
        ("万人", "农村贫困人口", "万人"),
        ("万", "棚户区住房改造", "万"),  # not a count of people: as written
        ("万亿元", "就业补助资金", "万亿元"),  # a unit of its own
    ],
)
def test_people_unit(unit: str, name: str, expected: str) -> None:
    assert people_unit(unit, name) == expected


# "由A提升至B" / "从A提高到B": A is the past, never a result of the year
@pytest.mark.parametrize(
    "clause", ["全省进出口总额由5000亿元提升至6000亿元。", "进出口总额从5000亿元提高到6000亿元。"]
)
def test_from_to_keeps_only_the_end(clause: str) -> None:
    assert [r.value for r in extract_outcomes(_report([clause]))] == [6000.0]


def test_sector_results_follow_sector_targets() -> None:
    clause = "一产、二产、三产增加值分别增长6%、5.2%、5.2%。"
    assert _headline([clause]) == []  # sectors are breakdowns …
    targets = "今年主要预期目标是：地区生产总值增长5%左右，一产、二产、三产增加值分别增长5%、5%、5%。"
    assert _headline([clause], targets=targets) == [  # … unless the report sets their targets
        ("一产增加值", "growth", 6.0, "%"),
        ("二产增加值", "growth", 5.2, "%"),
        ("三产增加值", "growth", 5.2, "%"),
    ]
    # any part the targets name, its verb aside
    clause = "农牧区劳动力实现转移就业112万人次。"
    assert _headline([clause]) == []
    targets = "今年主要预期目标是：地区生产总值增长5%左右，农牧区劳动力转移就业106万人次以上。"
    assert _headline([clause], targets=targets) == [("农牧区劳动力实现转移就业", "level", 112.0, "万人次")]


# Not results: a shortcoming still to overcome, a count of indicators, and the air's other measures (only
# fine particles carry a target)
NOT_RESULT_CASES = [
    ("一般公共预算收入还未达到10亿元目标。", []),
    ("5项主要经济指标增速高于全市平均水平。", []),
    ("二氧化硫、二氧化氮年均浓度分别下降10%、12%。", []),
    ("空气综合指数和PM2.5平均浓度分别下降6%和12%。", [("PM2.5平均浓度", "reduction", 12.0, "%")]),
]


@pytest.mark.parametrize(("clause", "expected"), NOT_RESULT_CASES, ids=[c[0][:10] for c in NOT_RESULT_CASES])
def test_not_results(clause: str, expected: list[tuple]) -> None:
    assert _headline([clause]) == expected


# ---------------------------------------------------------------- breakdowns
# The indicators that carry targets, by the names the catalogue gives them: a result of each is a headline
# result.
STANDARD_NAME_CASES = [
    "全区税收总收入增长6%。",
    "一般公共预算总收入完成300亿元。",
    "社会零售品销售总额增长7%。",
    "引进内资120亿元。",
    "海关口岸进出口总额增长9%。",
]


@pytest.mark.parametrize("clause", STANDARD_NAME_CASES, ids=[c[:8] for c in STANDARD_NAME_CASES])
def test_standard_names_are_headline(clause: str) -> None:
    rows = extract_outcomes(_report([clause]))
    assert rows and all(r.tier == "headline" for r in rows)


# Parts of a headline quantity (a partner, a product, a group of workers, a sub-region) and a province's
# programme outputs are kept as 'detail', never as headline results; a district's programmes carry targets.
BREAKDOWN_CASES = [
    "对东盟进出口增长16.7%。",
    "集成电路出口增长30%。",
    "农村劳动力转移就业86万人。",
    "高校毕业生留省就业17万人。",
    "新能源汽车零售额增长20%。",
    "带动就业16万人。",
    "能源工业增加值增长8.1%。",
    "关中5市PM2.5浓度下降20%。",
    "人均地区生产总值突破10万元。",
    "新增家庭养老床位1万张。",
    "新增绿道1000公里。",
    # industry's energy intensity is a part of the economy's
    "规上工业单位增加值能耗下降5.2%。",
    # a tax or tariff coverage is a policy, not a result
    "进口“零关税”商品税目比例由21%提升至74%。",
]


@pytest.mark.parametrize("clause", BREAKDOWN_CASES, ids=[c[:8] for c in BREAKDOWN_CASES])
def test_breakdowns_are_detail(clause: str) -> None:
    rows = extract_outcomes(_report([clause]))
    assert rows and all(r.tier == "detail" for r in rows)


def test_district_programmes_are_headline() -> None:
    rows = extract_outcomes(_report(["新增养老床位300张，新增绿道3公里。"], region="上海市某区"))
    assert [(r.indicator, r.tier) for r in rows] == [("新增养老床位", "headline"), ("新增绿道", "headline")]


# Whose programmes are results of targets: a city district's, or a government whose targets name one; a
# county's 危房改造 and 绿化 are the work done (its targets are the economy's).
_COUNTY_TARGETS = "主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%。"
PROGRAMME_CASES = [
    ("上海市某区", _COUNTY_TARGETS, "新增公共绿地3万平方米。", "headline"),
    ("河北省某市某县", _COUNTY_TARGETS, "完成造林绿化2.1万亩。", "detail"),
    ("河北省某市某县", _COUNTY_TARGETS, "新增公共绿地3万平方米。", "detail"),
    ("上海市某区", _COUNTY_TARGETS, "整治无证建筑300处。", "headline"),
    ("河北省某市某县", _COUNTY_TARGETS, "整治无证建筑300处。", "detail"),
    ("河北省某市某县", "主要预期目标是：新增公共绿地5万平方米。", "新增公共绿地3万平方米。", "headline"),
]


# The works against rural poverty: the nation's and a province's targets set them; a county carries them
# out, and they are results only where its own targets name them.
_COUNTY = "河北省保定市阜平县"
PROGRAMME_CASES += [
    ("全国", _COUNTY_TARGETS, "农村贫困人口减少1200万人。", "headline"),
    ("全国", _COUNTY_TARGETS, "农村危房改造200万户。", "headline"),
    (_COUNTY, _COUNTY_TARGETS, "建档立卡贫困人口8000人。", "detail"),
    (_COUNTY, _COUNTY_TARGETS, "完成农村危房改造60户。", "detail"),
    (_COUNTY, _COUNTY_TARGETS, "惠及贫困人口1.5万人次。", "detail"),
    (_COUNTY, "主要预期目标是：地区生产总值增长6%，贫困人口全部脱贫。", "贫困人口减少到300人。", "headline"),
]


@pytest.mark.parametrize(("region", "targets", "clause", "tier"), PROGRAMME_CASES)
def test_whose_programmes_are_headline(region: str, targets: str, clause: str, tier: str) -> None:
    rows = extract_outcomes(_report([clause], region=region, targets=targets))
    assert rows and {r.tier for r in rows} == {tier}


# A county is assessed on the quotas its city and province set it, and its review reports each one met:
# exceeded (超额完成…), or the year's task done (圆满完成年度…任务), named by what lies between the verb and
# the task (its size, who set it and its year dropped) or else by the topic. A province's tasks are the work
# done unless they name an indicator that carries a target; a county's other tasks done (安保) are no quota.
COUNTY_CASES = [
    (
        _COUNTY,
        "优良天数220天，超额完成市核任务。",
        [("优良天数", "level", 220.0, "天"), ("优良天数", "qualitative", None, None)],
    ),
    (_COUNTY, "圆满完成年度改厕任务。", [("改厕", "qualitative", None, None)]),
    (_COUNTY, "超额完成500万立方米的地下水压采任务。", [("地下水压采", "qualitative", None, None)]),
    (_COUNTY, "超额完成“压减”任务。", [("压减", "qualitative", None, None)]),
    (_COUNTY, "超额完成市定“双千工程”任务8个。", [("双千工程", "qualitative", None, None)]),
    (_COUNTY, "全年实施省市重点项目12个，超额完成年度投资计划。", [("投资", "qualitative", None, None)]),
    (_COUNTY, "圆满完成国庆安保任务。", []),
    (_COUNTY, "全面完成全年各项目标任务。", [("目标任务", "qualitative", None, None)]),
    ("某省", "超额完成国家下达的年度清欠任务。", []),
    ("某省", "圆满完成年度改厕任务。", []),
]


# 全县 is a county's scope word, as 全省 and 全市 are: the whole county's total, no part of it
COUNTY_CASES += [
    (_COUNTY, "全县新增就业2500人。", [("新增就业", "level", 2500.0, "人")]),
    (
        _COUNTY,
        "全县进出口总额完成2.5亿元，同比增长20%。",
        [("进出口总额", "level", 2.5, "亿元"), ("进出口总额", "growth", 20.0, "%")],
    ),
]


@pytest.mark.parametrize(
    ("region", "clause", "expected"), COUNTY_CASES, ids=[c[1][:10] for c in COUNTY_CASES]
)
def test_county_results(region: str, clause: str, expected: list[tuple]) -> None:
    assert _headline([clause], region=region) == expected


# ---------------------------------------------------------------- the noun after the number
# An action verb in front of a count ("又解决", "再解决", "新解决") names nothing: the count leads its noun.
NOUN_AFTER_CASES = [
    ("又解决6434万农村人口饮水安全问题。", "农村人口饮水安全问题"),
    ("再解决5000万农村人口饮水安全问题。", "农村人口饮水安全问题"),
]


@pytest.mark.parametrize(("clause", "name"), NOUN_AFTER_CASES, ids=[c[0][:6] for c in NOUN_AFTER_CASES])
def test_noun_after_the_number(clause: str, name: str) -> None:
    assert [r.indicator for r in extract_outcomes(_report([clause]))] == [name]

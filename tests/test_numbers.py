"""Numbers and quantities: the phrases are written for these tests in the register of the reports."""

import re
import time
from pathlib import Path

import pytest

from pledgetrack.numbers import (
    Quantity,
    find_quantities,
    may_hold_quantity,
    parse_chinese_number,
    reduction_sign,
    unit_factor,
)

# (phrase, [(value, value_high, unit, comparator), ...])
QUANTITIES = [
    # headline targets: comparators after the unit
    ("国内生产总值增长7.5%左右", [(7.5, None, "%", "approx")]),
    ("城镇新增就业1100万人以上", [(1100, None, "万人", "at_least")]),
    ("完成旧改征收5000户", [(5000, None, "户", "plain")]),
    ("居民消费价格涨幅3%左右", [(3, None, "%", "approx")]),
    ("城镇调查失业率5.5%以内", [(5.5, None, "%", "at_most")]),
    ("城镇登记失业率4.5%以下", [(4.5, None, "%", "at_most")]),
    ("粮食产量1.3万亿斤以上", [(1.3, None, "万亿斤", "at_least")]),
    ("进出口总额增长6%上下", [(6, None, "%", "approx")]),
    ("就业人数保持在80万人之内", [(80, None, "万人", "at_most")]),
    # comparators before the number
    ("区级财政收入增长不低于6%", [(6, None, "%", "at_least")]),
    ("新增就业岗位不少于5万个", [(5, None, "万个", "at_least")]),
    ("赤字率不超过3%", [(3, None, "%", "at_most")]),
    ("物价涨幅不高于3.5%", [(3.5, None, "%", "at_most")]),
    ("完成旧区改造超过12000户", [(12000, None, "户", "at_least")]),
    ("实际利用外资高于10亿美元", [(10, None, "亿美元", "at_least")]),
    ("人口自然增长率低于6‰", [(6, None, "‰", "at_most")]),
    ("新建学校至少20所", [(20, None, "所", "at_least")]),
    ("力争增长8%以上", [(8, None, "%", "at_least")]),
    ("控制在4.6%", [(4.6, None, "%", "plain")]),
    ("居民消费价格涨幅控制在3%左右", [(3, None, "%", "approx")]),
    ("失业率控制在4.5%以内", [(4.5, None, "%", "at_most")]),
    # ranges
    ("经济增长6%-6.5%", [(6, 6.5, "%", "range")]),
    ("经济增长6-6.5%", [(6, 6.5, "%", "range")]),
    ("增长6%至7%", [(6, 7, "%", "range")]),
    ("增长6%到7%", [(6, 7, "%", "range")]),
    ("增长6——6.5%", [(6, 6.5, "%", "range")]),
    ("增长6%～7%", [(6, 7, "%", "range")]),
    ("新增就业3万-5万人", [(3, 5, "万人", "range")]),
    ("建设1-2个示范区", [(1, 2, "个", "range")]),
    # no range after all: the number keeps its own unit, and a bare number is none
    ("增长6%至年底", [(6, None, "%", "plain")]),
    ("增长6%-", [(6, None, "%", "plain")]),
    ("增长6至", []),
    ("用6至7年", []),
    ("6%至七成", [(6, None, "%", "plain")]),
    # multipliers kept in the unit as written
    ("立体绿化3.9万平方米", [(3.9, None, "万平方米", "plain")]),
    ("国内生产总值达到13.65万亿元", [(13.65, None, "万亿元", "plain")]),
    ("一般公共预算收入完成110.11亿元", [(110.11, None, "亿元", "plain")]),
    ("人均可支配收入达到6.2万元", [(6.2, None, "万元", "plain")]),
    ("户籍人口80万", [(80, None, "万", "plain")]),
    ("完成固定资产投资240亿元", [(240, None, "亿元", "plain")]),
    ("建成区面积120平方公里", [(120, None, "平方公里", "plain")]),
    ("新建绿道50公里", [(50, None, "公里", "plain")]),
    ("新增养老床位100张", [(100, None, "张", "plain")]),
    ("推进重大项目30项", [(30, None, "项", "plain")]),
    ("亿元楼达到30幢", [(30, None, "幢", "plain")]),
    ("新增高新技术企业150家", [(150, None, "家", "plain")]),
    ("新能源公交车500辆", [(500, None, "辆", "plain")]),
    ("集装箱吞吐量4000万标准箱", [(4000, None, "万标准箱", "plain")]),
    ("旧住房改造12,000户", [(12000, None, "户", "plain")]),
    # percentages and points
    ("比重达到3%", [(3, None, "%", "plain")]),
    ("提高8.4个百分点", [(8.4, None, "个百分点", "plain")]),
    ("下降两个百分点", [(2, None, "个百分点", "plain")]),
    ("覆盖百分之五的家庭", [(5, None, "%", "plain")]),
    ("百分之十五左右", [(15, None, "%", "approx")]),
    ("95%的居民实现就近就医", [(95, None, "%", "plain")]),
    # approximate: 多, 余, 近, 约 keep the comparator plain
    ("完成旧改2500余户", [(2500, None, "户", "plain")]),
    ("改造老旧小区8万多平方米", [(8, None, "万平方米", "plain")]),
    ("近3.9万平方米", [(3.9, None, "万平方米", "plain")]),
    ("约1200人", [(1200, None, "人", "plain")]),
    ("帮助10多个街道", [(10, None, "个", "plain")]),
    # Chinese numerals
    ("新增就业一千一百万人", [(11000000, None, "人", "plain")]),
    ("引进人才二十五名", [(25, None, "名", "plain")]),
    ("完成实事项目十个方面25件", [(25, None, "件", "plain")]),
    ("建立两张网", []),
    ("服务千家万户", []),
    # several quantities in one clause
    (
        "城镇新增就业1100万人以上，城镇调查失业率5.5%以内",
        [(1100, None, "万人", "at_least"), (5.5, None, "%", "at_most")],
    ),
    (
        "一般公共预算收入完成118.24亿元，同口径增长6.35%",
        [(118.24, None, "亿元", "plain"), (6.35, None, "%", "plain")],
    ),
    (
        "全年新增养老床位100张，新建各类绿地1.2万平方米，帮助引领800人成功创业",
        [(100, None, "张", "plain"), (1.2, None, "万平方米", "plain"), (800, None, "人", "plain")],
    ),
    # traps: not quantities
    ("2018年上海市虹口区政府工作报告", []),
    ("2018年1月10日", []),
    ("二〇一八年", []),
    ("第16届进博会", []),
    ("（11）加强城市管理", []),
    ("PM2.5年平均浓度完成市政府下达目标", []),
    ("十三五规划圆满收官", []),
    ("构建1+4+4政策体系", []),
    ("推进5G网络建设", []),
    ("G60科创走廊", []),
    ("经济总量翻一番", []),
    ("2016-2020年", []),
    ("3个月内完成", []),
    ("每100元营业收入", []),
    ("节约用地", []),
    # a trap next to a real quantity
    ("2018年新建5G基站1万个", [(1, None, "万个", "plain")]),
    ("第3批试点新增20家", [(20, None, "家", "plain")]),
    ("PM2.5平均浓度下降5%", [(5, None, "%", "plain")]),
    # units of the environment and of land, bare multipliers
    ("PM2.5年平均浓度为39微克/立方米", [(39, None, "微克/立方米", "plain")]),
    ("区域降尘量为3.5吨/平方公里·月", [(3.5, None, "吨/平方公里·月", "plain")]),
    ("全年启动7幅地块征收", [(7, None, "幅", "plain")]),
    # an amount per person (labour productivity): the unit is the rate, not the amount
    ("全员劳动生产率12.5万元/人左右", [(12.5, None, "万元/人", "approx")]),
    ("总投资超1700亿元", [(1700, None, "亿元", "at_least")]),
    ("505万下岗失业人员实现再就业", [(505, None, "万", "plain")]),
    # days: the air-quality count of a year
    ("空气质量优良天数达到260天以上", [(260, None, "天", "at_least")]),
    ("比上年增加2亿", [(2, None, "亿", "plain")]),
    ("关系13亿中国人的饭碗", []),
    ("13亿人口的大国", []),
    # every comparator of the register, before the number or after the unit
    ("新增企业多于120家", [(120, None, "家", "at_least")]),
    ("会议数量不多于30次", [(30, None, "次", "at_most")]),
    ("城镇调查失业率不高于5.5%", [(5.5, None, "%", "at_most")]),
    ("单位能耗增幅小于3%", [(3, None, "%", "at_most")]),
    ("进出口总额增长6%之上", [(6, None, "%", "at_least")]),
    ("赤字控制在3%之内", [(3, None, "%", "at_most")]),
    # units of length and of a pollutant's concentration
    ("新建绿道12千米", [(12, None, "千米", "plain")]),
    ("一氧化碳浓度1.1毫克/立方米", [(1.1, None, "毫克/立方米", "plain")]),
    # a duration is no count (个多月), nor an ordinal (第) or a denominator (每)
    ("工期缩短2个多月", []),
    ("第5个园区", []),
    ("每10万人拥有床位", []),
]


@pytest.mark.parametrize(("phrase", "expected"), QUANTITIES, ids=[p for p, _ in QUANTITIES])
def test_find_quantities(phrase, expected):
    got = [(q.value, q.value_high, q.unit, q.comparator) for q in find_quantities(phrase)]
    assert got == [(pytest.approx(v), h if h is None else pytest.approx(h), u, c) for v, h, u, c in expected]


def test_table_is_big_enough():
    assert len(QUANTITIES) >= 60


@pytest.mark.parametrize(
    ("phrase", "span", "approximate", "kind_hint"),
    [
        ("国内生产总值增长7.5%左右", "7.5%左右", False, "percent"),
        ("赤字率不超过3%", "不超过3%", False, "percent"),
        ("完成旧改2500余户", "2500余户", True, "amount"),
        ("改造8万多平方米", "8万多平方米", True, "amount"),
        ("改造近3.9万平方米", "近3.9万平方米", True, "amount"),
        ("接近50万人", "接近50万人", True, "amount"),
        ("大约120万人", "大约120万人", True, "amount"),
        ("提高0.5个百分点", "0.5个百分点", False, "points"),
        ("增长6%-6.5%", "6%-6.5%", False, "percent"),
        ("覆盖百分之五的家庭", "百分之五", False, "percent"),
        ("超过12000户", "超过12000户", False, "amount"),
    ],
)
def test_span_approximate_and_kind_hint(phrase, span, approximate, kind_hint):
    (q,) = find_quantities(phrase)
    assert isinstance(q, Quantity)
    assert phrase[q.start : q.end] == span
    assert (q.approximate, q.kind_hint) == (approximate, kind_hint)


@pytest.mark.parametrize(("phrase", "_"), QUANTITIES, ids=[p for p, _ in QUANTITIES])
def test_may_hold_quantity_whenever_there_is_one(phrase, _):
    assert may_hold_quantity(phrase) or not find_quantities(phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "进一步深化改革",
        "一是稳增长",
        "今后三年",
        "两个毫不动摇",
        "百分之五的家庭",
        "改造三百户",
        "三到五年",
        "十五万人",
    ],
)
def test_may_hold_quantity_with_a_chinese_numeral(phrase):
    assert may_hold_quantity(phrase) is (phrase not in ("进一步深化改革", "一是稳增长", "今后三年"))


def test_find_quantities_of_a_span() -> None:
    """A span is read as a text of its own ("12,000户" cut after the comma is "000户"), at offsets into
    the text."""
    text = "全年完成旧改12,000户，新增就业10万人以上"
    start = text.index("000")
    got = find_quantities(text, start)
    assert [text[q.start : q.end] for q in got] == ["000户", "10万人以上"]
    assert [(q.value, q.unit) for q in got] == [(q.value, q.unit) for q in find_quantities(text[start:])]
    assert [(q.value, q.unit) for q in find_quantities(text, 0, start - 1)] == []
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(12000, "户"), (10, "万人")]


def test_may_hold_quantity_never_misses_one(corpus_dir: Path) -> None:
    """Every sentence and clause of the corpus with a quantity is one `may_hold_quantity` lets through."""
    for path in sorted(corpus_dir.rglob("*.txt")):
        for piece in re.split(r"[。！？\n，；：]", path.read_text(encoding="utf-8")):
            assert may_hold_quantity(piece) or not find_quantities(piece), piece


def test_may_hold_quantity_of_a_span():
    text = "进一步深化改革。新增就业10万人。"
    assert not may_hold_quantity(text, 0, 8)
    assert may_hold_quantity(text, 8)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一千一百万", 11000000),
        ("十", 10),
        ("十二", 12),
        ("二十二", 22),
        ("一百零五", 105),
        ("一千零五", 1005),
        ("两", 2),
        ("两千", 2000),
        ("二〇一八", 2018),
        ("三点五", 3.5),
        ("零点五", 0.5),
        ("五万亿", 5e12),
        ("一亿五千万", 150000000),
        ("一万二", 12000),
        ("一百二", 120),
        ("三十万", 300000),
        ("1.2万", 12000),
        ("13.65万亿", 13.65e12),
        ("12,000", 12000),
        ("3.5", 3.5),
        ("", None),
        ("万", 10000),
        ("点", None),
        ("abc", None),
        ("十三点", None),
        ("一二十", None),
    ],
)
def test_parse_chinese_number(text, value):
    got = parse_chinese_number(text)
    assert got == (None if value is None else pytest.approx(value))


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("亿元", ("元", 1e8)),
        ("万元", ("元", 1e4)),
        ("万人", ("人", 1e4)),
        ("万平方米", ("平方米", 1e4)),
        ("万亿元", ("元", 1e12)),
        ("亿美元", ("美元", 1e8)),
        ("万亿斤", ("斤", 1e12)),
        ("%", ("%", 1)),
        ("个百分点", ("个百分点", 1)),
        ("户", ("户", 1)),
        ("千瓦时", ("千瓦时", 1)),
        ("万", ("", 1e4)),
    ],
)
def test_unit_factor(unit, expected):
    assert unit_factor(unit) == expected


def test_unit_factor_makes_amounts_comparable():
    base_a, fa = unit_factor("亿元")
    base_b, fb = unit_factor("万元")
    assert base_a == base_b and 2.4 * fa == pytest.approx(24000 * fb)


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("单位国内生产总值能耗下降", True),
        ("主要污染物排放量削减", True),
        ("能耗降低", True),
        ("贫困人口减少", True),
        ("利率下调", True),
        ("物价涨幅回落", True),
        ("同比下降了", True),
        ("能耗下降不低于", True),
        ("国内生产总值增长", False),
        ("失业率下降到", False),
        ("比重提高", False),
        ("", False),
    ],
)
def test_reduction_sign(before, expected):
    assert reduction_sign(before) is expected


def test_find_quantities_is_fast():
    clause = "国内生产总值增长6%-6.5%，城镇新增就业1100万人以上，2018年推进PM2.5治理，完成旧改2500余户。"
    text = (clause * (20000 // len(clause) + 1))[:20000]
    find_quantities(text)  # warm up
    best = min(_timed(text) for _ in range(5))  # ~1000 quantities: denser than any report
    # ~10 ms on a quiet core; a busy shared core (hyperthread siblings) doubles CPU time, not a regression.
    # The bound catches what matters: a pattern gone quadratic or a scan per character.
    assert best < 0.040


def _timed(text: str) -> float:
    # CPU time, not the wall clock: on a busy 2-core CI machine another process can take the core mid-call
    t0 = time.process_time()
    find_quantities(text)
    return time.process_time() - t0

"""pledgetrack.extract.lookup: what a follow-up's review says about last year's targets.

Each case is a fact of the register (how these reports look back on a year), written as a short review of
our own and the evidence the lookup must read off it. The real catalogue is used, no mocks.

Its length (about 750 lines) is its tables of short reviews, one case a fact of the register, with the
evidence each must give.
"""

from __future__ import annotations

import pytest

from pledgetrack.extract import TargetRow
from pledgetrack.extract.lookup import (
    Evidence,
    FollowUp,
    follow_up_spans,
    look_up,
    look_up_one,
    reference_kind,
    reference_region,
)
from pledgetrack.indicators import load_catalogue


def t(indicator, kind, value, unit, direction, indicator_id=None, comparator="plain", phrase=None) -> dict:
    return {
        "indicator": indicator,
        "indicator_id": indicator_id,
        "kind": kind,
        "comparator": comparator if kind != "qualitative" else None,
        "value": value,
        "value_high": None,
        "unit": unit,
        "direction": direction,
        "phrase": phrase or f"{indicator}{'' if value is None else f'{value:g}{unit}'}",
    }


GDP = t("国内生产总值", "growth", 7.5, "%", "floor", "gdp", "approx")
CPI = t("居民消费价格", "growth", 3.0, "%", "ceiling", "cpi", "approx")
SURVEYED = t("城镇调查失业率", "rate", 5.5, "%", "ceiling", "surveyed_unemployment_rate", "at_most")
GRAIN = t("粮食产量", "level", 1.1, "万亿斤", "floor", "grain_output", "at_least")
ENERGY = t("能源消耗强度", "reduction", 3.9, "%", "floor", "energy_intensity", "at_least")
TRADE = t("进出口", "growth", 6.0, "%", "floor", "trade", "approx")
JOBS = t("城镇新增就业", "level", 1100, "万人", "floor", "urban_new_jobs", "at_least")
BOP = t("国际收支", "qualitative", None, None, None, "balance_of_payments", phrase="国际收支基本平衡")
EMISSIONS = t(
    "主要污染物排放量", "qualitative", None, None, "ceiling", "emissions", phrase="主要污染物排放量继续下降"
)
SANNONG = t("中央财政安排“三农”支出", "level", 5625, "亿元", "floor")
HOUSING = t(
    "城镇保障性住房基本建成",
    "level",
    470,
    "万套",
    "floor",
    phrase="城镇保障性住房基本建成470万套、新开工630万套",
)
HOUSING_STARTS = {**HOUSING, "value": 630}

# (case, target, review, expected evidence: (found, kind, value, attainment) or reason)
DEFICIT_RATIO = t("赤字率", "rate", 1.5, "%", "ceiling", "deficit_ratio")
EXPORTS = t("出口", "growth", 8.0, "%", "floor", "exports")
BROKEN = t("中央政府拟新增", "level", 1.18, "万亿元", "floor")
BROKEN_TOO = t("中央财政拟投入", "level", 423, "亿元", "floor")
REGISTERED = t("城镇登记失业率", "rate", 4.5, "%", "ceiling", "registered_unemployment_rate", "at_most")
COAL = t("退出煤炭产能", "level", 1.5, "亿吨", "floor")
PUPILS = t("贫困地区农村学生上重点高校人数", "growth", 10.0, "%", "floor", comparator="at_least")
BONDS = t("长期建设国债", "level", 1400, "亿元", "floor", phrase="今年拟发行1400亿元长期建设国债")
STEEL = t("钢铁产能压减", "level", 5000, "万吨", "floor", phrase="压减钢铁产能5000万吨左右")
TRADE_STEADY = t("进出口", "qualitative", None, None, None, "trade", phrase="进出口量稳质升")
TRADE_BETTER = t("进出口", "qualitative", None, None, None, "trade", phrase="进出口稳中向好")
EMISSIONS_BY = t("主要污染物排放总量", "reduction", 2.0, "%", "floor", "emissions", "at_least")
INCOME_GROWS = t(
    "城乡居民收入", "qualitative", None, None, None, "resident_income", phrase="城乡居民收入稳定增长"
)
MET, NOT_MET = ("statement", "qualitative", None, "met"), ("statement", "qualitative", None, "not_met")
GOOD_STATE = ("state", "qualitative", None, "positive")
LOW = ("state", "qualitative", None, "low")

CASES = [
    ("a growth right after the name", GDP,
     "国内生产总值增长7.7%。", ("figure", "growth", 7.7, None)),
    ("a level first, its growth in the next clause", GDP,
     "国内生产总值达到56.9万亿元，比上年增长7.7%。", ("figure", "growth", 7.7, None)),
    ("words between name and figure: 平均为", SURVEYED,
     "城镇调查失业率平均为5.2%。", ("figure", "rate", 5.2, None)),
    ("a sign survives", GDP,
     "国内生产总值增长-6.5%。", ("figure", "growth", -6.5, None)),
    ("下降 settles a growth target as a reduction", CPI,
     "居民消费价格下降0.7%。", ("figure", "reduction", 0.7, None)),
    ("涨幅回落到 is still the growth", CPI,
     "居民消费价格涨幅回落到2.6%。", ("figure", "growth", 2.6, None)),
    ("another alias of the catalogue", ENERGY,
     "能耗强度下降4.8%。", ("figure", "reduction", 4.8, None)),
    ("a bound that settles: a threshold crossed above the target", GRAIN,
     "粮食产量连续增产，突破1.2万亿斤。", ("figure", "level", 1.2, None)),
    ("a bound that does not settle: crossed below the target", GRAIN,
     "粮食产量突破1万亿斤。", "no_comparable_figure"),
    ("a quoted term and another head (投入 for 支出)", SANNONG,
     "中央财政用于“三农”的投入5955亿元。", ("figure", "level", 5955, None)),
    ("the action of the target picks its figure", HOUSING,
     "新开工保障性安居工程666万套，基本建成544万套。", ("figure", "level", 544, None)),
    ("the other action of the same phrase", HOUSING_STARTS,
     "新开工保障性安居工程666万套，基本建成544万套。", ("figure", "level", 666, None)),
    ("a multi-year figure is passed over", GDP,
     "国内生产总值年均增长9.3%。", "no_comparable_figure"),
    ("each year of a run grew at least so much: a bound for this year", PUPILS,
     "贫困地区农村学生上重点高校人数连续两年增长10%以上。", ("figure", "growth", 10, None)),
    ("…but a plain figure of a run is the run's", PUPILS,
     "贫困地区农村学生上重点高校人数连续两年增长12%。", "no_comparable_figure"),
    ("…in digits too", PUPILS,
     "贫困地区农村学生上重点高校人数连续3年增长12%。", "no_comparable_figure"),
    ("a run of years before the name is a record of the year", GRAIN,
     "实现连续6年增产，粮食产量1.2万亿斤。", ("figure", "level", 1.2, None)),
    ("累计 before the name makes its figure multi-year", JOBS,
     "累计城镇新增就业5870万人。", "no_comparable_figure"),
    ("from another year to this one: the later figure", DEFICIT_RATIO,
     "财政赤字占国内生产总值的比重从2009年的2.8%降到去年的1.5%左右。", ("figure", "rate", 1.5, None)),
    ("an increment is not a level", JOBS,
     "城镇新增就业比上年增加100万人。", "no_comparable_figure"),
    ("another indicator's figure after its own name", GDP,
     "国内生产总值稳定，居民消费价格上涨2%。", "no_comparable_figure"),
    ("a figure of another kind", GDP,
     "国内生产总值达到56.9万亿元。", "other_kind"),
    ("the name as a yardstick of another quantity", GDP,
     "服务业在国内生产总值中的比重上升到50.5%。", "no_comparable_figure"),
    ("the target restated inside a statement", ENERGY,
     "没有实现年初确定的能源消耗强度降低3.9%的目标。", NOT_MET),
    ("a statement of attainment after the name", TRADE,
     "进出口总额出现下降，预期增长目标未能实现。", NOT_MET),
    ("低于…目标 is good for a ceiling", CPI,
     "居民消费价格涨幅低于预期目标。", MET),
    ("低于…目标 is bad for a floor", TRADE,
     "进出口增速低于预期目标。", NOT_MET),
    ("圆满完成", JOBS,
     "城镇新增就业圆满完成全年目标任务。", MET),
    ("a blanket statement is about the year, not each target", JOBS,
     "城镇新增就业稳步推进，完成了全年主要目标任务。", "no_comparable_figure"),
    ("a qualitative state settles a qualitative target", BOP,
     "国际收支基本平衡。", GOOD_STATE),
    ("继续下降 is good for a ceiling", EMISSIONS,
     "主要污染物排放量继续下降。", GOOD_STATE),
    ("a state does not settle a figure", GDP,
     "国内生产总值基本稳定。", "no_comparable_figure"),
    ("named nowhere", GDP,
     "城镇新增就业1100万人。", "no_mention"),
    ("a rate's head noun is a mention, not a place to read a figure", REGISTERED,
     "失业率5%，为近期较好水平。", "no_comparable_figure"),
    ("…but a place to read its state: a ceiling at a record low", REGISTERED,
     "城镇新增就业1300万人，失业率为多年来最低。", LOW),
    ("…or at its best on record", REGISTERED,
     "城镇登记失业率均值保持历史最好水平。", LOW),
    ("the best on record is a good state of a qualitative aim", TRADE_BETTER,
     "进出口规模创历史最好水平。", GOOD_STATE),
    ("an aspiration to the best is no state", REGISTERED,
     "城镇登记失业率对标最好水平。", "no_comparable_figure"),
    ("another rate's name holding the head is no place to read its state", REGISTERED,
     "调查失业率稳定在较低水平。", "no_comparable_figure"),
    ("both ends of an unknown name in one sentence is a mention", COAL,
     "推进钢铁、煤炭行业市场化去产能。", "no_comparable_figure"),
    ("a pledge named with its verb last is searched by its noun", STEEL,
     "推进钢铁、煤炭行业市场化去产能。", "no_comparable_figure"),
    ("…and settled by a figure after the noun", STEEL,
     "退出钢铁产能6500万吨。", ("figure", "level", 6500, None)),
    ("a head looked back on as what it became is a mention, no figure", BONDS,
     "投入国债资金147亿元。", "no_comparable_figure"),
    ("…but not in two sentences", COAL,
     "煤炭供应稳定。钢铁去产能。", "no_mention"),
    ("a name inside another indicator's name is a mention, not a figure", EXPORTS,
     "进出口总额增长3.4%。", "no_comparable_figure"),
    # a state is not an explicit statement: it settles a qualitative target, and a ceiling only when low
    ("a ceiling said to stay low (rule stated_low)", CPI,
     "居民消费价格涨幅保持较低水平。", LOW),
    ("低位运行 too", CPI,
     "物价低位运行。", LOW),
    ("a low of several years is not the year's", CPI,
     "居民消费价格年均上涨1.9%，保持较低水平。", "no_comparable_figure"),
    ("a low floor is no attainment of it", TRADE,
     "进出口增速处于较低水平。", "no_comparable_figure"),
    ("prices steady: a rise that stayed small, under a ceiling on it (rule stated_low)", CPI,
     "居民消费价格总体平稳。", LOW),
    ("…not for a ceiling on a rate", REGISTERED,
     "城镇登记失业率总体平稳。", "no_comparable_figure"),
    ("持平 is a change of nothing", CPI,
     "居民消费价格指数持平。", ("figure", "growth", 0.0, None)),
    ("基本持平 too, and it misses a floor", TRADE,
     "进出口与上年基本持平。", ("figure", "growth", 0.0, None)),
    ("持续改善 says nothing of a growth target", TRADE,
     "进出口结构持续改善。", "no_comparable_figure"),
    ("保持较低水平 settles a qualitative target asking for less", EMISSIONS,
     "主要污染物排放量保持较低水平。", GOOD_STATE),
    ("…but a state is still no statement: 完成目标 is", CPI,
     "居民消费价格涨幅控制在预期目标以内。", MET),
    # qualitative_by_figure: a figure of the indicator, read for its polarity
    ("a growth settles a target of improvement (floor)", TRADE_BETTER,
     "进出口增长9.1%。", ("figure", "growth", 9.1, "positive")),
    ("a negative growth misses it", TRADE_BETTER,
     "进出口增长-3.2%。", ("figure", "growth", -3.2, "negative")),
    ("a stated fall misses it", TRADE_BETTER,
     "进出口下降2.5%。", ("figure", "reduction", 2.5, "negative")),
    ("量稳质升 asks for better too", TRADE_STEADY,
     "进出口总额增长21.4%。", ("figure", "growth", 21.4, "positive")),
    ("a fall without a figure misses it too", TRADE_BETTER,
     "进出口出现下降。", ("state", "qualitative", None, "negative")),
    ("a threshold crossed upwards settles it", TRADE_BETTER,
     "货物进出口总额超过20万亿元。", ("figure", "level", 20, "positive")),
    ("a plain level says nothing of a direction", TRADE_BETTER,
     "货物进出口总额达到20万亿元。", "other_kind"),
    ("a reduction settles a target of reduction", EMISSIONS,
     "主要污染物排放量下降3.3%。", ("figure", "reduction", 3.3, "positive")),
    ("a rise misses it", EMISSIONS,
     "主要污染物排放量增长1.2%。", ("figure", "growth", 1.2, "negative")),
    ("a group is spoken of by its members (catalogue parts)", EMISSIONS,
     "二氧化硫、氮氧化物排放量分别下降4.1%和2%。", ("figure", "reduction", 4.1, "positive")),
    ("a member rising misses it", EMISSIONS,
     "氨氮排放量增长0.8%。", ("figure", "growth", 0.8, "negative")),
    ("a member's figure is not the group's for a quantitative target", EMISSIONS_BY,
     "化学需氧量排放量下降3%。", "no_comparable_figure"),
    ("a growth target of a group settled by a member", INCOME_GROWS,
     "城镇居民人均可支配收入实际增长6%。", ("figure", "growth", 6, "positive")),
    # a statement about a group the target belongs to (the catalogue's parts, read upwards)
    ("an attainment of the group is one of each member", EMISSIONS,
     "狠抓节能减排，各项约束性指标超额完成。", MET),
    ("…of a member's member too, and of a quantitative target", EMISSIONS_BY,
     "约束性指标全部完成。", MET),
    ("a group's miss is the member's", ENERGY,
     "节能减排约束性指标没有完成。", NOT_MET),
    ("a state of the group says nothing of a member", EMISSIONS,
     "约束性指标持续改善。", "no_comparable_figure"),
    ("the name, then that it was done", JOBS,
     "城镇新增就业超额完成。", MET),
    ("多年来最低 is a record, not a multi-year sentence", TRADE_BETTER,
     "失业率为多年来最低；进出口增长5%。", ("figure", "growth", 5, "positive")),
    ("a paragraph opening on the term is about five years", TRADE_BETTER,
     "2020年是收官之年。过去五年，进出口增长30%。", "no_comparable_figure"),
    ("a name too broken to search", BROKEN,
     "中央政府拟新增投资1万亿元。", "no_usable_name"),
    ("an actor and a verb are no name", BROKEN_TOO,
     "城镇新增就业1100万人。", "no_usable_name"),
    ("…拿出 is a verb of spending too", t("中央财政拿出", "level", 396, "亿元", "floor"),
     "城镇新增就业1100万人。", "no_usable_name"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "target", "review", "expected"), CASES, ids=[c[0] for c in CASES])
def test_register(case, target, review, expected):
    text = "一、去年工作回顾\n\n" + review + "\n\n二、今年工作安排\n\n国内生产总值增长6%左右。"
    span = (0, text.index("\n\n二、"))
    found = look_up_one(target, FollowUp(text, [span], 2020), load_catalogue())
    if isinstance(expected, str):
        assert (found.found, found.reason) == (None, expected)
        if expected != "no_mention" and expected != "no_usable_name":
            # a reader can check: the nearest mention is in the review and quoted
            assert found.mention_start is not None and found.mention_end <= span[1]
            assert text[found.mention_start : found.mention_end] in found.snippet
        return
    assert found.reason is None
    assert (found.found, found.kind, found.value, found.attainment) == expected
    # the phrase is an exact substring of the text, from the name to the figure or statement
    assert text[found.char_start : found.char_end] == found.phrase
    assert span[0] <= found.char_start < found.char_end <= span[1]


def test_only_the_review_is_searched():
    text = "一、去年工作回顾\n\n城镇新增就业稳步推进。\n\n二、今年工作\n\n国内生产总值增长7.9%。"
    review = (0, text.index("\n\n二、"))
    assert look_up_one(GDP, FollowUp(text, [review]), load_catalogue()).reason == "no_mention"
    # without a review section the whole report is searched: never a target dropped for want of one
    assert look_up_one(GDP, FollowUp(text, []), load_catalogue()).found == "figure"


def test_other_years_and_estimates():
    text = "2019年国内生产总值增长6.1%，2020年国内生产总值预计增长2.3%。"
    found = look_up_one(GDP, FollowUp(text, [(0, len(text))], 2020), load_catalogue())
    assert (found.value, found.estimated) == (2.3, True)


def test_one_evidence_per_target_in_order_and_target_rows():
    text = "城镇新增就业1186万人，国内生产总值增长2.3%。"
    row = TargetRow(
        "headline",
        "国内生产总值",
        "gdp",
        "growth",
        "approx",
        6.0,
        None,
        "%",
        "floor",
        "国内生产总值增长6%左右",
        0,
        12,
    )
    found = look_up([JOBS, row, BOP], text, [(0, len(text))], load_catalogue())
    assert [f.value for f in found] == [1186, 2.3, None]
    assert found[2] == Evidence(reason="no_mention")


# ---------------------------------------------------------------- the review against the follow-up's own plan

SPENT = t(
    "中央财政将安排科技支出", "level", 1134, "亿元", "floor", phrase="今年中央财政将安排科技支出1134亿元"
)
SPENT_GROWTH = t("中央财政科技投入", "growth", 25.6, "%", "floor", phrase="中央财政科技投入增长25.6%")
EDUCATION = t("中央财政安排教育支出", "level", 500, "亿元", "floor")
M2 = t("广义货币", "growth", 16.0, "%", None, "money_supply")
BOP_BETTER = t(
    "国际收支", "qualitative", None, None, None, "balance_of_payments", phrase="国际收支状况继续改善"
)
DATA_FEES = t("移动网络流量资费", "reduction", 30.0, "%", "floor", comparator="at_least")
POWER_PRICE = t("一般工商业电价", "reduction", 10.0, "%", "floor")
AMMONIA = t("氨氮排放量", "reduction", 2.0, "%", "floor", "ammonia_emissions")
REVENUE = t("一般公共预算收入", "growth", 5.5, "%", "floor", "general_budget_revenue")
INVESTMENT = t("固定资产投资", "growth", 10.0, "%", "floor", "fixed_asset_investment", "at_least")
GRAIN_JIN = t("粮食产量", "level", 476, "亿斤", "floor", "grain_output", "at_least")
TRADE_UP = t("进出口总额", "qualitative", None, None, "floor", "trade", phrase="进出口总额力争保持正增长")
WORKS = t("“民生实事”", "qualitative", None, None, None, phrase="办好“民生实事”")
TASK_OF_YEARS = t("“三年上台阶”", "qualitative", None, None, None, phrase="确保完成“三年上台阶”的任务")
TASK_CUT = t("3815”战略发展目标“三年上台阶", "qualitative", None, None, None,
             phrase="确保完成“3815”战略发展目标“三年上台阶”的任务")  # fmt: skip
INCOME_STEP = t(
    "居民收入", "qualitative", None, None, None, "resident_income", phrase="居民收入增长与经济增长同步"
)
INCOME_FASTER = t(
    "居民收入", "qualitative", None, None, None, "resident_income", phrase="居民收入增速高于经济增速"
)

REVENUE_OLD_NAME = t(
    "一般公共财政预算收入", "growth", 7.0, "%", "floor", "general_budget_revenue", "at_least"
)
ALL_RESIDENTS = t("全体居民人均可支配收入", "growth", 8.0, "%", "floor", "resident_income", "approx")
# 城乡X with one figure is cut into a target of 城镇X and one of 农村X (targets.py)
URBAN_CUT = t("城镇居民人均可支配收入", "growth", 6.5, "%", "floor", "urban_income", "approx",
              phrase="城乡居民人均可支配收入增长6.5%左右")  # fmt: skip
URBAN_LISTED = t("城镇居民人均可支配收入", "growth", 6.5, "%", "floor", "urban_income",
                 phrase="城镇、农村居民人均可支配收入分别增长6.5%和8%")  # fmt: skip
COUNTY = "河北省保定市某县"
LISTED_PROJECTS = t("争列市以上重点项目盘子", "level", 10, "个", "floor", comparator="at_least",
                    phrase="争列市以上重点项目盘子10个以上")  # fmt: skip
CITY_UP_PROJECTS = t("市级以上重点项目", "level", 12, "个", "floor", phrase="争取市级以上重点项目12个")
PLANNED_PROJECTS = t("实施省、市重点项目", "level", 8, "个", "floor", comparator="at_least",
                     phrase="实施省、市重点项目8个以上")  # fmt: skip
OWN_PROJECTS = t("重点项目", "level", 60, "项", "floor", phrase="实施重点项目60项")
CITY_PARKS = t("市级现代农业产业园", "level", 2, "个", "floor", phrase="新建2个市级现代农业产业园")
VILLAGES = t("美丽乡村", "level", 15, "个", "floor", phrase="打造15个美丽乡村")
SMALL_FIRMS = t("科技型中小企业", "level", 30, "家", "floor", comparator="at_least",
                phrase="认定科技型中小企业30家以上")  # fmt: skip
OLD_HOUSING = t("老旧小区改造", "level", 15, "个", "floor", phrase="推进15个老旧小区改造")
PLANNED_MONEY = t("年度计划投资", "level", 12, "亿元", "floor", comparator="at_least",
                  phrase="年度计划投资12亿元以上")  # fmt: skip
PEOPLES_WORKS = t("民心工程", "level", 18, "项", "floor", phrase="办好18项民心工程")

# (case, target, region of the government, review, expected evidence or reason): each a fact of the register
# a qualitative aim of a water the catalogue does not know, held to a class of the standard
RIVERS = t(
    "淮河干流、洪泽湖出境断面水质", "qualitative", None, None, None,
    phrase="淮河干流、洪泽湖出境断面水质稳定保持在II类及以上",
)  # fmt: skip
RULES = [
    # an aim of this year is no result of the last, wherever it stands
    ("要… is an aim", JOBS, None,
     "今年要实现城镇新增就业1100万人以上。", "no_comparable_figure"),
    ("力争… is an aim", TRADE, None,
     "力争进出口增长5%。", "no_comparable_figure"),
    ("今年…左右 is an aim", GDP, None,
     "今年国内生产总值增长7%左右。", "no_comparable_figure"),
    ("…but a year's plain result is read", GDP, None,
     "国内生产总值增长7.1%，主要指标好于预期。", ("figure", "growth", 7.1, None)),
    ("要确保完成 is an aim, no statement", JOBS, None,
     "城镇新增就业要确保完成全年目标任务。", "no_comparable_figure"),
    # a part of the quantity: a mention, never the whole's figure
    ("a mode of trade is a part", TRADE, "陕西省",
     "跨境电商进出口增长16.3%。", "no_comparable_figure"),
    ("a size class is a part", INVESTMENT, "山东省聊城市高唐县",
     "完成规模以上固定资产投资75亿元，增长24%。", "no_comparable_figure"),
    ("a zone inside the area is a part", INVESTMENT, "广西壮族自治区",
     "沿边临港产业园区固定资产投资增长11.7%。", "no_comparable_figure"),
    ("what something drove is a part", TRADE, "陕西省",
     "中欧班列开行5000列，带动陕西进出口415亿元、增长11.7%。", "no_comparable_figure"),
    ("trading partners are parts, even in a 分别 list", TRADE, "广西壮族自治区",
     "对东盟、欧盟进出口分别增长16.7%、40.2%。", "no_comparable_figure"),
    ("each name of a 分别 list its own figure, not the first", REVENUE, None,
     "地区生产总值、一般公共预算收入分别增长5.4%、3.1%。", ("figure", "growth", 3.1, None)),
    ("the government's own area is the whole", TRADE, "陕西省",
     "全年陕西进出口增长5.2%。", ("figure", "growth", 5.2, None)),
    ("…and so is the year, the province, a verb of result", TRADE, "河南省",
     "去年全省实现进出口总值增长14.1%。", ("figure", "growth", 14.1, None)),
    ("a count in another unit: the name qualifies another noun", TRADE_UP, None,
     "外贸企业1295家、增长50.6%。", "no_comparable_figure"),
    # a 分别 list gives each name its own figure
    ("the second member of a 分别 list takes the second figure", AMMONIA, None,
     "化学需氧量、氨氮排放量分别下降3.1%和2.4%。", ("figure", "reduction", 2.4, None)),
    ("a spending named in a list of spendings", SPENT, None,
     "中央财政用于科技、教育和卫生的支出分别为1180亿元、536亿元和138亿元。", ("figure", "level", 1180, None)),
    ("…each member its own", EDUCATION, None,
     "中央财政用于科技、教育和卫生的支出分别为1180亿元、536亿元和138亿元。", ("figure", "level", 536, None)),
    ("…and its growths too", SPENT_GROWTH, None,
     "中央财政用于科技、教育的支出分别为1180亿元、536亿元，比上年增长29.2%和39.4%。",
     ("figure", "growth", 29.2, None)),
    ("a purpose outside a list of spendings is no name", SPENT, None,
     "科技创新取得重大成果。", "no_mention"),
    # one spending, whatever its noun
    ("支出 planned, 投入 reported", SPENT, None,
     "中央财政科技投入1163亿元，增长16.4%。", ("figure", "level", 1163, None)),
    ("用于…的支出", SPENT_GROWTH, None,
     "中央财政用于科技的支出1512亿元，增长30%。", ("figure", "growth", 30, None)),
    # names the register looks back with: mentions, never a figure
    ("a ratio spoken of by what it divides", DEFICIT_RATIO, None,
     "去年财政赤字控制在预算范围内。", "no_comparable_figure"),
    ("an instrument's head noun as the subject of a change", M2, None,
     "有效运用货币政策工具，保持货币信贷合理增长。", "no_comparable_figure"),
    ("…but not the policy named after it", M2, None,
     "实施稳健的货币政策。", "no_mention"),
    ("a group spoken of by a member (the balance of payments by the trade surplus)", BOP_BETTER, None,
     "进出口增长22.5%，贸易顺差进一步下降。", "no_comparable_figure"),
    ("a fee cut looked back on as the cost of using it", DATA_FEES, None,
     "推动降低用能、用网和物流等成本。", "no_comparable_figure"),
    ("…电价 by 用电成本", POWER_PRICE, None,
     "降低制造业用电成本。", "no_comparable_figure"),
    ("…not by the cost of something else", POWER_PRICE, None,
     "降低企业用工成本。", "no_mention"),
    # done well, the name, its task: a statement around the name
    ("顺利完成<name>任务", WORKS, None,
     "圆满完成“民生实事”任务。", ("statement", "qualitative", None, "met")),
    ("…in the period's review it is the period's task", WORKS, None,
     "这五年，我们圆满完成“民生实事”任务。", "no_comparable_figure"),
    ("…unless the target is a task of several years ending this year", TASK_OF_YEARS, None,
     "这五年，我们顺利完成“三年上台阶”任务。", ("statement", "qualitative", None, "met")),
    ("a quoted term of the phrase where the name lost its quotes", TASK_CUT, None,
     "这五年，我们顺利完成“三年上台阶”任务。", ("statement", "qualitative", None, "met")),
    ("…and an aim is no statement", WORKS, None,
     "要确保完成“民生实事”任务。", "no_comparable_figure"),
    # the year's own words
    ("一年来 is the year, not several", TRADE, "河南省",
     "一年来，全省上下真抓实干，进出口总值增长14.1%。", ("figure", "growth", 14.1, None)),
    ("同口径增长 after a level", REVENUE, None,
     "完成一般公共预算收入11.7亿元，同口径增长9%。", ("figure", "growth", 9, None)),
    ("粮食总产 is the grain output", GRAIN_JIN, None,
     "粮食总产486.5亿斤。", ("figure", "level", 486.5, None)),
    # a threshold crossed before the growth (a level, another kind) leaves the growth to be read
    ("a threshold crossed (突破…大关), then the growth", REVENUE_OLD_NAME, COUNTY,
     "一般公共预算收入突破8亿元大关，同比增长11.2%。", ("figure", "growth", 11.2, None)),
    # a name its figures are shared out over (分别, or a list of figures) gives its members' figures
    ("城乡X分别… states the parts, never the whole", ALL_RESIDENTS, COUNTY,
     "城乡居民人均可支配收入分别达到36000元、17000元，增长8.3%、9.6%。", "no_comparable_figure"),
    ("…预计分别 too", ALL_RESIDENTS, COUNTY,
     "城乡居民人均可支配收入预计分别完成26000元和12000元，增长8%和11%。", "no_comparable_figure"),
    ("…and a list of figures without 分别", ALL_RESIDENTS, COUNTY,
     "城乡居民人均可支配收入达到36000元、17000元，增长8.3%、9.6%。", "no_comparable_figure"),
    ("…a qualitative target of the group is spoken of by its members still", INCOME_GROWS, COUNTY,
     "城乡居民人均可支配收入分别增长7%、9%。", ("figure", "growth", 7, "positive")),
    ("one figure of 城乡X is the whole's", ALL_RESIDENTS, COUNTY,
     "城乡居民人均可支配收入达到26000元，增长7.9%。", ("figure", "growth", 7.9, None)),
    # a target cut from 城乡X with one figure is held to 城乡X's one figure
    ("a member target cut from the group's phrase takes the group's one figure", URBAN_CUT, COUNTY,
     "城乡居民人均可支配收入达到26000元，增长6%。", ("figure", "growth", 6, None)),
    ("…never a 分别 list of the members'", URBAN_CUT, COUNTY,
     "城乡居民人均可支配收入分别增长6%和8%。", "no_comparable_figure"),
    ("…and a member target set on its own is not", URBAN_LISTED, COUNTY,
     "城乡居民人均可支配收入达到26000元，增长6%。", "no_comparable_figure"),
    # lists qualified by levels of government: the same levels, however written, are the same list
    ("省市 and 省、市 are one qualifier, 市以上 is 省市; 盘子 is the list's slate", LISTED_PROJECTS, COUNTY,
     "新增省、市重点项目12个，完成投资8亿元。", ("figure", "level", 12, None)),
    ("市级以上 is 省市", CITY_UP_PROJECTS, COUNTY,
     "推进省市重点项目13个。", ("figure", "level", 13, None)),
    ("a county's own list is its 县以上 list; 个 and 项 count alike", OWN_PROJECTS, COUNTY,
     "实施县以上重点项目52个，总投资180亿元。", ("figure", "level", 52, None)),
    ("…and 省市 a part of it", OWN_PROJECTS, COUNTY,
     "新增省、市重点项目12个。", "no_comparable_figure"),
    ("省市 is not the county's own list", LISTED_PROJECTS, COUNTY,
     "全年实施重点项目52个。", "no_comparable_figure"),
    ("a 市级 list is not a 省级 one", CITY_PARKS, COUNTY,
     "新建省级现代农业产业园2个。", "no_comparable_figure"),
    ("a class the target does not name is a part", VILLAGES, COUNTY,
     "建成5个省级美丽乡村。", "no_comparable_figure"),
    ("…every class named together is the whole", SMALL_FIRMS, COUNTY,
     "评价入库省级、国家级科技型中小企业45家。", ("figure", "level", 45, None)),
    # a water-quality aim names a class of the standard (I best … V worst): the same or a better class met it
    ("a class held at the name's tail", RIVERS, None,
     "三大江河出境断面水质保持在II类及以上。", ("state", "qualitative", None, "positive")),
    ("…reached over several years, still this year's", RIVERS, None,
     "出境断面水质连续6年达到II类标准。", ("state", "qualitative", None, "positive")),
    ("…a better class", RIVERS, None,
     "出境断面水质均为I类。", ("state", "qualitative", None, "positive")),
    ("…a worse class misses it", RIVERS, None,
     "出境断面水质为III类。", ("state", "qualitative", None, "negative")),
    ("…a class of something else is no statement", RIVERS, None,
     "出境断面水质稳定，新建II类以上医院2所。", "no_comparable_figure"),
    # a count leading its noun is the noun's count
    ("a count right before the name", PLANNED_PROJECTS, COUNTY,
     "8个省市重点项目全部开工建设。", ("figure", "level", 8, None)),
    ("…not money the name's projects cost", OWN_PROJECTS, COUNTY,
     "实施总投资30亿元的重点项目。", "no_comparable_figure"),
    ("…the target's action named in the clause", OLD_HOUSING, COUNTY,
     "16个老旧小区完成改造。", ("figure", "level", 16, None)),
    ("…and only then", OLD_HOUSING, COUNTY,
     "40个老旧小区引入物业服务。", "no_comparable_figure"),
    # a planned amount is settled by the share of the plan done
    ("投资完成率 of a 计划投资", PLANNED_MONEY, COUNTY,
     "省市重点项目年度投资完成率为131.2%。", ("statement", "qualitative", 131.2, "ratio")),
    # done well written verb first, levels between, the name ending its list
    ("高标准完成<levels><name>和…", PEOPLES_WORKS, COUNTY,
     "我们高质量完成省市县民心工程和惠民实事，群众满意度明显提升。", MET),
    ("…推进 is no completion", PEOPLES_WORKS, COUNTY,
     "我们高质量推进省市县民心工程和惠民实事。", "no_comparable_figure"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "target", "region", "review", "expected"), RULES, ids=[c[0] for c in RULES])
def test_rules_of_the_register(case, target, region, review, expected):
    text = "一、去年工作回顾\n\n" + review + "\n\n二、今年工作安排\n\n国内生产总值增长6%左右。"
    span = (0, text.index("\n\n二、"))
    found = look_up_one({**target, "region": region}, FollowUp(text, [span], 2020), load_catalogue())
    if isinstance(expected, str):
        assert (found.found, found.reason) == (None, expected)
        return
    assert (found.found, found.kind, found.value, found.attainment) == expected
    assert text[found.char_start : found.char_end] == found.phrase


REVIEW_HEADING = "一、2025年和“十四五”时期工作回顾"
# a follow-up of our own: its review of the year and of the period, then its own plan and targets
FOLLOW_UP = (
    "各位代表：\n\n"
    + REVIEW_HEADING
    + "\n\n刚刚过去的2025年，全省上下顶压前行，经济运行稳中有进，城镇新增就业19万人。\n\n"
    "五年来，我们砥砺奋进，走过极不平凡的历程。\n\n"
    "——人民生活水平实现新跃升。居民人均可支配收入增长34.3%，粮食总产量稳定在550亿斤左右。\n\n"
    "二、2026年工作安排\n\n"
    "今年主要预期目标是：城镇新增就业18万人以上，居民消费价格涨幅2%左右。\n\n"
    "居民人均可支配收入增长5%。"
)


def _sections(with_review: bool) -> list[tuple[str, int, int, str | None]]:
    plan = FOLLOW_UP.index("二、2026年")
    targets = FOLLOW_UP.index("今年主要预期目标")
    out = [
        ("plan", plan + len("二、2026年工作安排\n\n"), len(FOLLOW_UP), "二、2026年工作安排"),
        ("targets", targets, FOLLOW_UP.index("\n\n居民人均"), ""),
    ]
    if with_review:
        out.append(("review", FOLLOW_UP.index("刚刚过去"), plan - 2, REVIEW_HEADING))
    return out


JOBS_18 = t("城镇新增就业", "level", 18, "万人", "floor", "urban_new_jobs", "at_least")
CPI_2 = t("居民消费价格", "growth", 2.0, "%", "ceiling", "cpi", "approx")
# (with a review found, target, the figure read or the reason there is none)
OWN_PLAN = [
    (True, JOBS_18, 19),
    (False, JOBS_18, 19),  # a review lost: the rest of the report is searched, never its targets
    # "居民消费价格涨幅2%左右" is this year's target, no result of the last: the review never names it …
    (True, CPI_2, "no_mention"),
    (False, CPI_2, "no_comparable_figure"),  # … and without a review, named only there: no accusation
    # the period's part runs on from "五年来" to the year's: its growth (and the plan's) is not the year's
    (True, INCOME_STEP, "no_comparable_figure"),
    (True, GRAIN_JIN, "no_comparable_figure"),  # "稳定在550亿斤左右": the period's
]  # fmt: skip


@pytest.mark.parametrize(("with_review", "target", "expected"), OWN_PLAN)
def test_the_follow_ups_own_plan_and_period_are_no_evidence(with_review, target, expected):
    review, own, period = follow_up_spans(FOLLOW_UP, _sections(with_review), 2025)
    [found] = look_up([target], FOLLOW_UP, review, load_catalogue(), 2025, own, period)
    if isinstance(expected, str):
        assert (found.found, found.reason) == (None, expected)
    else:
        assert (found.found, found.value) == ("figure", expected)


# ---------------------------------------------------------------- relative targets (targets.reference)


def rel(indicator, indicator_id, phrase, reference, year=2020) -> dict:
    """A relative target of a county of 保定 (qualitative, held to `reference`)."""
    return {**t(indicator, "qualitative", None, None, None, indicator_id, phrase=phrase),
            "reference": reference, "region": "河北省保定市蠡县", "year": year}  # fmt: skip


INDUSTRY_ABOVE = rel(
    "规模以上工业增加值", "industrial_value_added", "规模以上工业增加值增幅高于全市平均水平", "全市平均水平"
)
RETAIL_ABOVE = rel(
    "社会消费品零售总额", "retail_sales", "社会消费品零售总额增幅高于全市平均水平", "全市平均水平"
)
MAIN_RANK = rel("主要经济指标", None, "力争各项主要经济指标增速进入全市前列", "全市前列")
AIR_RANK = rel("环境空气质量", "environment_quality", "环境空气质量保持全市前列", "全市前列")
GRAIN_LEVEL = rel("粮食产量", "grain_output", "粮食产量高于2019年水平", "2019年水平")
GRAIN_LAST_YEAR = rel("粮食产量", "grain_output", "粮食产量不低于上年水平", "上年水平")
GRAIN_BACK = rel("粮食产量", "grain_output", "粮食产量恢复到2018年水平", "2018年水平")
QUOTA_DONE = rel("约束性指标", "binding_indicators", "其他约束性指标完成省定、市定任务", "省定、市定任务")
PM_QUOTA = rel("PM2.5", "pm25", "PM2.5平均浓度下降率完成市定任务", "市定任务")

# (case, target, review, expected: (found, attainment, reference_kind) or (reason, reference_kind))
RELATIVE = [
    # a level of the year before: a direction, settled by the target's own growth
    ("a level of the year before: its growth settles it", GRAIN_LEVEL,
     "粮食总产达到30.5万吨，增长2.1%。", ("figure", "positive", "level")),
    ("…a fall misses it", GRAIN_LEVEL,
     "粮食总产29.1万吨，下降1.5%。", ("figure", "negative", "level")),
    ("…上年水平 too", GRAIN_LAST_YEAR,
     "粮食产量增长0.8%。", ("figure", "positive", "level")),
    ("…a state is no growth", GRAIN_LEVEL,
     "粮食生产保持稳定。", ("no_comparable_figure", "level")),
    ("…nor is a threshold crossed", GRAIN_LEVEL,
     "粮食总产突破30万吨。", ("no_comparable_figure", "level")),
    ("a level of another year is no direction of one year", GRAIN_BACK,
     "粮食总产达到30.5万吨，增长2.1%。", ("other_kind", None)),
    # an average: a statement against it, about the indicator or its group; else its own growth
    ("above the average, stated after the name", INDUSTRY_ABOVE,
     "规模以上工业增加值增长9.9%，高于全市平均水平。", ("statement", "met", "average")),
    ("…after its figures, in points", RETAIL_ABOVE,
     "社会消费品零售总额完成14.2亿元，同比下降1.2%，高于全市平均增速0.3个百分点。",
     ("statement", "met", "average")),
    ("…of the main indicators as a group", INDUSTRY_ABOVE,
     "全县地区生产总值增速全市第2，5项主要经济指标增速高于全市平均水平。", ("statement", "met", "average")),
    ("…of the city and the province at once", INDUSTRY_ABOVE,
     "多项经济指标增速高于省、市平均增速。", ("statement", "met", "average")),
    ("…below it misses it", INDUSTRY_ABOVE,
     "规模以上工业增加值增长1.5%，低于全市平均水平。", ("statement", "not_met", "average")),
    ("another government's average says nothing of the city's", INDUSTRY_ABOVE,
     "规模以上工业增加值增长9.9%，5项经济指标增速高于全国、全省平均水平。", ("figure", None, "average")),
    ("without a statement its own growth, to compare with the city's", INDUSTRY_ABOVE,
     "规模以上工业增加值增长9.9%。", ("figure", None, "average")),
    ("…a fall is a growth below zero", RETAIL_ABOVE,
     "社会消费品零售总额完成14.2亿元，同比下降1.2%。", ("figure", None, "average")),
    ("…never a level", RETAIL_ABOVE,
     "社会消费品零售总额完成14.2亿元。", ("other_kind", "average")),
    ("an aim is no statement", INDUSTRY_ABOVE,
     "今年规模以上工业增加值增速要高于全市平均水平。", ("no_comparable_figure", "average")),
    # a rank: a statement of rank alone, the first five are 前列
    ("a rank of the group, 前五", MAIN_RANK,
     "全县生产总值、固定资产投资、社会消费品零售总额、规上工业增加值四项主要经济数据增长率排名全市前五。",
     ("statement", "met", "rank")),
    ("…前列 of 多项指标, after another indicator's rank", MAIN_RANK,
     "地区生产总值增长7.2%，排名全市第一；多项指标增幅稳居全市前列。", ("statement", "met", "rank")),
    ("…not a rank past the fifth", MAIN_RANK,
     "主要经济指标增速居全市第6位，多数考核指标进入全市前12。", ("no_comparable_figure", "rank")),
    ("…nor a figure", MAIN_RANK,
     "主要经济指标增长较快。", ("no_comparable_figure", "rank")),
    ("…nor another thing's rank in a later clause", MAIN_RANK,
     "主要经济指标稳中有进，营商环境位居全市前列。", ("no_comparable_figure", "rank")),
    ("…but a later clause of the name's own figures", RETAIL_ABOVE,
     "社会消费品零售总额增长6.1%，增速连续3年高于全市平均水平。", ("statement", "met", "average")),
    ("…nor one member's rank for the group", MAIN_RANK,
     "地区生产总值增长7.2%，排名全市第一。", ("no_mention", "rank")),
    ("a group's rank speaks only for the economy's indicators", AIR_RANK,
     "四项主要经济数据增长率排名全市前五，环境空气质量持续改善。", ("no_comparable_figure", "rank")),
    ("…its own rank settles it", AIR_RANK,
     "环境空气质量综合指数位居全市第一。", ("statement", "met", "rank")),
    # a quota: a statement that it was done
    ("a quota done, its setter named", QUOTA_DONE,
     "约束性指标超额完成省市任务。", ("statement", "met", "quota")),
    ("…or its group said done", QUOTA_DONE,
     "节能减排成效明显，各项约束性指标超额完成。", ("statement", "met", "quota")),
    ("…a member's quota speaks for the member", PM_QUOTA,
     "PM2.5平均浓度为48微克/立方米，完成市定任务。", ("statement", "met", "quota")),
    ("…a state is no quota done", PM_QUOTA,
     "PM2.5平均浓度持续下降。", ("no_comparable_figure", "quota")),
    ("…nor a figure", PM_QUOTA,
     "PM2.5平均浓度下降8.5%。", ("other_kind", "quota")),
]  # fmt: skip


@pytest.mark.parametrize(("case", "target", "review", "expected"), RELATIVE, ids=[c[0] for c in RELATIVE])
def test_relative_targets(case, target, review, expected):
    text = "一、去年工作回顾\n\n" + review + "\n\n二、今年工作安排\n\n地区生产总值增长6%左右。"
    span = (0, text.index("\n\n二、"))
    found = look_up_one(target, FollowUp(text, [span], 2020), load_catalogue())
    assert found.reference_kind == expected[-1]
    if len(expected) == 2:
        assert (found.found, found.reason) == (None, expected[0])
        return
    assert (found.found, found.attainment) == expected[:2]
    assert text[found.char_start : found.char_end] == found.phrase
    if expected[-1] == "average":
        assert found.reference_region == "河北省保定市"  # the county's city: its result is the reference
        assert found.found != "figure" or found.kind in ("growth", "reduction")


@pytest.mark.parametrize(
    ("reference", "year", "kind"),
    [
        ("全市平均水平", 2021, "average"),
        ("全国平均水平", 2021, "average"),
        ("全市前列", 2021, "rank"),
        ("保定市前列", 2021, "rank"),
        ("全国前列", 2021, "rank"),
        ("省定、市定任务", 2021, "quota"),
        ("上级下达的各项约束性指标", 2021, "quota"),
        ("市核任务", 2021, "quota"),
        ("2020年水平", 2021, "level"),
        ("上年水平", 2021, "level"),
        ("去年", 2021, "level"),
        ("2019年水平", 2021, None),  # two years back: no one year's growth says it
        (None, 2021, None),
    ],
)
def test_what_a_reference_holds_a_target_to(reference, year, kind):
    assert reference_kind(reference, year) == kind


@pytest.mark.parametrize(
    ("region", "reference", "government"),
    [
        ("河北省保定市蠡县", "全市平均水平", "河北省保定市"),  # a county's city: its parent
        ("河北省保定市蠡县", "全省平均水平", "河北省"),
        ("河北省保定市蠡县", "全国平均水平", "全国"),
        ("河北省保定市安国市", "保定市前列", "河北省保定市"),  # named, a county-level city's city
        ("上海市虹口区", "全市平均水平", "上海市"),  # a district of a municipality
        ("安徽省", "全国平均水平", "全国"),
        ("上海市虹口区", "全区平均水平", None),  # the district itself: no government above it
        ("无此县", "全市平均水平", None),  # a region the catalogue does not know
    ],
)
def test_whose_result_a_reference_is(region, reference, government):
    assert reference_region(region, reference) == government


def test_a_relative_statement_is_read_where_results_are():
    # without a review section the report is searched whole but for its own targets, as for any target
    text = (
        "今年规模以上工业增加值增幅高于全市平均水平。\n\n"
        "过去一年，规模以上工业增加值增长1.5%，低于全市平均水平。"
    )
    own = [(0, text.index("\n"))]
    for own_spans in (own, []):  # this year's target is an aim wherever it stands: never last year's result
        found = look_up_one(INDUSTRY_ABOVE, FollowUp(text, [], 2020, own_spans), load_catalogue())
        assert (found.found, found.attainment) == ("statement", "not_met")
        assert found.phrase == "规模以上工业增加值增长1.5%，低于全市平均水平"


# A target held to the economy's growth: the indicator's growth and the economy's, both read off the review.
# 同步 is judged within a tolerance (rule in_step); 高于/快于 as above an average (relative_by_reference).
AGAINST_THE_ECONOMY = [
    (INCOME_STEP, None),
    (INCOME_FASTER, "average"),
]


@pytest.mark.parametrize(("target", "held_to"), AGAINST_THE_ECONOMY)
def test_a_growth_held_to_the_economys_is_read_with_it(target, held_to):
    review = "过去一年，地区生产总值增长5.2%，全体居民人均可支配收入增长5.6%。"
    [found] = look_up([target], review, [(0, len(review))], load_catalogue(), 2025)
    assert (found.found, found.value, found.reference_value, found.reference_kind) == (
        "figure",
        5.6,
        5.2,
        held_to,
    )

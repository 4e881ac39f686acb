"""Which results of a review are the year's, and which of them are about an indicator that carries targets:
`keep_outcome` gives a fact of a clause its tier ('headline', 'detail') or None, with what a report tells of
its government (`review_context`).

10. Results are kept when the indicator belongs to the vocabulary of indicators that carry targets
    (`_RELEVANT`), and dropped for breakdowns (sectors, industries, firms, buildings), registered capital,
    deal totals, multi-year figures (年均, 累计, 五年, "从A增加到B" keeps only B) and shares. A district's
    programmes (绿地, 旧改, 养老床位 …) carry targets, and so do those any government names among its
    targets; a county's works against rural poverty do not, unless its targets name one. Any other result of
    the year is kept as 'detail': it can settle a commitment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pledgetrack.extract.facts import ATTAIN_RATIO, RUN_OF_YEARS, SEVERAL_YEARS, Fact, from_to_past
from pledgetrack.extract.review import names_year
from pledgetrack.extract.spans import regex, section_spans
from pledgetrack.extract.subjects import has_noun
from pledgetrack.grammar import OWN_AREA
from pledgetrack.indicators import Catalogue, load_catalogue
from pledgetrack.model import ParsedReport
from pledgetrack.regions import load_regions

# ---------------------------------------------------------------- indicators that carry targets

# indicators that carry (or typically carry) a target in these reports, at every level of government
_RELEVANT = re.compile(
    r"国内生产总值|生产总值|GDP|财政收入|财政总收入|预算收入|预算总收入|税收总收入|区级税收|"
    r"居民消费价格|物价|消费价格|CPI|新增就业|就业岗位|再就业|就业|失业|"
    r"进出口|出口|进口|对外贸易|外贸|贸易顺差|外商直接投资|合同外资|引进外资|外资|引进内资|"
    r"固定资产投资|工业增加值|消费品零售|零售品销售|零售额|商品销售|粮食|可支配收入|纯收入|居民收入|"
    r"贫困人口|能耗|能源消耗|排放量|排放总量|化学需氧量|二氧化硫|PM|细颗粒物|浓度|"
    r"优良天|优良率|优良水质|优良水体|水质优良|生态环境质量|生态环境$|"
    r"(?:房屋|住房|成套|旧里|旧区|危房)[^，；。]{0,4}改造|实事项目|民生实事|惠民实事|"
    r"赤字|国际收支|经济指标|主要指标|约束性指标|目标任务|预期目标|"
    # the financial risks the State Council sets yearly aims for ("宏观杠杆率保持基本稳定")
    r"宏观杠杆率|金融运行"
)
# the programmes of a district's review (green space, old housing, elderly care, help to start a business):
# a district sets targets for them, a province or the State Council does not (their reviews list them as
# the work done, not as results of the year's targets)
_PROGRAMMES = (
    r"降尘|生活垃圾|旧改|旧区改造|征收|修缮|节能改造|综合整治|城市更新|收尾|受益居民|"
    r"绿地|绿化|绿道|违法建筑|无证建筑|养老床位|照护床位|光伏|并网"
)
_LOCAL_PROGRAMME = re.compile(_PROGRAMMES + r"|创业|就业")  # and a district's help into work
# a programme named among a government's targets makes it one that reports its programmes (jobs are every
# government's headline indicator, no programme)
_PROGRAMME_TARGET = re.compile(_PROGRAMMES)
# the headline figure of a quantity is its total: a name that puts anything but a scope word before the
# head is a part of it (对东盟进出口, 集成电路出口, 能源工业增加值, 关中5市PM2.5浓度, 农村劳动力转移就业)
_TOTAL_HEADS = re.compile(r"进出口|出口|进口|工业增加值|PM|细颗粒物|新增就业|再就业|就业")
_SCOPE_WORDS = re.compile(
    rf"^(?:{OWN_AREA}|全年|外贸|货物|货物贸易|对外贸易|海关口岸|海关|"
    r"[\u4e00-\u9fff]{2,3}地区|规模以上|规上|全部|国考(?:\d+市|城市)?|"
    r"(?:\d+个)?(?:地级及以上城市|地级以上城市|重点城市)|设区市|城市|城镇|新增城镇|城镇新增|新增|(?:下岗)?失业人员)*$"
)
# breakdowns, registered capital, deals, buildings, per-capita and rates that carry no target
_BREAKDOWN = re.compile(
    r"产业|行业|服务业|金融业|制造业|重点企业|企业|楼宇|亿元楼|注册资[金本]|总投资|签约项目|"
    r"涉及|集聚带|带$|园区|暑期|首届|意向|成交|(?<!水质)占比|占全|二次供水|电梯|租赁住房|"
    r"贷款|存款|国债|补贴|补助|资金|支出|投入|储备|人口的|人均(?:国内|地区)?生产总值|人均GDP|就业率|涉外经济|"
    r"保险|承保|^占|外资项目|投资项目|(?<!工)业(?:营收|营业收入|税收|收入)|"
    r"带动|^对|转移就业|毕业生|农民工|困难人员|脱贫|残疾人|退役军人|务工|(?<!消费品)零售额|网络零售|"
    r"播种面积|费用|人才|拉动|泊位|航线|(?:东部|中部|西部|东北)地区|中西部|"
    # a tax or tariff coverage is a policy, not a result ("进口“零关税”商品税目比例由21%提升至74%")
    r"税目|税率|"
    # industry's energy intensity is a part of the economy's (单位地区生产总值能耗)
    r"工业单位增加值能耗|"
    # of the air, only fine particles (PM2.5, 细颗粒物) carry a target: other pollutants' concentrations and
    # the composite index measure it
    r"^(?:(?!PM_?2|细颗粒物).)*浓度|综合(?:污染)?指数"
)


# The works against rural poverty (the poor counted, helped, insured; rural houses made safe): the State
# Council and the provinces set yearly targets for them ("农村贫困人口减少1000万以上", "农村危房改造"), a
# county carries them out, and its review lists them as the work done ("覆盖贫困人口9000户",
# "完成农村危房改造50户") while its targets are the economy's.
_RURAL_WORKS = re.compile(r"贫困|危房")


@lru_cache(maxsize=4096)
def headline_name(name: str, district: bool = True, rural_works: bool = True) -> bool | None:
    """True for an indicator that carries targets, False for a breakdown, None for neither. Cached: both
    vocabularies are long alternations, and the same names recur in every report. `district`: a district's
    report, whose programmes (绿地, 旧改, 养老床位 …) carry targets; `rural_works`: a report whose
    government sets targets for the works against rural poverty (not a county's, unless it names one)."""
    if _BREAKDOWN.search(name) or (not rural_works and _RURAL_WORKS.search(name)):
        return False
    head = _TOTAL_HEADS.search(name)
    if head and not _SCOPE_WORDS.match(name[: head.start()]):
        return district and _LOCAL_PROGRAMME.search(name) is not None  # a part, or a district's programme
    if not head and _LOCAL_PROGRAMME.search(name):
        return district
    return True if _RELEVANT.search(name) else None


_DISTRICT = re.compile(r"(?<!自治)区$")


@dataclass(frozen=True, slots=True)
class ReviewContext:
    review_year: int | None
    catalogue: Catalogue
    district: bool  # a district's (or county's) report: its programmes carry targets
    targets_text: str  # the headline-targets paragraph: an indicator it names carries a target
    period: bool = False  # the paragraph is in the five-year part of the review
    rural_works: bool = True  # its government sets targets for the works against rural poverty
    # a county-level government (a county, a district): its review reports each quota the city sets it
    county: bool = False


def review_context(report: ParsedReport) -> ReviewContext:
    """What a report tells of its government for reading its review, and the catalogue, once a report."""
    targets_text = "".join(report.text[s:e] for s, e in section_spans(report, "targets"))
    # a city district sets targets for its programmes (旧改征收, 公共绿地, 养老床位 …) and states their
    # results as results of its targets; so does any government whose targets name one. A county, a
    # province or the State Council sets the economy's targets, and its programmes are the work done.
    programmes = bool(_DISTRICT.search(report.meta.region or "") or _PROGRAMME_TARGET.search(targets_text))
    region = load_regions().get(report.meta.region or "")
    county = region is not None and region.level == "county"
    rural_works = not county or _RURAL_WORKS.search(targets_text) is not None
    return ReviewContext(
        report.meta.review_year, load_catalogue(), programmes, targets_text, False, rural_works, county
    )


# ---------------------------------------------------------------- the year's results

# What tells a figure of the year from one of several years (`keep_outcome`), by name.
_PERIOD_WORDS = {
    # In the period part only the levels an annual flow reached at its end are the year's figures
    # ("地区生产总值突破3万亿元", "社会消费品零售总额增至2.79万亿元", "财政收入达到1350亿元"): growth,
    # rates, sums over the years (城镇新增就业603.7万人) and steady levels ("稳定在550亿斤左右",
    # "每年超过90万人") are the period's.
    "flow": re.compile(
        r"生产总值|GDP|财政收入|财政总收入|预算收入|零售总额|进出口|出口总额|可支配收入|固定资产投资|规(?:模以)?上工业增加值|总产量|粮食产量"
    ),
    "steady": re.compile(r"稳定在|保持在|每年|连续|年年|始终|历年"),
    # a run of years, or every year of one ("城镇登记失业率始终控制在4%以内"): the period's figure, not the
    # year's
    "run_or_every_year": re.compile(rf"{RUN_OF_YEARS.pattern}|始终|每年|年年"),
    # "由2015年的10.7亿斤增加到13.2亿斤": the year named is the start's; the level reached is the end's
    "from_a_year": re.compile(
        r"(?:从|由)\d{4}年的?[^，；。]*?(?:增加|增长|提高|提升|下降|减少|降|上升|扩大)(?:到|至)$"
    ),
    # "从2012年的…增加到2017年的": a change over years that ends in a year, whose level is that year's
    "ends_in_a_year": re.compile(r"(?:增加|提高|下降|减少|降|上升)到\d{4}年的$"),
}


def keep_outcome(text: str, cs: int, ce: int, f: Fact, ctx: ReviewContext) -> str | None:
    """'headline' for a result of the year about an indicator that carries targets, 'detail' for any
    other result of the year (it can still settle a commitment), None for what is not the year's result."""
    review_year = ctx.review_year
    clause = text[cs:ce]
    before = text[cs : f.start]
    after = text[f.end : ce]
    name = f.indicator
    if not has_noun(name):
        return None
    if ctx.period:
        # the period's opener ("五年来，", "这五年") is the part's, not the figure's: only sums and averages
        if regex(r"年均(?!浓度)|累计|平均每年|每年|连续").search(before):
            return None
    elif (
        SEVERAL_YEARS.search(before) or _PERIOD_WORDS["run_or_every_year"].search(before)
    ) and not _PERIOD_WORDS["ends_in_a_year"].search(before):
        return None
    # "从A增加到B": A is the past
    if from_to_past(text, f, cs, ce):
        return None
    # another year named right before the number, not the review year
    years = regex(r"(\d{4})年").findall(before) if "年" in before else []
    if (
        years
        and review_year
        and int(years[-1]) != review_year
        and not _PERIOD_WORDS["from_a_year"].search(before)
    ):
        return None
    if regex(r"由上年|首届|增量").search(before):
        return None  # "五年增量超1.36万亿元": an increment, not the level
    if f.unit in ("项", "个") and "指标" in name:
        return None  # "5项主要经济指标增速高于全市平均水平": how many indicators, no result
    ratio = f.unit == "%" and ATTAIN_RATIO.search(before) is not None  # "占年度计划的114%": attainment
    share = regex(r"占[^，；。]{0,12}的?$|占全").search(before) or (f.unit == "%" and before.endswith("的"))
    if share and not ratio:
        return None  # a share: "占全省的12%", "一般公共预算收入的82%用于民生"
    if after.startswith("的") and not regex(r"^的[^，；。]{0,4}水平").match(after):
        return None  # "90%的企业": the figure qualifies a noun; "稳定在5%左右的较低水平" is the level held
    if regex(r"楼宇|亿元楼|注册资[金本]|总投资|涉及").search(clause):
        return None
    if f.unit == "%" and f.subject_from == "post":
        return None  # "90%以上进入…": a share of something else
    # a change stated verb first ("削减财政赤字450亿元") is not the year's level
    if regex(r"(?:削减|压减|减少|增加)").match(name):
        return None
    # a figure said to be the year's task ("开竣工面积完成160万平方米年度任务") is a result of it; a count of
    # tasks done ("完成14个村庄污水治理任务") is the work done
    tied = regex(r"^[^，；。]{0,4}(?:年度任务|年度目标)").match(after)
    if (
        ctx.period
        and not names_year(before, review_year)
        and (
            f.kind != "level"
            or not _PERIOD_WORDS["flow"].search(name)
            or _PERIOD_WORDS["steady"].search(clause)
        )
    ):
        return None  # the five-year part: only the level an annual flow reached at the end of the period
    if name.endswith("增加"):
        # "优良天数增加25天", "粮食产量增加2亿斤": a rise over last year; the year's result is the level
        # reached (a fall of a stock to shrink is its result: "农村贫困人口减少290万")
        return "detail"
    if ratio:
        # a % of the year's plan says how far a target was met, whatever its topic ("重点项目完成投资18亿元，
        # 占年度计划的114%")
        return "headline"
    headline = headline_name(name, ctx.district, ctx.rural_works)
    if not headline and _carries_target(name, ctx.targets_text):
        headline = True  # "一产、二产、三产增加值分别增长…" where the targets set them
    if headline or (tied and headline is None):
        return "headline"
    return "detail"


def _carries_target(name: str, targets_text: str) -> bool:
    """Does the headline-targets paragraph set this part's target? Sectors and groups are breakdowns,
    except where the report sets their targets: the value added of a sector ("一产、二产、三产增加值分别
    增长…", "高技术制造业增加值…"), or any part named there as here, its verb aside ("农牧区劳动力实现
    转移就业112万人次" for the target "农牧区劳动力转移就业106万人次以上")."""
    if len(name) < 4 or not targets_text:
        return False
    if name.endswith("增加值") and len(name) >= 5:
        return regex(re.escape(name[:-3]) + r"[^，；。]{0,12}增加值").search(targets_text) is not None
    # the list itself, its first sentence: a targets section can run on into the plan
    listed = targets_text[: targets_text.find("。") + 1 or len(targets_text)]
    return name.replace("实现", "") in listed

"""The results of the review year: `extract_outcomes(report)` → `OutcomeRow`s.

The results the review section states for the review year, including explicit attainment statements
("完成年度目标的128.4%", "国际收支基本平衡", "全部完成").

5. Results are kept when the indicator belongs to the vocabulary of indicators that carry targets
   (`_RELEVANT`), and dropped for breakdowns (sectors, industries, firms, buildings), registered capital,
   deal totals, multi-year figures (年均, 累计, 五年, "从A增加到B" keeps only B) and shares.
7. Scope: a clause opening with a multi-year span ("五年累计，", "近三年", "“十一五”前四年") makes the
   rest of its sentence multi-year; a paragraph opening with "这五年" is skipped; a five-year (换届) review
   also reads the "过去一年，…" sentences of the plan section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pledgetrack import numbers
from pledgetrack.extract.attainment import (
    DONE_WELL,
    DOWN,
    GOAL_COMPARED,
    LOW,
    NOT_DONE,
    WITHIN_GOAL,
    against_goal,
    direction_of,
    of_a_fall,
)
from pledgetrack.extract.facts import (
    _ATTAIN_RATIO,
    RUN_OF_YEARS,
    SEVERAL_YEARS,
    _Fact,
    _fact_span,
    _from_to_past,
    _has_noun,
    _has_quantity,
    _id_in,
    _quantified_clauses,
    _quantity_facts,
    _split_names,
    _strip,
    find_quantities,
)
from pledgetrack.extract.spans import (
    _LAST_YEAR_LEAD,
    _paragraphs,
    _re,
    _section,
    _sentences,
    _skip_punct,
    _trim,
)
from pledgetrack.grammar import ADDRESS, FIVE_YEARS, OWN_AREA, PERIOD_OPENER, PLAN_PERIOD, YEAR_PAST, guarded
from pledgetrack.indicators import Catalogue, load_catalogue
from pledgetrack.ingest.sections import heading_years
from pledgetrack.model import ParsedReport
from pledgetrack.regions import load_regions

# ---------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)  # slots: a report has dozens of rows, built faster
class OutcomeRow:
    indicator: str
    indicator_id: str | None
    kind: str  # 'growth' | 'reduction' | 'level' | 'rate' | 'qualitative'
    value: float | None
    unit: str | None
    phrase: str
    char_start: int
    char_end: int
    estimated: bool = False  # 预计: an estimate made before the year's figures were final
    # how the row speaks of the year's target, for verdicts: 'ratio' (value is a % of the target),
    # 'met' / 'not_met' (an explicit statement about the target: "控制在预算范围内", "目标没有完成"),
    # 'positive' / 'negative' (a qualitative state: "国际收支基本平衡", "不平衡矛盾加剧"); None for a figure
    attainment: str | None = None
    # 'headline': an indicator that carries targets (GDP, revenue, jobs …: what the gold annotates);
    # 'detail': any other result of the year, kept because it can settle a commitment
    tier: str = "headline"


# ---------------------------------------------------------------- relevance (outcomes)

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
def _headline_name(name: str, district: bool = True, rural_works: bool = True) -> bool | None:
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


# ---------------------------------------------------------------- attainment statements

# A quota met: exceeded (超额完成…任务/计划/目标), or the year's task done (圆满完成年度…任务). What lies
# between the verb and the task names the quota (改厕, 就业, “压减”), its size ("794万立方米的"), who set it
# (市定, 市核, 省市) and its year; with nothing but those, the quota is the topic's ("优良天数213天，超额完成
# 市核任务").
_QUOTA_DONE = guarded(
    rf"(?:均|都)?(?:(?:{DONE_WELL})*超额(?:{DONE_WELL})*完成了?(?P<quota>[^，；。]{{0,20}}?)"
    rf"|(?:{DONE_WELL})+完成了?(?P<annual>(?:年度|全年)[^，；。]{{0,12}}?))"
    r"(?:任务目标|目标任务|任务|计划|目标)"
)
# who set a quota, and its year: no part of its name
_QUOTA_SCOPE = re.compile(
    r"^(?:年度|全年|年初|国家|上级|省市|[省市县][定核]|[省市县]?(?:下达|确定|考核)|的)+|(?:年度|全年|的)+$"
)


def _quota_name(task: str) -> str:
    """The name of a quota from the words between 完成 and 任务: its size, brackets and scope dropped."""
    sized = find_quantities(task)
    if sized:
        task = task[sized[-1].end :]
    task = _re(r"[（(][^）)]*[）)]").sub("", task)
    return _strip(_QUOTA_SCOPE.sub("", _QUOTA_SCOPE.sub("", task).strip("“”\"")))


# the works a government promises its people for the year, by name: 民生实事, 惠民实事, 民心工程, 民生工程,
# 惠民事项
_PROMISED = r"实事(?:工程)?(?:项目)?|民心工程|民生工程|(?:惠民|民生)事项"
# (guarded: without the lookahead, search tried every alternative at every position of a sentence, and
# this search over the review was a sixth of outcome extraction)
_ATTAIN = guarded(
    r"(?P<pred>"
    r"(?:均|都|全面|圆满|超额|提前|基本)*(?:完成|实现)了?(?:[^，；。]{0,24}?)(?:下达|确定|既定|考核)?的?"
    r"(?:目标任务|各项目标任务|任务目标|既定任务|年度目标|预期目标|主要目标|考核目标|下达目标|下达指标|"
    r"下达任务|考核任务|全年任务|年度任务)"
    # the target named first, then its attainment: "全年主要目标任务顺利完成", "主要目标顺利实现", and as
    # a noun: "各项目标任务的完成"
    r"|(?:主要)?(?:预期)?目标任务的?(?:顺利|全面|圆满|较好|基本|胜利)?(?:完成|实现)"
    r"|主要(?:预期)?目标(?:顺利|全面|圆满|较好|基本|胜利)?(?:完成|实现)"
    # a list of works done in full: "十件民生实事全部如期完成", "约束性指标全部完成", "15件民生实事全部兑现"
    rf"|(?:{DONE_WELL})+(?:完成|办结|兑现)(?:了)?(?:任务)?(?=[，；。]|$)"
    rf"|(?:{DONE_WELL})+完成了?[^，；。]{{0,12}}?(?:{_PROMISED})(?=[，；。]|$)"
    rf"|{_QUOTA_DONE.pattern}"
    r"|(?:好于|符合)预期"
    rf"|{GOAL_COMPARED.pattern}|{NOT_DONE.pattern}"
    rf"|(?:始终)?{WITHIN_GOAL}"
    r"|(?:超过|超出)(?:了)?(?:全年|年度)?的?(?:预期|年度)?目标|(?:超出|超过)预期"
    r"|(?:保持)?基本平衡|状况良好|状况(?:得到|有所|继续|进一步)?改善|得到(?:有效)?控制"
    r"|实现零增长|零增长|全部完成|不平衡矛盾加剧|进一步下降"
    r")"
)
# works listed and done in full: "十件民生实事全部如期完成", "生态环境9项约束性指标全部完成"
# ("30件惠民事项按期完成", "民生实事基本完成"), or the verb first: "高标准完成省市县民心工程和民生实事"
_WORKS_DONE = guarded(
    rf"(?:({_PROMISED}|约束性指标|指标|年度任务)[^，；。]{{0,2}}?(?:{DONE_WELL}|基本)+"
    r"(?:完成|办结|兑现)"
    rf"|(?:{DONE_WELL})+完成了?([^，；。]{{0,12}}?(?:{_PROMISED}))(?=[，；。]|$))"
)
# not yet: the problems a review owns to ("…还未达到…目标", "尚未实现"), not the year's results
_NOT_YET = re.compile(r"(?:还|尚|仍)(?:没有|未能?)(?:完成|实现|达到)")
# not done, or set against the goal (polarity by the indicator's direction: `attainment.against_goal`)
_NOT_ATTAINED = re.compile(f"{NOT_DONE.pattern}|{GOAL_COMPARED.pattern}")


# ---------------------------------------------------------------- outcomes


_SCOPE = re.compile(
    rf"^(?:近[两三四五]年|这五年|五年来|过去五年|五年|{PLAN_PERIOD}(?:期间|时期)?)(?:累计|来)?"
)

# The review of a report that closes a five-year plan covers the year and the period together, in either
# order ("一、2025年和“十四五”时期工作回顾", "一、“十四五”时期和2025年工作回顾").
# Each paragraph belongs to one part:
# the part a paragraph opens (the year: "刚刚过去的2025年…", "过去一年", "一年来"; the period: "五年来，…",
# "这五年…", "“十四五”时期，…", "回望“十四五”") or else the part of the paragraph before it.
_YEAR_PART = re.compile(f"{ADDRESS}(?:{YEAR_PAST})")
# a heading that names the period before the year (or only the period): the review opens with the period
_PERIOD_FIRST = re.compile(rf"^[^\d]*(?:五年|{PLAN_PERIOD})")
# In the period part only the levels an annual flow reached at its end are the year's figures
# ("地区生产总值突破
# 3万亿元", "社会消费品零售总额增至2.79万亿元", "财政收入达到1350亿元"): growth, rates, sums over the years
# (城镇新增就业603.7万人) and steady levels ("稳定在550亿斤左右", "每年超过90万人") are the period's.
_FLOW = re.compile(
    r"生产总值|GDP|财政收入|财政总收入|预算收入|零售总额|进出口|出口总额|可支配收入|固定资产投资|规(?:模以)?上工业增加值|总产量|粮食产量"
)
_STEADY = re.compile(r"稳定在|保持在|每年|连续|年年|始终|历年")


@dataclass(frozen=True, slots=True)
class _Context:
    review_year: int | None
    catalogue: Catalogue
    district: bool  # a district's (or county's) report: its programmes carry targets
    targets_text: str  # the headline-targets paragraph: an indicator it names carries a target
    period: bool = False  # the paragraph is in the five-year part of the review
    rural_works: bool = True  # its government sets targets for the works against rural poverty
    # a county-level government (a county, a district): its review reports each quota the city sets it
    county: bool = False


def _sentence_starts(text: str, ps: int, pe: int, count: int) -> Iterator[str]:
    for i, (ss, se) in enumerate(_sentences(text, ps, pe)):
        if i >= count:
            return
        yield text[ss:se]


def _opens_period(text: str, ps: int, pe: int, year: int | None) -> bool | None:
    """True when the paragraph opens the five-year part, False when it opens the year's, None for neither.
    "刚刚过去的2025年，是“十四五”收官之年" opens the year;
    "2025年是“十四五”收官之年。五年来，…" the period."""
    if _YEAR_PART.match(text, ps, pe):
        return False
    if any(PERIOD_OPENER.match(s) for s in _sentence_starts(text, ps, pe, 3)):  # "各位代表！" is one
        return True
    if year and _re(rf"{ADDRESS}{year}年(?:是|，|以来)").match(text, ps, pe):
        return False
    return None


@lru_cache(maxsize=64)
def review_paragraphs(
    text: str, start: int, end: int, heading: str, year: int | None
) -> tuple[tuple[int, int, bool, bool], ...]:
    """Each paragraph of a review section as (start, end, whole_period, in_period): `whole_period` when it
    is about five years from its first words ("这五年，…") in a review that has no part of the year,
    `in_period` when it belongs to the period's part of a review of the year and the period (or is the
    one paragraph of the period a review of the year closing a plan has). Read by results (only the levels
    flows reached are the year's there) and by the lookup (nothing there is the year's result). Cached:
    the worker that extracts a report's results reads its spans for the lookup too (`batch`)."""
    paragraphs = _paragraphs(text, start, end)
    # parts only in a review of the year AND the period: a five-year (换届) review is read whole
    opens = [_opens_period(text, ps, pe, year) for ps, pe in paragraphs]
    period_named = bool(FIVE_YEARS.search(heading))
    combined = bool(year) and (
        (f"{year}年" in heading and period_named)
        or any(
            _re(rf"{ADDRESS}刚刚过去的{year}年").match(text, ps, pe) for ps, pe in paragraphs
        )
        or (not period_named and not heading_years(heading) and True in opens and False in opens)
    )
    period = combined and bool(_PERIOD_FIRST.match(heading))
    out = []
    for (ps, pe), opened in zip(paragraphs, opens, strict=True):
        period = period if opened is None or not combined else opened
        # a review of the year closing a plan has one paragraph of the period: "2015年是“十二五”收官之
        # 年。过去五年，…" is read as the period's (only the levels flows reached at its end)
        lone_period = not combined and not period_named and opened is True
        out.append((ps, pe, not combined and bool(_SCOPE.match(text[ps:pe])), period or lone_period))
    return tuple(out)


def _term_only(heading: str, year: int | None) -> bool:
    """Does a review's heading name the five years (or the plan's period) and not the year itself?"""
    return bool(FIVE_YEARS.search(heading)) and not (year and f"{year}年" in heading)


def extract_outcomes(report: ParsedReport) -> list[OutcomeRow]:
    text = report.text
    year = report.meta.review_year
    rows: list[OutcomeRow] = []
    multi_year = False
    targets_text = "".join(text[s:e] for s, e in _section(report, "targets"))
    # a city district sets targets for its programmes (旧改征收, 公共绿地, 养老床位 …) and states their
    # results as results of its targets; so does any government whose targets name one. A county, a
    # province or the State Council sets the economy's targets, and its programmes are the work done.
    programmes = bool(_DISTRICT.search(report.meta.region or "") or _PROGRAMME_TARGET.search(targets_text))
    region = load_regions().get(report.meta.region or "")
    county = region is not None and region.level == "county"
    rural_works = not county or _RURAL_WORKS.search(targets_text) is not None
    # the catalogue once
    base = _Context(year, load_catalogue(), programmes, targets_text, False, rural_works, county)
    for sec in report.sections:
        if sec.kind != "review":
            continue
        multi_year = multi_year or bool(FIVE_YEARS.search(sec.heading))
        term_only = _term_only(sec.heading, year)
        for ps, pe, whole_period, in_period in review_paragraphs(
            text, sec.char_start, sec.char_end, sec.heading, year
        ):
            if whole_period:
                continue  # "这五年，…": the whole paragraph is about five years
            if not (
                numbers.may_hold_quantity(text, ps, pe)
                or _ATTAIN.search(text, ps, pe)
                or _STATE.search(text, ps, pe)
            ):
                continue  # no result in it: not read sentence by sentence (most paragraphs of a review)
            ctx = (
                base
                if not in_period
                else _Context(year, base.catalogue, base.district, targets_text, True, rural_works, county)
            )
            for ss, se in _sentences(text, ps, pe):
                if _may_state_result(text, ss, se):
                    found = _subsume_thresholds(text, list(_sentence_outcomes(text, ss, se, ctx)))
                    if term_only and not _names_year(text[ss:se], year):
                        # a review of the term alone ("一、过去五年工作回顾"): the works it counts are the
                        # term's ("实施省市重点项目27个"); only what carries a target is read as the year's
                        found = [r for r in found if r.tier == "headline"]
                    rows.extend(found)
    if multi_year:
        # a five-year review states last year's figures in the plan: "过去一年，…国内生产总值增长10.3%"
        for ps, pe in _section(report, "plan"):
            for qs, qe in _paragraphs(text, ps, pe):
                started = False
                for ss, se in _sentences(text, qs, qe):
                    sentence = text[ss:se]
                    if started and _re(r"今年|要|把|将").search(sentence):
                        break
                    started = started or bool(_LAST_YEAR_LEAD.match(sentence))
                    if started and _may_state_result(text, ss, se):
                        rows.extend(_sentence_outcomes(text, ss, se, base))
    # a state of the level of an indicator the year's review also gives a figure for ("实现粮食产量“十一连增”"
    # beside "粮食产量达到6.07亿吨") is no result of its own: the figure is. A comparison with the nation
    # ("…等主要指标增速均高于全国平均水平") is a statement of its own.
    figures = [r for r in rows if r.value is not None and r.tier == "headline"]
    rows = [
        r
        for r in rows
        if not (
            r.kind == "qualitative"
            and r.attainment == "positive"
            and "全国" not in r.phrase
            and any(_same_indicator(r, f) for f in figures)
        )
    ]
    # the same result stated twice is one fact
    seen: set[tuple] = set()
    unique: list[OutcomeRow] = []
    for r in rows:
        key = (
            r.indicator_id or r.indicator,
            r.kind,
            r.value,
            r.unit,
            r.phrase if r.kind == "qualitative" else "",
        )
        place = (r.char_start, r.char_end, r.indicator, r.kind)  # a row is one fact at one place
        if key not in seen and place not in seen:
            seen.add(key)
            seen.add(place)
            unique.append(r)
    return unique


def _same_indicator(a: OutcomeRow, b: OutcomeRow) -> bool:
    """The same catalogue id, or one name in the other ("粮食总产" and "粮食总产量")."""
    if a.indicator_id and a.indicator_id == b.indicator_id:
        return True
    return a.indicator in b.indicator or b.indicator in a.indicator


# a threshold crossed ("突破4000亿元", "迈上6万亿元台阶", "跨越5000亿元大关"), then the figure
# itself ("达到4211亿元")
_THRESHOLD = re.compile(r"(?:突破|跨越|跨过|跨上|迈上|超过|超)\s*$")


def _subsume_thresholds(text: str, rows: list[OutcomeRow]) -> list[OutcomeRow]:
    """A threshold and the exact level of the same indicator in one sentence are one result: the level. So
    are a state and a figure ("进出口总值创历史新高，达到5379亿元"): the figure."""
    if len(rows) < 2:
        return rows
    figures = {r.indicator_id or r.indicator for r in rows if r.value is not None}
    out = []
    for r in rows:
        if (
            r.kind == "qualitative"
            and r.attainment == "positive"
            and (r.indicator_id or r.indicator) in figures
        ):
            continue
        if r.kind == "level" and r.value is not None:
            number = _re(r"[\d.,]+[^\d]*$").search(r.phrase)
            lead = r.phrase[: number.start()] if number else r.phrase
            if _THRESHOLD.search(lead) or _re(r"^(?:大关|台阶)").match(text, r.char_end):
                base_unit, factor = numbers.unit_factor(r.unit or "")
                if any(
                    o is not r
                    and o.kind == "level"
                    and o.char_end > r.char_end
                    and o.value is not None
                    and (o.indicator_id or o.indicator) == (r.indicator_id or r.indicator)
                    and numbers.unit_factor(o.unit or "")[0] == base_unit
                    and o.value * numbers.unit_factor(o.unit or "")[1] >= r.value * factor
                    for o in rows
                ):
                    continue
        out.append(r)
    return out


def _may_state_result(text: str, start: int, end: int) -> bool:
    """A sentence states a result only with a quantity or an attainment phrase (`_ATTAIN` covers the
    "没有完成" of `_NOT_ATTAINED` too); every other sentence is passed over without reading its clauses."""
    return (
        _has_quantity(text, start, end)
        or _ATTAIN.search(text, start, end) is not None
        or _STATE.search(text, start, end) is not None
    )


_SUBJECT_CUT = re.compile(
    r"近年来|首次|(?:再|屡)?创|跨越|跨过|迈上|突破|出现|保持|继续|进一步|得到|有所|明显|稳步|持续|不断|大幅|连续"
)
_COMPARED = re.compile(r"(?:增速|增幅|增长)(?:高于|快于|低于|跑赢)")
_POINTS = re.compile(r"[\d.]+个?百分点")
_GENERIC_HEAD = re.compile(r"^(?:总产量|产量|总额|总量|总收入|收入)$")


def _sentence_outcomes(text: str, ss: int, se: int, ctx: _Context) -> Iterator[OutcomeRow]:
    catalogue = ctx.catalogue
    carried = ""
    previous: list[_Fact] = []
    history: list[str] = []
    scoped = False
    prev_cs = this_cs = ss  # the start of the previous clause, for a statement whose subject is there
    for cs, ce, quantities in _quantified_clauses(text, ss, se):
        prev_cs, this_cs = this_cs, cs
        clause = text[cs:ce]
        if not ctx.period and (scoped or _SCOPE.match(clause)):
            scoped = True  # "五年累计，…" / "近三年累计，…": the rest of the sentence is multi-year
            continue
        if _NOT_ATTAINED.search(clause) and _re(r"目标|任务|预期").search(clause):
            if _NOT_YET.search(clause):
                continue  # "收入还未达到…目标": a shortcoming still to overcome, not the year's result
            # "…未达年初预期", "…不及预期" name no target: only an indicator that carries one is a result
            # ("有的政策落地偏慢、效果不及预期" is a problem, not a result)
            named = _re(r"目标|任务").search(clause) is not None
            if not ctx.period or _names_year(clause, ctx.review_year):  # "“十四五”…6项指标不及预期"
                yield from _not_attained(text, cs, ce, catalogue, carried, prev_cs, headline_only=not named)
            continue
        done = _WORKS_DONE.search(clause)
        if done and not ctx.period:
            # "十件民生实事全部如期完成": the count names the works; the statement is their attainment
            named = clause[: done.end(1)] if done.group(1) else done.group(2)
            name = _re(r"[\d一二三四五六七八九十百]+(?:大类|项|件|个)").sub("", _strip(named))
            name = _re(r"^(?:年度|全年)").sub("", name)
            yield _qual_row(text, _strip(name), cs, ce, "met", catalogue)
            continue
        quota = _QUOTA_DONE.search(clause) if quantities and ctx.county and "完成" in clause else None
        if quota and not ctx.period and cs + quota.start() <= quantities[0].start:
            # "超额完成794万立方米的压采治理任务", "超额完成市定…任务10个": the figures size the quota; the
            # clause says it was met
            attained = _ATTAIN.search(clause, quota.start())
            if attained:
                yield from _attainment_outcomes(text, cs, ce, attained, carried, previous, ctx)
            previous = []
            continue
        if _re(r"决定|作为|标准").search(clause):
            continue  # a decision or a standard, not a result
        facts, carried_next = _quantity_facts(text, cs, ce, quantities, carried, history)
        if facts:
            for f in facts:
                compared = _COMPARED.search(f.indicator)
                if compared and f.unit != "%" and _has_noun(f.indicator[: compared.start()]):
                    # "居民人均可支配收入增速高于经济增速、突破3万元": the level is the first name's
                    f.indicator = f.indicator[: compared.start()]
                if (
                    _GENERIC_HEAD.match(f.indicator)
                    and _has_noun(carried)
                    and not carried.endswith(f.indicator)
                ):
                    f.indicator = carried + f.indicator  # "粮食…，总产量10570亿斤"
            tiers = [_keep_outcome(text, cs, ce, f, ctx) for f in facts]
            for f, tier in zip(facts, tiers, strict=True):
                if tier:
                    # "预计全年…" covers the rest of its sentence
                    estimated = text.find("预计", ss, f.start) >= 0
                    siblings = [g for g in facts if g is not f]
                    yield _outcome_row(text, f, cs, ce, estimated, siblings, tier, catalogue)
            history.extend(dict.fromkeys(f.indicator for f in facts if f.subject_from == "pre"))
            # "A为…，B为…，均完成考核目标"
            previous = previous + [f for f, tier in zip(facts, tiers, strict=True) if tier == "headline"]
            # "粮食总产量119.3万吨、超额完成任务": the figure, then in the same clause that it met its aim
            after = max(f.end for f in facts)
            tail = _ATTAIN.match(text[after + 1 : ce]) if text[after : after + 1] == "、" else None
            if tail and not ctx.period and tiers[-1] == "headline":
                yield from _attainment_outcomes(text, after + 1, ce, tail, facts[-1].indicator, [], ctx)
        else:
            attained = _ATTAIN.search(clause)
            if ctx.period and not _names_year(clause, ctx.review_year):
                attained = None  # "“十四五”规划主要目标任务胜利完成": the period's, not the year's
            if attained:
                yield from _attainment_outcomes(text, cs, ce, attained, carried, previous, ctx)
            elif not ctx.period and not _re(r"累计|年均(?!浓度)").search(text, ss, cs):
                # "累计新增就业5870万人，…年均增长8.8%；粮食产量实现“九连增”": a sentence of sums over
                # years states the period's record
                yield from _state_outcomes(text, cs, ce, carried, ctx)
            previous = []
            if not (attained or quantities) and len(clause) <= 40:
                cut = _SUBJECT_CUT.search(clause)
                name = _strip(clause[: cut.start()] if cut else clause)
                if _has_noun(name) and len(name) <= 14:
                    carried_next = name
            points = _POINTS.search(clause) if not quantities else None
            if points and _has_noun(_strip(clause[: points.start()])):
                # "贡献率上升3个百分点，达到51.2%": a rate changed in points names the level that follows
                carried_next = _strip(clause[: points.start()])
        carried = carried_next


def _names_year(clause: str, year: int | None) -> bool:
    """Does a clause of the five-year part name the year reviewed: by its number, as 全年, or as 去年 (a
    review is delivered the year after: "去年固定资产投资…增速…未达年初预期")?"""
    return year is not None and (f"{year}年" in clause or clause.startswith("全年") or "去年" in clause)


# a run of years, or every year of one ("城镇登记失业率始终控制在4%以内"): the period's figure, not the year's
_RUN_OR_EVERY_YEAR = re.compile(rf"{RUN_OF_YEARS.pattern}|始终|每年|年年")
# "由2015年的10.7亿斤增加到13.2亿斤": the year named is the start's; the level reached is the end's
_FROM_A_YEAR = re.compile(
    r"(?:从|由)\d{4}年的?[^，；。]*?(?:增加|增长|提高|提升|下降|减少|降|上升|扩大)(?:到|至)$"
)
# "从2012年的…增加到2017年的": a change over years that ends in a year, whose level is that year's
_ENDS_IN_A_YEAR = re.compile(r"(?:增加|提高|下降|减少|降|上升)到\d{4}年的$")


def _keep_outcome(text: str, cs: int, ce: int, f: _Fact, ctx: _Context) -> str | None:
    """'headline' for a result of the year about an indicator that carries targets, 'detail' for any
    other result of the year (it can still settle a commitment), None for what is not the year's result."""
    review_year = ctx.review_year
    clause = text[cs:ce]
    before = text[cs : f.start]
    after = text[f.end : ce]
    name = f.indicator
    if not _has_noun(name):
        return None
    if ctx.period:
        # the period's opener ("五年来，", "这五年") is the part's, not the figure's: only sums and averages
        if _re(r"年均(?!浓度)|累计|平均每年|每年|连续").search(before):
            return None
    elif (
        SEVERAL_YEARS.search(before) or _RUN_OR_EVERY_YEAR.search(before)
    ) and not _ENDS_IN_A_YEAR.search(before):
        return None
    # "从A增加到B": A is the past
    if _from_to_past(text, f, cs, ce):
        return None
    # another year named right before the number, not the review year
    years = _re(r"(\d{4})年").findall(before) if "年" in before else []
    if years and review_year and int(years[-1]) != review_year and not _FROM_A_YEAR.search(before):
        return None
    if _re(r"由上年|首届|增量").search(before):
        return None  # "五年增量超1.36万亿元": an increment, not the level
    if f.unit in ("项", "个") and "指标" in name:
        return None  # "5项主要经济指标增速高于全市平均水平": how many indicators, no result
    ratio = f.unit == "%" and _ATTAIN_RATIO.search(before) is not None  # "占年度计划的114%": attainment
    share = _re(r"占[^，；。]{0,12}的?$|占全").search(before) or (f.unit == "%" and before.endswith("的"))
    if share and not ratio:
        return None  # a share: "占全省的12%", "一般公共预算收入的82%用于民生"
    if after.startswith("的") and not _re(r"^的[^，；。]{0,4}水平").match(after):
        return None  # "90%的企业": the figure qualifies a noun; "稳定在5%左右的较低水平" is the level held
    if _re(r"楼宇|亿元楼|注册资[金本]|总投资|涉及").search(clause):
        return None
    if f.unit == "%" and f.subject_from == "post":
        return None  # "90%以上进入…": a share of something else
    # a change stated verb first ("削减财政赤字450亿元") is not the year's level
    if _re(r"(?:削减|压减|减少|增加)").match(name):
        return None
    # a figure said to be the year's task ("开竣工面积完成160万平方米年度任务") is a result of it; a count of
    # tasks done ("完成14个村庄污水治理任务") is the work done
    tied = _re(r"^[^，；。]{0,4}(?:年度任务|年度目标)").match(after)
    if (
        ctx.period
        and not _names_year(before, review_year)
        and (f.kind != "level" or not _FLOW.search(name) or _STEADY.search(clause))
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
    headline = _headline_name(name, ctx.district, ctx.rural_works)
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
        return _re(re.escape(name[:-3]) + r"[^，；。]{0,12}增加值").search(targets_text) is not None
    # the list itself, its first sentence: a targets section can run on into the plan
    listed = targets_text[: targets_text.find("。") + 1 or len(targets_text)]
    return name.replace("实现", "") in listed


def _outcome_row(
    text: str,
    f: _Fact,
    cs: int,
    ce: int,
    estimated: bool,
    siblings: list[_Fact],
    tier: str,
    catalogue: Catalogue,
) -> OutcomeRow:
    ps, pe = _fact_span(text, f, siblings, cs, ce)
    listed = [g for g in siblings if "分别" in text[cs : g.start]]
    if listed and all(g.indicator != f.indicator for g in listed) and "分别" in text[cs : f.start]:
        # "城镇、农村居民收入分别增长4.8%、5.9%": each line of a 分别 list repeats the list
        pe = max(pe, *(g.end for g in listed))
    if text.startswith("其中", ps):
        ps += 2
    unit = f.unit
    found = catalogue.lookup(f.indicator)
    kind, value = f.kind, f.value
    if kind == "reduction" and value is not None and found is not None and _set_to_grow(found.kinds):
        # "社会消费品零售总额同比下降1.2%": a fall of what is set to grow is a growth below zero, and is
        # judged against the growth target (a fall of what is set to fall, 能耗 or PM2.5, is a reduction)
        kind, value = "growth", -value
    return OutcomeRow(
        indicator=f.indicator,
        indicator_id=found.id if found is not None else None,
        kind=kind,
        value=value,
        unit=unit,
        phrase=text[ps:pe],
        char_start=ps,
        char_end=pe,
        estimated=estimated,
        attainment="ratio" if f.unit == "%" and _ATTAIN_RATIO.search(text, cs, f.start) else None,
        tier=tier,
    )


def _set_to_grow(kinds: tuple[str, ...]) -> bool:
    """An indicator whose targets are growths, never reductions (the catalogue's kinds)."""
    return "growth" in kinds and "reduction" not in kinds


def _qual_row(text: str, name: str, ps: int, pe: int, attainment: str, catalogue: Catalogue) -> OutcomeRow:
    ps, pe = _trim(text, ps, pe)
    ps = _skip_punct(text, ps, pe)
    return OutcomeRow(
        name, _id_in(catalogue, name), "qualitative", None, None, text[ps:pe], ps, pe, False, attainment
    )


# a statement about the target itself settles any target of its indicator; a state only a qualitative one
_STATES = re.compile(r"基本平衡|状况良好|状况|改善|得到(?:有效)?控制|零增长|进一步下降")


def _attainment_of(pred: str) -> str:
    if NOT_DONE.search(pred):
        return "not_met"
    compared = GOAL_COMPARED.search(pred)
    if compared:
        return against_goal(compared["side"], None)
    if _re(r"不平衡|加剧").search(pred):
        return "negative"
    return "positive" if _STATES.search(pred) else "met"


def _not_attained(
    text: str,
    cs: int,
    ce: int,
    catalogue: Catalogue,
    carried: str = "",
    prev_cs: int | None = None,
    headline_only: bool = False,
) -> Iterator[OutcomeRow]:
    """ "没有实现年初确定的A降低4%左右、B减少2%的目标", "A、B目标没有完成": one row per indicator named;
    "进出口总额出现下降，预期增长目标未能实现": a target that names nothing is of the previous clause's
    subject."""
    clause = text[cs:ce]
    if SEVERAL_YEARS.search(clause) or RUN_OF_YEARS.search(clause) or _re(r"规划").search(clause):
        return  # a five-year plan's goal, not the year's
    m = _NOT_ATTAINED.search(clause)
    subject = _strip(_re(r"(?:的)?(?:调控)?目标$").sub("", clause[: m.start()]))
    if _has_noun(subject):
        names = [_re(r"调控$").sub("", _strip(p)) for p in _split_names(subject)]
        names = ["居民消费价格" if n.startswith("物价") else n for n in names]
    elif m["side"]:
        names = []  # "增速高于预期目标、高于上年同期": what is compared stands before, never after
    else:
        obj = _re(r"^[^，；。]*?确定的").sub("", clause[m.end() :])
        obj = _re(r"的?目标$").sub("", obj)
        names = []
        for part in _split_names(obj):
            qs = find_quantities(part)
            part = part[: qs[0].start] if qs else part
            part = _re(r"(?:降低|下降|减少|增长|提高|控制在)$").sub("", part)
            names.append(_strip(part))
    if not any(_has_noun(n) for n in names) and _has_noun(carried) and _headline_name(carried, False):
        names, cs = [carried], cs if prev_cs is None else prev_cs
    for name in names:
        if _has_noun(name) and not (headline_only and not _headline_name(name, False)):
            attainment = "not_met"
            if m["side"]:  # "居民消费价格涨幅低于预期目标": met, for a ceiling
                attainment = against_goal(m["side"], direction_of(name, catalogue))
            yield _qual_row(text, name, cs, ce, attainment, catalogue)


def _attainment_outcomes(
    text: str,
    cs: int,
    ce: int,
    m: re.Match[str],
    carried: str,
    previous: list[_Fact],
    ctx: _Context,
) -> Iterator[OutcomeRow]:
    """m: `_ATTAIN` found in the clause text[cs:ce]."""
    catalogue = ctx.catalogue
    clause = text[cs:ce]
    if _re(f"五年|年均|累计|以来|{PLAN_PERIOD}").search(clause):
        return
    pred = m.group("pred")
    subject = _strip(
        # "较好地完成了…", "较好的完成…": an adverb, with its 地 (or 的, as often written)
        _re(r"(?:(?:始终|均|都|总体|保持|也|顺利|较好|胜利|全面|圆满|基本)[地的]?)+$").sub(
            "", clause[: m.start()]
        )
    )
    general = False
    quota = _QUOTA_DONE.match(pred) if ctx.county and not _has_noun(subject) else None
    quota_name = ""
    if quota:
        quota_name = _quota_name(quota["quota"] if quota["quota"] is not None else quota["annual"])
    if quota_name:
        # a county reports each quota its city sets it, whatever the quota: "圆满完成年度改厕任务"
        names, general = [quota_name], True
    elif quota and quota["quota"] is not None and _has_noun(carried):
        names = [carried]  # "优良天数213天，超额完成市核任务": the topic's quota
    elif _re(r"^(?:主要)?(?:预期)?目标").match(pred):
        names, general = ["目标任务"], True  # "全年主要目标任务顺利完成", "…确定的主要目标顺利实现"
    elif _re(r"(?:超过|超出)").match(pred) and not _has_noun(subject) and _has_noun(carried):
        names = [carried]  # "城镇新增就业980万人，超过预期目标"
    elif _re(r"目标任务|任务目标|既定任务|预期目标|主要目标").search(pred) and not _has_noun(subject):
        general = True
        names = ["主要预期目标" if _re(r"预期目标|主要目标").search(pred) else "目标任务"]
        if "提前" in pred and _has_noun(carried):
            names, general = [carried], False  # "提前超额完成年初确定的目标任务": the topic's own target
    elif pred.startswith("均") and not _has_noun(subject) and previous:
        names = [f.indicator for f in previous]
    elif _has_noun(subject):
        names = [_strip(p) for p in _split_names(subject)]
    elif carried and not pred.startswith("全部完成"):
        names = [carried]
        # "退出钢铁产能超过6500万吨，超额完成年度目标任务": the topic's own annual task, met, is a result
        # whatever the topic (as "淘汰落后产能年度任务如期完成")
        general = _re(r"完成了?(?:年度|全年)(?:目标)?任务").search(clause) is not None
    else:
        return
    ps = cs + (m.start() if not _has_noun(subject) else 0)
    for name in names:
        if not _has_noun(name) or (not general and not _headline_name(name, ctx.district, ctx.rural_works)):
            continue
        yield _qual_row(text, name, ps, cs + m.end(), _attainment_of(pred), catalogue)


# ---------------------------------------------------------------- states of the year

# A headline indicator said to be in a state, with no figure: "居民消费价格总体平稳", "全年粮食总产稳中略升",
# "北京地区出口总额创历史新高", "能耗强度和主要污染物排放总量持续下降",
# "规上工业增加值、固定资产投资、进出口总额
# 等主要指标增速均高于全国平均水平". Read in the year's part of the review only.
_STATE = guarded(
    r"(?:总体平稳|基本稳定|基本持平|(?<!保)持平|双下降|稳中[有略]?[升增]|(?:再)?创(?:历史)?新高|稳定向好|"
    r"(?:持续|继续)下降|创[^，；。]{0,10}最[好优]水平|保持[^，；。]{0,12}最[优好]水平|"
    r"[“\"][一二三四五六七八九十\d]+连(?:丰|增)[”\"]?|再获丰收|(?:逐步)?回稳|趋于稳定|"
    rf"{LOW.pattern}|"
    r"(?:均)?高于全国(?:平均)?水平|(?:均)?优于全国(?:平均)?(?:水平)?|保持优良|稳定达标)"
)


def _state_outcomes(text: str, cs: int, ce: int, carried: str, ctx: _Context) -> Iterator[OutcomeRow]:
    clause = text[cs:ce]
    m = _STATE.search(clause)
    over_years = _re(rf"五年|年均(?!浓度)|累计|{PLAN_PERIOD}|\d{{4}}年(?!度)")
    if not m or over_years.search(clause[: m.start()]):
        return
    subject = clause[: m.start()]
    listed = _re(r"等[^、，；。]{0,8}$").search(subject)
    if listed:
        subject = subject[: listed.start()]  # "A、B、C等主要指标增速均" → A、B、C
    subject = _strip(
        _re(r"(?:增速|增幅|涨幅|指数|均|都|总体|保持|继续|持续|实现)+$").sub("", subject.strip())
    )
    if not _has_noun(subject):
        return
    if _re(r"屡|连续|多年|历年").search(subject) or _re(r"(?:推动|促进|推进|带动|实现|增收$)").search(
        subject
    ):
        return  # "粮食产量屡创历史新高": over the years; "推动经济持续…": an aim, not a state
    names = [_strip(p) for p in _split_names(subject)]
    if listed and len(names) > 1 and all(len(n) <= 3 for n in names[1:]) and len(names[0]) > 4:
        names = [names[0]] + [names[0][:-2] + n for n in names[1:]]  # "万元GDP能耗、水耗、碳排放等"
    fell = DOWN.fullmatch(m.group()) or LOW.fullmatch(m.group())
    for name in names:
        if _has_noun(name) and _headline_name(name, ctx.district, ctx.rural_works):
            attainment = "positive"
            if fell:  # good for a ceiling, bad for a floor, nothing known of an indicator without a direction
                attainment = of_a_fall(direction_of(name, ctx.catalogue))
                if attainment is None:
                    continue
            yield _qual_row(text, name, cs, cs + m.end(), attainment, ctx.catalogue)

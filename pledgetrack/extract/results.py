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
from pledgetrack.extract.facts import (
    _ATTAIN_RATIO,
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
from pledgetrack.indicators import Catalogue, load_catalogue
from pledgetrack.model import ParsedReport

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

# indicators that carry (or typically carry) a target in these reports
_RELEVANT = re.compile(
    r"国内生产总值|生产总值|GDP|财政收入|财政总收入|预算收入|预算总收入|税收总收入|区级税收|"
    r"居民消费价格|物价|消费价格|新增就业|就业岗位|再就业|就业创业|创业|就业|失业|"
    r"进出口|出口|进口|对外贸易|外贸|贸易顺差|外商直接投资|合同外资|实到外资|引进外资|外资|引进内资|"
    r"固定资产投资|工业增加值|消费品零售|零售品销售|零售额|商品销售|粮食|可支配收入|纯收入|"
    r"贫困人口|能耗|能源消耗|排放量|化学需氧量|二氧化硫|PM|细颗粒物|浓度|降尘|生活垃圾|"
    r"旧改|旧区改造|征收|修缮|(?:房屋|住房|成套|旧里|旧区)[^，；。]{0,4}改造|节能改造|(?:小区|住宅)综合整治|"
    r"精品小区|城市更新|收尾|受益居民|"
    r"绿地|绿化|绿道|违法建筑|无证建筑|养老床位|照护床位|实事项目|家门口工程|光伏|并网|"
    r"赤字|国际收支|经常项目|经济指标|目标任务|预期目标"
)
# breakdowns, registered capital, deals, buildings, per-capita and rates that carry no target
_BREAKDOWN = re.compile(
    r"产业|行业|服务业|金融业|制造业|重点企业|企业|楼宇|亿元楼|注册资[金本]|总投资|签约项目|"
    r"涉及|集聚带|带$|园区|暑期|首届|意向|成交|占全|占比|的纳税|二次供水|屋面|电梯|租赁住房|保租房|"
    r"贷款|存款|国债|补贴|补助|资金|支出|投入|储备|人口的|人均国内生产总值|人均生产总值|就业率|涉外经济|"
    r"保险|承保|^占|外资项目|投资项目|(?<!工)业(?:营收|营业收入|零售额|税收|收入)"
)


@lru_cache(maxsize=4096)
def _headline_name(name: str) -> bool | None:
    """True for an indicator that carries targets, False for a breakdown, None for neither. Cached: both
    vocabularies are long alternations, and the same names recur in every report."""
    if _BREAKDOWN.search(name):
        return False
    return True if _RELEVANT.search(name) else None


_MULTI_YEAR = re.compile(
    r"年均|累计|五年来|五年|十年|两年|三年|平均每年|以来|历年|“十[一二三四五六七八九]五”|近\d+年"
)


# ---------------------------------------------------------------- attainment statements

_ATTAIN = re.compile(
    # the first characters of the alternatives below: without them search tries every alternative at
    # every position of a sentence, and this search over the review was a sixth of outcome extraction
    r"(?=[均都全圆超提基完实始控保状涨零总没未不进])"
    r"(?P<pred>"
    r"(?:均|都|全面|圆满|超额|提前|基本)*(?:完成|实现)了?(?:[^，；。]{0,24}?)(?:下达|确定|既定|考核)?的?"
    r"(?:目标任务|各项目标任务|年度目标|预期目标|主要目标|考核目标|下达目标|下达指标|下达任务|考核任务)"
    r"|(?:始终)?控制在[^，；。\d]{0,12}?(?:指标|目标|预算范围)(?:以内|之内|内)"
    r"|(?:超过|超出)(?:了)?(?:预期|年度)目标"
    r"|(?:保持)?基本平衡|状况良好|状况(?:得到|有所|继续|进一步)?改善|涨幅得到控制"
    r"|实现零增长|零增长|全部完成|总体符合预期|(?:没有|未能?)(?:完成|实现)|不平衡矛盾加剧|进一步下降"
    r")"
)
_NOT_ATTAINED = re.compile(r"(?:没有|未能?)(?:完成|实现)")


# ---------------------------------------------------------------- outcomes


_SCOPE = re.compile(
    r"^(?:近[两三四五]年|这五年|五年来|过去五年|五年|十年来|“十[一二三四五六七八九]五”(?:前[一二三四]年|期间|时期)?)(?:累计|来)?"
)
_MULTI_YEAR_REVIEW = re.compile(r"五年|“十[一二三四五六七八九]五”|十[一二三四五六七八九]五")


def extract_outcomes(report: ParsedReport) -> list[OutcomeRow]:
    text = report.text
    year = report.meta.review_year
    rows: list[OutcomeRow] = []
    multi_year = False
    catalogue = load_catalogue()  # once: finding it reads the environment
    for sec in report.sections:
        if sec.kind != "review":
            continue
        multi_year = multi_year or bool(_MULTI_YEAR_REVIEW.search(sec.heading))
        for ps, pe in _paragraphs(text, sec.char_start, sec.char_end):
            if _SCOPE.match(text[ps:pe]):
                continue  # "这五年，…": the whole paragraph is about five years
            if not (numbers.may_hold_quantity(text, ps, pe) or _ATTAIN.search(text, ps, pe)):
                continue  # no result in it: not read sentence by sentence (most paragraphs of a review)
            for ss, se in _sentences(text, ps, pe):
                if _may_state_result(text, ss, se):
                    rows.extend(_sentence_outcomes(text, ss, se, year, catalogue))
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
                        rows.extend(_sentence_outcomes(text, ss, se, year, catalogue))
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
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


def _may_state_result(text: str, start: int, end: int) -> bool:
    """A sentence states a result only with a quantity or an attainment phrase (`_ATTAIN` covers the
    "没有完成" of `_NOT_ATTAINED` too); every other sentence is passed over without reading its clauses."""
    return _has_quantity(text, start, end) or _ATTAIN.search(text, start, end) is not None


_SUBJECT_CUT = re.compile(
    r"近年来|首次|出现|保持|继续|进一步|得到|有所|明显|稳步|持续|不断|大幅|连续|在(?:上年|去年)"
)
_GENERIC_HEAD = re.compile(r"^(?:总产量|产量|总额|总量|总收入|收入)$")


def _sentence_outcomes(
    text: str, ss: int, se: int, review_year: int | None, catalogue: Catalogue
) -> Iterator[OutcomeRow]:
    carried = ""
    previous: list[_Fact] = []
    history: list[str] = []
    scoped = False
    for cs, ce, quantities in _quantified_clauses(text, ss, se):
        clause = text[cs:ce]
        if scoped or _SCOPE.match(clause):
            scoped = True  # "五年累计，…" / "近三年累计，…": the rest of the sentence is multi-year
            continue
        if _NOT_ATTAINED.search(clause) and _re(r"目标|任务").search(clause):
            yield from _not_attained(text, cs, ce, catalogue)
            continue
        if _re(r"决定|作为|标准").search(clause):
            continue  # a decision or a standard, not a result
        facts, carried_next = _quantity_facts(text, cs, ce, quantities, carried, history)
        if facts:
            for f in facts:
                if (
                    _GENERIC_HEAD.match(f.indicator)
                    and _has_noun(carried)
                    and not carried.endswith(f.indicator)
                ):
                    f.indicator = carried + f.indicator  # "粮食…，总产量10570亿斤"
            tiers = [_keep_outcome(text, cs, ce, f, review_year) for f in facts]
            for f, tier in zip(facts, tiers, strict=True):
                if tier:
                    # "预计全年…" covers the rest of its sentence
                    estimated = text.find("预计", ss, f.start) >= 0
                    siblings = [g for g in facts if g is not f]
                    yield _outcome_row(text, f, cs, ce, estimated, siblings, tier, catalogue)
            history.extend(dict.fromkeys(f.indicator for f in facts if f.subject_from == "pre"))
            # "A为…，B为…，均完成考核目标"
            previous = previous + [f for f, tier in zip(facts, tiers, strict=True) if tier == "headline"]
        else:
            attained = _ATTAIN.search(clause)
            if attained:
                yield from _attainment_outcomes(text, cs, ce, attained, carried, previous, catalogue)
            previous = []
            if not (attained or quantities) and len(clause) <= 40:
                cut = _SUBJECT_CUT.search(clause)
                name = _strip(clause[: cut.start()] if cut else clause)
                if _has_noun(name) and len(name) <= 14:
                    carried_next = name
        carried = carried_next


def _keep_outcome(text: str, cs: int, ce: int, f: _Fact, review_year: int | None) -> str | None:
    """'headline' for a result of the year about an indicator that carries targets, 'detail' for any
    other result of the year (it can still settle a commitment), None for what is not the year's result."""
    clause = text[cs:ce]
    before = text[cs : f.start]
    after = text[f.end : ce]
    name = f.indicator
    if not _has_noun(name):
        return None
    if _MULTI_YEAR.search(before) and not _re(r"(?:增加|提高|下降|减少|降|上升)到\d{4}年的$").search(before):
        return None
    # "从A增加到B": A is the past
    if _from_to_past(text, f, cs, ce):
        return None
    # another year named right before the number, not the review year
    years = _re(r"(\d{4})年").findall(before) if "年" in before else []
    if years and review_year and int(years[-1]) != review_year:
        return None
    if _re(r"由上年|比首届|首届").search(before):
        return None
    if _re(r"占[^，；。]{0,12}的?$|占全").search(before) or after.startswith("的"):
        return None
    if _re(r"楼宇|亿元楼|注册资[金本]|总投资|涉及").search(clause):
        return None
    if f.unit == "%" and f.subject_from == "post":
        return None  # "90%以上进入…": a share of something else
    # a change stated verb first ("削减财政赤字450亿元") is not the year's level
    if _re(r"(?:削减|压减|减少|增加|新增加)").match(name):
        return None
    tied = _re(r"^[^，；。]{0,4}(?:年度任务|年度目标)").match(after) or (
        "完成" in before and name.endswith("任务")
    )
    headline = _headline_name(name)
    if headline or (tied and headline is None):
        return "headline"
    return "detail"


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
    return OutcomeRow(
        indicator=f.indicator,
        indicator_id=_id_in(catalogue, f.indicator),
        kind=f.kind,
        value=f.value,
        unit=f.unit,
        phrase=text[ps:pe],
        char_start=ps,
        char_end=pe,
        estimated=estimated,
        attainment="ratio" if f.unit == "%" and _ATTAIN_RATIO.search(text, cs, f.start) else None,
        tier=tier,
    )


def _qual_row(text: str, name: str, ps: int, pe: int, attainment: str, catalogue: Catalogue) -> OutcomeRow:
    ps, pe = _trim(text, ps, pe)
    ps = _skip_punct(text, ps, pe)
    return OutcomeRow(
        name, _id_in(catalogue, name), "qualitative", None, None, text[ps:pe], ps, pe, False, attainment
    )


# a statement about the target itself settles any target of its indicator; a state only a qualitative one
_STATES = re.compile(r"基本平衡|状况良好|状况|改善|涨幅得到控制|零增长|进一步下降")


def _attainment_of(pred: str) -> str:
    if _NOT_ATTAINED.search(pred):
        return "not_met"
    if _re(r"不平衡|加剧").search(pred):
        return "negative"
    return "positive" if _STATES.search(pred) else "met"


def _not_attained(text: str, cs: int, ce: int, catalogue: Catalogue) -> Iterator[OutcomeRow]:
    """ "没有实现年初确定的A降低4%左右、B减少2%的目标", "A、B目标没有完成": one row per indicator named."""
    clause = text[cs:ce]
    if _MULTI_YEAR.search(clause) or _re(r"规划").search(clause):
        return  # a five-year plan's goal, not the year's
    m = _NOT_ATTAINED.search(clause)
    subject = _strip(_re(r"(?:的)?(?:调控)?目标$").sub("", clause[: m.start()]))
    if _has_noun(subject):
        names = [_re(r"调控$").sub("", _strip(p)) for p in _split_names(subject)]
        names = ["居民消费价格" if n.startswith("物价") else n for n in names]
    else:
        obj = _re(r"^[^，；。]*?确定的").sub("", clause[m.end() :])
        obj = _re(r"的?目标$").sub("", obj)
        names = []
        for part in _split_names(obj):
            qs = find_quantities(part)
            part = part[: qs[0].start] if qs else part
            part = _re(r"(?:降低|下降|减少|增长|提高|控制在)$").sub("", part)
            names.append(_strip(part))
    for name in names:
        if _has_noun(name):
            yield _qual_row(text, name, cs, ce, "not_met", catalogue)


def _attainment_outcomes(
    text: str,
    cs: int,
    ce: int,
    m: re.Match[str],
    carried: str,
    previous: list[_Fact],
    catalogue: Catalogue,
) -> Iterator[OutcomeRow]:
    """m: `_ATTAIN` found in the clause text[cs:ce]."""
    clause = text[cs:ce]
    if _re(r"五年|年均|累计|以来|“十[一二三四五六七八九]五”").search(clause):
        return
    pred = m.group("pred")
    subject = _strip(_re(r"(?:始终|均|都|总体|保持|也|顺利)+$").sub("", clause[: m.start()]))
    general = False
    if _re(r"(?:超过|超出)").match(pred) and not _has_noun(subject) and _has_noun(carried):
        names = [carried]  # "城镇新增就业980万人，超过预期目标"
    elif _re(r"目标任务|预期目标|主要目标").search(pred) and not _has_noun(subject):
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
    else:
        return
    ps = cs + (m.start() if not _has_noun(subject) else 0)
    for name in names:
        if not _has_noun(name) or (not general and not _headline_name(name)):
            continue
        yield _qual_row(text, name, ps, cs + m.end(), _attainment_of(pred), catalogue)

"""Results a review states without a figure (kind 'qualitative'): that targets were met or missed, and the
state a headline indicator was in; each row's `attainment` says which, for verdicts.

12. An attainment statement ("全面完成年度目标任务", "超额完成市核任务", "十件民生实事全部如期完成",
    "没有实现年初确定的…降低4%左右…的目标", "居民消费价格涨幅低于预期目标") is about the indicators it
    names, or else the topic of its clause; one about the year's targets as a whole is filed under 目标任务
    or 主要预期目标; a county reports each quota its city sets it, whatever the quota ("圆满完成年度改厕
    任务"); a shortcoming still to overcome ("还未达到…目标") and a five-year plan's goal are no result of the
    year. A state ("居民消费价格总体平稳", "粮食总产稳中略升", "…等主要指标增速均高于全国平均水平") is a
    result of a headline indicator in the year's part of the review; a fall or a low is good for a ceiling,
    bad for a floor, and says nothing of an indicator of no known direction (`attainment`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
from pledgetrack.extract.facts import RUN_OF_YEARS, SEVERAL_YEARS, Fact, find_quantities
from pledgetrack.extract.relevance import ReviewContext, headline_name
from pledgetrack.extract.rows import OutcomeRow, qualitative_row
from pledgetrack.extract.spans import regex
from pledgetrack.extract.subjects import has_noun, split_names, strip_name
from pledgetrack.grammar import PLAN_PERIOD, guarded
from pledgetrack.indicators import Catalogue

# ---------------------------------------------------------------- attainment statements

# A quota met: exceeded (超额完成…任务/计划/目标), or the year's task done (圆满完成年度…任务). What lies
# between the verb and the task names the quota (改厕, 就业, “压减”), its size ("794万立方米的"), who set it
# (市定, 市核, 省市) and its year; with nothing but those, the quota is the topic's ("优良天数213天，超额完成
# 市核任务").
QUOTA_DONE = guarded(
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
    task = regex(r"[（(][^）)]*[）)]").sub("", task)
    return strip_name(_QUOTA_SCOPE.sub("", _QUOTA_SCOPE.sub("", task).strip("“”\"")))


# the works a government promises its people for the year, by name: 民生实事, 惠民实事, 民心工程, 民生工程,
# 惠民事项
_PROMISED = r"实事(?:工程)?(?:项目)?|民心工程|民生工程|(?:惠民|民生)事项"
# (guarded: without the lookahead, search tried every alternative at every position of a sentence, and
# this search over the review was a sixth of outcome extraction)
ATTAIN = guarded(
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
    rf"|{QUOTA_DONE.pattern}"
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
WORKS_DONE = guarded(
    rf"(?:({_PROMISED}|约束性指标|指标|年度任务)[^，；。]{{0,2}}?(?:{DONE_WELL}|基本)+"
    r"(?:完成|办结|兑现)"
    rf"|(?:{DONE_WELL})+完成了?([^，；。]{{0,12}}?(?:{_PROMISED}))(?=[，；。]|$))"
)
# not yet: the problems a review owns to ("…还未达到…目标", "尚未实现"), not the year's results
NOT_YET = re.compile(r"(?:还|尚|仍)(?:没有|未能?)(?:完成|实现|达到)")
# not done, or set against the goal (polarity by the indicator's direction: `attainment.against_goal`)
NOT_ATTAINED = guarded(f"{NOT_DONE.pattern}|{GOAL_COMPARED.pattern}")  # searched in every clause


# a statement about the target itself settles any target of its indicator; a state only a qualitative one
_STATES = re.compile(r"基本平衡|状况良好|状况|改善|得到(?:有效)?控制|零增长|进一步下降")


def _attainment_of(pred: str) -> str:
    if NOT_DONE.search(pred):
        return "not_met"
    compared = GOAL_COMPARED.search(pred)
    if compared:
        return against_goal(compared["side"], None)
    if regex(r"不平衡|加剧").search(pred):
        return "negative"
    return "positive" if _STATES.search(pred) else "met"


def not_attained(
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
    if SEVERAL_YEARS.search(clause) or RUN_OF_YEARS.search(clause) or regex(r"规划").search(clause):
        return  # a five-year plan's goal, not the year's
    m = NOT_ATTAINED.search(clause)
    subject = strip_name(regex(r"(?:的)?(?:调控)?目标$").sub("", clause[: m.start()]))
    if has_noun(subject):
        names = [regex(r"调控$").sub("", strip_name(p)) for p in split_names(subject)]
        names = ["居民消费价格" if n.startswith("物价") else n for n in names]
    elif m["side"]:
        names = []  # "增速高于预期目标、高于上年同期": what is compared stands before, never after
    else:
        obj = regex(r"^[^，；。]*?确定的").sub("", clause[m.end() :])
        obj = regex(r"的?目标$").sub("", obj)
        names = []
        for part in split_names(obj):
            qs = find_quantities(part)
            part = part[: qs[0].start] if qs else part
            part = regex(r"(?:降低|下降|减少|增长|提高|控制在)$").sub("", part)
            names.append(strip_name(part))
    if not any(has_noun(n) for n in names) and has_noun(carried) and headline_name(carried, False):
        names, cs = [carried], cs if prev_cs is None else prev_cs
    for name in names:
        if has_noun(name) and not (headline_only and not headline_name(name, False)):
            attainment = "not_met"
            if m["side"]:  # "居民消费价格涨幅低于预期目标": met, for a ceiling
                attainment = against_goal(m["side"], direction_of(name, catalogue))
            yield qualitative_row(text, name, cs, ce, attainment, catalogue)


def attainment_outcomes(
    text: str,
    cs: int,
    ce: int,
    m: re.Match[str],
    carried: str,
    previous: list[Fact],
    ctx: ReviewContext,
) -> Iterator[OutcomeRow]:
    """m: `ATTAIN` found in the clause text[cs:ce]."""
    catalogue = ctx.catalogue
    clause = text[cs:ce]
    if regex(f"五年|年均|累计|以来|{PLAN_PERIOD}").search(clause):
        return
    pred = m.group("pred")
    subject = strip_name(
        # "较好地完成了…", "较好的完成…": an adverb, with its 地 (or 的, as often written)
        regex(r"(?:(?:始终|均|都|总体|保持|也|顺利|较好|胜利|全面|圆满|基本)[地的]?)+$").sub(
            "", clause[: m.start()]
        )
    )
    general = False
    quota = QUOTA_DONE.match(pred) if ctx.county and not has_noun(subject) else None
    quota_name = ""
    if quota:
        quota_name = _quota_name(quota["quota"] if quota["quota"] is not None else quota["annual"])
    if quota_name:
        # a county reports each quota its city sets it, whatever the quota: "圆满完成年度改厕任务"
        names, general = [quota_name], True
    elif quota and quota["quota"] is not None and has_noun(carried):
        names = [carried]  # "优良天数213天，超额完成市核任务": the topic's quota
    elif regex(r"^(?:主要)?(?:预期)?目标").match(pred):
        names, general = ["目标任务"], True  # "全年主要目标任务顺利完成", "…确定的主要目标顺利实现"
    elif regex(r"(?:超过|超出)").match(pred) and not has_noun(subject) and has_noun(carried):
        names = [carried]  # "城镇新增就业980万人，超过预期目标"
    elif regex(r"目标任务|任务目标|既定任务|预期目标|主要目标").search(pred) and not has_noun(subject):
        general = True
        names = ["主要预期目标" if regex(r"预期目标|主要目标").search(pred) else "目标任务"]
        if "提前" in pred and has_noun(carried):
            names, general = [carried], False  # "提前超额完成年初确定的目标任务": the topic's own target
    elif pred.startswith("均") and not has_noun(subject) and previous:
        names = [f.indicator for f in previous]
    elif has_noun(subject):
        names = [strip_name(p) for p in split_names(subject)]
    elif carried and not pred.startswith("全部完成"):
        names = [carried]
        # "退出钢铁产能超过6500万吨，超额完成年度目标任务": the topic's own annual task, met, is a result
        # whatever the topic (as "淘汰落后产能年度任务如期完成")
        general = regex(r"完成了?(?:年度|全年)(?:目标)?任务").search(clause) is not None
    else:
        return
    ps = cs + (m.start() if not has_noun(subject) else 0)
    for name in names:
        if not has_noun(name) or (not general and not headline_name(name, ctx.district, ctx.rural_works)):
            continue
        yield qualitative_row(text, name, ps, cs + m.end(), _attainment_of(pred), catalogue)


# ---------------------------------------------------------------- states of the year

# A headline indicator said to be in a state, with no figure: "居民消费价格总体平稳", "全年粮食总产稳中略升",
# "北京地区出口总额创历史新高", "能耗强度和主要污染物排放总量持续下降",
# "规上工业增加值、固定资产投资、进出口总额
# 等主要指标增速均高于全国平均水平". Read in the year's part of the review only.
STATE = guarded(
    r"(?:总体平稳|基本稳定|基本持平|(?<!保)持平|双下降|稳中[有略]?[升增]|(?:再)?创(?:历史)?新高|稳定向好|"
    r"(?:持续|继续)下降|创[^，；。]{0,10}最[好优]水平|保持[^，；。]{0,12}最[优好]水平|"
    r"[“\"][一二三四五六七八九十\d]+连(?:丰|增)[”\"]?|再获丰收|(?:逐步)?回稳|趋于稳定|"
    rf"{LOW.pattern}|"
    r"(?:均)?高于全国(?:平均)?水平|(?:均)?优于全国(?:平均)?(?:水平)?|保持优良|稳定达标)"
)


def state_outcomes(text: str, cs: int, ce: int, carried: str, ctx: ReviewContext) -> Iterator[OutcomeRow]:
    clause = text[cs:ce]
    m = STATE.search(clause)
    over_years = regex(rf"五年|年均(?!浓度)|累计|{PLAN_PERIOD}|\d{{4}}年(?!度)")
    if not m or over_years.search(clause[: m.start()]):
        return
    subject = clause[: m.start()]
    listed = regex(r"等[^、，；。]{0,8}$").search(subject)
    if listed:
        subject = subject[: listed.start()]  # "A、B、C等主要指标增速均" → A、B、C
    subject = strip_name(
        regex(r"(?:增速|增幅|涨幅|指数|均|都|总体|保持|继续|持续|实现)+$").sub("", subject.strip())
    )
    if not has_noun(subject):
        return
    if regex(r"屡|连续|多年|历年").search(subject) or regex(r"(?:推动|促进|推进|带动|实现|增收$)").search(
        subject
    ):
        return  # "粮食产量屡创历史新高": over the years; "推动经济持续…": an aim, not a state
    names = [strip_name(p) for p in split_names(subject)]
    if listed and len(names) > 1 and all(len(n) <= 3 for n in names[1:]) and len(names[0]) > 4:
        names = [names[0]] + [names[0][:-2] + n for n in names[1:]]  # "万元GDP能耗、水耗、碳排放等"
    fell = DOWN.fullmatch(m.group()) or LOW.fullmatch(m.group())
    for name in names:
        if has_noun(name) and headline_name(name, ctx.district, ctx.rural_works):
            attainment = "positive"
            if fell:  # good for a ceiling, bad for a floor, nothing known of an indicator without a direction
                attainment = of_a_fall(direction_of(name, ctx.catalogue))
                if attainment is None:
                    continue
            yield qualitative_row(text, name, cs, cs + m.end(), attainment, ctx.catalogue)

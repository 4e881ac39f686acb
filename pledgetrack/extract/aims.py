"""The aims of the headline list that state no number: qualitative targets ("进出口回稳向好",
"居民收入增长和经济增长同步", "完成国家下达的粮食生产、节能降碳目标任务"), and what a relative one is held to.

7. A clause of the headline list without a number is a target of kind 'qualitative', named by its subject
   (up to where the register's predicate begins: 持续改善, 基本平衡, 稳中向好, 同步 …; examples "等" a
   category stands for are the category; places are the scope of one measure), or by its object when it
   opens with its verb ("完成国家下达的粮食生产、单位生产总值二氧化碳减排目标任务" is two targets: 粮食生产,
   单位生产总值二氧化碳减排). Not targets, by what they are: a clause of effort or aspiration qualifying its
   neighbour ("在实际工作中努力争取更好结果", "与…相衔接"), and a rank with no subject of its own ("在全国实现
   位次前移", "努力跑赢全国"). A clause that holds its subject to a reference level, a rank or a superior's
   quota ("…均高于全市平均水平", "主要经济指标增速进入全市前列", "确保完成省定、市定任务") is a relative
   target: one for each name the subject lists, `TargetRow.reference` naming what it is held to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from pledgetrack.extract.attainment import QUOTA_SETTER, WITHIN_GOAL
from pledgetrack.extract.facts import Fact
from pledgetrack.extract.rows import TargetRow, target_row
from pledgetrack.extract.spans import regex
from pledgetrack.extract.subjects import has_noun, split_names, strip_name
from pledgetrack.grammar import CJK, PLAN_PERIOD
from pledgetrack.indicators import load_catalogue

# Clauses of effort or aspiration that qualify the target next to them rather than set one:
# "在实际工作中努力争取更好结果", "力争取得更好结果", "争取更优水平", "努力跑赢全国", "加快构建优势",
# "对标全国全力消减差距" open with an effort word (after a circumstance "在…中"); "在全国实现位次前移"
# aims at a rank, "力争比去年实现更多增长" at "more" (a comparison, not a level).
_NOT_AN_AIM = re.compile(
    r"^在[^，；。]{0,16}?(?:基础上|前提下|条件下)"
    r"|^(?:与|同|比)"  # "与全面建成小康社会目标相衔接": a comparison attached to the clause before
    r"|差距|更好结果|更优|更多|更大"
)
# A rank ("位次前移", "进入全市前列", "跑赢全国") is an aim of its own when the clause names what is ranked
# ("力争主要经济指标增速进入全市前列", "总量位次实现新提升"); without a subject it qualifies the clause before
# ("地区生产总值增长5.5%左右、在全国实现位次前移", "努力跑赢全国").
_RANK = re.compile(r"位次|跑赢|前列")
_NOT_AN_AIM_PREFIX = re.compile(r"^(?:在[^，；。]{0,8}?(?:中|上|内)?|实现|力争|努力|确保)+")
# An effort before an aim ("努力实现居民收入增长和经济发展同步"): the aim is what follows it, if anything
# ("加快构建优势" names no indicator and sets nothing).
_EFFORT = re.compile(
    r"^(?:在[^，；。]{0,12}?(?:中|上))?(?:努力|力争|争取|力求|全力|加快|着力|奋力|对标)+(?:实现)?"
)


# Where the subject of a state ends and its predicate begins: "进出口|稳量提质", "生态环境质量|持续改善",
# "居民收入|增速高于经济增速", "各类风险|有序有效防控", "供给侧结构性改革|取得实质性进展".
_PREDICATE = re.compile(
    r"(?:增速|增长|增幅|涨幅)?(?:不折不扣|全面|持续|继续|进一步|稳步|稳中|稳量|稳定|基本|总体|有序|有效|保持|争取|"
    r"力争|确保|实现|完成|达到|控制|高于|快于|低于|好于|只增不减|提质|回稳|取得|改善|增强|优化|衔接|向好|提升|"
    r"提高|下降|降低|减少|防控)"
)
# A predicate comparing its subject with something else: the 和/与 of its subject do not list indicators
# ("居民收入增长和经济增长同步", "项目投资增速高于全部投资增速").
_RELATION = re.compile(r"同步|高于|快于|低于|衔接|相适应|相协调")
# ...unless it compares with a reference level, a rank or a quota, which each name of the subject is held to:
# "粮食产量和播种面积高于2020年水平", "城乡居民人均可支配收入、…及实际利用外资均高于全市平均水平",
# "主要经济指标增速进入全市前列", "其他约束性指标确保完成省定、市定任务"; one reference each, of the list it
# closes ("居民收入增速高于经济增速、高于全国平均水平": 全国平均水平).
_REFERENCE = re.compile(
    r"(?:高于|快于|低于|不低于|好于|优于)(?P<level>[^，；。、]{0,12}?(?:平均水平|水平|平均))"
    r"|(?:进入|位居|保持)(?P<rank>[^，；。]{0,6}?前列)"
    rf"|完成(?P<quota>[^，；。]{{0,12}}?{QUOTA_SETTER}[^，；。]{{0,12}}?(?:任务|目标|指标))"
)
# the resolve before a quota's verb ("…指标确保完成省定任务")
_RESOLVE = re.compile(r"(?:确保|力争|努力)$")
# A clause that opens with its verb names its indicators in its object ("提高居民基础养老金",
# "完成国家下达的粮食生产、单位生产总值二氧化碳减排目标任务").
_VERB_FIRST = re.compile(r"^(?:全面|不折不扣|如期|确保|重点|切实)?(?:完成|实现|达到|提高|确保|保持|控制)")
# who set the target, before the object: "国家下达的", "市政府下达的", "经国家审核衔接后确定的"
_SET_BY = re.compile(
    r"^(?:[省市区县]政府|上级)|^(?:经?(?:国家|中央|上级|[省市区县])?(?:审核衔接后)?(?:下达|确定)(?:给?我[省市区县])?的?)"
)
# a river, lake, sea or mountain: a place a measure is taken over, not an indicator
# a river, a lake, a range, or a part of one ("黄河干流", "长江上游")
_PLACE = re.compile(rf"[{CJK}]{{1,4}}(?:江|河|湖|海|山|流域|水库)(?:干流|支流|上游|中游|下游)?")
_TARGET_WORDS = re.compile(r"(?:主要|各项)?(?:约束性)?(?:目标任务|目标|任务|指标|要求)$")
_RELATIVE = re.compile(r"^.*的(?=[^的]{2,}$)")  # "反映转型发展成效的预期性指标" → "预期性指标"
# "水、空气等生态环境质量": examples, then the category they stand for; "能源、水资源、碳排放等指标": a list
_EXAMPLES_OF = re.compile(r"^.*等(?=[^、等]{2,}$)")
_LIST_TAIL = re.compile(r"等(?:各项)?(?:指标|方面|目标任务|目标|任务)?$")
# the plan a task belongs to scopes it, and names no indicator: "“十四五”资源能源消耗…任务全面完成"
_PLAN_SCOPE = re.compile(f"^{PLAN_PERIOD}(?:规划|期间|时期)?(?:的)?")


def clause_targets(text: str, cs: int, ce: int) -> Iterator[TargetRow]:
    """The targets a clause without a number sets (see `targets`): its subject's indicators, or,
    when it opens with its verb, its object's."""
    clause = text[cs:ce]
    if _NOT_AN_AIM.search(clause):
        return
    effort = _EFFORT.match(clause)
    if effort:
        clause = clause[effort.end() :]
    rank = _RANK.search(clause)
    if rank and not has_noun(strip_name(_NOT_AN_AIM_PREFIX.sub("", clause[: rank.start()]))):
        return  # a rank of nothing named: it qualifies the clause before
    ref = _REFERENCE.search(clause)
    reference = next((g for g in ref.groups() if g), None) if ref else None
    verb = _VERB_FIRST.match(clause)
    if verb:
        names = _object_names(clause[verb.end() :])
    elif ref is not None:
        # each name the subject lists is held to the reference ("…、进出口总额增幅及实际利用外资均高于…")
        # "其他约束性指标确保完成…": the indicators are before the resolve
        subject = _RESOLVE.sub("", clause[: ref.start()])
        first = _RELATION.search(subject)  # "居民收入增速高于经济增速、高于全国平均水平": the first one's
        subject = subject[: first.start()] if first else subject
        subject = _EXAMPLES_OF.sub("", _LIST_TAIL.sub("", _RELATIVE.sub("", subject)))
        trailing = regex(r"(?:增幅|增速|增长|总量)$")
        names = [trailing.sub("", strip_name(n)) for n in split_names(strip_name(subject))]
    else:
        strict = list(qualitative_targets(text, ce - len(clause), ce))
        if strict:  # the long-standing attainment predicates, with their own naming
            yield from (replace(row, phrase=text[cs : row.char_end], char_start=cs) for row in strict)
            return
        m = _PREDICATE.search(clause, 2)  # a subject has at least two characters
        subject = _RELATIVE.sub("", clause[: m.start()] if m else clause)
        relation = m is not None and bool(_RELATION.search(clause, m.start()))
        subject = _EXAMPLES_OF.sub("", _LIST_TAIL.sub("", subject))
        names = [subject] if relation else list(split_names(subject))
        if len(names) > 1 and all(_PLACE.fullmatch(n) for n in names[:-1]):
            names = [subject]  # "长江、黄河、澜沧江省境内干流水质": places, the scope of one measure
        if m is None:  # no predicate the register list knows ("进出口量稳质升"): a known indicator opens it
            names = [head for head in map(_known_head, names) if head]
    for name in names:
        name = strip_name(_PLAN_SCOPE.sub("", strip_name(name)))
        name = name if load_catalogue().lookup(name) else _known_head(name) or name
        if has_noun(name):
            f = Fact(name, "qualitative", None, None, None, None, cs, ce, "pre")
            yield target_row("headline", f, text, cs, ce, reference=reference)


def _known_head(name: str) -> str | None:
    """The catalogue's indicator that opens `name` ("进出口保稳" → 进出口), if one does."""
    found = load_catalogue().find_in(name)
    return name[: found[0][2]] if found and found[0][1] == 0 else None


def _object_names(obj: str) -> list[str]:
    """The indicators an attainment verb's object names:
    "国家下达的粮食生产、单位生产总值二氧化碳减排目标任务" → 粮食生产, 单位生产总值二氧化碳减排;
    "“某某工程”等区政府实事项目和市政府下达的节能减排等目标" → 实事项目, 节能减排."""
    names = []
    for part in split_names(_TARGET_WORDS.sub("", _SET_BY.sub("", obj))):
        part = _TARGET_WORDS.sub("", _LIST_TAIL.sub("", _RELATIVE.sub("", part)))
        names.append(_SET_BY.sub("", _EXAMPLES_OF.sub("", part)))
    if not any(has_noun(strip_name(n)) for n in names):
        # the object is a group of targets the catalogue names ("上级下达的各项约束性指标")
        found = load_catalogue().find_in(obj)
        names = [obj[found[0][1] : found[0][2]]] if found else names
    return names


_QUAL_TARGET = re.compile(
    r"(?P<pred>"
    r"(?:均|都|全面)*完成(?:[^，；。]{0,20}?)下达的?(?:[^，；。]{0,10}?)(?:目标|指标|任务)"
    rf"|{WITHIN_GOAL}"
    r"|(?:保持)?基本平衡|基本稳定|稳定增长|同步(?:增长)?$|(?:状况|不平衡状况)(?:得到|有所|继续|进一步)?改善"
    r")"
)


def qualitative_targets(text: str, cs: int, ce: int) -> Iterator[TargetRow]:
    clause = text[cs:ce]
    m = _QUAL_TARGET.search(clause)
    if not m:
        return
    pred = m.group("pred")
    subject = clause[: m.start()]
    if pred.startswith("同步"):
        # "居民收入增长和经济增长同步", "居民人均可支配收入与经济增长同步": what grows in step
        subject = regex(r"(?:实际)?(?:增长|增速|提高)?(?:和|与|同)[^和与同]*$").sub("", subject)
        subject = regex(r"(?:实际)?(?:增长|增速|提高).*$").sub("", subject)
        names = [strip_name(subject)]
    elif "完成" in pred and not has_noun(strip_name(subject)):
        # verb first: "全面完成“某某工程”等区政府实事项目和市政府下达的节能减排等目标"
        obj = regex(r"^(?:均|都|全面)*完成").sub("", pred)
        names = []
        for part in split_names(obj):
            part = (
                regex(r"^.*等").sub("", part)
                if not part.endswith("等目标")
                else regex(r"等目标$").sub("", part)
            )
            part = regex(r"^.*等").sub("", part)
            part = regex(r"^(?:[区市县省]政府|上级)?(?:下达的?)?").sub("", part)
            part = regex(r"(?:目标|指标)$").sub("", part)
            names.append(strip_name(part))
    else:
        subject = regex(r"(?:不平衡)?状况(?:得到|有所|继续|进一步)?$").sub("", subject)
        subject = regex(r"(?:保持|均|都|总体|不折不扣)$").sub("", _RELATIVE.sub("", subject))
        names = [strip_name(p) for p in split_names(strip_name(subject))]
    for name in names:
        if not has_noun(name):
            continue
        f = Fact(name, "qualitative", None, None, None, None, cs, ce, "pre")
        yield target_row("headline", f, text, cs, ce)

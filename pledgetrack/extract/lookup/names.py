"""The names a target is searched by in its follow-up's review: `names_of(target, catalogue)` → `Names`.

13. Names searched: the catalogue's aliases of the target's indicator, the name as written, and its head noun
    (scope words, actors such as 中央财政, and verbs such as 安排 or 用于 dropped in front; measure words
    dropped after); a quoted term (“三农”) is a name of its own. A name too generic to point at one quantity
    (资金, 投入 …) or ending with a verb ("国务院同意地方发行") is searched only to tell whether the review
    mentions the target at all, never to read a figure after it.
17c. A fee cut is looked back on as a cost cut ("流量资费" → "降低用能、用网和物流等成本"), a ratio by
    the quantity it divides ("赤字率" → "财政赤字控制在预算范围内"), an instrument by its head noun as the
    subject of a change ("广义货币" → "保持货币信贷合理增长", never "货币政策"), a group by its members
    ("国际收支" → "贸易顺差进一步下降"): mentions, never a figure. One spending is one whatever its noun
    ("科技支出", "科技投入", "用于科技的支出"), and a 分别 list gives each member its own figure ("用于科技、
    教育…的支出分别为774亿元、536亿元…": 科技 the first; "化学需氧量、氨氮排放量分别下降3.1%和2.4%": 氨氮
    the second).

`Names` also carries what a target asks for (`wants`: 'up', 'down'), the action its phrase names (基本建成 …),
its group's and its members' names (the catalogue's `parts`), and the levels of government that qualify it
(`levels`). Cached: the same names recur in every report of a region.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pledgetrack import numbers
from pledgetrack.extract.facts import find_quantities
from pledgetrack.extract.lookup.levels import qualified
from pledgetrack.grammar import CONJUNCTIONS, LIST_JOINERS, PLAN_PERIOD
from pledgetrack.indicators import MEASURE_WORDS, SCOPE_WORDS, Catalogue

# ---------------------------------------------------------------- names

# who spends or decides, and the verbs of a plan, in front of a name: "中央财政拟安排“三农”投入"
_LEAD_WORDS = re.compile(
    r"^(?:今年|全年|年内|其中|同时|再|要|将|拟|还|继续|力争|确保|努力|共|合计|"
    r"中央政府|中央财政|中央|国务院|地方政府|各级政府|各级财政|为此|"
    r"安排|用于|投入|新增|新建|建设|再开工|开工|新开工|基本建成|建成|完成|实现|解决|改造|改建|推进|"
    r"谋划|争列|实施)+"
)
# the slate a list of projects is put on, after its noun: "争列市以上重点项目盘子" is a list of 市以上重点项目
_SLATE = re.compile(r"盘子$")
# a head that is only a verb, or ends with one: no quantity can be read after it
_VERB_END = re.compile(
    r"(?:安排|拿出|新增|发行|覆盖|严守|扩大|增加|提高|继续|解决|支持|按|实|总|今年|为|达|到|问题|用好用活|"
    r"的投入|(?<=[将拟要再])投入|发放|下达|拨付|筹集|落实|减轻|取消|下放|同意|引导)$"
)
# a head that names money or effort in general, not which
_GENERIC = re.compile(
    r"^(?:资金|专项资金|补贴资金|补助资金|补助|投资|投入|支出|收入|项目|工程|经费|问题|工作|任务)$"
)
_COORDINATION = re.compile(f"[{''.join(CONJUNCTIONS)}同]")  # "A同B" too
_QUOTED = re.compile(r"“([^”]{2,8})”")
_PLAN_PERIOD = re.compile(PLAN_PERIOD)
# the actions a target can name besides its noun; the figure after the same action settles it
_ACTIONS = ("基本建成", "新开工", "开工建设", "开工", "竣工", "建成", "改造", "新建", "新增", "完成")
_ACTION_PATTERN = re.compile("|".join(_ACTIONS))
_TRAILING_ACTION = re.compile(f"(?:{'|'.join(_ACTIONS)})$")
# a pledge to change a quantity is named with its verb last ("压减钢铁产能" → 钢铁产能压减): its noun
# is the name
_TRAILING_CHANGE = re.compile(r"(?:压减|削减|淘汰|减少|降低|下降|提高|增加|增长|扩大)$")
# one thing the register calls by several heads, none of them in the catalogue
_HEAD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "保障性住房": ("保障房", "保障性安居工程"),
    "城镇保障性住房": ("保障性住房", "保障房", "保障性安居工程"),
    "保障房": ("保障性住房", "保障性安居工程"),
}
# heads the register looks back on by what they became, a mention but no figure of theirs: the treasury
# bonds for construction as the money they raised ("投入国债资金147亿元" is one use of it, not the issue)
_LOOKED_BACK_AS: dict[str, tuple[str, ...]] = {
    "长期建设国债": ("建设国债", "国债资金", "国债投资"),
    "建设国债": ("国债资金", "国债投资"),
    # people settling in towns are counted as the farmers who moved there ("农业转移人口在城镇落户")
    "进城落户": ("农业转移人口", "城镇落户"),
}


# the nouns of a spending: the same money whichever the review uses ("科技支出" planned, "科技投入" reported)
SPENDING_NOUNS = ("支出", "投入")
SPENDING_END = re.compile(f"(?:{'|'.join(SPENDING_NOUNS)})$")
# a ratio named after the quantity it divides: "赤字率" (赤字), "财政赤字占国内生产总值比重" (财政赤字)
_RATIO_OF = re.compile(r"率$|占.+比重$")
# a planned amount ("年度计划投资", scope words dropped: "计划投资"): the review gives the rate of its
# completion ("投资完成率达到131.2%"), the share of the plan done
_PLANNED = re.compile(r"^(?:年|全年)?计划(?P<noun>投资)$")
# a fee of a thing ("移动网络流量资费", "电价")
_FEE = re.compile(r"资费|[电水气]价")
CJK_END = re.compile(r"[\u4e00-\u9fff]$")
IN_STEP = re.compile(r"同步")
# what a qualitative target asks of its indicator, by the end of its phrase ("进出口回稳向好": better)
_WANTS_DOWN = re.compile(r"(?:减少|下降|降低|削减|回落|压减)$")
_WANTS_UP = re.compile(r"(?:增长|增加|提高|上升|回升|扩大)$")
_WANTS_BETTER = re.compile(r"向好|好转|改善|回稳|提质|质升|稳中向好")


@dataclass(frozen=True)
class Names:
    figure_names: tuple[str, ...]  # names a figure may be read after, longest first
    mention_names: tuple[str, ...]  # names whose mere presence means the review mentions the target
    action: str | None  # 基本建成 …, when the target's phrase names one
    # the two ends of a name the catalogue does not know: both in one sentence is a mention too
    # ("退出煤炭产能" in "推进钢铁、煤炭行业市场化去产能")
    word_pairs: tuple[tuple[str, str], ...] = ()
    # the members of a group the target is named for (主要污染物: 二氧化硫, 氮氧化物 …), from the catalogue's
    # `parts`: a mention of the target always, a place to read a figure only for a qualitative target
    part_names: tuple[str, ...] = ()
    part_ids: frozenset[str] = frozenset()
    # what a qualitative target asks of its indicator: 'up' (增长, and 向好/改善 of a floor indicator),
    # 'down' (减少, 下降, and 向好/改善 of a ceiling indicator) or None (基本平衡, 基本稳定, 同步 …)
    wants: str | None = None
    # a rate's head noun ("失业率" of 城镇登记失业率): too vague to read a figure after ("调查失业率5.1%" is
    # another rate's), specific enough for a statement or state about the rate ("失业率为多年来最低")
    state_names: tuple[str, ...] = ()
    # the names of the groups the indicator belongs to (约束性指标 for 主要污染物, 能耗 …; the catalogue's
    # `parts` read upwards): an attainment statement about the group ("各项约束性指标超额完成") is one about
    # each member; no figure or state of the group is
    group_names: tuple[str, ...] = ()
    # the purpose of a spending ("科技" of 科技支出): read only as a member of a 分别 list of spendings
    # ("用于科技、教育…的支出分别为774亿元、536亿元…"), where the list's head noun is the spending
    list_names: tuple[str, ...] = ()
    # an instrument's head noun ("货币" of 广义货币): a mention where it is the subject of a change
    # ("保持货币信贷合理增长"), never a place to read a figure ("货币政策" is no mention at all)
    change_names: tuple[str, ...] = ()
    # the use of what a fee is paid for ("用网" of 移动网络流量资费): a mention before 成本 ("用网…等成本")
    cost_names: tuple[str, ...] = ()
    # the base units a catalogued indicator is counted in (亿元, 人 …): a count in another unit right after
    # its name ("外贸企业1295家") says the name qualifies another noun
    unit_bases: frozenset[str] = frozenset()
    # a list qualified by levels of government ("省市重点项目", "市以上重点项目", "市级…产业园"): its
    # noun, read only where the review qualifies it by the same levels (`same_levels`), and those levels
    level_noun: str | None = None
    levels: frozenset[str] | None = None
    # the group a target was cut from ("城乡居民人均可支配收入增长6.5%" gives a target of 城镇 and one of 农村
    # income): the group's names as the target's phrase writes them, whose one figure is the one the target
    # was set on (never a 分别 list of its members' figures), and the group's ids
    whole_names: tuple[str, ...] = ()
    whole_ids: frozenset[str] = frozenset()
    # a planned amount ("年度计划投资"): the rate of its completion ("投资完成率"), a ratio to the plan
    ratio_names: tuple[str, ...] = ()
    # the actions the target's name names ("老旧小区改造": 改造): a count leading the noun counts that action
    # only where the clause names it too ("16个老旧小区完成改造", not "40个老旧小区引入物业")
    acts: tuple[str, ...] = ()


def _head(name: str, catalogue: Catalogue) -> str:
    """The name without scope words, actors and plan verbs in front and measure words after."""
    tokens = catalogue.tokens(name)
    while len(tokens) > 1 and tokens[0] in SCOPE_WORDS:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in MEASURE_WORDS:
        tokens = tokens[:-1]
    head = "".join(tokens)
    previous = None
    while previous != head:
        previous = head
        head = _LEAD_WORDS.sub("", head).strip("、，的 ")
        head = _TRAILING_ACTION.sub("", head) if len(head) > 4 else head
        head = _SLATE.sub("", head) if len(head) > 4 else head
    return head


def names_of(target: Mapping[str, Any], catalogue: Catalogue) -> Names:
    # the same names recur in every report of a region (and segmenting them with jieba is half the cost)
    return _names_cached(
        str(target.get("indicator") or "").strip(),
        target.get("indicator_id"),
        str(target.get("phrase") or ""),
        target.get("value"),
        catalogue,
    )


@lru_cache(maxsize=16384)
def _names_cached(
    written: str, indicator_id: str | None, phrase: str, value: float | None, catalogue: Catalogue
) -> Names:
    target = {"indicator": written, "indicator_id": indicator_id, "phrase": phrase, "value": value}
    figure: list[str] = []
    mention: list[str] = []
    state: list[str] = []
    indicator = catalogue.get(target["indicator_id"]) if target.get("indicator_id") else None
    if indicator is not None:
        figure += indicator.aliases
        # a rate's head noun ("失业率" of 城镇登记失业率): a mention (the target is not dropped), and a
        # place to read a statement or state ("失业率为多年来最低"), never a figure
        state += [a[-3:] for a in indicator.aliases if len(a) >= 5 and a.endswith("率")]
    # a catalogued indicator is named by its aliases (and as written); only an unknown one by its head noun:
    # "中央财政赤字" stripped of its actor would be "赤字", another indicator
    head = _head(written, catalogue) if written and indicator is None else written
    # an unknown name is as good as its head: "中央财政拟投入" is an actor and a verb, nothing to look for
    head_usable = indicator is not None or (
        len(head) >= 2 and not _VERB_END.search(head) and not _GENERIC.match(head)
    )
    # the noun of a change named with its verb last ("钢铁产能压减"): searched as the head is, but a name
    # usable only without its verb stays unusable (no new accusation from a name cut short)
    noun = _TRAILING_CHANGE.sub("", head) if indicator is None and len(head) > 4 else head
    # a list qualified by levels of government is searched by its noun, the levels checked where it stands
    listed_noun = qualified(written, head)[0] if indicator is None else None
    for candidate in dict.fromkeys((written, head, noun, *_HEAD_SYNONYMS.get(head, ()), listed_noun or "")):
        usable = head_usable and len(candidate) >= 2 and not _VERB_END.search(candidate)
        usable = usable and not _GENERIC.match(candidate)
        # a name that is the catalogue's alias or holds a quoted term is specific enough at any length
        if usable and (indicator is not None or len(candidate) >= 3 or candidate in catalogue.by_alias):
            figure.append(candidate)
        elif len(candidate) >= 2:
            mention.append(candidate)
    if indicator is None and written:
        # "能耗强度": the catalogue does not know it, but 能耗 is energy_intensity (单位国内生产总值能耗).
        # One alias inside, with at most two characters of its own beside it: the same quantity.
        inside = catalogue.find_in(written)
        if len(inside) == 1 and len(written) - (inside[0][2] - inside[0][1]) <= 2:
            figure += inside[0][0].aliases
        # "居民收入和经济(增长同步)": a name cut inside a coordination is its first member
        first = catalogue.lookup(_COORDINATION.split(written, maxsplit=1)[0])
        if first is not None and _COORDINATION.search(written):
            figure += first.aliases
        mention += [alias for found, s, e in inside for alias in (written[s:e],)]
    # a quoted term of the name, or of the phrase where the name as extracted lost its quotes
    # ("3815”战略发展目标“三年上台阶" of "确保完成“3815”战略发展目标“三年上台阶”的任务")
    quoted_terms = [*_QUOTED.findall(written), *(q for q in _QUOTED.findall(phrase) if q in written)]
    for quoted in dict.fromkeys(quoted_terms):
        if not _PLAN_PERIOD.fullmatch(quoted):  # "“十四五”期间…": the period, no name of the target
            figure.append(f"“{quoted}”")
    list_names: list[str] = []
    spending = SPENDING_END.search(head) if indicator is None else None
    stem = head[: spending.start()].removesuffix("的") if spending else ""
    if len(stem) >= 2 and not _GENERIC.match(stem) and not _VERB_END.search(stem):
        # one spending, whatever its noun: "科技支出", "科技投入", "用于科技的支出" (and the same in a list)
        figure += [f for noun in SPENDING_NOUNS for f in (stem + noun, f"用于{stem}的{noun}")]
        list_names.append(stem)
    # a fee cut is looked back on as a cost cut, the cost of using what the fee is paid for ("流量资费" →
    # "降低用能、用网和物流等成本"; "电价" → "用电成本"): a mention, never a figure
    fee = _FEE.search(written) if indicator is None else None
    if fee is not None:
        priced = fee.group()[0] if fee.group().endswith("价") else written[: fee.start()]
        cost_names = [f"用{c}" for c in dict.fromkeys(priced) if CJK_END.search(c)]
    else:
        cost_names = []
    change_names: list[str] = []
    if indicator is not None:
        # a ratio is spoken of by the quantity it is a ratio of, when the catalogue knows that one
        # ("财政赤字控制在预算范围内" of 赤字率, 财政赤字占国内生产总值比重): a mention, never its figure
        for alias in indicator.aliases:
            base = _RATIO_OF.sub("", alias)
            of = catalogue.by_alias.get(base) if base != alias else None
            if of is not None and of.id != indicator.id:
                mention += of.aliases
        if not indicator.direction and set(indicator.kinds) - {"qualitative"} and len(indicator.name) >= 3:
            change_names.append(indicator.name[-2:])  # an instrument (no better direction): 广义货币 → 货币
    if len(head) >= 4:  # the tail of a long name: "城镇保障性住房" → "保障性住房" is still the same thing
        mention.append(head[-4:])
        if value is None and indicator is None:
            # an aim without a figure is read at its tail too: "长江、黄河干流、澜沧江出省境断面水质稳定保持在
            # II类" is reviewed as "三大江河出省境断面水质保持在II类"
            state.append(head[-4:])
    mention += _LOOKED_BACK_AS.get(head, ()) + _LOOKED_BACK_AS.get(head[-4:], ())
    # "A占B比重" is also written "A占B的比重"
    figure += [n.replace("比重", "的比重") for n in figure if "比重" in n and "的比重" not in n]
    figure = sorted(dict.fromkeys(n for n in figure if n), key=len, reverse=True)
    mention = sorted(dict.fromkeys(n for n in (*figure, *mention) if n), key=len, reverse=True)
    pairs = []
    if indicator is None:
        for name in (head, noun, head[-4:]):
            if len(name) >= 4 and not (set(name[:2]) | set(name[-2:])) & set(LIST_JOINERS + "，的"):
                pairs.append((name[:2], name[-2:]))
    groups = catalogue.groups_of(indicator.id) if indicator is not None else ()
    group_names = [a for group in groups for a in group.aliases]
    parts = [catalogue.get(p) for p in indicator.parts] if indicator is not None else []
    part_names = [a for part in parts if part is not None for a in part.aliases]
    part_names = sorted(dict.fromkeys(part_names), key=len, reverse=True)
    mention = sorted(dict.fromkeys((*mention, *part_names, *state)), key=len, reverse=True)
    # the group a target was cut from: its name in the phrase, no 分别 (a 分别 target gives each member its
    # own figure); a quantitative target only (a qualitative one is spoken of by its members already)
    whole = groups[0] if groups and value is not None else None
    whole_names = (
        tuple(a for a in sorted(whole.aliases, key=len, reverse=True) if a in phrase)
        if whole is not None and "分别" not in phrase
        else ()
    )
    plan = _PLANNED.match(head) if indicator is None else None
    return Names(
        tuple(figure),
        tuple(mention),
        _action(target),
        tuple(dict.fromkeys(pairs)),
        tuple(part_names),
        frozenset(p.id for p in parts if p is not None),
        _wants(phrase, indicator.direction if indicator is not None else None),
        tuple(n for n in dict.fromkeys(state) if n not in figure),
        tuple(sorted(dict.fromkeys(group_names), key=len, reverse=True)),
        tuple(list_names),
        tuple(change_names),
        tuple(cost_names),
        frozenset(numbers.unit_factor(u)[0] for u in indicator.units)
        if indicator is not None
        else frozenset(),
        *(qualified(written, head) if indicator is None else (None, None)),
        whole_names,
        frozenset({whole.id}) if whole_names and whole is not None else frozenset(),
        (f"{plan['noun']}完成率",) if plan else (),
        tuple(a for a in _ACTIONS if a in written),
    )


def _wants(phrase: str, direction: str | None) -> str | None:
    """What a qualitative target's phrase asks of its indicator: 'up', 'down' or None."""
    if IN_STEP.search(phrase):
        return None  # 同步: the indicator against the economy (rule in_step), not a direction
    if _WANTS_DOWN.search(phrase):
        return "down"
    if _WANTS_UP.search(phrase):
        return "up"
    if _WANTS_BETTER.search(phrase) and direction in ("floor", "ceiling"):
        return "up" if direction == "floor" else "down"
    return None


def _action(target: Mapping[str, Any]) -> str | None:
    """The action the target's phrase names right before its own figure ("基本建成470万套、新开工630万套":
    基本建成 for 470, 新开工 for 630)."""
    phrase = str(target.get("phrase") or "")
    if not any(a in phrase for a in _ACTIONS):
        return None
    value = target.get("value")
    ends = [q.start for q in find_quantities(phrase) if value is not None and q.value == value] or [
        len(phrase)
    ]
    found = [(m.start(), m.group()) for m in _ACTION_PATTERN.finditer(phrase, 0, ends[0])]
    return found[-1][1] if found else None

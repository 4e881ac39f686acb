"""Results by looking for them: what the follow-up report's review says about each target of last year.

Extraction (`pledgetrack.extract.extract_outcomes`) reads every result the review states and files it under
the name it finds in front of the figure; a target is then judged by an outcome filed under its indicator.
That misses results written the way the register writes them when it looks back: "城镇调查失业率平均为5.2%",
"粮食产量…突破1.2万亿斤", "能耗强度下降4.8%" for a target named 能源消耗强度, "中央财政用于“三农”的投入
5955亿元" for "中央财政安排“三农”支出". Here the question is asked the other way round: for each target,
where does the review name its indicator, and what comparable figure, statement or state follows the name?

`look_up(targets, text, review_spans, catalogue)` is pure (text in, `Evidence` out), one `Evidence` per
target, in order. The rules state facts of the register:

1. Names searched: the catalogue's aliases of the target's indicator, the name as written, and its head noun
   (scope words, actors such as 中央财政, and verbs such as 安排 or 用于 dropped in front; measure words
   dropped after); a quoted term (“三农”) is a name of its own. A name too generic to point at one quantity
   (资金, 投入 …) or ending with a verb ("国务院同意地方发行") is searched only to tell whether the review
   mentions the target at all, never to read a figure after it.
2. A mention inside a longer name of another indicator ("居民人均可支配收入" inside "城镇居民人均可支配收入")
   counts as a mention, not as a place to read a figure.
3. After a mention, within its sentence, the first figure of the same kind is the result: words may stand
   between ("平均为", "基本建成", "实际"), another indicator's name may not (the figure after it is that
   indicator's). Growth ↔ growth, reduction ↔ reduction (下降X% settles a growth target as −X, and the
   reverse), level ↔ level in a convertible unit (亿元 ↔ 万元), rate ↔ rate. A sign survives ("增长-6.5%").
   Figures of several years (年均, 累计, 五年, “十三五”; but "连续两年增长10%以上" is a bound every year of
   the run met, this one too), of another year ("从2009年的2.8%降到去年的1.5%"
   keeps 1.5), and increments of a level ("增加2000亿元" for a level target) are passed over. A target whose
   phrase names an action (基本建成, 新开工, 改造 …) takes the figure after the same action when the
   sentence has one ("新开工630万套、基本建成470万套"). A count leading the name is its count ("8个省市
   重点项目全部开工"; for a target naming an action, only where the clause names it: "16个老旧小区完成
   改造"), and a planned amount ("年度计划投资") is settled by the share of the plan done ("投资完成率达到
   131.2%", a ratio). Things are counted in 个, 项 or 件 alike.
3b. Lists qualified by levels of government are the same list when the levels are ("省市", "省、市" and
   "市以上"; a county's own list and its "县以上" one), else a part of it: a mention ("新增省、市重点项目" for
   a county's 重点项目; "省级美丽乡村" for 美丽乡村).
3c. A name its figures are shared out over ("城乡居民人均可支配收入分别达到…", or "达到X元、Y元") gives its
   members' figures, never its own; a target cut from a group's phrase ("城乡居民人均可支配收入增长6.5%"
   gives a 城镇 and a 农村 target) is held to the group's one figure ("城乡居民人均可支配收入…增长6%").
4. A threshold crossed ("突破1.2万亿斤", "降幅超过3%") is a bound, used only when it settles the target
   whatever the exact value is (a floor target below the threshold crossed is kept).
5. Without a figure, an explicit statement about the target after its name settles it with its polarity
   ("圆满完成", "好于预期", "未能实现", "低于…预期目标" — low is bad for a floor, good for a ceiling; written
   verb first, "高质量完成省市县民心工程和惠民实事", the name ending its list or followed by its task), and a
   qualitative state settles a qualitative target ("持续改善", "回稳向好", "继续下降" — good for a ceiling,
   bad for a floor). A blanket "完成了全年主要目标任务" is about the year, not about each target: statements
   about 主要/各项 targets are not evidence. A state ("总体平稳", "基本稳定") is no statement: it never
   settles a target with a figure, except a ceiling said to stay low that year ("居民消费价格涨幅保持较低
   水平" for "涨幅3%左右", "失业率为多年来最低": attainment 'low', rule stated_low); a rate's head noun
   ("失业率") is read for such a state, never for a figure. An attainment statement about a group the
   indicator belongs to (the catalogue's `parts` read upwards: "各项约束性指标超额完成" for 主要污染物, 能耗)
   settles it; a state or figure of the group does not. A bare 万 of people is 万人 ("减少1240万").
5b. A qualitative target asking for a direction (增长; 减少/下降; 向好/改善/回稳 of a floor or ceiling
   indicator) takes the first figure after its name for its polarity (rule qualitative_by_figure):
   "进出口回稳向好" ← "进出口增长14.2%" positive, ← "进出口下降2.5%" or "增长-6.5%" negative, ← "货物进出口
   总额超过30万亿元" positive (a threshold crossed upwards; a plain level says nothing of a direction);
   "主要污染物排放继续减少" ← "…下降5.6%" positive. A group is spoken of by its members (the catalogue's
   `parts`: 主要污染物 by 二氧化硫, 氮氧化物 …): their names are mentions of the target, and places to read a
   figure for such a qualitative target only.
5c. A fee cut is looked back on as a cost cut ("流量资费" → "降低用能、用网和物流等成本"), a ratio by
   the quantity it divides ("赤字率" → "财政赤字控制在预算范围内"), an instrument by its head noun as the
   subject of a change ("广义货币" → "保持货币信贷合理增长", never "货币政策"), a group by its members
   ("国际收支" → "贸易顺差进一步下降"): mentions, never a figure. One spending is one whatever its noun
   ("科技支出", "科技投入", "用于科技的支出"), and a 分别 list gives each member its own figure ("用于科技、
   教育…的支出分别为774亿元、536亿元…": 科技 the first; "化学需氧量、氨氮排放量分别下降3.1%和2.4%": 氨氮
   the second).
5d. What is not last year's result: the follow-up's own plan and targets (`own_spans`; without a review only
   its targets paragraph, the rest searched), an aim of this year anywhere ("要…", "力争…", "今年…左右/以上/
   以内"), the review's part about a whole period (`period_spans`, from "五年来"/"“十四五”时期" to the
   year's part: `results.review_paragraphs`), and the figure of a part: a name qualified by more than the
   year, the government's own area and a verb of result ("跨境电商进出口", "规模以上固定资产投资", "沿边临港
   产业园区…", "带动陕西进出口"), or followed by a count in a unit the indicator is never counted in ("外贸
   企业1295家、增长50.6%"). Each stays a mention. Prices said steady ("总体平稳") stayed low under a ceiling
   on their rise (stated_low); "持平" is a change of 0.
6. No evidence: the reason is `no_mention` (no name of the target occurs in the review: the only case that
   makes a target `dropped`), `other_kind` (a figure follows the name but of another kind or unit),
   `no_comparable_figure` (named, with no figure to compare), or `no_usable_name` (the target's name, as
   extracted, is no noun the review could be searched for: nothing can be said about its being dropped).
   The nearest mention's offsets and a short snippet come with it, so a reader can check.
7. A relative target (its `reference`: `reference_kind`) is looked up for what settles it. Its own level of
   the year before ("高于2020年水平") asks for a rise: its growth, by its sign. Another government's average
   ("高于全市平均水平"): a statement after its name or its group's ("…增长9.9%，高于全市平均水平", "5项主要
   经济指标增速高于全市平均水平", "高于省、市平均增速"; of that government, not another's), else its own
   growth for the verdict to compare with that government's (`reference_region`, by the regions catalogue). A
   rank
   ("进入全市前列"): a statement of rank alone, the first five (前五, 第一, 前列; not "第6位"). A superior's
   quota ("完成省定任务"): a statement that it was done ("超额完成省市任务", "约束性指标全部完成"). No state
   settles one; the main indicators as a group ("四项主要经济数据", "多项指标") speak for the group and for an
   indicator measured by its growth.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from pledgetrack import numbers
from pledgetrack.extract.attainment import (
    BAD,
    BEST,
    DONE_WELL,
    DOWN,
    GOAL_COMPARED,
    LOW,
    NOT_DONE,
    QUOTA_SETTER,
    STEADY,
    WITHIN_GOAL,
    against_goal,
    class_met,
    held_class,
    water_class,
)
from pledgetrack.extract.facts import (
    CHANGED_TO,
    GROWTH_VERBS,
    REDUCTION_VERBS,
    RUN_OF_YEARS,
    SEVERAL_YEARS,
    find_quantities,
    people_unit,
)
from pledgetrack.extract.results import review_paragraphs
from pledgetrack.extract.targets import TargetRow
from pledgetrack.grammar import CONJUNCTIONS, LIST_JOINERS, OWN_AREA, PERIOD_OPENER, PLAN_PERIOD
from pledgetrack.indicators import MEASURE_WORDS, SCOPE_WORDS, Catalogue
from pledgetrack.regions import COUNTRY, load_regions

REASONS = ("no_mention", "no_comparable_figure", "other_kind", "no_usable_name")
FOUND = ("figure", "statement", "state")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the follow-up's review says about one target: something found, or the reason nothing was."""

    found: str | None = None  # 'figure' | 'statement' | 'state'; None: see `reason`
    kind: str | None = None  # of the figure: growth | reduction | level | rate; 'qualitative' otherwise
    value: float | None = None  # as written, sign included
    unit: str | None = None
    bound: str | None = None  # 'at_least' | 'at_most': a threshold crossed, not the value itself
    attainment: str | None = None  # statement: met | not_met | ratio; state: positive | negative
    estimated: bool = False  # 预计: an estimate
    # an 同步 target's yardstick: the economy's growth stated in the same review, and where
    reference_value: float | None = None
    reference_phrase: str | None = None
    # a relative target's: what it is held to (REFERENCE_KINDS) and, for an average or a rank, the government
    # whose result is the reference (the regions catalogue: "全市平均水平" of a county is its city's)
    reference_kind: str | None = None
    reference_region: str | None = None
    name: str | None = None  # the name found in the review
    phrase: str | None = None  # exact text[char_start:char_end]: from the name to the figure or statement
    char_start: int | None = None
    char_end: int | None = None
    reason: str | None = None  # no_mention | no_comparable_figure | other_kind | no_usable_name
    mention_start: int | None = None  # the nearest mention (of the evidence, or of the reason)
    mention_end: int | None = None
    snippet: str | None = None  # a short quote around the mention


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
_SPENDING_END = re.compile(f"(?:{'|'.join(SPENDING_NOUNS)})$")
# a ratio named after the quantity it divides: "赤字率" (赤字), "财政赤字占国内生产总值比重" (财政赤字)
_RATIO_OF = re.compile(r"率$|占.+比重$")
# a planned amount ("年度计划投资", scope words dropped: "计划投资"): the review gives the rate of its
# completion ("投资完成率达到131.2%"), the share of the plan done
_PLANNED = re.compile(r"^(?:年|全年)?计划(?P<noun>投资)$")


@dataclass(frozen=True)
class _Names:
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
    # noun, read only where the review qualifies it by the same levels (`_same_levels`), and those levels
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


def _names(target: Mapping[str, Any], catalogue: Catalogue) -> _Names:
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
) -> _Names:
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
    listed_noun = _qualified(written, head)[0] if indicator is None else None
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
    spending = _SPENDING_END.search(head) if indicator is None else None
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
        cost_names = [f"用{c}" for c in dict.fromkeys(priced) if _CJK_END.search(c)]
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
    return _Names(
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
        *(_qualified(written, head) if indicator is None else (None, None)),
        whole_names,
        frozenset({whole.id}) if whole_names and whole is not None else frozenset(),
        (f"{plan['noun']}完成率",) if plan else (),
        tuple(a for a in _ACTIONS if a in written),
    )


def _wants(phrase: str, direction: str | None) -> str | None:
    """What a qualitative target's phrase asks of its indicator: 'up', 'down' or None."""
    if _IN_STEP.search(phrase):
        return None  # 同步: the indicator against the economy (rule in_step), not a direction
    if _WANTS_DOWN.search(phrase):
        return "down"
    if _WANTS_UP.search(phrase):
        return "up"
    if _WANTS_BETTER.search(phrase) and direction in ("floor", "ceiling"):
        return "up" if direction == "floor" else "down"
    return None


# Levels of government a list is qualified by, right before its noun: "省市重点项目", "省、市重点项目" (a
# 、 between single-character levels changes nothing), "市以上重点项目", "县级以上重点项目", "市级现代农业
# 产业园". "X以上" is X and every level above it, so 市以上 is 省市; a list without one is the government's
# own, which counts its own level and those above (a county's 重点项目 are 县以上). A bare level
# ("省重点项目") is read as written: a single character may end a place name ("保定市").
#   target's name          the review's            the same list
#   省市重点项目            省、市重点项目            yes
#   市以上重点项目          省市重点项目              yes
#   重点项目 (a county)     县以上重点项目            yes
#   重点项目 (a county)     省市重点项目              no: a part of it
#   美丽乡村               省级美丽乡村              no: a class the target does not name
#   科技型中小企业          省级、国家级科技型中小企业  yes: every class it is recognised at
_LEVEL_ORDER = ("省", "市", "县")
_LEVEL_QUALIFIER = re.compile(
    r"(?:(?P<up>[省市县区])级?以上|(?P<list>[省市县区](?:、?[省市县区])+)|(?P<one>[省市县区])级)$"
)
_CLASSES = re.compile(r"(?:国家|[省市县])级[、和](?:国家|[省市县])级$")
_LEVEL_LEAD = re.compile(r"(?:[省市县区]级?以上|[省市县区](?:、?[省市县区])+|[省市县区]级)")


def _level_set(qualifier: re.Match[str]) -> frozenset[str]:
    """The levels a qualifier names: "市以上" → 省, 市; "省、市" → 省, 市; "县级" → 县 (a 区 is a 县)."""

    def level(c: str) -> str:
        return "县" if c == "区" else c

    if qualifier["up"]:
        return frozenset(_LEVEL_ORDER[: _LEVEL_ORDER.index(level(qualifier["up"])) + 1])
    if qualifier["list"]:
        return frozenset(level(c) for c in qualifier["list"] if c != "、")
    return frozenset({level(qualifier["one"])})


def _qualified(written: str, head: str) -> tuple[str | None, frozenset[str] | None]:
    """(noun, levels) of a name qualified by levels of government, the qualifier at the head's start or
    just before it ("实施省、市重点项目": 重点项目, 省 and 市; "市级以上重点项目", "市级现代农业产业园", their
    scope word dropped from the head: 重点项目, 省 and 市; 现代农业产业园, 市), else (None, None)."""
    at = written.find(head)
    if at < 0:
        return None, None
    name = written[:at] + head
    leads = [m for m in _LEVEL_LEAD.finditer(name) if m.start() <= at <= m.end() and len(name) - m.end() >= 2]
    if not leads:
        return None, None
    lead = leads[-1]
    found = _LEVEL_QUALIFIER.search(lead.group())
    return (name[lead.end() :], _level_set(found)) if found else (None, None)


@lru_cache(maxsize=4096)
def _own_levels(region: str | None) -> frozenset[str] | None:
    """The levels a government's own list counts: its own and those above ("河北省保定市定兴县": 省, 市, 县);
    None for the country or a region not named by levels."""
    levels = _LEVELS.findall(region or "")
    return frozenset(_LEVEL_ORDER[: min(len(levels), 3)]) if levels else None


def _same_levels(text: str, start: int, name: str, names: _Names, region: str | None) -> bool:
    """Does the list named at `start` count the levels the target's does? A list without a qualifier is the
    government's own (`_own_levels`): "县以上重点项目" is a county's own list, "省市重点项目" a part of it."""
    noun = names.level_noun
    at = start + name.index(noun) if noun is not None and noun in name else start
    found = _LEVEL_QUALIFIER.search(text, max(0, at - 6), at)
    theirs = _level_set(found) if found is not None else None
    if names.levels is None and (found is None or _CLASSES.search(text, max(0, at - 8), at)):
        # the government's own list, or every class a thing is recognised at ("省级、国家级科技型中小企业")
        return True
    own = _own_levels(region)
    ours = names.levels if names.levels is not None else own
    return ours is not None and ours == (theirs if theirs is not None else own)


def _a_list(text: str, figures: list[_Figure]) -> bool:
    """Do the first two figures after a name make a list ("达到36000元、17000元")? Then they are its
    members'."""
    if len(figures) < 2:
        return False
    first, second = figures[0], figures[1]
    return _base_unit(first) == _base_unit(second) and text[first.end : second.start] in ("、", "和")


def _count_before(text: str, clause: int, start: int) -> _Figure | None:
    """The count leading the name at `start` in its clause, levels qualifying it between ("8个省市重点项目"),
    as a level; None when no quantity ends right there ("总投资30亿元的重点项目": the projects' money)."""
    qualifier = _LEVEL_QUALIFIER.search(text, max(clause, start - 6), start)
    lead = qualifier.start() if qualifier is not None else start
    counts = [q for q in find_quantities(text, clause, lead) if q.end == lead and q.unit not in ("%", "‰")]
    if not counts or counts[-1].comparator == "range":
        return None
    q = counts[-1]
    bound = q.comparator if q.comparator in ("at_least", "at_most") else None
    return _Figure("level", q.value, q.unit, bound, q.start, q.end, False)


def _pair_mention(
    text: str, spans: Sequence[tuple[int, int]], pairs: Iterable[tuple[str, str]]
) -> tuple[int, int, str] | None:
    """The first place where both words of a pair stand in one sentence of the spans."""
    for first, last in pairs:
        for span_start, span_end in spans:
            pos = text.find(first, span_start, span_end)
            while pos >= 0:
                stop = _sentence_stop(text, pos, span_end)
                other = text.find(last, _sentence_start(text, pos), stop)
                if other >= 0:
                    return (pos, pos + len(first), first)
                pos = text.find(first, pos + len(first), span_end)
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


class _CatalogueIndex:
    """What the lookup needs of a catalogue, compiled once: every alias in one pattern (longest first), and
    for each alias the longer aliases of other indicators that contain it."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        aliases = sorted(catalogue.by_alias, key=len, reverse=True)
        self.alias_pattern = re.compile("|".join(re.escape(a) for a in aliases))
        self.id_of = {alias: ind.id for alias, ind in catalogue.by_alias.items()}
        self.longer: dict[str, list[tuple[str, int]]] = {}
        for short in aliases:
            for long in aliases:
                if len(long) > len(short) and short in long and self.id_of[long] != self.id_of[short]:
                    self.longer.setdefault(short, []).append((long, long.index(short)))

    def covered(self, text: str, start: int, name: str, own_ids: frozenset[str | None]) -> bool:
        """Is the occurrence of `name` at `start` part of a longer name of another indicator?"""
        for long, offset in self.longer.get(name, ()):
            at = start - offset
            if at >= 0 and text.startswith(long, at) and self.id_of[long] not in own_ids:
                return True
        for m in self.alias_pattern.finditer(text, max(0, start - 12), start + len(name) + 12):
            longer = m.start() <= start and m.end() >= start + len(name) and len(m.group()) > len(name)
            if longer and self.id_of[m.group()] not in own_ids and name not in self.catalogue.by_alias:
                return True
        return False

    def other_name_between(
        self, text: str, start: int, end: int, own_ids: frozenset[str | None], own_names: tuple[str, ...]
    ) -> bool:
        """Does another indicator's name stand in text[start:end]? (Then a figure after it is its own.)"""
        for m in self.alias_pattern.finditer(text, start, end):
            alias = m.group()
            if self.id_of[alias] in own_ids or self.id_of[alias] == "annual_targets":
                continue
            if _COMPARED_WITH_ECONOMY.match(text, max(0, m.start() - 2)):
                continue  # "快于经济增长": the economy as a yardstick, not a result of its own
            if any(alias in name for name in own_names):
                continue
            return True
        return False


_INDEXES: dict[int, _CatalogueIndex] = {}


def _index(catalogue: Catalogue) -> _CatalogueIndex:
    found = _INDEXES.get(id(catalogue))
    if found is None or found.catalogue is not catalogue:
        found = _INDEXES[id(catalogue)] = _CatalogueIndex(catalogue)
    return found


# ---------------------------------------------------------------- the text after a mention

_SENTENCE_END = re.compile(r"[。！？\n]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9.]")
_CLAUSE_MARK = re.compile(r"[，；：,;:]")
_EACH_YEAR = re.compile(r"连续[两三四五六七八九十\d]+年(?:均|都)?(?:增长|增加|提高|上涨)了?$")
_GROWTH_LEAD = re.compile(rf"(?:{GROWTH_VERBS})(?:了|达到|为|达)?$")
_REDUCTION_LEAD = re.compile(rf"(?:{REDUCTION_VERBS})(?:了|达到|为|达)?$")
_FROM = re.compile(r"(?:从|由)[^，；。]{0,12}$")
_OTHER_YEAR = re.compile(r"(\d{4})年(?:底|末)?的?$")
_BASE_YEAR = re.compile(r"(?:比|较|同)(\d{4})年")
_YEAR_WORDS = re.compile(r"(?:去年|上年|当年|\d{4}年)(?:底|末)?的?$")
# right after a name, what makes it the modifier of another quantity ("国内生产总值中的比重", "…的贡献率")
_MODIFIER_AFTER = re.compile(r"中的|(?:中)?的?(?:比重|占比|之比)|的(?!投入|支出|资金|投资)")
# a review of a government's whole term (换届 reports) opens by saying so
_TERM_REVIEW = re.compile(r"过去五年|五年来|五年工作回顾")
_YEAR_PARAGRAPH = re.compile(r"去年|过去一年|刚刚过去的|年初确定|\d{4}年，")
_ESTIMATE = re.compile(r"预计")
_RESTATED_BEFORE = re.compile(r"(?:确定|提出|下达|制定)的|预期目标|目标(?:是|为)")
_RESTATED_AFTER = re.compile(r"[^，；。]{0,16}?的?(?:预期)?(?:目标|指标)")
# what a clause without a subject of its own says before its figure: it speaks of the name before it
# ("国内生产总值达到67.7万亿元，增长6.9%", "新开工保障性安居工程666万套，基本建成544万套")
_CARRIED_LEAD = re.compile(
    r"(?:全年|当年|去年|预计全年|预计|其中|同比|同口径|可比|比上年|比去年|较上年|实际|名义|分别|平均|年末|年底|均|也|又|再|转为|转|"
    r"基本建成|新开工|开工|建成|竣工|完成|实现|达到|达|为|是|突破|超过|增长|增加|上涨|上升|提高|下降|降低|减少|"
    r"回落|降|升|到|至|了|在|稳定在|保持在|控制在)*$"
)

_RATIO = re.compile(r"完成(?:了)?(?:年度|全年|年初)?(?:确定的)?(?:目标|计划|预算)(?:任务)?的(\d+(?:\.\d+)?)%")
_MET = re.compile(
    rf"(?:{DONE_WELL})?(?:完成|实现)(?:了)?(?:全年|年度|年初|预期|既定|确定的)*"
    r"(?:目标|任务|计划)"
    rf"|(?:目标|任务|指标|计划)(?:均|全部|已|都)?(?:{DONE_WELL})?(?:完成|实现)"
    rf"|好于预期|超(?:过|出)?(?:了)?(?:预期|年度)目标|{WITHIN_GOAL}"
)
# a name, then straight away that it was done: "各项约束性指标超额完成", "节能减排任务全面完成"
_DONE_RIGHT_AFTER = re.compile(
    rf"(?:任务|目标)?(?:均|全部|都|已|已经)?(?:{DONE_WELL})(?:完成|实现)(?=[，；。、]|$)"
)
_GOAL_AFTER = re.compile(r"的?(?:预期|调控)?(?:目标|指标|任务)")
# "顺利完成“三年上台阶”任务": done well right before a name, its task or goal right after
_DONE_BEFORE = re.compile(rf"(?:{DONE_WELL})(?:完成|实现)了?(?:{_LEVEL_LEAD.pattern})?$")
_TASK_AFTER = re.compile(r"的?(?:目标)?任务|的?目标")
# …or the name ends its list of works done: "高质量完成省市县民心工程和惠民实事，"
_LIST_END = re.compile(r"(?:[和及与、][^，；。\d]{1,10})?(?=[，；。\n])")
_YEAR = re.compile(r"(\d{4})年")
_BLANKET = re.compile(r"主要|各项")
_GOOD_STATE = re.compile(
    r"(?:持续|明显|进一步|有所|继续|得到)?改善|(?:回稳|稳中)?向好|好转|基本平衡|"
    rf"{STEADY.pattern}|{BEST.pattern}|趋于稳定|回稳|稳定增长|快于经济增长|(?:与经济增长)?同步"
)
_COMPARED_WITH_ECONOMY = re.compile(r"(?:快于|高于)经济(?:增长|增速)|超过经济增速")
_IN_STEP = re.compile(r"同步")
# the yardstick of an 同步 target: the growth of the economy the same review states
_ECONOMY = {
    "indicator": "国内生产总值", "indicator_id": "gdp", "kind": "growth", "unit": "%", "direction": "floor",
    "comparator": None, "value": None, "value_high": None, "phrase": "国内生产总值增长",
}  # fmt: skip
# what a qualitative target asks of its indicator, by the end of its phrase ("进出口回稳向好": better)
_WANTS_DOWN = re.compile(r"(?:减少|下降|降低|削减|回落|压减)$")
_WANTS_UP = re.compile(r"(?:增长|增加|提高|上升|回升|扩大)$")
_WANTS_BETTER = re.compile(r"向好|好转|改善|回稳|提质|质升|稳中向好")


# what may be read after a name (look_up_one): a figure, statement or state; a state or statement; a
# statement; a figure of a 分别 list of spendings only; a ratio of a planned amount done
_FIGURE, _STATE, _STATEMENT, _LIST, _PLAN_RATIO = "figure", "state", "statement", "list", "plan_ratio"
# a name followed by 分别 without a list of names before it: its figures are shared out over its members
# ("城乡居民人均可支配收入预计分别完成31000元和14000元"), or its first figures come as a list ("达到X元、Y元")
_SHARED_OUT = re.compile(r"(?:预计|同比)?分别")
# counters of things: a list of projects or works is counted in 个, 项 or 件 alike ("重点项目60项" ← "52个")
_ITEM_COUNTERS = frozenset(("个", "项", "件"))
# an aim of this year in a follow-up ("要…", "力争…"; and "今年…左右/以上/以内"): no result of last year
_AIM = re.compile(r"(?<![主重需只必首纲摘概紧险扼简提政机])要(?![求素点害件闻])|力争")
_THIS_YEAR = re.compile(r"今年|明年")
# a head noun as the subject of a change: "货币信贷合理增长", "货币信贷增速"
_SUBJECT_OF_CHANGE = re.compile(rf"[^，；。、\d]{{0,4}}?(?:{GROWTH_VERBS})")
# what may stand before a name in its clause and leave it the whole: when, where (the government's own
# area: 全省, 我市 …), every one of them ("各项约束性指标"), and the verbs of a result
_WHOLE_LEAD = re.compile(
    r"(?:\d{4}年|全年|当年|去年|上年|年末|年底|一年来|预计|其中|实现|完成|达到|共|合计|各项|"
    + OWN_AREA
    + "|"
    + "|".join(SCOPE_WORDS) + r"|的|了|“|”)$"
)
_CJK_END = re.compile(r"[\u4e00-\u9fff]$")
_LEVELS = re.compile(r".+?(?:自治区|特别行政区|省|市|县|区|旗|盟|州)")
_LEVEL_SUFFIX = re.compile(r"(?:维吾尔|壮族|回族)?(?:自治区|特别行政区)$|[省市县区旗盟州]$")
_LIST_SEPARATOR = re.compile(f"[{LIST_JOINERS}]")
# a fee of a thing ("移动网络流量资费", "电价"), and a cost right after the use of it ("用网和物流等成本")
_FEE = re.compile(r"资费|[电水气]价")
_COST_AFTER = re.compile(r"[^，；。\d]{0,10}?成本")
# no change: "居民消费价格指数持平", "与上年持平" (a growth of 0)
_FLAT = re.compile(r"[^，；。\d]{0,4}?(?:同比|基本|总体)?持平")


@dataclass(frozen=True)
class _Figure:
    kind: str  # growth | reduction | level | rate | change (an increment of a level)
    value: float
    unit: str
    bound: str | None
    start: int
    end: int
    estimated: bool


def _figure_evidence(
    text: str,
    figure: _Figure,
    name: str,
    mention: tuple[int, int],
    span: tuple[int, int],
    attainment: str | None = None,
) -> Evidence:
    """Evidence of a figure read at a mention of `name`; the phrase quoted is text[span]."""
    return Evidence(
        found="figure",
        kind=figure.kind,
        value=figure.value,
        unit=figure.unit,
        bound=figure.bound,
        attainment=attainment,
        estimated=figure.estimated,
        name=name,
        phrase=text[span[0] : span[1]],
        char_start=span[0],
        char_end=span[1],
        mention_start=mention[0],
        mention_end=mention[1],
    )


def _figures(
    text: str,
    mention_end: int,
    stop: int,
    review_year: int | None,
    action: str | None,
    name: str = "",
) -> list[_Figure]:
    """The figures of text[mention_end:stop] a result can be read from, left to right (`name`, the name
    found before them, tells a bare 万 of people: `facts.people_unit`)."""
    out: list[_Figure] = []
    quantities = find_quantities(text, mention_end, stop)
    if not quantities:
        return out
    sentence = _sentence_start(text, mention_end)
    mention_clause = max([sentence, *(m.end() for m in _CLAUSE_MARK.finditer(text, sentence, mention_end))])
    carried_clause = mention_end  # the clause whose lead was read: its later figures follow its first
    for i, q in enumerate(quantities):
        clause_start = max(
            [mention_end, *(m.end() for m in _CLAUSE_MARK.finditer(text, mention_end, q.start))]
        )
        before = text[clause_start : q.start]
        if clause_start > carried_clause:
            if not _CARRIED_LEAD.match(before):
                break  # a later clause with a subject of its own: its figures are its subject's
            carried_clause = clause_start  # "比上年增长29.2%和39.4%": both figures carried
        # "连续两年增长10%以上": each year of the run, this one too, grew by at least that (a bound)
        each_year = q.comparator == "at_least" and _EACH_YEAR.search(text, clause_start, q.start) is not None
        clause_end = _clause_end(text, q.end, stop)
        several = SEVERAL_YEARS.search(text, clause_start, clause_end) or RUN_OF_YEARS.search(
            text, clause_start, q.start
        )
        if several and not each_year:
            continue  # "年均增长11.2%" (the mention's own clause, "累计新增…", is read by the caller)
        year = _OTHER_YEAR.search(text, clause_start, q.start)
        if year and review_year is not None and int(year.group(1)) != review_year:
            continue
        base = _BASE_YEAR.search(text, clause_start, q.start)
        if base and review_year is not None and int(base.group(1)) != review_year - 1:
            continue  # "比2002年增长65.5%": a change over several years
        if _RESTATED_BEFORE.search(text, mention_clause, q.start) or _RESTATED_AFTER.match(
            text, q.end, _clause_end(text, q.end, stop)
        ):
            continue  # "没有实现年初确定的…降低4%左右…的目标": the target restated, not the result
        if _AIM.search(text, mention_clause, q.start) or (
            q.comparator in ("approx", "at_least", "at_most") and _THIS_YEAR.search(text, sentence, q.start)
        ):
            continue  # "今年…增长5%左右", "要…", "力争…": an aim of this year, no result of the last
        if _FROM.search(before) and i + 1 < len(quantities):
            continue  # "从2.8%降到1.5%": the later figure is the year's
        if q.comparator == "range" or q.unit in ("倍",):
            continue
        if action is not None:
            # the sentence names this target's action: only the figure right after it
            lead = text[max(mention_end, q.start - 8) : q.start]
            if action in text[mention_end:stop] and action not in lead:
                continue
        value = q.value
        if q.start > 0 and text[q.start - 1] in "-−－" and (q.start < 2 or not text[q.start - 2].isdigit()):
            value = -value  # "增长-6.5%"
        kind = _kind(q.unit, before)
        bound = q.comparator if q.comparator in ("at_least", "at_most") else None
        estimated = _ESTIMATE.search(text, _sentence_start(text, mention_end), q.start) is not None
        unit = people_unit(q.unit, name) if name else q.unit
        out.append(_Figure(kind, value, unit, bound, q.start, q.end, estimated))
    return out


def _moved(figure: _Figure, wants: str) -> str | None:
    """Which way a figure says its indicator moved: 'up', 'down', or None when it does not say.

    A growth or reduction says so by its sign ("增长-6.5%" is down, "下降5.6%" is down). A level says nothing
    of a change, except a threshold crossed upwards ("货物进出口总额超过30万亿元", a new high) for a target
    that asks for more; a rate or an increment is not read."""
    if figure.kind in ("growth", "reduction") and figure.value != 0:
        up = (figure.value > 0) == (figure.kind == "growth")
        return "up" if up else "down"
    if figure.kind == "level" and figure.bound == "at_least" and wants == "up":
        return "up"
    return None


def _kind(unit: str, before: str) -> str:
    before = _YEAR_WORDS.sub("", before).rstrip("-−－")  # "增长-6.5%": the sign is the value's
    lead = re.sub(
        r"(?:比上年|比去年|较上年|同比|同口径|可比|实际|名义|分别|平均|均|全年|了|约|近|超过|突破|达到|达|为|在)+$",
        "",
        before,
    )
    if unit in ("%", "‰"):
        if "涨幅" in before or "增速" in before or "增幅" in before:
            return "growth"  # "涨幅回落到2.6%": the growth rate itself, wherever it moved
        if CHANGED_TO.search(lead) or CHANGED_TO.search(before):
            return "rate"  # "降到1.5%": a level of the rate, not a change
        if _GROWTH_LEAD.search(lead):
            return "growth"
        if _REDUCTION_LEAD.search(lead) or "降幅" in before:
            return "reduction"
        return "rate"
    if _GROWTH_LEAD.search(lead) or _REDUCTION_LEAD.search(lead):
        return "change"
    return "level"


def _term_paragraph(text: str, paragraph: int) -> bool:
    """Does the paragraph at `paragraph` review a whole term? It opens by saying so ("这五年，…"), or its
    short first sentence names the year and the second does ("2015年是“十二五”收官之年。过去五年，…")."""
    if PERIOD_OPENER.match(text, paragraph):
        return True
    first = text.find("。", paragraph, paragraph + 30)
    return first >= 0 and PERIOD_OPENER.match(text, first + 1) is not None


def _paragraph_end(text: str, pos: int, stop: int) -> int:
    found = text.find("\n", pos, stop)
    return stop if found < 0 else found


def _sentence_start(text: str, pos: int) -> int:
    """After the last 。！？ or line break before `pos` (looking back at most 300 characters)."""
    low = max(0, pos - 300)
    last = max(text.rfind(mark, low, pos) for mark in "。！？\n")
    return last + 1 if last >= 0 else low


def _clause_end(text: str, pos: int, stop: int) -> int:
    m = _CLAUSE_MARK.search(text, pos, stop)
    return m.start() if m else stop


def _statement_end(text: str, pos: int, stop: int) -> int:
    """The end of the clause after the one at `pos`, or of the part of the sentence before a '；'."""
    first = _clause_end(text, pos, stop)
    if first < stop and text[first] in "；;":
        return first
    second = _clause_end(text, first + 1, stop) if first < stop else stop
    return second


def _comparable(target: Mapping[str, Any], figure: _Figure) -> bool:
    """Can this figure settle this target (same kind, convertible unit)?"""
    kind, unit = target.get("kind"), target.get("unit")
    if kind in ("growth", "reduction"):
        return figure.kind in ("growth", "reduction") and figure.unit == "%" and unit == "%"
    if kind == "rate":
        return figure.kind == "rate" and figure.unit == unit
    if kind == "level" and unit:
        base = numbers.unit_factor(unit)[0]
        of_figure = numbers.unit_factor(figure.unit)[0]
        items = {base, of_figure} <= _ITEM_COUNTERS
        return figure.kind == "level" and (of_figure == base or items)
    return False


def _settles(target: Mapping[str, Any], figure: _Figure) -> bool:
    """A bound settles a target only when every value it allows gives the same verdict (at no tolerance);
    a plain figure always does."""
    if figure.bound is None:
        return True
    value, direction = target.get("value"), target.get("direction") or "floor"
    if value is None:
        return False
    actual = figure.value * numbers.unit_factor(figure.unit)[1] / numbers.unit_factor(target["unit"])[1]
    if figure.kind != target.get("kind") and figure.kind in ("growth", "reduction"):
        actual = -actual  # a bound on a 下降 is the opposite bound on the growth
        flipped = {"at_least": "at_most", "at_most": "at_least"}[figure.bound]
    else:
        flipped = figure.bound
    high = target.get("value_high") if target.get("comparator") == "range" else None
    if direction == "floor":
        return flipped == "at_least" and actual >= value
    return flipped == "at_most" and actual <= (high if high is not None else value)


def _statement(
    text: str,
    start: int,
    stop: int,
    target: Mapping[str, Any],
    wants: str | None = None,
    states: bool = True,
) -> tuple[str, str, float | None, int, int] | None:
    """(found, attainment, value, start, end) of a statement (or, with `states`, a state) in
    text[start:stop], the text right after a name."""
    window = text[start:stop]
    direction = target.get("direction")
    m = _DONE_RIGHT_AFTER.match(window)
    if m:
        return "statement", "met", None, start + m.start(), start + m.end()  # "…约束性指标超额完成"
    m = _RATIO.search(window)
    if m:
        return "statement", "ratio", float(m.group(1)), start + m.start(), start + m.end()
    m = GOAL_COMPARED.search(window)
    if m and direction in ("floor", "ceiling"):
        return "statement", against_goal(m["side"], direction), None, start + m.start(), start + m.end()
    m = NOT_DONE.search(window)
    if m:
        return "statement", "not_met", None, start + m.start(), start + m.end()
    m = _MET.search(window)
    if m and not _BLANKET.search(window[max(0, m.start() - 4) : m.end()]):
        return "statement", "met", None, start + m.start(), start + m.end()
    if not states:
        return None
    if target.get("kind") != "qualitative":
        # a state ("总体平稳", "持续改善") says nothing of a figure's target, but a ceiling said to be low
        # for the year is under it (rule stated_low); a low of several years ("年均上涨1.9%，保持较低水平")
        # is not
        m = LOW.search(window) or BEST.search(window)  # a ceiling's best on record is its lowest
        if m is None and target.get("kind") == "growth":
            m = STEADY.search(window)  # prices "总体平稳": their rise stayed small, under a ceiling on it
        if m and direction == "ceiling" and not SEVERAL_YEARS.search(window, 0, m.start()):
            return "state", "low", None, start + m.start(), start + m.end()
        return None
    m = BAD.search(window)
    if m:
        return "state", "negative", None, start + m.start(), start + m.end()
    aim = water_class(str(target.get("phrase") or ""))
    m = held_class(window) if aim is not None else None
    if m:  # "出省境断面水质保持在II类及以上" for a target of class II
        return "state", class_met(aim, m), None, start + m.start(), start + m.end()
    m = _GOOD_STATE.search(window)
    if m:
        return "state", "positive", None, start + m.start(), start + m.end()
    # low and falling: good for a target asking for less (or of a ceiling), bad for one asking for more
    good_down = wants == "down" if wants is not None else direction == "ceiling" if direction else None
    m = LOW.search(window)
    if m and good_down:
        return "state", "positive", None, start + m.start(), start + m.end()  # "保持较低水平"
    m = DOWN.search(window)
    if m and good_down is not None:
        return "state", "positive" if good_down else "negative", None, start + m.start(), start + m.end()
    return None


def _sentence_stop(text: str, pos: int, stop: int) -> int:
    """The end of the sentence after `pos` (at most `stop`)."""
    found = _SENTENCE_END.search(text, pos, stop)
    return found.start() if found else stop


def _not_met_around(text: str, clause: int, start: int, end: int, stop: int) -> tuple[int, int] | None:
    """(start, end) of "没有实现年初确定的<name>降低4%左右…的目标" around a mention, or None."""
    before = NOT_DONE.search(text, clause, start)
    if before is None:
        return None
    goal = _GOAL_AFTER.search(text, end, _clause_end(text, end, stop))
    return (before.start(), goal.end()) if goal else None


def _done_around(text: str, clause: int, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of "顺利完成<name>任务" (done well, the name, its task or goal) around a mention."""
    before = _DONE_BEFORE.search(text, clause, start)
    if before is None:
        return None
    after = _TASK_AFTER.match(text, end) or _LIST_END.match(text, end)
    return (before.start(), after.end()) if after else None


def _snippet(text: str, start: int, end: int, width: int = 30) -> str:
    left = max(_sentence_start(text, start), start - width)
    right_end = _SENTENCE_END.search(text, end, end + width)
    right = right_end.end() if right_end else min(len(text), end + width)
    return text[left:right].replace("\n", " ").strip()


# ---------------------------------------------------------------- one target


def _as_mapping(target: Mapping[str, Any] | TargetRow) -> Mapping[str, Any]:
    if isinstance(target, TargetRow):
        return {name: getattr(target, name) for name in TargetRow.__slots__}
    return target


def _mentions(
    text: str, spans: Sequence[tuple[int, int]], names: Iterable[str]
) -> list[tuple[int, int, str]]:
    """Every occurrence of any of `names` in the spans, left to right; the longest name at a place."""
    found: dict[int, tuple[int, int, str]] = {}
    if not spans:
        return []
    # a name absent from the whole stretch the spans cover is absent from each (most names are)
    low, high = min(start for start, _ in spans), max(end for _, end in spans)
    for name in names:
        if text.find(name, low, high) < 0:
            continue
        for span_start, span_end in spans:
            pos = text.find(name, span_start, span_end)
            while pos >= 0:
                end = pos + len(name)
                if name.isascii() and (
                    _ASCII_WORD.match(text, end) or (pos and _ASCII_WORD.match(text, pos - 1))
                ):
                    pos = text.find(name, end, span_end)
                    continue  # "M2" inside "PM2.5"
                if not any(m[0] <= pos and m[1] >= end for m in found.values()):
                    found[pos] = (pos, end, name)
                pos = text.find(name, end, span_end)
    return sorted(found.values())


def _followed_mention(
    text: str, spans: Sequence[tuple[int, int]], names: Iterable[str], after: re.Pattern[str]
) -> tuple[int, int, str] | None:
    """The first place where one of `names` stands with `after` right behind it: a head noun as the subject
    of a change ("货币信贷合理增长"), the use of a thing before its cost ("用网和物流等成本")."""
    for start, end, name in _mentions(text, spans, names):
        if after.match(text, end):
            return start, end, name
    return None


@lru_cache(maxsize=4096)
def _own_names(region: str | None) -> tuple[str, ...]:
    """The government's own area as a review names it: "陕西省" and "陕西", "定兴县" and "定兴"."""
    levels = _LEVELS.findall(region or "")
    if not levels:
        return ()
    short = _LEVEL_SUFFIX.sub("", levels[-1])
    return (levels[-1], short) if len(short) >= 2 else (levels[-1],)


def _part_of_whole(lead: str, region: str | None) -> bool:
    """Is a name qualified by a part of its quantity? `lead` is its clause up to it: what is left once
    times, the government's own area and the verbs of a result are taken off the end qualifies it: a mode
    ("跨境电商进出口"), a zone inside the area ("沿边临港产业园区工业投资"), a size class ("规模以上固定资产
    投资"), the part something drove ("中欧班列…带动陕西进出口")."""
    own = _own_names(region)
    previous = None
    while lead and lead != previous:
        previous = lead
        for name in own:
            lead = lead.removesuffix(name)
        lead = _WHOLE_LEAD.sub("", lead)
    return bool(lead) and _CJK_END.search(lead) is not None


def _list_member(text: str, clause: int, start: int, end: int, stop: int) -> tuple[int, int, int] | None:
    """(k, n, after) when the name at text[start:end] is member k of a list of n names whose figures follow
    "分别" ("用于科技、教育、卫生和文化事业的支出分别为774亿元、536亿元…": 科技 is 0 of 4), with `after` the
    end of 分别; None when the name is not a member of such a list."""
    each = text.find("分别", end, _clause_end(text, end, stop))
    if each < 0:
        return None
    separators = list(_LIST_SEPARATOR.finditer(text, clause, each))
    starts = [clause, *(m.end() for m in separators)]
    ends = [*(m.start() for m in separators), each]
    k = next((i for i, (a, b) in enumerate(zip(starts, ends, strict=True)) if a <= start and end <= b), None)
    if k is None or len(starts) < 2:
        return None
    return k, len(starts), each + len("分别")


def _spending_member(text: str, start: int, end: int) -> bool:
    """Is the name at text[start:end] a member of a 分别 list of spendings ("用于科技、教育…的支出分别…")?"""
    clause = max(
        [
            _sentence_start(text, start),
            *(m.end() for m in _CLAUSE_MARK.finditer(text, max(0, start - 60), start)),
        ]
    )
    stop = _sentence_stop(text, end, min(len(text), end + 200))
    member = _list_member(text, clause, start, end, stop)
    if member is None:
        return False
    each = member[2] - len("分别")
    last = max([clause, *(m.end() for m in _LIST_SEPARATOR.finditer(text, clause, each))])
    return _SPENDING_END.search(text, last, each) is not None


def figures_before(figures: list[_Figure], pos: int) -> bool:
    """Does a figure of `figures` stand before `pos`?"""
    return any(f.start < pos for f in figures)


def _of_member(figures: list[_Figure], k: int, n: int) -> list[_Figure]:
    """The k-th figure of each run of n figures in one unit (the levels, then their growths), of the kind of
    the run's first ("分别下降5.6%和4%": 4% is a fall too)."""
    out: list[_Figure] = []
    i = 0
    while i < len(figures):
        j = i
        while j + 1 < len(figures) and _base_unit(figures[j + 1]) == _base_unit(figures[i]):
            j += 1
        if j - i + 1 == n:
            out.append(replace(figures[i + k], kind=figures[i].kind))
        i = j + 1
    return out


def _base_unit(figure: _Figure) -> str:
    return numbers.unit_factor(figure.unit)[0]


def _is_term_review(text: str, review_spans: Sequence[tuple[int, int]]) -> bool:
    """Does the review cover a government's whole term? Its heading says so: "一、过去五年工作回顾" (a first
    paragraph may also speak of 本届政府's first year)."""
    first_start, first_end = review_spans[0]
    return _TERM_REVIEW.search(text, first_start, min(first_start + 30, first_end)) is not None


# ---------------------------------------------------------------- relative targets

# What a relative target (targets.reference: "全市平均水平", "2020年水平", "全市前列", "省定任务") is held to,
# `reference_kind`:
#   level    its own level of the year before ("高于2020年水平" in 2021, "高于上年水平"): a direction,
#            settled by its own growth (up kept, a fall missed: rule relative_level)
#   average  another government's average ("高于全市平均水平"): settled by a statement that it was above it
#            ("5项主要经济指标增速高于全市平均水平": relative_statement), or by its growth against that
#            government's growth where the warehouse holds it (relative_by_reference, in SQL)
#   rank     a rank among the superior's parts ("进入全市前列"): settled by a statement of rank alone
#            ("排名全市前五", "位居全市第一": relative_rank)
#   quota    a superior's order ("完成省定、市定任务", "上级下达的各项约束性指标"): by a statement that it was
#            done ("超额完成省市任务", "各项约束性指标超额完成": quota_statement)
REFERENCE_KINDS = ("level", "average", "rank", "quota")
_QUOTA_REFERENCE = re.compile(QUOTA_SETTER)
_RANK_REFERENCE = re.compile(r"前列|前[一二三四五六七八九十\d]|第[一二三四五六七八九十\d]")
_OWN_LEVEL = re.compile(r"^(?:上年|去年|(?P<year>\d{4})年)(?:水平)?$")
# the government a reference names by its level ("全市平均水平", "全国前列", "保定市前列": 市, 国, 市)
_WHOSE = re.compile(r"([国省市州盟区])(?:平均|前)")
_WHOLE_OF = re.compile(r"全([省市州盟区])")
# a comparison below its reference ("低于上年水平"), not "不低于"
_BELOW = re.compile(r"(?<!不)低于$")
# how the review states a quantity against a government's average: "增速高于全市平均水平", "5项经济指标增速
# 高于全国、全省平均水平", "高于省、市平均增速", "社会消费品零售总额…高于全市平均增速0.3个百分点"
_AVERAGE_STATED = re.compile(
    r"(?P<side>高于|快于|超过|低于)(?P<whom>(?:全?[国省市][、和]?)+)平均(?:水平|增速|值)?"
)
# ... and a rank among the parts of a government, the first five its 前列 ("排名全市前五", "位居全市第一",
# "全市排第一", "增速全市第2", "稳居全市前列"; not "居全国第6位", "进入全市前12")
_RANK_STATED = re.compile(
    r"全(?P<whom>[国省市])(?:排名|排)?(?:第[一二三四五1-5](?![\d十])|前[一二三四五1-5](?![\d十])|前列|第一方阵)"
)
# ... and a superior's quota done: "超额完成省市任务", "完成市定任务", "超额完成市核目标任务"
_QUOTA_DONE = re.compile(
    rf"(?:{DONE_WELL})?完成了?{QUOTA_SETTER}的?[^，；。\d]{{0,8}}?(?:目标任务|任务|目标)"
)
# what a later clause of the name's sentence may say before its comparison and still speak of the name
# ("社会消费品零售总额…同比下降1.2%，高于全市平均增速", "…分别增长4.8%、7%，增速连续3年高于全国平均水平")
_RELATIVE_LEAD = re.compile(
    r"(?:增速|增幅|增长率|均|都|分别|持续|继续|稳|连续[\d一二三四五六七八九十]+年|位居|居|排名|位列|名列|总量|及)*"
)
# the main indicators spoken of as a group: "主要经济指标", "四项主要经济数据", "5项经济指标", "多项指标"
_MAIN_INDICATORS = re.compile(
    r"(?:[\d一二三四五六七八九十]+项|多项|各项)?(?:主要)?经济(?:指标|数据)|(?:[\d一二三四五六七八九十]+项|多项)(?:主要)?指标"
)


def reference_kind(reference: str | None, year: int | None = None) -> str | None:
    """What a target with this reference is held to (see REFERENCE_KINDS), or None: no reference, or a level
    of another year than the one before the target's ("恢复到2019年水平" in 2021: no one year's growth says
    it)."""
    if not reference:
        return None
    if _QUOTA_REFERENCE.search(reference):
        return "quota"
    if _RANK_REFERENCE.search(reference):
        return "rank"
    if "平均" in reference:
        return "average"
    own = _OWN_LEVEL.match(reference)
    if own and (own["year"] is None or year is None or int(own["year"]) == year - 1):
        return "level"
    return None


def reference_region(region: str | None, reference: str | None) -> str | None:
    """The government whose result a relative target is compared with, by the regions catalogue: 全国
    for "全国平均水平"; the region's ancestor the reference names ("保定市前列") or whose level it names
    ("全市平均水平" of 河北省保定市蠡县: 河北省保定市; "全省…": 河北省). None when the catalogue does not
    know the region or no ancestor is of that level ("全区" of 上海市虹口区 is the district itself)."""
    if not reference:
        return None
    if "全国" in reference:
        return COUNTRY
    regions = load_regions()
    own = regions.get(region or "")
    if own is None:
        return None
    ancestors = regions.ancestors(own)
    for ancestor in ancestors:
        if any(len(name) >= 2 and name in reference for name in ancestor.names):
            return ancestor.full_name
    level = _WHOLE_OF.search(reference)
    if level is None:
        return None
    word = level.group(1)
    for ancestor in ancestors:
        if ancestor.name.endswith(word) or (word == "省" and ancestor.level == "province"):
            return ancestor.full_name
    return None


def _relative_wants(phrase: str, reference: str) -> str:
    """The direction a target compared with its reference asks for: 'down' after 低于, else 'up'."""
    at = phrase.find(reference)
    return "down" if at > 0 and _BELOW.search(phrase, 0, at) else "up"


def _speaks_for_group(target: Mapping[str, Any], catalogue: Catalogue) -> bool:
    """Does a statement about the main indicators as a group ("5项主要经济指标增速高于全市平均水平") speak for
    this target? It does for the group itself and for an indicator measured by its growth."""
    name = str(target.get("indicator") or "")
    if _MAIN_INDICATORS.search(name):
        return True
    indicator = catalogue.get(target["indicator_id"]) if target.get("indicator_id") else None
    return indicator is not None and "growth" in indicator.kinds


def _of_the_year(
    text: str,
    start: int,
    span: tuple[int, int],
    review_year: int | None,
    period_spans: Sequence[tuple[int, int]],
    term_review: bool,
) -> bool:
    """Does a mention at `start` speak of the year reviewed? Not in a paragraph about a whole term or
    period ("五年来…", "“十四五”时期…"), nor after another year ("2019年…") or several ("近年来…") in its
    sentence."""
    span_start, span_end = span
    paragraph = text.rfind("\n", span_start, start) + 1 or span_start
    if term_review and not _YEAR_PARAGRAPH.search(text, paragraph, _paragraph_end(text, start, span_end)):
        return False
    if _term_paragraph(text, paragraph) or any(s <= start < e for s, e in period_spans):
        return False
    sentence = max(paragraph, _sentence_start(text, start))
    clause = max([sentence, *(m.end() for m in _CLAUSE_MARK.finditer(text, sentence, start))])
    dated = _YEAR.findall(text, clause, start)
    if dated and review_year is not None and int(dated[-1]) != review_year:
        return False
    return not SEVERAL_YEARS.search(text, sentence, start)


def _relative_statement(
    target: Mapping[str, Any],
    held_to: str,
    wants: str,
    text: str,
    review_spans: Sequence[tuple[int, int]],
    catalogue: Catalogue,
    review_year: int | None,
    period_spans: Sequence[tuple[int, int]],
) -> Evidence | None:
    """A statement of the review that a relative target was met (or, against an average, not): after a name
    of its indicator or of its group (the catalogue's `parts` read upwards; the main indicators as a group,
    for the group itself and an indicator measured by its growth), in the same sentence before another
    indicator is named, for the year and not an aim."""
    pattern = {"average": _AVERAGE_STATED, "rank": _RANK_STATED, "quota": _QUOTA_DONE}[held_to]
    whose = _WHOSE.search(str(target.get("reference") or ""))
    index = _index(catalogue)
    names = _names(target, catalogue)
    own_ids = frozenset({target.get("indicator_id")})
    searched = _mentions(text, review_spans, names.figure_names + names.group_names)
    if held_to != "quota" and _speaks_for_group(target, catalogue):
        for span_start, span_end in review_spans:
            groups = _MAIN_INDICATORS.finditer(text, span_start, span_end)
            searched += [(m.start(), m.end(), m.group()) for m in groups]
    term_review = bool(review_spans) and _is_term_review(text, review_spans)
    for start, end, name in sorted(set(searched)):
        span = next((s, e) for s, e in review_spans if s <= start < e)
        if not _of_the_year(text, start, span, review_year, period_spans, term_review):
            continue
        stop = _sentence_stop(text, end, span[1])
        cut = next(
            (
                m.start()
                for m in index.alias_pattern.finditer(text, end, stop)
                if index.other_name_between(text, m.start(), m.end(), own_ids, names.figure_names)
            ),
            stop,
        )
        said = pattern.search(text, end, cut)
        if said is None:
            continue
        if held_to != "quota" and whose is not None and whose.group(1) not in said["whom"]:
            continue  # "高于全省平均水平" says nothing of the city's average
        marks = list(_CLAUSE_MARK.finditer(text, end, said.start()))
        if marks and not _RELATIVE_LEAD.fullmatch(text, marks[-1].end(), said.start()):
            continue  # "主要经济指标稳中有进，营商环境位居全市前列": a later clause with a subject of its own
        sentence = max(span[0], _sentence_start(text, start))
        clause = max([sentence, *(m.end() for m in _CLAUSE_MARK.finditer(text, sentence, start))])
        if _AIM.search(text, clause, said.start()) or _THIS_YEAR.search(text, clause, said.start()):
            continue  # "力争主要经济指标增速进入全市前列": an aim
        below = held_to == "average" and said["side"] == "低于"
        return Evidence(
            found="statement",
            kind="qualitative",
            attainment="met" if below == (wants == "down") else "not_met",
            name=name,
            phrase=text[start : said.end()],
            char_start=start,
            char_end=said.end(),
            mention_start=start,
            mention_end=end,
        )
    return None


def _unsettled(found: Evidence, text: str) -> Evidence:
    """What a relative target's own lookup found that cannot settle it: its mention, nothing found."""
    if found.found is None:
        return found
    start, end = found.mention_start, found.mention_end
    return Evidence(
        reason="no_comparable_figure",
        mention_start=start,
        mention_end=end,
        snippet=_snippet(text, start, end) if start is not None and end is not None else None,
    )


def look_up_one(
    target: Mapping[str, Any] | TargetRow,
    text: str,
    review_spans: Sequence[tuple[int, int]],
    catalogue: Catalogue,
    review_year: int | None = None,
    own_spans: Sequence[tuple[int, int]] = (),
    period_spans: Sequence[tuple[int, int]] = (),
) -> Evidence:
    """What the review (text[s:e] for each span) says about one target; see the module's docstring.
    `own_spans` are the follow-up's own plan and targets (never searched, even where they overlap the
    review or no review was found), `period_spans` the paragraphs of its review about a whole period
    (mentions, never results).

    A relative target (its `reference`, see REFERENCE_KINDS) is looked up for what settles it: a statement
    of its attainment against the reference first (average, rank, quota); else what the review states of
    its own quantity, kept only where it can settle it (its growth for a level or an average, a statement
    for a quota; a rank only by a statement). The row says what the target is held to (`reference_kind`)
    and, for an average or a rank, whose result the reference is (`reference_region`), so that the verdict
    can compare with that government's result where the warehouse holds it."""
    target = _as_mapping(target)
    reference = target.get("reference")
    held_to = reference_kind(reference, target.get("year"))
    wants = _relative_wants(str(target.get("phrase") or ""), reference) if reference else "up"
    if held_to == "average" and wants != "up":
        held_to = None  # "低于…平均水平": no target of the register, no rule for it
    if held_to is None:
        return _look_up_plain(target, text, review_spans, catalogue, review_year, own_spans, period_spans)
    region = reference_region(target.get("region"), reference) if held_to in ("average", "rank") else None
    tag = {"reference_kind": held_to, "reference_region": region}
    if held_to != "level":
        # where the plain lookup reads results: the review less the report's own plan, the report without one
        spans = [(s, e) for s, e in review_spans if 0 <= s < e <= len(text)] or [(0, len(text))]
        searched = _less(spans, own_spans)
        stated = _relative_statement(
            target, held_to, wants, text, searched, catalogue, review_year, period_spans
        )
        if stated is not None:
            return replace(stated, **tag)
    found = _look_up_plain(
        target,
        text,
        review_spans,
        catalogue,
        review_year,
        own_spans,
        period_spans,
        wants=wants if held_to in ("level", "average") else None,
        by_parts=held_to == "level",
    )
    growth = found.found == "figure" and found.kind in ("growth", "reduction")
    if held_to == "average" and growth:
        # its own growth, no direction: the verdict compares it with the reference's, and quotes it where the
        # warehouse holds no result of the reference (no_evidence, reference_not_held)
        found = replace(found, attainment=None, snippet=_snippet(text, found.char_start, found.char_end))
    elif not (
        (held_to == "level" and (growth or found.found == "statement"))
        or (held_to == "quota" and found.found == "statement")
    ):
        found = _unsettled(found, text)
    return replace(found, **tag)


def _look_up_plain(
    target: Mapping[str, Any],
    text: str,
    review_spans: Sequence[tuple[int, int]],
    catalogue: Catalogue,
    review_year: int | None = None,
    own_spans: Sequence[tuple[int, int]] = (),
    period_spans: Sequence[tuple[int, int]] = (),
    wants: str | None = None,
    by_parts: bool = True,
) -> Evidence:
    """`look_up_one` for a target held to no reference (or what it states of a relative one's own
    quantity): `wants` is the direction a relative target asks for (its reference read by
    `_relative_wants`), `by_parts` whether a group's members may speak for it."""
    index = _index(catalogue)
    names = _names(target, catalogue)
    if wants is not None:
        names = replace(names, wants=wants)
    qualitative = target.get("kind") == "qualitative"
    # a group's members are read only for a qualitative target asking for a direction (a member's figure is
    # not the group's, and one member cannot say the group grew in step with the economy)
    by_parts = by_parts and qualitative and names.wants is not None
    own_ids = frozenset({target.get("indicator_id"), *(names.part_ids if by_parts else ()), *names.whole_ids})
    figure_names = names.figure_names + (names.part_names if by_parts else ()) + names.whole_names
    # mentions are looked for in the review (the whole report when none was found: a target is never called
    # dropped for want of one), results only outside the report's own plan and targets
    mention_spans = [(s, e) for s, e in review_spans if 0 <= s < e <= len(text)] or [(0, len(text))]
    review_spans = _less(mention_spans, own_spans)
    if not names.mention_names:
        return Evidence(reason="no_usable_name")
    # a statement about the target's group ("各项约束性指标超额完成") speaks of it too
    loose = _mentions(
        text, mention_spans, names.mention_names + names.group_names + names.whole_names + names.ratio_names
    )
    # a spending's purpose as a member of a 分别 list of spendings ("用于科技、教育…的支出分别为…")
    listed = [
        m for m in _mentions(text, mention_spans, names.list_names) if _spending_member(text, m[0], m[1])
    ]
    loose = sorted(loose + listed)
    if not names.figure_names:
        # nothing can be read after such a name, and its absence proves nothing either
        first = loose[0] if loose else None
        return Evidence(
            reason="no_usable_name",
            mention_start=first[0] if first else None,
            mention_end=first[1] if first else None,
            snippet=_snippet(text, first[0], first[1]) if first else None,
        )
    if not loose:
        near = (
            _pair_mention(text, mention_spans, names.word_pairs)
            or _followed_mention(text, mention_spans, names.change_names, _SUBJECT_OF_CHANGE)
            or _followed_mention(text, mention_spans, names.cost_names, _COST_AFTER)
        )
        if near is None:
            return Evidence(reason="no_mention")
        start, end, _ = near
        snippet = _snippet(text, start, end)
        return Evidence(reason="no_comparable_figure", mention_start=start, mention_end=end, snippet=snippet)
    figure_mentions = [
        m for m in _mentions(text, review_spans, figure_names) if not index.covered(text, m[0], m[2], own_ids)
    ]
    if not review_spans:  # the report is its own plan from end to end: named there, nothing looked back on
        start, end, _ = loose[0]
        return Evidence(
            reason="no_comparable_figure",
            mention_start=start,
            mention_end=end,
            snippet=_snippet(text, start, end),
        )
    other_kind: tuple[int, int, str] | None = None
    statement: Evidence | None = None
    term_review = _is_term_review(text, review_spans)
    indicator_id = target.get("indicator_id")
    # (start, end, name, what may be read after it): a figure (and all below), a state, a statement
    readings = [(*m, _FIGURE) for m in figure_mentions]
    for more, reads in (
        (names.state_names, _STATE),
        (names.group_names, _STATEMENT),
        (names.ratio_names, _PLAN_RATIO),
    ):
        taken = [(m[0], m[1]) for m in readings]
        readings += [
            (*m, reads)
            for m in _mentions(text, review_spans, more)
            if not index.covered(text, m[0], m[2], own_ids) and not any(s <= m[0] < e for s, e in taken)
        ]
    taken = [(m[0], m[1]) for m in readings]
    readings += [(*m, _LIST) for m in listed if not any(s <= m[0] < e for s, e in taken)]
    # what the target's own phrase says, read once for all its mentions
    phrase_of_target = str(target.get("phrase") or "")
    several = SEVERAL_YEARS.search(phrase_of_target) is not None
    faster = _COMPARED_WITH_ECONOMY.search(phrase_of_target) is not None and not target.get("reference")
    against_economy = target.get("kind") == "qualitative" and (_IN_STEP.search(phrase_of_target) or faster)
    for start, end, name, reads in sorted(readings):
        readable = reads in (_FIGURE, _LIST)
        span_start, span_end = next((s, e) for s, e in review_spans if s <= start < e)
        paragraph = text.rfind("\n", span_start, start) + 1 or span_start
        clause = max(
            paragraph,
            _sentence_start(text, start),
            *(m.end() for m in _CLAUSE_MARK.finditer(text, paragraph, start)),
        )
        if _MODIFIER_AFTER.match(text, end) or text[start - 1 : start] in ("占", "与"):
            continue  # "国内生产总值中的比重", "对经济增长的贡献率", "占国内生产总值比重": another quantity
        if indicator_id is None and not _same_levels(text, start, name, names, target.get("region")):
            continue  # "省级…" for a target of 省市重点项目 or of the county's own list: another list
        if indicator_id is None:
            qualifier = _LEVEL_QUALIFIER.search(text, max(0, start - 6), start)
            start = qualifier.start() if qualifier is not None else start  # quoted with its levels
        if term_review and not _YEAR_PARAGRAPH.search(text, paragraph, _paragraph_end(text, start, span_end)):
            continue  # a five-year review: only a paragraph about the year itself states its results
        dated = _YEAR.findall(text, clause, start)
        if dated and review_year is not None and int(dated[-1]) != review_year:
            continue  # "2019年国内生产总值增长6.1%" in a review of 2020
        restated = _not_met_around(text, clause, start, end, _sentence_stop(text, end, span_end))
        if restated is not None and statement is None:
            statement = Evidence(
                found="statement",
                kind="qualitative",
                attainment="not_met",
                name=name,
                phrase=text[restated[0] : restated[1]],
                char_start=restated[0],
                char_end=restated[1],
                mention_start=start,
                mention_end=end,
            )
        period = _term_paragraph(text, paragraph) or any(s <= start < e for s, e in period_spans)
        done = _done_around(text, clause, start, end)
        # a task of several years ending this year ("“三年上台阶”的任务") is done in the period's review too
        if done is not None and (several or not period) and (statement is None or statement.found == "state"):
            statement = Evidence(
                found="statement",
                kind="qualitative",
                attainment="met",
                name=name,
                phrase=text[done[0] : done[1]],
                char_start=done[0],
                char_end=done[1],
                mention_start=start,
                mention_end=end,
            )
        if period or SEVERAL_YEARS.search(text, clause, start):
            continue  # "这五年，…城镇新增就业5771万人", "累计新增城镇就业5870万人", the period's part of a
            # review of the year and the period ("“十四五”时期…", up to "刚刚过去的2025年")
        if SEVERAL_YEARS.search(text, _sentence_start(text, start), clause):
            continue  # "近年来固定资产投资增长过快，…，国际收支不平衡": the sentence is about several years
        if (
            reads == _FIGURE
            and indicator_id is not None
            and index.id_of.get(name) == indicator_id
            and _part_of_whole(text[clause:start], target.get("region"))
        ):
            continue  # "跨境电商进出口增长16.3%": a part's figure, never the whole's (a mention still)
        sentence = _SENTENCE_END.search(text, end, span_end)
        stop = sentence.start() if sentence else span_end
        # the window ends where another indicator is named
        cut = stop
        for m in index.alias_pattern.finditer(text, end, stop):
            if index.other_name_between(text, m.start(), m.end(), own_ids, figure_names):
                cut = m.start()
                break
        member = _list_member(text, clause, start, end, stop)
        if reads == _LIST and member is None:
            continue
        if reads == _PLAN_RATIO:
            # "投资完成率达到131.2%": the share of the year's plan done, a ratio to a planned amount
            ratio = next((f for f in _figures(text, end, cut, review_year, None) if f.unit == "%"), None)
            if ratio is not None:
                return Evidence(
                    found="statement",
                    kind="qualitative",
                    value=ratio.value,
                    unit="%",
                    attainment="ratio",
                    estimated=ratio.estimated,
                    name=name,
                    phrase=text[start : ratio.end],
                    char_start=start,
                    char_end=ratio.end,
                    mention_start=start,
                    mention_end=end,
                )
            continue
        count = _count_before(text, clause, start) if reads == _FIGURE and member is None else None
        acted = not names.acts or any(a in text[clause : _clause_end(text, end, stop)] for a in names.acts)
        if count is not None and acted and _comparable(target, count) and _settles(target, count):
            # "8个省市重点项目全部开工": a count leading its noun is the noun's
            return _figure_evidence(text, count, name, (start, end), (count.start, end))
        # "城乡居民人均可支配收入分别达到36000元、17000元": a name its figures are shared out over, each its
        # members' (城镇, 农村), none the whole's; a qualitative target is spoken of by its members still
        shared_out = member is None and not qualitative and _SHARED_OUT.match(text, end) is not None

        def figures_after(action: str | None, member=member, end=end, cut=cut, name=name) -> list[_Figure]:
            """The figures that belong to this mention: the member's of a 分别 list, else those after it."""
            if member is None:
                return _figures(text, end, cut, review_year, action, name)
            k, n, after = member
            return _of_member(_figures(text, after, cut, review_year, None, name), k, n)

        figures = figures_after(names.action) if readable and not shared_out else []
        if member is None and not qualitative and _a_list(text, figures):
            figures = []
        if (
            member is None
            and figures
            and names.unit_bases
            and figures[0].kind in ("level", "change")
            and numbers.unit_factor(figures[0].unit)[0] not in names.unit_bases
        ):
            continue  # "外贸企业1295家、增长50.6%": the name qualifies another noun, the figures are its
        flat = (
            _FLAT.match(text, end, cut)
            if readable and target.get("kind") in ("growth", "reduction")
            else None
        )
        if flat is not None and not figures_before(figures, flat.end()):
            return Evidence(
                found="figure",
                kind="growth",
                value=0.0,
                unit="%",
                name=name,
                phrase=text[start : flat.end()],
                char_start=start,
                char_end=flat.end(),
                mention_start=start,
                mention_end=end,
            )
        for figure in figures:
            if figure.kind == "change" and target.get("kind") == "level":
                continue
            if not _comparable(target, figure):
                other_kind = other_kind or (start, end, name)
                continue
            if not _settles(target, figure):
                continue
            return _figure_evidence(text, figure, name, (start, end), (start, figure.end))
        if readable and against_economy:
            # "居民收入增长和经济增长基本同步": the indicator's growth against the economy's, both read off
            # this review; the verdict compares them (rule in_step, within the tolerance in points).
            # "居民收入增速高于经济增速" holds it above the economy's growth as above an average (rule
            # relative_by_reference: kept when higher, else missed)
            growths = [f for f in figures_after(None) if f.kind == "growth"]
            economy = (
                look_up_one(_ECONOMY, text, review_spans, catalogue, review_year, (), period_spans)
                if growths
                else None
            )
            if growths and economy is not None and economy.found == "figure" and economy.kind == "growth":
                g = growths[0]
                return Evidence(
                    found="figure",
                    kind="growth",
                    value=g.value,
                    unit="%",
                    reference_value=economy.value,
                    reference_phrase=economy.phrase,
                    reference_kind="average" if faster else None,
                    estimated=g.estimated,
                    name=name,
                    phrase=text[start : g.end],
                    char_start=start,
                    char_end=g.end,
                    mention_start=start,
                    mention_end=end,
                )
        if readable and qualitative and names.wants is not None:
            # rule qualitative_by_figure: "进出口回稳向好" ← "进出口增长14.2%" (kept), "…增长-6.5%" (missed);
            # "主要污染物排放继续减少" ← "二氧化硫、氮氧化物排放量分别下降5.6%和4%" (kept)
            for f in figures_after(None):
                moved = _moved(f, names.wants)
                if moved is None:
                    continue
                attained = "positive" if moved == names.wants else "negative"
                return _figure_evidence(text, f, name, (start, end), (start, f.end), attainment=attained)
        # a statement about the target stands in its clause or the next ("…实际增长8%，快于经济增长")
        said = _statement(
            text, end, min(cut, _statement_end(text, end, stop)), target, names.wants, reads != _STATEMENT
        )
        if said is not None and (
            _AIM.search(text, clause, said[3]) or _THIS_YEAR.search(text, clause, said[3])
        ):
            said = None  # "要确保完成全年目标": this year's aim, no statement about last year
        if said is not None and (
            statement is None or (statement.found == "state" and said[0] == "statement")
        ):
            found, attainment, value, s, e = said
            statement = Evidence(
                found=found,
                kind="qualitative",
                value=value,
                unit="%" if value is not None else None,
                attainment=attainment,
                name=name,
                phrase=text[start:e],
                char_start=start,
                char_end=e,
                mention_start=start,
                mention_end=end,
            )
    if statement is not None:
        return statement
    if other_kind is not None:
        start, end, _ = other_kind
        return Evidence(
            reason="other_kind", mention_start=start, mention_end=end, snippet=_snippet(text, start, end)
        )
    start, end, _ = figure_mentions[0] if figure_mentions else loose[0]
    return Evidence(
        reason="no_comparable_figure",
        mention_start=start,
        mention_end=end,
        snippet=_snippet(text, start, end),
    )


def look_up(
    targets: Sequence[Mapping[str, Any] | TargetRow],
    text: str,
    review_spans: Sequence[tuple[int, int]],
    catalogue: Catalogue,
    review_year: int | None = None,
    own_spans: Sequence[tuple[int, int]] = (),
    period_spans: Sequence[tuple[int, int]] = (),
) -> list[Evidence]:
    """One `Evidence` per target, in order: what the follow-up report's review (the spans of `text`) says
    about each. `review_year` is the year the targets are for (a figure dated another year is passed over).
    A follow-up without a review section is searched whole but for its own plan and targets (`own_spans`):
    never call a target dropped for want of a review, never take this year's aims for last year's results.
    `follow_up_spans` gives the three kinds of span from a report's sections."""
    return [
        look_up_one(t, text, review_spans, catalogue, review_year, own_spans, period_spans) for t in targets
    ]


def follow_up_spans(
    text: str, sections: Iterable[tuple[str, int, int, str | None]], review_year: int | None
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """(review, own, period) spans of a follow-up from its sections (kind, start, end, heading): where to
    search, its own plan and targets (this year's: nothing there is evidence of last year), and the
    paragraphs of its review about a whole period (`results.review_paragraphs`: a review of 2025 and the
    十四五 reads its five years apart)."""
    review: list[tuple[int, int]] = []
    plan: list[tuple[int, int]] = []
    targets: list[tuple[int, int]] = []
    period: list[tuple[int, int]] = []
    for kind, start, end, heading in sections:
        if kind == "review":
            review.append((start, end))
            for ps, pe, whole, in_period in review_paragraphs(text, start, end, heading or "", review_year):
                if whole or in_period:
                    period.append((ps, pe))
        elif kind == "plan":
            plan.append((start, end))
        elif kind == "targets":
            targets.append((start, end))
    # without a review the plan found is no plan for sure (the review stands somewhere in it): only the
    # targets paragraph is cut out, and this year's aims are passed over wherever they stand
    own = targets + plan if review else targets
    return sorted(review), sorted(own), period


def _less(spans: Sequence[tuple[int, int]], cut_out: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` less the parts inside any span of `cut_out`."""
    out = list(spans)
    for cut_start, cut_end in cut_out:
        out = [
            (a, b)
            for s, e in out
            for a, b in (((s, e),) if cut_end <= s or e <= cut_start else ((s, cut_start), (cut_end, e)))
            if a < b
        ]
    return out

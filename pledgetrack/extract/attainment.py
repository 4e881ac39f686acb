"""How the register says a target was met or missed, and which states are good for which indicator.

One vocabulary for extraction (`results`: the statements and states a review makes about its year) and for
the lookup (`lookup`: what the review says after the name of one target's indicator), so that one sentence
reads the same either way.

Whether a statement is good news depends on the indicator's direction (the catalogue's `direction`): a
floor is a minimum to reach (growth, revenue, jobs), a ceiling a maximum not to exceed (CPI 涨幅, 失业率):

| words                                 | floor     | ceiling   | no direction known |
| ------------------------------------- | --------- | --------- | ------------------ |
| 没有完成 / 未能实现 / 未达到预期        | not met   | not met   | not met            |
| 低于…预期目标                          | not met   | met       | not met            |
| 高于…预期目标                          | met       | not met   | met                |
| 继续下降 / 持续下降 / 出现下降 / 回落   | negative  | positive  | None               |
| 保持较低水平 / 多年来最低 / 低位运行     | negative  | positive  | None               |
| 总体平稳 / 基本稳定 (of a rise: 涨幅)    | –         | positive  | None               |
| 历史最好水平 / 有监测记录以来最好水平    | positive  | positive  | positive           |
| 加剧 / 恶化 / 不平衡                   | negative  | negative  | negative           |

A water-quality target names a class of the national standard (I best, V worst): "出境断面水质稳定保持在Ⅱ类及
以上" is met when the review says the same water held or reached that class or a better one ("保持Ⅱ类",
"达到Ⅱ类标准", "均为Ⅱ类及以上"), and not met by a worse one (`water_class`, `held_class`).

(An indicator of no known direction is read as a floor for a comparison with its goal, as the verdict
rules read it; a fall or a low says nothing of it.)
"""

from __future__ import annotations

import re

from pledgetrack.indicators import Catalogue

# done, and how: "超额完成", "圆满完成", "如期完成", "按期完成", "高质量完成" … (an adverb of 完成/实现)
DONE_WELL = "超额|圆满|全面|顺利|提前|如期|按期|全部|高质量|高标准"
# not done: "没有完成", "未能实现", "未达到", "未达年初预期", "不及预期"
NOT_DONE = re.compile(
    r"(?:没有|未能?)(?:完成|实现|达到)|未达(?:到)?(?:年初|年度|全年)?(?:预期目标|预期|目标)|不及预期"
)
# a result set against the year's goal: "低于13%左右的预期目标", "涨幅低于预期目标", "高于年度目标"
GOAL_COMPARED = re.compile(r"(?P<side>低于|高于)[^，；。]{0,12}?(?:预期|年度|全年)?目标")
# who sets a quota, a superior government: "省定", "市定", "省市", "上级下达", "国家下达", "市下达", "市核"
QUOTA_SETTER = r"(?:[省市县]定|省市|上级下达|国家下达|市下达|市核)"
# kept within the year's goal or budget: "控制在预期目标以内", "控制在预算范围内", "控制在市下达指标之内"
WITHIN_GOAL = r"控制在[^，；。\d]{0,12}?(?:预算|指标|目标)(?:范围)?[以之]?内"
# a quantity that fell, or stayed low, that year ("双下降": two named together both fell)
DOWN = re.compile(r"(?:继续|进一步|持续|明显|有所|出现|双)?下降|减少|回落")
LOW = re.compile(
    r"(?:保持(?:在)?|处于)(?:较低|低位)(?:的)?(?:水平)?|低位运行|"
    r"(?:为|是|降至|降到|创)?(?:多年来|多年|历史|近年来|近年)(?:的)?最低(?:水平)?"
)
# the best on record: good whatever the direction (for a ceiling, its lowest): "城镇调查失业率均值保持历史最好
# 水平", "平均浓度创有监测记录以来最好水平", "达到近年最好水平" (not an aspiration: "对标最高标准、最好水平")
BEST = re.compile(r"(?:历史|近年来?|近\d+年|多年来?|有(?:监测)?记录以来)的?最好(?:水平)?")
# steady: of prices, a rise that stayed small ("居民消费价格总体平稳"): low for a ceiling on that rise
STEADY = re.compile(r"总体平稳|总体稳定|基本稳定|保持平稳|保持稳定|平稳运行")
# bad whatever the direction
BAD = re.compile(r"加剧|恶化|不平衡")
# a class of the water-quality standard, as NFKC writes it ("Ⅱ类" → "II类"); I is the best, V the worst
_CLASS = r"(?<![A-Z])(?P<grade>IV|V|I{1,3})类"
_WATER_CLASS = re.compile(_CLASS)
# a class held or reached, right after the water's name: "保持在II类及以上", "连续6年达到II类", "均为II类"
_HELD_CLASS = re.compile(rf"^[^，；。]{{0,8}}?(?:保持|达到|稳定在|均为|为)在?{_CLASS}")
_GRADES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def water_class(phrase: str) -> int | None:
    """The class (1 best … 5) a target's phrase asks its water to hold, if it names one."""
    m = _WATER_CLASS.search(phrase)
    return _GRADES[m["grade"]] if m else None


def held_class(window: str) -> re.Match[str] | None:
    """The class a review says the water named right before `window` held or reached ("grade": I … V)."""
    return _HELD_CLASS.search(window)


def class_met(aim: int, held: re.Match[str]) -> str:
    """'positive' when the class held is the aim's or better, else 'negative'."""
    return "positive" if _GRADES[held["grade"]] <= aim else "negative"


def against_goal(side: str, direction: str | None) -> str:
    """'met' or 'not_met' for a result said to be 低于 (below) or 高于 (above) its goal."""
    below = side == "低于"
    if direction == "ceiling":
        return "met" if below else "not_met"
    return "not_met" if below else "met"


def of_a_fall(direction: str | None) -> str | None:
    """'positive' or 'negative' for a quantity that fell or stayed low; None when its direction is unknown."""
    if direction == "ceiling":
        return "positive"
    if direction == "floor":
        return "negative"
    return None


def direction_of(name: str, catalogue: Catalogue) -> str | None:
    """The direction of the indicator `name` denotes: the catalogue's; else, for a name it does not know,
    the one direction shared by the indicators named inside it ("细颗粒物（PM2.5）浓度": PM2.5) or, for a head
    noun, by every indicator whose alias ends with it ("失业率": 城镇登记失业率 and 城镇调查失业率, both
    ceilings); None when they disagree or there are none."""
    found = catalogue.lookup(name)
    if found is not None:
        return found.direction
    inside = {indicator.direction for indicator, _, _ in catalogue.find_in(name)}
    if not inside and len(name) >= 2:
        inside = {i.direction for alias, i in catalogue.by_alias.items() if alias.endswith(name)}
    return inside.pop() if len(inside) == 1 else None

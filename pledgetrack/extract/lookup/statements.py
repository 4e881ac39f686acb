"""A statement or a state after a mention of a target's indicator, when no figure settles it.

17. Without a figure, an explicit statement about the target after its name settles it with its polarity
    ("圆满完成", "好于预期", "未能实现", "低于…预期目标" — low is bad for a floor, good for a ceiling; written
    verb first, "高质量完成省市县民心工程和惠民实事", the name ending its list or followed by its task), and a
    qualitative state settles a qualitative target ("持续改善", "回稳向好", "继续下降" — good for a ceiling,
    bad for a floor). A blanket "完成了全年主要目标任务" is about the year, not about each target: statements
    about 主要/各项 targets are not evidence. A state ("总体平稳", "基本稳定") is no statement: it never
    settles a target with a figure, except a ceiling said to stay low that year ("居民消费价格涨幅保持较低
    水平" for "涨幅3%左右", "失业率为多年来最低": attainment 'low', rule stated_low); a rate's head noun
    ("失业率") is read for such a state, never for a figure. An attainment statement about a group the
    indicator belongs to (the catalogue's `parts` read upwards: "各项约束性指标超额完成" for 主要污染物, 能耗)
    settles it; a state or figure of the group does not.

The words are those of `pledgetrack.extract.attainment`, read here after one target's name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pledgetrack.extract.attainment import (
    BAD,
    BEST,
    DONE_WELL,
    DOWN,
    GOAL_COMPARED,
    LOW,
    NOT_DONE,
    STEADY,
    WITHIN_GOAL,
    against_goal,
    class_met,
    held_class,
    water_class,
)
from pledgetrack.extract.facts import SEVERAL_YEARS
from pledgetrack.extract.lookup.levels import LEVEL_LEAD
from pledgetrack.extract.lookup.mentions import clause_stop

# What a statement about a target says, by name (`read_statement`, `not_met_around`, `done_around`).
_PATTERNS = {
    # "完成年度目标的105%": the share of the plan done, a ratio
    "ratio": re.compile(
        r"完成(?:了)?(?:年度|全年|年初)?(?:确定的)?(?:目标|计划|预算)(?:任务)?的(\d+(?:\.\d+)?)%"
    ),
    # a goal met or beaten: "完成全年目标", "目标全部实现", "好于预期", "超过年度目标"
    "met": re.compile(
        rf"(?:{DONE_WELL})?(?:完成|实现)(?:了)?(?:全年|年度|年初|预期|既定|确定的)*"
        r"(?:目标|任务|计划)"
        rf"|(?:目标|任务|指标|计划)(?:均|全部|已|都)?(?:{DONE_WELL})?(?:完成|实现)"
        rf"|好于预期|超(?:过|出)?(?:了)?(?:预期|年度)目标|{WITHIN_GOAL}"
    ),
    # a name, then straight away that it was done: "各项约束性指标超额完成", "节能减排任务全面完成"
    "done_right_after": re.compile(
        rf"(?:任务|目标)?(?:均|全部|都|已|已经)?(?:{DONE_WELL})(?:完成|实现)(?=[，；。、]|$)"
    ),
    # the goal named after a name in its clause ("没有实现年初确定的<name>降低4%左右…的目标")
    "goal_after": re.compile(r"的?(?:预期|调控)?(?:目标|指标|任务)"),
    # "顺利完成“三年上台阶”任务": done well right before a name, its task or goal right after
    "done_before": re.compile(rf"(?:{DONE_WELL})(?:完成|实现)了?(?:{LEVEL_LEAD.pattern})?$"),
    "task_after": re.compile(r"的?(?:目标)?任务|的?目标"),
    # …or the name ends its list of works done: "高质量完成省市县民心工程和惠民实事，"
    "list_end": re.compile(r"(?:[和及与、][^，；。\d]{1,10})?(?=[，；。\n])"),
    # a statement about every target or the main ones ("各项", "主要"), not this one
    "blanket": re.compile(r"主要|各项"),
    # a state that is good: improved, steady, the best, in step with the economy
    "good_state": re.compile(
        r"(?:持续|明显|进一步|有所|继续|得到)?改善|(?:回稳|稳中)?向好|好转|基本平衡|"
        rf"{STEADY.pattern}|{BEST.pattern}|趋于稳定|回稳|稳定增长|快于经济增长|(?:与经济增长)?同步"
    ),
}


def read_statement(
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
    m = _PATTERNS["done_right_after"].match(window)
    if m:
        return "statement", "met", None, start + m.start(), start + m.end()  # "…约束性指标超额完成"
    m = _PATTERNS["ratio"].search(window)
    if m:
        return "statement", "ratio", float(m.group(1)), start + m.start(), start + m.end()
    m = GOAL_COMPARED.search(window)
    if m and direction in ("floor", "ceiling"):
        return "statement", against_goal(m["side"], direction), None, start + m.start(), start + m.end()
    m = NOT_DONE.search(window)
    if m:
        return "statement", "not_met", None, start + m.start(), start + m.end()
    m = _PATTERNS["met"].search(window)
    if m and not _PATTERNS["blanket"].search(window[max(0, m.start() - 4) : m.end()]):
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
    m = _PATTERNS["good_state"].search(window)
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


def not_met_around(text: str, clause: int, start: int, end: int, stop: int) -> tuple[int, int] | None:
    """(start, end) of "没有实现年初确定的<name>降低4%左右…的目标" around a mention, or None."""
    before = NOT_DONE.search(text, clause, start)
    if before is None:
        return None
    goal = _PATTERNS["goal_after"].search(text, end, clause_stop(text, end, stop))
    return (before.start(), goal.end()) if goal else None


def done_around(text: str, clause: int, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of "顺利完成<name>任务" (done well, the name, its task or goal) around a mention."""
    before = _PATTERNS["done_before"].search(text, clause, start)
    if before is None:
        return None
    after = _PATTERNS["task_after"].match(text, end) or _PATTERNS["list_end"].match(text, end)
    return (before.start(), after.end()) if after else None

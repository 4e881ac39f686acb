"""pledgetrack.extract.attainment: one vocabulary of attainment for extraction and lookup."""

from __future__ import annotations

import re

import pytest

from pledgetrack.extract.attainment import (
    DONE_WELL,
    DOWN,
    GOAL_COMPARED,
    LOW,
    NOT_DONE,
    against_goal,
    class_met,
    direction_of,
    held_class,
    of_a_fall,
    water_class,
)
from pledgetrack.indicators import load_catalogue


@pytest.mark.parametrize(
    ("words", "pattern", "found"),
    [
        ("预期增长目标未能实现", NOT_DONE, "未能实现"),
        ("没有达到预期", NOT_DONE, "没有达到"),
        ("增速未达预期", NOT_DONE, "未达预期"),
        ("低于13%左右的预期目标", GOAL_COMPARED, "低于13%左右的预期目标"),
        ("涨幅高于年度目标", GOAL_COMPARED, "高于年度目标"),
        ("排放量持续下降", DOWN, "持续下降"),
        ("综合指数和PM2.5实现双下降", DOWN, "双下降"),
        ("涨幅保持较低水平", LOW, "保持较低水平"),
        ("失业率为多年来最低", LOW, "为多年来最低"),
        ("社会融资成本低位运行", LOW, "低位运行"),
    ],
)
def test_the_words(words: str, pattern, found: str) -> None:
    m = pattern.search(words)
    assert m is not None and m.group() == found


@pytest.mark.parametrize(
    ("side", "direction", "expected"),
    [
        ("低于", "floor", "not_met"),
        ("低于", "ceiling", "met"),
        ("低于", None, "not_met"),
        ("高于", "floor", "met"),
        ("高于", "ceiling", "not_met"),
        ("高于", None, "met"),
    ],
)
def test_against_goal(side: str, direction: str | None, expected: str) -> None:
    assert against_goal(side, direction) == expected


@pytest.mark.parametrize(
    ("direction", "expected"), [("ceiling", "positive"), ("floor", "negative"), (None, None)]
)
def test_of_a_fall(direction: str | None, expected: str | None) -> None:
    assert of_a_fall(direction) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("居民消费价格", "ceiling"),  # the catalogue's
        ("进出口总额", "floor"),
        ("细颗粒物（PM2.5）浓度", "ceiling"),  # an indicator named inside
        ("失业率", "ceiling"),  # a head noun: every unemployment rate is a ceiling
        ("营商环境", None),  # nothing known
    ],
)
def test_direction_of(name: str, expected: str | None) -> None:
    assert direction_of(name, load_catalogue()) == expected


# how a work is said to be done: beyond its quota, in full, in time, to a high standard
@pytest.mark.parametrize(
    "words", ["超额完成", "圆满完成", "按期完成", "全部高质量完成", "高标准完成", "提前超额完成"]
)
def test_done_well(words: str) -> None:
    assert re.fullmatch(f"(?:{DONE_WELL})+完成", words)


@pytest.mark.parametrize("words", ["基本完成", "正在完成", "完成"])
def test_not_done_well(words: str) -> None:
    assert not re.fullmatch(f"(?:{DONE_WELL})+完成", words)


@pytest.mark.parametrize(
    ("aim", "review", "expected"),
    [
        ("出境断面水质稳定保持在II类及以上", "保持在II类及以上", "positive"),
        ("出境断面水质稳定保持在II类及以上", "连续6年达到II类标准", "positive"),
        ("断面水质达到III类", "均为II类", "positive"),
        ("断面水质达到III类", "为IV类", "negative"),
        ("水质稳定保持II类", "保持I类", "positive"),
    ],
)
def test_a_water_class_held(aim: str, review: str, expected: str) -> None:
    grade = water_class(aim)
    held = held_class(review)
    assert grade is not None and held is not None
    assert class_met(grade, held) == expected


@pytest.mark.parametrize("words", ["水质明显改善", "新建II类以上医院", "水质稳定，II类水体占比90%"])
def test_no_class_held(words: str) -> None:
    assert water_class("国内生产总值增长5%") is None
    assert held_class(words) is None

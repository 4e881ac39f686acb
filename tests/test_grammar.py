"""pledgetrack.grammar: the guard a pattern gets from its own first characters, and the text grammar."""

from __future__ import annotations

import random
import re
from pathlib import Path
from re import _constants, _parser

import pytest

from pledgetrack import numbers
from pledgetrack.extract import facts, statements, subjects
from pledgetrack.grammar import (
    A_YEAR,
    FIVE_YEARS,
    HEADING_START,
    NUMERAL,
    OWN_AREA,
    UnguardablePattern,
    first_characters,
    guarded,
)
from pledgetrack.ingest import headline, leans

# ---------------------------------------------------------------- first characters


@pytest.mark.parametrize(
    ("pattern", "first", "at_end"),
    [
        (r"今年|明年", "今明", False),
        (r"(?:均|都)?完成", "完均都", False),  # an optional word: the next one can start the match too
        (r"(?<![主重])要(?![求素])|将(?!近)", "将要", False),  # look-arounds consume nothing
        (r"[0-9%]以上", "%0-9", False),
        (r"\d+个?百分点", r"\d", False),
        (r"(?:比上年)?(?:增长|下降)?$", "下增比", True),  # all optional, then the end: '$' may start it
        (r"(?>[一二]十|三)", "一三二", False),
        (r"(?P<end>[。；])|(?P<n>[0-9]+)", "0-9。；", False),
    ],
)
def test_first_characters(pattern: str, first: str, at_end: bool) -> None:
    found, found_at_end = first_characters(pattern)
    assert sorted(found) == sorted(first) and found_at_end == at_end


@pytest.mark.parametrize("pattern", [r"(?:今年)?", r".年", r"[^，]+", r"(?i)gdp", r"年?|月"])
def test_a_pattern_that_may_start_anywhere_gets_no_guard(pattern: str) -> None:
    with pytest.raises(UnguardablePattern):
        guarded(pattern)


# ---------------------------------------------------------------- the guarded patterns match the same

GUARDED = {
    "numbers._QUANTITY": numbers._QUANTITY,
    "facts._VERB_BEFORE_NUMBER": facts._VERB_BEFORE_NUMBER,
    "facts.ATTAIN_RATIO": facts.ATTAIN_RATIO,
    "subjects._TAIL": subjects._TAIL,
    "statements.NOT_ATTAINED": statements.NOT_ATTAINED,
    "statements.ATTAIN": statements.ATTAIN,
    "statements.QUOTA_DONE": statements.QUOTA_DONE,
    "statements.WORKS_DONE": statements.WORKS_DONE,
    "statements.STATE": statements.STATE,
    "leans._AHEAD": leans._AHEAD,
    "leans._LEAN_MARK": leans._LEAN_MARK,
    "headline.HEADLINE_CUE": headline.HEADLINE_CUE,
}
_GUARD = re.compile(r"^\(\?=\[(?:\\.|[^\]\\])*\](?:\|\$)?\)\(\?:(?P<inner>.*)\)$", re.S)


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    m = _GUARD.match(pattern.pattern)
    assert m is not None, f"{pattern.pattern[:40]} is not guarded"
    return re.compile(m["inner"])


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


_NOISE = "0123456789.%，；。、“”年的和在了甲乙"


def _sample(items: list, rng: random.Random) -> str:
    """A random string the parsed pattern `items` would match but for its look-arounds and anchors: one
    alternative of each alternation, a few of each repeat, one character of each set."""
    out = []
    for op, av in items:
        if op is _constants.LITERAL:
            out.append(chr(av))
        elif op is _constants.IN:
            item_op, item = rng.choice([i for i in av if i[0] is not _constants.NEGATE] or [(None, None)])
            if item_op is _constants.LITERAL:
                out.append(chr(item))
            elif item_op is _constants.RANGE:
                out.append(chr(rng.randint(*item)))
            else:
                out.append(rng.choice(_NOISE))
        elif op is _constants.SUBPATTERN:
            out.append(_sample(av[-1], rng))
        elif op is _constants.ATOMIC_GROUP:
            out.append(_sample(av, rng))
        elif op is _constants.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng))
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
            out.extend(_sample(av[2], rng) for _ in range(rng.randint(av[0], min(av[1], av[0] + 2))))
        elif op in (_constants.NOT_LITERAL, _constants.ANY):
            out.append(rng.choice(_NOISE))
    return "".join(out)


@pytest.mark.parametrize("name", GUARDED)
def test_guarded_patterns_match_as_the_pattern_alone(name: str) -> None:
    pattern = GUARDED[name]
    plain = _unguarded(pattern)
    parsed = list(_parser.parse(plain.pattern))
    rng = random.Random(name)
    found = 0
    for _ in range(2000):
        # what the pattern matches, cut short or not, between noise
        pieces = [_sample(parsed, rng) if rng.random() < 0.5 else rng.choice(_NOISE) for _ in range(6)]
        text = "".join(p[: rng.randint(1, len(p))] if p and rng.random() < 0.3 else p for p in pieces)
        text += _sample(parsed, rng) if rng.random() < 0.5 else ""  # ending the text (patterns with $)
        matches = _matches(plain, text)
        found += bool(matches)
        assert _matches(pattern, text) == matches, text
    assert found > 500  # the strings do exercise the pattern


def test_guarded_patterns_match_as_the_pattern_alone_on_the_corpus(corpus_dir: Path) -> None:
    paragraphs = [
        line
        for path in sorted(corpus_dir.rglob("*.txt"))
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[::3]  # a third: quick
        if line.strip()
    ]
    for name, pattern in GUARDED.items():
        plain = _unguarded(pattern)
        for line in paragraphs:
            assert _matches(pattern, line) == _matches(plain, line), (name, line[:60])


# ---------------------------------------------------------------- numerals


@pytest.mark.parametrize("numeral", NUMERAL)
def test_every_numeral_opens_a_heading(numeral: str) -> None:
    for heading in (f"{numeral}、工作回顾", f"（{numeral}）稳增长", f"第{numeral}部分"):
        assert HEADING_START.match(heading), heading


# ---------------------------------------------------------------- a government's own area


@pytest.mark.parametrize(
    ("words", "own_area"),
    [
        ("全国", True),
        ("全省", True),
        ("本市", True),
        ("我区", True),
        ("我县", True),
        ("全州", True),
        ("全盟", True),
        ("本旗", True),
        ("全面", False),  # an adverb
        ("全部", False),
        ("本级", False),  # a level of the budget, not an area
    ],
)
def test_own_area(words: str, own_area: bool) -> None:
    assert bool(re.fullmatch(OWN_AREA, words)) is own_area


@pytest.mark.parametrize(
    ("heading", "five_years"),
    [
        ("一、过去五年工作回顾", True),
        ("一、“十四五”时期和2025年工作回顾", True),
        ("二、“十二五”时期经济社会发展的战略任务", True),
        ("一、2025年工作回顾", False),
        ("二、今年的工作安排", False),
    ],
)
def test_five_years_named(heading: str, five_years: bool) -> None:
    assert bool(FIVE_YEARS.search(heading)) == five_years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("一、2025年工作回顾", ["2025"]),
        ("2024年1月15日在区第十七届人民代表大会第五次会议上", ["2024"]),
        ("“十四五”时期和2020年以来", ["2020"]),
        ("到2035年基本实现", ["2035"]),
        ("3000年前的遗址", []),  # the years of reports begin with 1 or 2
        ("二〇二四年", []),  # years in Chinese numerals are read by detect, not by this pattern
        ("今年", []),
    ],
)
def test_a_year_in_digits(text: str, years: list[str]) -> None:
    assert re.findall(A_YEAR, text) == years

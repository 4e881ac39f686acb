"""The text grammar of a report, defined once: which characters are Chinese, which end a sentence or a
clause, what breaks a paragraph and how a heading starts.

Every module that cuts or reads report text takes these from here. The canonical text (`normalize`) has one
paragraph a line, paragraphs separated by `PARAGRAPH_BREAK`, and full-width prose punctuation, so the marks
below are the full-width ones; the ASCII clause marks are listed too because normalize keeps them between
ASCII letters and digits ("12,000", "9:00").

A module that deliberately reads a wider or narrower set has a variant of its own below, named for what it
is, with the reason it differs.
"""

from __future__ import annotations

import re
from re import _constants, _parser  # the parser re compiles with: the first characters of a pattern

# ---------------------------------------------------------------- characters

# CJK ideographs: extension A, the unified block, the compatibility ideographs, and the supplementary planes
# (extensions B-F and the compatibility supplement). The body of a character class: f"[{CJK}]".
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
CJK_CHAR = re.compile(f"[{CJK}]")
# Variant: the unified ideographs of the Basic Multilingual Plane only (extension A and the unified block).
# These are the ideographs NFKC maps to themselves (the compatibility ideographs it maps to others), so
# normalize may pass them by; and the ones a plausible GB decoding yields (readers).
CJK_BMP_UNIFIED = r"\u3400-\u4dbf\u4e00-\u9fff"

NUMERAL = "一二三四五六七八九十"  # the Chinese numerals of headings and list items (一、 （二） 第三部分)

# The levels of government a report speaks for, from the nation down: 国, 省 and its peers 州 盟 (and 自治区's
# 区), 市, 区 and 县 and its peer 旗.
LEVELS = "国省州盟市区县旗"
# A five-year plan named by its ordinal: 十一五 … 十九五 (the 11th to the 19th), quoted or not
# ("“十四五”时期").
# (The 10th, 十五, is also the number fifteen: sections reads it where no number can stand.)
PLAN_PERIOD = f"“?十[{NUMERAL[:9]}]五”?"
# A heading or a chapter that names five years, by the words or by the plan ("过去五年工作回顾",
# "“十四五”时期的主要目标"): about a term or a plan, not (only) a year.
FIVE_YEARS = re.compile(f"五年|{PLAN_PERIOD}")

# The address to the deputies that may open a paragraph before what it says ("各位代表！过去一年，…"): read
# as optional at the paragraph's start by every rule that looks at how a paragraph opens.
ADDRESS = r"(?:各位代表[！!，,]?\s*)?"
# A year in digits, as every report writes one ("2024年"), the digits captured: a heading's years, a title's
# year, the date a report was delivered.
A_YEAR = r"([12][0-9]{3})年"
# The year just reviewed, named without its number: "过去一年", "过去的一年", "一年来", "刚刚过去的…".
YEAR_PAST = r"过去的?一年|一年来|刚刚过去的"

# a passage about a five-year period opens by saying so: "五年来，…", "这五年…", "过去五年…", "回望“十四五”…",
# "“十三五”时期…" (after the address "各位代表！" at most). Read with .match at a paragraph or
# sentence start, by results (the period's part of a review) and by the lookup (a paragraph of a whole term).
PERIOD_OPENER = re.compile(
    rf"{ADDRESS}(?:(?:这|过去|过去的|近)五年|五年来|"
    rf"回望{PLAN_PERIOD}|{PLAN_PERIOD}(?:时期|期间|以来|五年))"
)

# A government's own area, as its report names it: 全省, 全市, 本市, 我区, 我国 … (全 all of it, 本 and 我 its
# own): a scope, never part of what is counted.
OWN_AREA = f"[全本我][{LEVELS}]"

# ---------------------------------------------------------------- sentences, clauses, paragraphs

SENTENCE_END = "。！？"
# Variant: a sentence or a semicolon. A list's items are often ；-items ("地区生产总值增长6%左右；"):
# sections reads each item alone, and normalize takes a line with one inside for prose, not a heading.
SENTENCE_OR_SEMICOLON = SENTENCE_END + "；"
# Variant: a line whose text ends with one of these ends its paragraph (normalize joins the lines of PDF and
# web copies): a sentence, a colon or semicolon that introduces or separates list items, an ellipsis.
LINE_END = SENTENCE_END + "：；…"
# Variant: the end of a sentence shown to people (evidence), in any text: a line break ends one too (a
# heading, a list item), and so do the ASCII marks normalize keeps between Latin words.
SENTENCE_OR_LINE_END = SENTENCE_END + "!?\n"

# Clause marks, full-width and the ASCII ones normalize keeps between digits ("12,000", "9:00").
CLAUSE_MARKS = "，；：,;:"
# The words that join the names of a list ("A、B和C", "A及B", "A与B"), and with them the list mark 、.
CONJUNCTIONS = ("和", "及", "与")
LIST_JOINERS = "、" + "".join(CONJUNCTIONS)
# Quotes and brackets: a clause mark inside them does not end a clause.
OPENING_MARKS = "“（(《"
CLOSING_MARKS = "”）)》"

# normalize's output: one paragraph a line, separated by one blank line
PARAGRAPH_BREAK = "\n\n"
PARAGRAPH = re.compile(r"[^\n]+")  # a paragraph of the canonical text: a line (it holds no line break)

# ---------------------------------------------------------------- headings

# The title of the appendix of terms a report may end with: "名词解释", "名词注释", "用语解释"
GLOSSARY_TITLE = r"(?:名词(?:解释|注释)|用语解释)"
# A line that starts like a heading of any level: 一、 （一） 第一部分/章/节/篇 1、 and the closing parts.
HEADING_START = re.compile(
    rf"^(?:[{NUMERAL}]{{1,3}}、|[（(][{NUMERAL}0-9]{{1,3}}[)）]|第[{NUMERAL}]{{1,3}}[部分章节篇]"
    rf"|[0-9]{{1,2}}[、.](?![0-9])|结束语|附件|(?:《政府工作报告》)?{GLOSSARY_TITLE})"
)
# Variant: a top-level heading only ("一、2017年工作回顾", "第二部分"): sections splits a report at these.
TOP_HEADING = re.compile(rf"^(?:[{NUMERAL}]{{1,3}}、|第[{NUMERAL}]{{1,3}}部分)")
# The longest heading line: a numbered line longer than this is a heading run into its first sentence.
HEADING_MAX = 42

# ---------------------------------------------------------------- where a pattern can start

# A search tries a pattern at every position of the text. A pattern that opens with a character set is
# skipped along in C to the next character that can start it; one that opens with an alternation of words
# is tried word by word at every position. `guarded` puts, in front of a pattern, a lookahead for the
# characters it can start with, computed from the pattern itself (so they are not written twice, and can
# never disagree with it): the same matches, found several times faster.

_CLASS_OF_CATEGORY = {
    _constants.CATEGORY_DIGIT: r"\d",
    _constants.CATEGORY_NOT_DIGIT: r"\D",
    _constants.CATEGORY_SPACE: r"\s",
    _constants.CATEGORY_NOT_SPACE: r"\S",
    _constants.CATEGORY_WORD: r"\w",
    _constants.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)
_AT_END = (_constants.AT_END, _constants.AT_END_STRING)
# may a piece of a pattern match nothing: never, only where `$` holds, anywhere
_NEVER, _AT_THE_END, _ANYWHERE = 0, 1, 2


class UnguardablePattern(ValueError):
    """A pattern whose first characters cannot be listed (it may start with any character, or be empty)."""


def _class_item(code: int) -> str:
    return re.escape(chr(code))


def _starts(items: list, first: set[str]) -> int:
    """Add to `first` the class items a sequence of parsed pattern items can start with; return whether the
    sequence may match nothing (_NEVER, _AT_THE_END, _ANYWHERE)."""
    empty = _ANYWHERE
    for op, av in items:
        if op is _constants.LITERAL:
            first.add(_class_item(av))
            own = _NEVER
        elif op is _constants.IN:
            for item_op, item in av:
                if item_op is _constants.LITERAL:
                    first.add(_class_item(item))
                elif item_op is _constants.RANGE:
                    first.add(f"{_class_item(item[0])}-{_class_item(item[1])}")
                elif item_op is _constants.CATEGORY and item in _CLASS_OF_CATEGORY:
                    first.add(_CLASS_OF_CATEGORY[item])
                else:  # a negated set, or what this does not read
                    raise UnguardablePattern(f"a character set with {item_op}")
            own = _NEVER
        elif op is _constants.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                raise UnguardablePattern("a group ignoring case")
            own = _starts(av[-1], first)
        elif op is _constants.ATOMIC_GROUP:
            own = _starts(av, first)
        elif op is _constants.BRANCH:
            own = max(_starts(branch, first) for branch in av[1])
        elif op in _REPEATS:
            own = _starts(av[2], first)
            own = _ANYWHERE if av[0] == 0 else own
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            own = _ANYWHERE  # a look around consumes nothing: the next item starts the match
        elif op is _constants.AT:
            own = _AT_THE_END if av in _AT_END else _ANYWHERE
        else:  # any character, a character but one, a back reference …
            raise UnguardablePattern(f"{op} can start with any character")
        if own == _NEVER:
            return _AT_THE_END if empty == _AT_THE_END else _NEVER
        empty = min(empty, own)
    return empty


def first_characters(pattern: str) -> tuple[str, bool]:
    """(the body of a character class of every character a match of `pattern` can start with, whether it may
    also be an empty match where `$` holds). UnguardablePattern when the pattern can match nothing anywhere
    or start with any character."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        raise UnguardablePattern("a pattern ignoring case")
    first: set[str] = set()
    empty = _starts(list(parsed), first)
    if empty == _ANYWHERE or not first:
        raise UnguardablePattern(f"{pattern[:30]!r}… may match nothing anywhere")
    return "".join(sorted(first)), empty == _AT_THE_END


def guarded(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled behind a lookahead for the characters it can start with (see above): the same
    matches, and a search skips the positions where it cannot start."""
    body, at_end = first_characters(pattern)
    guard = f"(?=[{body}]|$)" if at_end else f"(?=[{body}])"
    return re.compile(f"{guard}(?:{pattern})")


def longest_match(pattern: re.Pattern[str]) -> int:
    """The most characters a match of `pattern` can span (re's parser: its width), to search only that far."""
    return int(_parser.parse(pattern.pattern, pattern.flags).getwidth()[1])

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
# Quotes and brackets: a clause mark inside them does not end a clause.
OPENING_MARKS = "“（(《"
CLOSING_MARKS = "”）)》"

# normalize's output: one paragraph a line, separated by one blank line
PARAGRAPH_BREAK = "\n\n"
PARAGRAPH = re.compile(r"[^\n]+")  # a paragraph of the canonical text: a line (it holds no line break)

# ---------------------------------------------------------------- headings

# A line that starts like a heading of any level: 一、 （一） 第一部分/章/节/篇 1、 and the closing parts.
HEADING_START = re.compile(
    rf"^(?:[{NUMERAL}]{{1,3}}、|[（(][{NUMERAL}0-9]{{1,3}}[)）]|第[{NUMERAL}]{{1,3}}[部分章节篇]"
    rf"|[0-9]{{1,2}}[、.](?![0-9])|结束语|附件|附录|(?:《政府工作报告》)?(?:名词|用语)(?:解释|注释))"
)
# Variant: a top-level heading only ("一、2017年工作回顾", "第二部分"): sections splits a report at these.
TOP_HEADING = re.compile(rf"^(?:[{NUMERAL}]{{1,3}}、|第[{NUMERAL}]{{1,3}}部分)")
# The longest heading line: a numbered line longer than this is a heading run into its first sentence.
HEADING_MAX = 42

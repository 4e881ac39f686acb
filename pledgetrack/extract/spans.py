"""The text cut into spans: the report's sections, its paragraphs, sentences and clauses, and a phrase's
span trimmed of the marks around it.

1. Text is cut into sentences (。！？ and paragraph breaks) and clauses (，；：).

The cutters return (start, end) offsets into the report's text, never copies: every row keeps its offsets.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pledgetrack.grammar import (
    CLAUSE_MARKS,
    CLOSING_MARKS,
    LIST_JOINERS,
    OPENING_MARKS,
    PARAGRAPH_BREAK,
    SENTENCE_END,
)
from pledgetrack.model import ParsedReport

# compiled patterns, cached: the rules of facts, targets and results are written inline where they are used
regex = lru_cache(maxsize=None)(re.compile)


# ---------------------------------------------------------------- sections


def section_spans(report: ParsedReport, kind: str) -> list[tuple[int, int]]:
    return [(s.char_start, s.char_end) for s in report.sections if s.kind == kind]


# ---------------------------------------------------------------- sentences and clauses

# SENTENCE_END or a PARAGRAPH_BREAK ("\n\n", spelled out with look-behinds). Written to start with a
# character set: re then skips to the next candidate character in C, where the alternation "[。！？]|\n\n"
# tried both branches at every position.
_SENT_END = re.compile(rf"[{SENTENCE_END}\n](?:(?<=\n)\n|(?<!\n))")


def spans_between(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The non-empty runs of text[start:end] between matches of `pattern`. A list, not a generator: most
    spans are read whole, and a list is built faster than a generator is resumed."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in pattern.finditer(text, start, end):
        cut = m.start()
        if cut > pos:
            out.append((pos, cut))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return spans_between(text, start, end, _SENT_END)


_CLAUSE_MARK = re.compile(f"[{OPENING_MARKS}{CLOSING_MARKS}{CLAUSE_MARKS}]")


_CLAUSE_BODY = re.compile(f"[^{CLAUSE_MARKS}]+")
_OPENING_MARK = re.compile(f"[{OPENING_MARKS}]")


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a sentence; a comma inside quotes or brackets does not end a clause."""
    if not _OPENING_MARK.search(text, start, end):
        # no quotes or brackets (most sentences): every run between clause marks is a clause
        return [m.span() for m in _CLAUSE_BODY.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    depth = 0
    pos = start
    for m in _CLAUSE_MARK.finditer(text, start, end):
        ch = m.group()
        if ch in OPENING_MARKS:
            depth += 1
        elif ch in CLOSING_MARKS:
            depth = max(0, depth - 1)
        elif depth == 0:
            i = m.start()
            if i > pos:
                out.append((pos, i))
            pos = i + 1
    if end > pos:
        out.append((pos, end))
    return out


# ---------------------------------------------------------------- paragraphs

_PARAGRAPH_BREAK = re.compile(PARAGRAPH_BREAK)


def paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return spans_between(text, start, end, _PARAGRAPH_BREAK)


# a sentence that opens on last year: the plan restating last year's results (skipped for targets, read for a
# five-year review's outcomes)
LAST_YEAR_LEAD = re.compile(r"^(?:过去一年|去年)")


# ---------------------------------------------------------------- trimming


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n　、—":
        start += 1
    while end > start and text[end - 1] in " \n　、":
        end -= 1
    return start, end


_SKIPPED_BEFORE_A_PHRASE = "，；：" + LIST_JOINERS + " "


def skip_punct(text: str, ps: int, pe: int) -> int:
    while ps < pe and text[ps] in _SKIPPED_BEFORE_A_PHRASE:
        ps += 1
    return ps

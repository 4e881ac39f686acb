"""Evidence for people: the sentence around a phrase, so a reader can check a row without the tool."""

from __future__ import annotations

import re

from pledgetrack.grammar import SENTENCE_OR_LINE_END

_SENTENCE_END = re.compile(f"[{SENTENCE_OR_LINE_END}]")


def sentence_around(text: str, start: int, end: int, *, max_chars: int = 400) -> tuple[int, int]:
    """(start, end) of the sentence holding text[start:end]: from after the previous sentence end to the
    next one (inclusive), at most `max_chars` on each side so a paragraph without full stops stays short."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"offsets {start}..{end} are outside a text of {len(text)} characters")
    left = max(0, start - max_chars)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    begin = ends[-1] if ends else left
    match = _SENTENCE_END.search(text, end, min(len(text), end + max_chars))
    finish = match.end() if match else min(len(text), end + max_chars)
    return begin, finish


def quote(text: str, start: int, end: int, *, mark: tuple[str, str] = ("【", "】")) -> str:
    """The sentence around text[start:end] with the phrase marked."""
    begin, finish = sentence_around(text, start, end)
    return (text[begin:start] + mark[0] + text[start:end] + mark[1] + text[end:finish]).strip()

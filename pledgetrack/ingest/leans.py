"""Whether a paragraph looks back or ahead: its text in, a score out (`lean`: > 0 for figures of what
happened, < 0 for this year and its aims), and `Leans`, the scores of a report's paragraphs read when
first asked for. Where the review ends and the plan begins is decided on these (`sections`).
"""

from __future__ import annotations

import re

from pledgetrack.grammar import SENTENCE_OR_SEMICOLON, guarded
from pledgetrack.ingest.headings import REVIEW_OPENER, is_any_heading
from pledgetrack.ingest.headline import HEADLINE_CUE

# Ahead: this year, an aim or an order. 要 as a verb only (not 主要/重要/需要/纲要/只要/要求/要素), 将 not
# in 将近; a 以上 counts where it closes a figure's clause ("增长6%以上，"), not in 规模以上工业.
# (the raw pattern: `_LEAN_MARK` reads it too; guarded, because without the lookahead every alternative
# was tried at every place of a paragraph, which was most of the split's time)
_AHEAD_WORDS = (
    r"(?:今年|明年|今后|未来|(?<![主重需纲只])要(?![求素])|将(?!近)|力争|确保|争取|预期|左右|以内|[0-9%]以上(?=[，。；])"
    r"|到20[0-9]{2}年)"
)
_AHEAD = guarded(_AHEAD_WORDS)
# Back: a figure stated as what happened: a change by a figure with no aim on it ("增长6.5%", a plan's says
# 左右/以上), against the year before (同比, 比上年), summed or estimated (累计, 预计), or done (了). A plan's
# tasks use the verbs of results too ("完成100个小区改造", "新增就业2万人"), so those alone say nothing.
_BACK_WORDS = r"(?:了|同比|比上年|较上年|累计|预计|(?<!年均)(?:增长|下降|提高|增加|减少)[0-9])"
_DIGIT = re.compile(r"[0-9]")
# what `lean` reads, in one pattern: the end of a sentence or item, an aim, a year, a mark of what happened,
# a figure; guarded, so the scan skips the text between them
_LEAN_MARK = guarded(
    rf"(?P<end>[{SENTENCE_OR_SEMICOLON}])|(?P<ahead>{_AHEAD_WORDS})|(?P<year>[12][0-9]{{3}}年)"
    rf"|(?P<back>{_BACK_WORDS})|(?P<figure>[0-9]+)"
)
LEAN_CAP = 12  # one very long paragraph of figures weighs no more than a dozen sentences


def lean(text: str, year: int | None) -> int:
    """How much a paragraph looks back (> 0: figures of what happened) or ahead (< 0: this year, aims).

    Each sentence counts once: ahead if it holds an aim, this year or follows the headline cue (every item
    of the list is an aim, 左右 or not); else back if it holds a figure and a mark of what happened. The
    marks are read in one pass (`_LEAN_MARK`): a search per sentence and mark was most of the split."""
    score = 2 if REVIEW_OPENER.match(text) else 0
    if not _DIGIT.search(text) and not _AHEAD.search(text):
        return score  # no figure, no aim: most of a plan's prose and the review's narrative
    cue = HEADLINE_CUE.search(text) if "标" in text else None  # 目标, 指标
    aims_from = cue.start() if cue is not None else len(text)
    this_year = f"{year}年"
    ahead = back = figure = False
    for m in _LEAN_MARK.finditer(text):
        mark = m.lastgroup
        if mark == "end":
            if ahead or m.start() > aims_from:
                score -= 1
            elif figure and back:
                score += 1
            ahead = back = figure = False
        elif mark == "ahead":
            ahead = True
        elif mark == "figure":
            figure = True
        elif mark == "back":
            back = True
            figure = figure or m.group()[-1].isdigit()
        else:  # a year
            figure = True
            ahead = ahead or m.group() == this_year
    if ahead or len(text) > aims_from:  # the last sentence, without an end mark
        score -= 1
    elif figure and back:
        score += 1
    return max(-LEAN_CAP, min(LEAN_CAP, score))


class Leans:
    """Each paragraph's `lean`, read when first asked for: a plan heading is judged by the few dozen
    paragraphs around it, so most reports never need the leans of their whole plan."""

    def __init__(self, paras: list[str], year: int | None) -> None:
        self.paras, self.year, self.known = paras, year, {}

    def __getitem__(self, i: int) -> int:
        value = self.known.get(i)
        if value is None:
            p = self.paras[i]
            value = self.known[i] = 0 if is_any_heading(p) else lean(p, self.year)
        return value

    def sum(self, start: int, stop: int) -> int:
        return sum(self[i] for i in range(start, stop))

    def rise(self, start: int, stop: int) -> int:
        """How much further the text leans back at its most, from `start` up to `stop`."""
        running = top = 0
        for i in range(start, stop):
            running += self[i]
            top = max(top, running)
        return top

"""Where a target's names stand in its follow-up, and which of those mentions can speak of last year.

14. A mention inside a longer name of another indicator ("居民人均可支配收入" inside "城镇居民人均可支配收入")
    counts as a mention, not as a place to read a figure (`CatalogueIndex.covered`).
17d. What is not last year's result: the follow-up's own plan and targets (`own_spans`; without a review
    only its targets paragraph, the rest searched: `follow_up_spans`), an aim of this year anywhere ("要…",
    "力争…", "今年…左右/以上/以内": `AIM`, `THIS_YEAR`), the review's part about a whole period
    (`period_spans`, from "五年来"/"“十四五”时期" to the year's part: `review.review_paragraphs`), and the
    figure of a part: a name qualified by more than the year, the government's own area and a verb of result
    ("跨境电商进出口", "规模以上固定资产投资", "沿边临港产业园区…", "带动陕西进出口": `part_of_whole`), or
    followed by a count in a unit the indicator is never counted in ("外贸企业1295家、增长50.6%"). Each
    stays a mention. Prices said steady ("总体平稳") stayed low under a ceiling on their rise (stated_low);
    "持平" is a change of 0.

The follow-up's text and spans in, offsets out: `find_mentions` (every occurrence of the names, longest at a
place), the sentence, clause and paragraph around a place, and `snippet_around` (a short quote to check).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from pledgetrack.extract.lookup.levels import own_names
from pledgetrack.extract.lookup.names import CJK_END, SPENDING_END
from pledgetrack.extract.review import review_paragraphs
from pledgetrack.grammar import LIST_JOINERS, OWN_AREA, PERIOD_OPENER
from pledgetrack.indicators import SCOPE_WORDS, Catalogue

# ---------------------------------------------------------------- places in the follow-up

_SENTENCE_END = re.compile(r"[。！？\n]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9.]")
CLAUSE_MARK = re.compile(r"[，；：,;:]")
# a review of a government's whole term (换届 reports) opens by saying so
_TERM_REVIEW = re.compile(r"过去五年|五年来|五年工作回顾")
# a paragraph of a term's review that speaks of the year itself
YEAR_PARAGRAPH = re.compile(r"去年|过去一年|刚刚过去的|年初确定|\d{4}年，")
YEAR = re.compile(r"(\d{4})年")
# the economy as a yardstick ("快于经济增长"), not a result of its own
COMPARED_WITH_ECONOMY = re.compile(r"(?:快于|高于)经济(?:增长|增速)|超过经济增速")
# an aim of this year in a follow-up ("要…", "力争…"; and "今年…左右/以上/以内"): no result of last year
AIM = re.compile(r"(?<![主重需只必首纲摘概紧险扼简提政机])要(?![求素点害件闻])|力争")
THIS_YEAR = re.compile(r"今年|明年")
# what may stand before a name in its clause and leave it the whole: when, where (the government's own
# area: 全省, 我市 …), every one of them ("各项约束性指标"), and the verbs of a result
_WHOLE_LEAD = re.compile(
    r"(?:\d{4}年|全年|当年|去年|上年|年末|年底|一年来|预计|其中|实现|完成|达到|共|合计|各项|"
    + OWN_AREA
    + "|"
    + "|".join(SCOPE_WORDS)
    + r"|的|了|“|”)$"
)
_LIST_SEPARATOR = re.compile(f"[{LIST_JOINERS}]")


class CatalogueIndex:
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
            if COMPARED_WITH_ECONOMY.match(text, max(0, m.start() - 2)):
                continue  # "快于经济增长": the economy as a yardstick, not a result of its own
            if any(alias in name for name in own_names):
                continue
            return True
        return False


_INDEXES: dict[int, CatalogueIndex] = {}


def catalogue_index(catalogue: Catalogue) -> CatalogueIndex:
    found = _INDEXES.get(id(catalogue))
    if found is None or found.catalogue is not catalogue:
        found = _INDEXES[id(catalogue)] = CatalogueIndex(catalogue)
    return found


@dataclass(frozen=True)
class FollowUp:
    """The follow-up report a target is looked up in: its text; where its review is (`review_spans`, offsets
    of `text`; none found: the whole report is searched); the year the targets are for (`review_year`: a
    figure dated another year is passed over); its own plan and targets (`own_spans`: never searched, even
    where they overlap the review); the paragraphs of its review about a whole period (`period_spans`:
    mentions, never results). `follow_up_spans` gives the three kinds of span from a report's sections."""

    text: str
    review_spans: Sequence[tuple[int, int]]
    review_year: int | None = None
    own_spans: Sequence[tuple[int, int]] = ()
    period_spans: Sequence[tuple[int, int]] = ()

    # computed once per follow-up, not once per target looked up in it (a frozen dataclass keeps no other
    # state: cached_property writes the instance's __dict__, not through __setattr__)
    @cached_property
    def mention_spans(self) -> list[tuple[int, int]]:
        """Where mentions are looked for: the review's spans that lie in the text, else the whole report
        (a target is never called dropped for want of a review)."""
        size = len(self.text)
        return [(s, e) for s, e in self.review_spans if 0 <= s < e <= size] or [(0, size)]

    @cached_property
    def result_spans(self) -> list[tuple[int, int]]:
        """Where results are read: `mention_spans` less the report's own plan and targets."""
        return less(self.mention_spans, self.own_spans)


def follow_up_spans(
    text: str, sections: Iterable[tuple[str, int, int, str | None]], review_year: int | None
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """(review, own, period) spans of a follow-up from its sections (kind, start, end, heading): where to
    search, its own plan and targets (this year's: nothing there is evidence of last year), and the
    paragraphs of its review about a whole period (`review.review_paragraphs`: a review of 2025 and the
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


def less(spans: Sequence[tuple[int, int]], cut_out: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
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


def find_mentions(
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


def followed_mention(
    text: str, spans: Sequence[tuple[int, int]], names: Iterable[str], after: re.Pattern[str]
) -> tuple[int, int, str] | None:
    """The first place where one of `names` stands with `after` right behind it: a head noun as the subject
    of a change ("货币信贷合理增长"), the use of a thing before its cost ("用网和物流等成本")."""
    for start, end, name in find_mentions(text, spans, names):
        if after.match(text, end):
            return start, end, name
    return None


def pair_mention(
    text: str, spans: Sequence[tuple[int, int]], pairs: Iterable[tuple[str, str]]
) -> tuple[int, int, str] | None:
    """The first place where both words of a pair stand in one sentence of the spans."""
    for first, last in pairs:
        for span_start, span_end in spans:
            pos = text.find(first, span_start, span_end)
            while pos >= 0:
                stop = sentence_stop(text, pos, span_end)
                other = text.find(last, sentence_start(text, pos), stop)
                if other >= 0:
                    return (pos, pos + len(first), first)
                pos = text.find(first, pos + len(first), span_end)
    return None


def part_of_whole(lead: str, region: str | None) -> bool:
    """Is a name qualified by a part of its quantity? `lead` is its clause up to it: what is left once
    times, the government's own area and the verbs of a result are taken off the end qualifies it: a mode
    ("跨境电商进出口"), a zone inside the area ("沿边临港产业园区工业投资"), a size class ("规模以上固定资产
    投资"), the part something drove ("中欧班列…带动陕西进出口")."""
    own = own_names(region)
    previous = None
    while lead and lead != previous:
        previous = lead
        for name in own:
            lead = lead.removesuffix(name)
        lead = _WHOLE_LEAD.sub("", lead)
    return bool(lead) and CJK_END.search(lead) is not None


def list_member(text: str, clause: int, start: int, end: int, stop: int) -> tuple[int, int, int] | None:
    """(k, n, after) when the name at text[start:end] is member k of a list of n names whose figures follow
    "分别" ("用于科技、教育、卫生和文化事业的支出分别为774亿元、536亿元…": 科技 is 0 of 4), with `after` the
    end of 分别; None when the name is not a member of such a list."""
    each = text.find("分别", end, clause_stop(text, end, stop))
    if each < 0:
        return None
    separators = list(_LIST_SEPARATOR.finditer(text, clause, each))
    starts = [clause, *(m.end() for m in separators)]
    ends = [*(m.start() for m in separators), each]
    k = next((i for i, (a, b) in enumerate(zip(starts, ends, strict=True)) if a <= start and end <= b), None)
    if k is None or len(starts) < 2:
        return None
    return k, len(starts), each + len("分别")


def spending_member(text: str, start: int, end: int) -> bool:
    """Is the name at text[start:end] a member of a 分别 list of spendings ("用于科技、教育…的支出分别…")?"""
    clause = max(
        [
            sentence_start(text, start),
            *(m.end() for m in CLAUSE_MARK.finditer(text, max(0, start - 60), start)),
        ]
    )
    stop = sentence_stop(text, end, min(len(text), end + 200))
    member = list_member(text, clause, start, end, stop)
    if member is None:
        return False
    each = member[2] - len("分别")
    last = max([clause, *(m.end() for m in _LIST_SEPARATOR.finditer(text, clause, each))])
    return SPENDING_END.search(text, last, each) is not None


def is_term_review(text: str, review_spans: Sequence[tuple[int, int]]) -> bool:
    """Does the review cover a government's whole term? Its heading says so: "一、过去五年工作回顾" (a first
    paragraph may also speak of 本届政府's first year)."""
    first_start, first_end = review_spans[0]
    return _TERM_REVIEW.search(text, first_start, min(first_start + 30, first_end)) is not None


def term_paragraph(text: str, paragraph: int) -> bool:
    """Does the paragraph at `paragraph` review a whole term? It opens by saying so ("这五年，…"), or its
    short first sentence names the year and the second does ("2015年是“十二五”收官之年。过去五年，…")."""
    if PERIOD_OPENER.match(text, paragraph):
        return True
    first = text.find("。", paragraph, paragraph + 30)
    return first >= 0 and PERIOD_OPENER.match(text, first + 1) is not None


def paragraph_end(text: str, pos: int, stop: int) -> int:
    found = text.find("\n", pos, stop)
    return stop if found < 0 else found


def sentence_start(text: str, pos: int) -> int:
    """After the last 。！？ or line break before `pos` (looking back at most 300 characters)."""
    low = max(0, pos - 300)
    last = max(text.rfind(mark, low, pos) for mark in "。！？\n")
    return last + 1 if last >= 0 else low


def sentence_stop(text: str, pos: int, stop: int) -> int:
    """The end of the sentence after `pos` (at most `stop`)."""
    found = _SENTENCE_END.search(text, pos, stop)
    return found.start() if found else stop


def clause_stop(text: str, pos: int, stop: int) -> int:
    m = CLAUSE_MARK.search(text, pos, stop)
    return m.start() if m else stop


def statement_end(text: str, pos: int, stop: int) -> int:
    """The end of the clause after the one at `pos`, or of the part of the sentence before a '；'."""
    first = clause_stop(text, pos, stop)
    if first < stop and text[first] in "；;":
        return first
    second = clause_stop(text, first + 1, stop) if first < stop else stop
    return second


def snippet_around(text: str, start: int, end: int, width: int = 30) -> str:
    left = max(sentence_start(text, start), start - width)
    right_end = _SENTENCE_END.search(text, end, end + width)
    right = right_end.end() if right_end else min(len(text), end + width)
    return text[left:right].replace("\n", " ").strip()

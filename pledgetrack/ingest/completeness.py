"""Is a report whole? Its two sides: this year's headline targets, and the results of the year it reviews.

A report that lost a side is still loaded (the other side holds real data: targets found are judged next
year, and a review found is searched for evidence of last year's targets), but it is never loaded as
whole in silence: `reports.completeness` says which side is missing and why, `reports.completeness_note`
says it in plain words, the gate flags it (`expectations/reports.json`, severity warning), and `run`,
`status` and the accountability pages name it.

The vocabulary (`VALUES`) is one side's state, or the two joined by '+' when both are missing:

- 'whole': at least one headline target (`tier = 'headline'`) and at least one result of the review year;
- 'no_targets': no headline target was found (the targets paragraph could not be located, or nothing could
  be read from it, or the report states only the goals of a five-year plan);
- 'no_review': no review part was found at all, so no result of the year could be;
- 'no_results': a review was found, but extraction read no result of its year from it;
- 'five_year_review': a transition (换届) report whose review covers the government's five-year term and
  states no figure of its year: expected, and told apart from a review not found. Told by the review's
  heading or, without one that names a span, its opening sentence: a term is named (过去五年, 五年来,
  本届政府, “十三五”时期 …) and the year is not (2017年, 过去一年, 一年来 …); or by a declared kind
  ('transition', as a user's manifest may say).

A report whose text was cut off (a download or copy interrupted) keeps its review and, often, its targets
paragraph, but loses its end. The vocabulary adds that to a value, or stands alone when both sides were found:

- 'cut_off': the text ends before the report's closing (see below): the year's tasks, and perhaps the end of
  the targets paragraph, are missing. 'no_targets+cut_off', 'no_results+cut_off' … when a side is missing
  too (a text cut before its targets paragraph is both).

**The closing, a fact of the register.** A 政府工作报告, at every level (the State Council's, a province's, a
city's, a county's or a district's), ends its year's tasks with an exhortation to the deputies: addressed to
them (各位代表, opening the paragraph or on the line before it), it names the leadership under which the
work goes on (…领导下, 团结在…周围) and calls to it (让我们…, or a sentence that ends in ！). Site chrome,
a glossary (名词解释), a signature or a date may follow it, so it is looked for, not expected last; the
chapters before it have exhortations of their own, but these name no leadership, and the review's thanks
(…表示衷心的感谢！) are no closing. Now and then a report closes on an exclamation naming no leadership:
the text's last paragraph, addressed to the deputies and ending in ！, is a closing too. The closing is
looked for after the targets paragraph (without one, after the start of the plan part, or of the
review): a text without it was cut off. Examples (written for this rule, not quoted):

| paragraph                                                        | a closing?                              |
| ---------------------------------------------------------------- | --------------------------------------- |
| 各位代表，让我们紧密团结在党中央周围，为建设美好家园而努力奋斗！ | yes: addressed, leadership, call, ！    |
| 各位代表！ / 我们要在省委的坚强领导下，开拓进取，再创新的辉煌！  | yes: addressed on the line before       |
| 让我们在区委的坚强领导下，埋头苦干，开创发展新局面。             | yes: a call ending in 。 is one too     |
| 各位代表，蓝图已经绘就，一个更美的新城一定会出现在我们面前！     | yes, as the text's last paragraph only  |
| 各位代表！                                                       | no: the address alone                   |
| 各位代表，产业是发展之本，我们要打造全省一流的产业高地！         | no: a chapter's call, no leadership     |
| 在县委的坚强领导下……我们向各位表示衷心的感谢！                   | no: the review's thanks                 |
| 要让我们的城市更加美丽，在市委领导下加快建设！                   | no: 让我们的 "make our", not "let us"   |

Measured on the corpus (109 reports): every report has its closing after its targets paragraph (or, with
none, the start of its plan part). Cut at 40%, 50%, 60%, 70% and 80% of its length, at a character or at
the nearest paragraph break, 1,047 of the 1,051 cuts that lose part of the report before its closing read
as cut off (not: three cut right after a chapter's exhortation to the deputies, which a last paragraph
may be, and one inside the closing itself); the 27 cuts after the closing, in a glossary or site chrome,
do not. A news summary (declared kind 'summary') is a digest, not the speech: it need not close, and is
never called cut off.

Results are those `extract_outcomes` reads, all of them of the review year by construction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pledgetrack.grammar import PARAGRAPH, PERIOD_OPENER, SENTENCE_END, YEAR_PAST
from pledgetrack.model import ParsedReport, Section

WHOLE = "whole"
NO_TARGETS = "no_targets"
NO_REVIEW = "no_review"
NO_RESULTS = "no_results"
FIVE_YEAR_REVIEW = "five_year_review"
CUT_OFF = "cut_off"
RESULTS_MISSING = (NO_RESULTS, NO_REVIEW, FIVE_YEAR_REVIEW)  # why a report holds no result of its year
# the sides: both found, one missing, or both
_SIDES = (
    WHOLE,
    NO_TARGETS,
    *RESULTS_MISSING,
    *(f"{NO_TARGETS}+{why}" for why in RESULTS_MISSING),
)
# every value `reports.completeness` may hold (the gate checks it): the sides, and each with its text cut
# off ('cut_off' alone when both sides were found)
VALUES = (*_SIDES, CUT_OFF, *(f"{sides}+{CUT_OFF}" for sides in _SIDES[1:]))
TRANSITION = "transition"  # a declared kind of report: the first of a new government's term
SUMMARY = "summary"  # a declared kind: a newspaper's digest of a report, which need not have its closing

# What a missing side is called in `run`'s summary and `status`, grouped by value.
LABELS = {
    NO_TARGETS: "targets not found",
    NO_REVIEW: "review not found",
    NO_RESULTS: "no result of the reviewed year found",
    FIVE_YEAR_REVIEW: "transition report, its review covers only the five-year term",
    CUT_OFF: "text cut off before the report's closing",
}

# A term of government named: "过去五年", "五年来", "…以来的五年", "本届政府", "“十三五”时期", "“九五”".
_TERM = re.compile(
    r"(?:过去|这|近)的?五年|五年来|以来的五年|[本上]届政府|“(?:九|十[一二三四五六七八九]?)五”|"
    r"(?:九|十[一二三四五六七八九]?)五(?:时期|期间)"
)
# The single year named: "过去一年", "一年来", "去年", "刚刚过去的…" (the year itself is added per report).
_THE_YEAR = f"{YEAR_PAST}|去年|上年"
_FIRST_SENTENCE = re.compile(f"[^{SENTENCE_END}]*")


@dataclass(frozen=True)
class Completeness:
    value: str  # one of VALUES
    note: str  # plain words: what is missing and how it was looked for; '' when whole


def assess(
    report: ParsedReport, targets: Iterable, outcomes: Sequence, kind: str | None = None
) -> Completeness:
    """The completeness of a parsed report, given the rows extraction read from it: `targets` (each with a
    `tier`) and `outcomes` (the review year's results). `kind`: a declared kind of report ('transition',
    'summary'), None when nobody declared one."""
    headline = sum(1 for row in targets if row.tier == "headline")
    meta = report.meta
    return completeness_of(report.text, report.sections, meta.review_year, headline, len(outcomes), kind)


def completeness_of(
    text: str,
    sections: Sequence[Section],
    review_year: int | None,
    headline_targets: int,
    results: int,
    kind: str | None = None,
) -> Completeness:
    """The rule itself, on the parts of a report (also read back from a warehouse: see `assess`)."""
    missing: list[tuple[str, str]] = []
    if headline_targets == 0:
        missing.append((NO_TARGETS, _targets_note(sections)))
    if results == 0:
        missing.append(_results_side(text, sections, review_year, kind))
    if kind != SUMMARY and not has_closing(text, sections):
        missing.append((CUT_OFF, _cut_off_note(text)))
    if not missing:
        return Completeness(WHOLE, "")
    return Completeness("+".join(v for v, _ in missing), "; ".join(n for _, n in missing))


def parts(value: str) -> list[str]:
    """What a value says is missing: 'no_targets+no_review' → ['no_targets', 'no_review'];
    'no_targets+cut_off' → ['no_targets', 'cut_off']."""
    return [] if value == WHOLE else value.split("+")


def label(value: str) -> str:
    """'targets not found and review not found'."""
    return " and ".join(LABELS[p] for p in parts(value))


def group_lines(reports: Iterable[tuple[str, str]]) -> list[str]:
    """(value, file name) of reports that are not whole → one line per value, most frequent first:
    '3 reports: targets not found: a.txt, b.txt, c.txt', '2 transition reports review only the five-year
    term: d.txt, e.txt', '1 report: text cut off before the report's closing: f.txt'."""
    groups: dict[str, list[str]] = {}
    for value, name in reports:
        if value != WHOLE:
            groups.setdefault(value, []).append(name)
    lines = []
    for value, names in sorted(groups.items(), key=lambda item: (-len(item[1]), VALUES.index(item[0]))):
        count = len(names)
        if value == FIVE_YEAR_REVIEW:
            head = f"{count} transition report{'s' if count > 1 else ''} review{'' if count > 1 else 's'} " \
                "only the five-year term, no figure of the year"  # fmt: skip
        else:
            head = f"{count} report{'s' if count > 1 else ''}: {label(value)}"
        lines.append(f"{head}: {', '.join(sorted(names))}")
    return lines


# ---------------------------------------------------------------- the two sides


def _targets_note(sections: Sequence[Section]) -> str:
    found = [s for s in sections if s.kind == "targets"]
    # a transition report may set the goals of its five-year plan instead of the year's (sections keeps them
    # apart as 'five_year_goals'): said, since the user cannot fix it
    five_year = any(s.kind == "five_year_goals" for s in sections)
    if not found and five_year:
        return "no headline targets of the year: the report states only the goals of a five-year plan"
    if not found:
        return "no headline targets found: no targets paragraph (…主要预期目标是：…) was found"
    if all(s.found_by == "fallback" for s in found):
        return (
            "no headline targets found: the targets paragraph (…主要预期目标是：…) could not be located"
            + ("; the report states the goals of a five-year plan" if five_year else "")
        )
    return "no headline targets found: the targets paragraph was located but no target could be read from it"


def _results_side(
    text: str, sections: Sequence[Section], review_year: int | None, kind: str | None
) -> tuple[str, str]:
    year = f"{review_year}" if review_year else "the reviewed year"
    reviews = [s for s in sections if s.kind == "review"]
    if not reviews:
        return NO_REVIEW, f"no results of {year} found: the review of {year} could not be located"
    review = reviews[0]
    where = _quoted(review.heading or _opening(text, review))
    if kind == TRANSITION:
        return FIVE_YEAR_REVIEW, (
            f"no results of {year}: declared a transition (换届) report, its review ({where}) states no "
            f"figure of {year}"
        )
    if is_five_year_review(text, review, review_year):
        return FIVE_YEAR_REVIEW, (
            f"no results of {year}: a transition (换届) report whose review ({where}) covers the five-year "
            f"term and states no figure of {year}"
        )
    return NO_RESULTS, (
        f"no results of {year} found: the review ({where}) was located but no result of {year} could be "
        "read from it"
    )


def is_five_year_review(text: str, review: Section, review_year: int | None) -> bool:
    """Does this review cover a government's term rather than its year? Its heading says so when the
    heading names a span ("一、过去五年工作回顾" yes, "一、2025年和“十四五”时期工作回顾" no: the year is
    there); a heading that names none ("一、工作回顾", or no heading) leaves it to the opening sentence
    ("过去五年，…", "“十三五”时期，是…的五年" yes; "2025年是“十四五”收官之年" no)."""
    the_year = re.compile(_THE_YEAR + (f"|{review_year}年" if review_year else ""))
    heading = review.heading
    if heading and (_TERM.search(heading) or the_year.search(heading)):
        return not the_year.search(heading)
    opening = _opening(text, review)
    if PERIOD_OPENER.match(opening):
        return True
    sentence = _FIRST_SENTENCE.match(opening).group()
    return bool(_TERM.search(sentence)) and not the_year.search(sentence)


def _opening(text: str, review: Section) -> str:
    """The first paragraph of a review after its heading."""
    paragraphs = PARAGRAPH.finditer(text, review.char_start, review.char_end)
    for match in paragraphs:
        if review.heading and match.group() == review.heading:
            continue
        return match.group()
    return ""


def _quoted(words: str, limit: int = 30) -> str:
    words = words.strip()
    if not words:
        return "without a heading"
    return f"'{words[:limit]}…'" if len(words) > limit else f"'{words}'"


# ---------------------------------------------------------------- the closing (a text cut off)

_ADDRESS_LINE = re.compile(r"各位代表[！!，,：:]?")  # the address to the deputies, on a line of its own
_ADDRESS_OPENING = re.compile(r"^各位代表[！!，,：:]?")  # … or opening the paragraph
_LEADERSHIP = re.compile(r"领导下|团结在.{0,60}?周围")  # "在省委的坚强领导下", "团结在…党中央周围"
_CALL = re.compile(r"让我们(?!的)")  # "让我们…" let us; "让我们的城市…" make our city
_THANKS = re.compile(r"感谢|敬意")  # the review's thanks: "…表示衷心的感谢！", "致以崇高的敬意！"
_EXCLAMATION_END = re.compile(r"！[”’」』）)]*$")


def has_closing(text: str, sections: Sequence[Section]) -> bool:
    """Does the report's closing follow its targets paragraph (without one, the start of its plan part, or
    of its review)? The closing is a paragraph that names the leadership (…领导下, 团结在…周围) and calls to
    it: with 让我们…, or addressed to the deputies (opening with 各位代表, or after it on a line of its own)
    with a sentence that ends in ！; or the text's last paragraph, addressed to the deputies and ending in
    ！. Neither is the review's thanks (…表示衷心的感谢！)."""
    start = _closing_search_start(sections)
    previous = ""
    last: tuple[str, bool] | None = None  # the text's last paragraph after `start`, and whether addressed
    for match in PARAGRAPH.finditer(text):
        paragraph = match.group().strip()
        if not paragraph:
            continue
        addressed = bool(_ADDRESS_OPENING.match(paragraph)) or bool(_ADDRESS_LINE.fullmatch(previous))
        previous = paragraph
        if match.start() < start or _ADDRESS_LINE.fullmatch(paragraph):
            last = None
            continue
        last = (paragraph, addressed)
        if _THANKS.search(paragraph) or not _LEADERSHIP.search(paragraph):
            continue
        if _CALL.search(paragraph) or (addressed and "！" in _ADDRESS_OPENING.sub("", paragraph)):
            return True
    if last is None:
        return False
    paragraph, addressed = last
    return addressed and bool(_EXCLAMATION_END.search(paragraph)) and not _THANKS.search(paragraph)


def _closing_search_start(sections: Sequence[Section]) -> int:
    """Where the closing is looked for from: the targets paragraph; without one, the plan part, or the review
    (a text cut inside its review has neither of the others); without any, the text's start."""
    for kind in ("targets", "plan", "review"):
        starts = [s.char_start for s in sections if s.kind == kind]
        if starts:
            return min(starts)
    return 0


def _cut_off_note(text: str, words: int = 20) -> str:
    """Where the text ends, and its last words (those of its last paragraph)."""
    end = text.rstrip()
    last = end.rsplit("\n", 1)[-1][-words:].strip()
    return (
        "the text ends before the report's closing (各位代表，…让我们…奋斗！), "
        f"after {len(end):,} characters ('…{last}'): cut off, as by an interrupted download or copy? "
        "The year's tasks, and perhaps the end of its targets, may be missing"
    )

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

Results are those `extract_outcomes` reads, all of them of the review year by construction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pledgetrack.extract.facts import PERIOD_OPENER
from pledgetrack.grammar import PARAGRAPH, SENTENCE_END, YEAR_PAST
from pledgetrack.model import ParsedReport, Section

WHOLE = "whole"
NO_TARGETS = "no_targets"
NO_REVIEW = "no_review"
NO_RESULTS = "no_results"
FIVE_YEAR_REVIEW = "five_year_review"
RESULTS_MISSING = (NO_RESULTS, NO_REVIEW, FIVE_YEAR_REVIEW)  # why a report holds no result of its year
# every value `reports.completeness` may hold (the gate checks it): one side missing, or both
VALUES = (
    WHOLE,
    NO_TARGETS,
    *RESULTS_MISSING,
    *(f"{NO_TARGETS}+{why}" for why in RESULTS_MISSING),
)
TRANSITION = "transition"  # a declared kind of report: the first of a new government's term

# What a missing side is called in `run`'s summary and `status`, grouped by value.
LABELS = {
    NO_TARGETS: "targets not found",
    NO_REVIEW: "review not found",
    NO_RESULTS: "no result of the reviewed year found",
    FIVE_YEAR_REVIEW: "transition report, its review covers only the five-year term",
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
    `tier`) and `outcomes` (the review year's results). `kind`: a declared kind of report ('transition'),
    None when nobody declared one."""
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
    if not missing:
        return Completeness(WHOLE, "")
    return Completeness("+".join(v for v, _ in missing), "; ".join(n for _, n in missing))


def parts(value: str) -> list[str]:
    """The missing sides a value names: 'no_targets+no_review' → ['no_targets', 'no_review']."""
    return [] if value == WHOLE else value.split("+")


def label(value: str) -> str:
    """'targets not found and review not found'."""
    return " and ".join(LABELS[p] for p in parts(value))


def group_lines(reports: Iterable[tuple[str, str]]) -> list[str]:
    """(value, file name) of reports that are not whole → one line per value, most frequent first:
    '3 reports: targets not found: a.txt, b.txt, c.txt', '2 transition reports review only the five-year
    term: d.txt, e.txt'."""
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

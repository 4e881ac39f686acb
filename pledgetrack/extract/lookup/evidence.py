"""What the lookup gives for one target: `Evidence`, what its follow-up's review says after a name of its
indicator (a figure, a statement, a state), or the reason nothing was found.

18. No evidence: the reason is `no_mention` (no name of the target occurs in the review: the only case that
    makes a target `dropped`), `other_kind` (a figure follows the name but of another kind or unit),
    `no_comparable_figure` (named, with no figure to compare), or `no_usable_name` (the target's name, as
    extracted, is no noun the review could be searched for: nothing can be said about its being dropped).
    The nearest mention's offsets and a short snippet come with it, so a reader can check.
"""

from __future__ import annotations

from dataclasses import dataclass

from pledgetrack.extract.lookup.mentions import snippet_around

REASONS = ("no_mention", "no_comparable_figure", "other_kind", "no_usable_name")
FOUND = ("figure", "statement", "state")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the follow-up's review says about one target: something found, or the reason nothing was."""

    found: str | None = None  # 'figure' | 'statement' | 'state'; None: see `reason`
    kind: str | None = None  # of the figure: growth | reduction | level | rate; 'qualitative' otherwise
    value: float | None = None  # as written, sign included
    unit: str | None = None
    bound: str | None = None  # 'at_least' | 'at_most': a threshold crossed, not the value itself
    attainment: str | None = None  # statement: met | not_met | ratio; state: positive | negative
    estimated: bool = False  # 预计: an estimate
    # an 同步 target's yardstick: the economy's growth stated in the same review, and where
    reference_value: float | None = None
    reference_phrase: str | None = None
    # a relative target's: what it is held to (REFERENCE_KINDS) and, for an average or a rank, the government
    # whose result is the reference (the regions catalogue: "全市平均水平" of a county is its city's)
    reference_kind: str | None = None
    reference_region: str | None = None
    name: str | None = None  # the name found in the review
    phrase: str | None = None  # exact text[char_start:char_end]: from the name to the figure or statement
    char_start: int | None = None
    char_end: int | None = None
    reason: str | None = None  # no_mention | no_comparable_figure | other_kind | no_usable_name
    mention_start: int | None = None  # the nearest mention (of the evidence, or of the reason)
    mention_end: int | None = None
    snippet: str | None = None  # a short quote around the mention


def found_at(
    text: str, name: str, span: tuple[int, int], mention: tuple[int, int], **read: object
) -> Evidence:
    """Evidence of what was read at a mention of `name` (`read`: found, kind, value …); the phrase quoted is
    text[span]."""
    return Evidence(
        name=name,
        phrase=text[span[0] : span[1]],
        char_start=span[0],
        char_end=span[1],
        mention_start=mention[0],
        mention_end=mention[1],
        **read,  # type: ignore[arg-type]
    )


def stated(
    text: str,
    name: str,
    span: tuple[int, int],
    mention: tuple[int, int],
    attainment: str,
    found: str = "statement",
    value: float | None = None,
    unit: str | None = None,
    estimated: bool = False,
) -> Evidence:
    """Evidence of a statement (or a state) read at a mention of `name`; the phrase quoted is text[span]."""
    read = {"found": found, "kind": "qualitative", "attainment": attainment, "value": value, "unit": unit}
    return found_at(text, name, span, mention, estimated=estimated, **read)


def not_found(reason: str, text: str, start: int | None = None, end: int | None = None) -> Evidence:
    """Evidence of nothing found, for `reason`, with the nearest mention text[start:end] (if any) and a short
    quote around it."""
    quote = snippet_around(text, start, end) if start is not None and end is not None else None
    return Evidence(reason=reason, mention_start=start, mention_end=end, snippet=quote)

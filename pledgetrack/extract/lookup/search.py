"""The lookup's entry: `look_up` (every target of a follow-up: its text and spans) and `look_up_one` (one
target, in a `FollowUp`), which sends a relative target to `relative` first and every target to `plain` for
what its own names say.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from pledgetrack.extract.lookup.evidence import Evidence
from pledgetrack.extract.lookup.mentions import FollowUp, snippet_around
from pledgetrack.extract.lookup.plain import look_up_plain
from pledgetrack.extract.lookup.relative import (
    reference_kind,
    reference_region,
    relative_statement,
    relative_wants,
    unsettled,
)
from pledgetrack.extract.rows import TargetRow
from pledgetrack.indicators import Catalogue

# ---------------------------------------------------------------- one target


def _as_mapping(target: Mapping[str, Any] | TargetRow) -> Mapping[str, Any]:
    if isinstance(target, TargetRow):
        return {name: getattr(target, name) for name in TargetRow.__slots__}
    return target


def look_up_one(target: Mapping[str, Any] | TargetRow, follow_up: FollowUp, catalogue: Catalogue) -> Evidence:
    """What the follow-up's review says about one target; see `pledgetrack.extract.lookup` and `FollowUp`.

    A relative target (its `reference`, see REFERENCE_KINDS) is looked up for what settles it: a statement
    of its attainment against the reference first (average, rank, quota); else what the review states of
    its own quantity, kept only where it can settle it (its growth for a level or an average, a statement
    for a quota; a rank only by a statement). The row says what the target is held to (`reference_kind`)
    and, for an average or a rank, whose result the reference is (`reference_region`), so that the verdict
    can compare with that government's result where the warehouse holds it."""
    target = _as_mapping(target)
    reference = target.get("reference")
    held_to = reference_kind(reference, target.get("year"))
    wants = relative_wants(str(target.get("phrase") or ""), reference) if reference else "up"
    if held_to == "average" and wants != "up":
        held_to = None  # "低于…平均水平": no target of the register, no rule for it
    if held_to is None:
        return look_up_plain(target, follow_up, catalogue)
    region = reference_region(target.get("region"), reference) if held_to in ("average", "rank") else None
    tag = {"reference_kind": held_to, "reference_region": region}
    if held_to != "level":
        # where the plain lookup reads results: the review less the report's own plan, the report without one
        stated = relative_statement(
            target,
            held_to,
            wants,
            follow_up.text,
            follow_up.result_spans,
            catalogue,
            follow_up.review_year,
            follow_up.period_spans,
        )
        if stated is not None:
            return replace(stated, **tag)
    found = look_up_plain(
        target,
        follow_up,
        catalogue,
        wants=wants if held_to in ("level", "average") else None,
        by_parts=held_to == "level",
    )
    growth = found.found == "figure" and found.kind in ("growth", "reduction")
    if held_to == "average" and growth:
        # its own growth, no direction: the verdict compares it with the reference's, and quotes it where the
        # warehouse holds no result of the reference (no_evidence, reference_not_held)
        snippet = snippet_around(follow_up.text, found.char_start, found.char_end)
        found = replace(found, attainment=None, snippet=snippet)
    elif not (
        (held_to == "level" and (growth or found.found == "statement"))
        or (held_to == "quota" and found.found == "statement")
    ):
        found = unsettled(found, follow_up.text)
    return replace(found, **tag)


def look_up(
    targets: Sequence[Mapping[str, Any] | TargetRow],
    text: str,
    review_spans: Sequence[tuple[int, int]],
    catalogue: Catalogue,
    review_year: int | None = None,
    own_spans: Sequence[tuple[int, int]] = (),
    period_spans: Sequence[tuple[int, int]] = (),
) -> list[Evidence]:
    """One `Evidence` per target, in order: what the follow-up report's review (the spans of `text`) says
    about each. `review_year` is the year the targets are for (a figure dated another year is passed over).
    A follow-up without a review section is searched whole but for its own plan and targets (`own_spans`):
    never call a target dropped for want of a review, never take this year's aims for last year's results.
    `follow_up_spans` gives the three kinds of span from a report's sections."""
    follow_up = FollowUp(text, review_spans, review_year, own_spans, period_spans)
    return [look_up_one(t, follow_up, catalogue) for t in targets]

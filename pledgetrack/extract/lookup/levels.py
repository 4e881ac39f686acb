"""Levels of government: in the qualifier of a list ("省市重点项目") and in a government's own name.

15b. Lists qualified by levels of government are the same list when the levels are ("省市", "省、市" and
     "市以上"; a county's own list and its "县以上" one), else a part of it: a mention ("新增省、市重点项目"
     for a county's 重点项目; "省级美丽乡村" for 美丽乡村).

A name in, (noun, levels) out (`qualified`); a place in the review in, whether it names the same list out
(`same_levels`). `own_names` gives the names a review calls its own government by ("陕西省", "陕西").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pledgetrack.extract.lookup.names import Names


# Levels of government a list is qualified by, right before its noun: "省市重点项目", "省、市重点项目" (a
# 、 between single-character levels changes nothing), "市以上重点项目", "县级以上重点项目", "市级现代农业
# 产业园". "X以上" is X and every level above it, so 市以上 is 省市; a list without one is the government's
# own, which counts its own level and those above (a county's 重点项目 are 县以上). A bare level
# ("省重点项目") is read as written: a single character may end a place name ("保定市").
#   target's name          the review's            the same list
#   省市重点项目            省、市重点项目            yes
#   市以上重点项目          省市重点项目              yes
#   重点项目 (a county)     县以上重点项目            yes
#   重点项目 (a county)     省市重点项目              no: a part of it
#   美丽乡村               省级美丽乡村              no: a class the target does not name
#   科技型中小企业          省级、国家级科技型中小企业  yes: every class it is recognised at
_LEVEL_ORDER = ("省", "市", "县")
LEVEL_QUALIFIER = re.compile(
    r"(?:(?P<up>[省市县区])级?以上|(?P<list>[省市县区](?:、?[省市县区])+)|(?P<one>[省市县区])级)$"
)
_CLASSES = re.compile(r"(?:国家|[省市县])级[、和](?:国家|[省市县])级$")
LEVEL_LEAD = re.compile(r"(?:[省市县区]级?以上|[省市县区](?:、?[省市县区])+|[省市县区]级)")


def _level_set(qualifier: re.Match[str]) -> frozenset[str]:
    """The levels a qualifier names: "市以上" → 省, 市; "省、市" → 省, 市; "县级" → 县 (a 区 is a 县)."""

    def level(c: str) -> str:
        return "县" if c == "区" else c

    if qualifier["up"]:
        return frozenset(_LEVEL_ORDER[: _LEVEL_ORDER.index(level(qualifier["up"])) + 1])
    if qualifier["list"]:
        return frozenset(level(c) for c in qualifier["list"] if c != "、")
    return frozenset({level(qualifier["one"])})


def qualified(written: str, head: str) -> tuple[str | None, frozenset[str] | None]:
    """(noun, levels) of a name qualified by levels of government, the qualifier at the head's start or
    just before it ("实施省、市重点项目": 重点项目, 省 and 市; "市级以上重点项目", "市级现代农业产业园", their
    scope word dropped from the head: 重点项目, 省 and 市; 现代农业产业园, 市), else (None, None)."""
    at = written.find(head)
    if at < 0:
        return None, None
    name = written[:at] + head
    leads = [m for m in LEVEL_LEAD.finditer(name) if m.start() <= at <= m.end() and len(name) - m.end() >= 2]
    if not leads:
        return None, None
    lead = leads[-1]
    found = LEVEL_QUALIFIER.search(lead.group())
    return (name[lead.end() :], _level_set(found)) if found else (None, None)


# ---------------------------------------------------------------- the government's own list and name

# a region's full name, level by level ("河北省保定市定兴县": 河北省, 保定市, 定兴县), and the word of a level
# that ends one (what is left is its short name: 定兴)
_LEVELS = re.compile(r".+?(?:自治区|特别行政区|省|市|县|区|旗|盟|州)")
_LEVEL_SUFFIX = re.compile(r"(?:维吾尔|壮族|回族)?(?:自治区|特别行政区)$|[省市县区旗盟州]$")


@lru_cache(maxsize=4096)
def _own_levels(region: str | None) -> frozenset[str] | None:
    """The levels a government's own list counts: its own and those above ("河北省保定市定兴县": 省, 市, 县);
    None for the country or a region not named by levels."""
    levels = _LEVELS.findall(region or "")
    return frozenset(_LEVEL_ORDER[: min(len(levels), 3)]) if levels else None


def same_levels(text: str, start: int, name: str, names: Names, region: str | None) -> bool:
    """Does the list named at `start` count the levels the target's does? A list without a qualifier is the
    government's own (`_own_levels`): "县以上重点项目" is a county's own list, "省市重点项目" a part of it."""
    noun = names.level_noun
    at = start + name.index(noun) if noun is not None and noun in name else start
    found = LEVEL_QUALIFIER.search(text, max(0, at - 6), at)
    theirs = _level_set(found) if found is not None else None
    if names.levels is None and (found is None or _CLASSES.search(text, max(0, at - 8), at)):
        # the government's own list, or every class a thing is recognised at ("省级、国家级科技型中小企业")
        return True
    own = _own_levels(region)
    ours = names.levels if names.levels is not None else own
    return ours is not None and ours == (theirs if theirs is not None else own)


@lru_cache(maxsize=4096)
def own_names(region: str | None) -> tuple[str, ...]:
    """The government's own area as a review names it: "陕西省" and "陕西", "定兴县" and "定兴"."""
    levels = _LEVELS.findall(region or "")
    if not levels:
        return ()
    short = _LEVEL_SUFFIX.sub("", levels[-1])
    return (levels[-1], short) if len(short) >= 2 else (levels[-1],)

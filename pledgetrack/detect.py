"""Facts read off a report's normalized text: region, year, review year, date, speaker, title.

Every fact comes from the report's own framing, in order of trust:
- year: the title ("2018年上海市虹口区政府工作报告"), then this year's plan heading
  ("二、2018年主要任务"), then the review heading + 1 ("一、2017年工作回顾"), then the delivery date
  (the date line "——2018年1月16日在…会议上" or the sign-off; a December date is for next year's report);
- review_year: the review heading's year ("一、2017年工作回顾", "首先报告2001年的工作"), else year - 1
  (the five-year review of a 换届 report still ends with year - 1);
- region: '全国' when the State Council speaks ("我代表国务院", "国务院政府工作报告"); otherwise the
  catalogue names (`pledgetrack.regions`) right before the anchors of a local report: the title,
  "第N届人民代表大会" / "N届人大", "区长/市长/县长…" and "人民政府". A name shared by several regions
  (普陀区) is settled by the ancestors the text mentions (上海 or 舟山);
- speaker: the person's name on the speaker line ("虹口区区长 吕鸣" → '吕鸣'), without the office;
- title: the title line as normalized ("政府工作报告" when the title names nothing else).
Web chrome is gone after normalization, and the title, date line and speaker are read only from the front
of the report (before the first heading), so the numbers of a forum header cannot become the year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from pledgetrack import sections
from pledgetrack.grammar import CJK
from pledgetrack.model import IngestError, ReportMeta
from pledgetrack.normalize import is_title
from pledgetrack.regions import COUNTRY, Catalogue, Region, load_regions

FRONT_MAX = 12  # paragraphs read for the title, date line and speaker when no heading comes sooner
_YEAR = re.compile(r"([12][0-9]{3})年")  # any year: an impossible one is rejected as bad_year
_DATE_LINE = re.compile(r"^(?:——)?([12][0-9]{3})年([0-9]{1,2})月([0-9]{1,2})日")
_SIGN_OFF = re.compile(r"([12][0-9]{3})年([0-9]{1,2})月([0-9]{1,2})日$")
_OFFICES = r"代?(?:区长|市长|县长|省长|州长|旗长|盟长|主席|总理)"
_SPEAKER = re.compile(rf"^(?P<where>[{CJK}]{{0,20}}?){_OFFICES}(?P<name>[{CJK}·]{{2,5}})$")
_STATE_COUNCIL = re.compile(r"我代表国务院|国务院政府工作报告|中华人民共和国国务院|国务院总理")
# Anchors after which (to the left of which) a local report names its region, with their weight.
_ANCHORS = (
    (re.compile(r"第?[一二三四五六七八九十百0-9]{1,4}届(?:人民代表大会|人大)"), 3),
    (re.compile(_OFFICES), 2),
    (re.compile(r"人民政府"), 2),
)
TITLE_WEIGHT = 3
# Dates written in Chinese numerals ("二〇一八年一月十日") are read as Arabic ones, for detection only.
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "O": "0"}
_CN_NUMERAL = "[〇零○O一二三四五六七八九]"
_CN_YEAR = re.compile(f"{_CN_NUMERAL}{{4}}(?=年)")
# The same, found from its 年: the engine skips ahead to a literal but tries a leading repeat everywhere
_CN_YEAR_END = re.compile(f"年(?<={_CN_NUMERAL}{{4}}年)")
_CN_MONTH_DAY = re.compile("(?<=[0-9]年)([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")


def detect_meta(text: str, catalogue: Catalogue | None = None) -> ReportMeta:
    """Region, year, review year, delivery date, speaker and title of a normalized report (None: unknown)."""
    if _CN_YEAR_END.search(text):
        text = _arabic_dates(text)  # a copy for reading facts; the stored text keeps its numerals
    paras = sections.paragraph_texts(text)
    front = _front(paras)
    title = next((p for p in front if is_title(p)), None)
    delivered_on = _delivery_date(front, paras)
    year = _year(title, paras, delivered_on)
    review_year = _review_year(paras, year)
    region = _region(text, front, title, catalogue or load_regions())
    speaker = next((m.group("name") for p in front if (m := _SPEAKER.match(p))), None)
    return ReportMeta(region, year, review_year, title, delivered_on, speaker)


def require_meta(meta: ReportMeta) -> ReportMeta:
    """The meta if a report can be filed with it; IngestError('no_region' | 'no_year') otherwise."""
    if meta.region is None:
        raise IngestError(
            "no_region",
            "no region found: the title, date line, speaker line and '…人民政府' name no known "
            "administrative division (extend the catalogue with PLEDGETRACK_REGIONS if it is missing)",
        )
    if meta.year is None:
        raise IngestError(
            "no_year",
            "no report year found: no 'YYYY年' in the title, date line, sign-off or section headings",
        )
    return meta


# ---------------------------------------------------------------- pieces


def _arabic_dates(text: str) -> str:
    """ "二〇一八年一月十日" → "2018年1月10日" (Chinese-numeral dates of older or formal reports)."""
    text = _CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group()), text)
    return _CN_MONTH_DAY.sub(
        lambda m: f"{_cn_number(m.group(1))}月" + (f"{_cn_number(m.group(2))}日" if m.group(2) else ""), text
    )


def _cn_number(numeral: str) -> int:
    """一..三十一 as an int."""
    if "十" not in numeral:
        return int(_CN_DIGIT[numeral])
    tens, _, units = numeral.partition("十")
    return (int(_CN_DIGIT[tens]) if tens else 1) * 10 + (int(_CN_DIGIT[units]) if units else 0)


def _front(paras: list[str]) -> list[str]:
    """The paragraphs before the first heading: title, date line, speaker, salutation, opening."""
    front = []
    for p in paras[:FRONT_MAX]:
        if sections.is_heading(p) or (front and len(p) <= 30 and sections.is_review_heading(p, None)):
            break  # a numbered heading, or an unnumbered review heading ("首先报告2001年的工作")
        front.append(p)
    return front


def _date(m: re.Match[str] | None) -> dt.date | None:
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _delivery_date(front: list[str], paras: list[str]) -> dt.date | None:
    for p in front:
        if (date := _date(_DATE_LINE.match(p))) is not None:
            return date
    for p in paras[-3:]:  # the sign-off: "…秘书处", "2018年1月10日"
        if len(p) <= 40 and (date := _date(_SIGN_OFF.search(p))) is not None:
            return date
    return None


def _year(title: str | None, paras: list[str], delivered_on: dt.date | None) -> int | None:
    if title and (m := _YEAR.search(title)):
        return int(m.group(1))
    headings = [p for p in paras if sections.is_heading(p)]
    review = next((h for h in headings if sections.is_review_heading(h, None)), None)
    for h in headings:
        years = sections.heading_years(h)
        if years and h != review and not sections.is_review_heading(h, max(years) + 1):
            return max(years)  # "二、2018年主要任务"
    if review and (years := sections.heading_years(review)):
        return max(years) + 1
    if delivered_on is not None:
        return delivered_on.year + (1 if delivered_on.month == 12 else 0)
    return None


def _review_year(paras: list[str], year: int | None) -> int | None:
    if year is None:
        return None
    for p in paras:
        if (sections.is_heading(p) or len(p) <= 30) and sections.is_review_heading(p, year):
            earlier = [y for y in sections.heading_years(p) if y < year]
            return max(earlier) if earlier else year - 1
    return year - 1


def _region(text: str, front: list[str], title: str | None, catalogue: Catalogue) -> str | None:
    head = "\n".join(front)
    if _STATE_COUNCIL.search(head) or (title and "国务院" in title):
        return COUNTRY
    votes: dict[str, float] = defaultdict(float)
    if title:
        names = _prefer_real_names(catalogue, catalogue.names_in(_YEAR.sub("", title)))
        _vote(votes, catalogue, names, TITLE_WEIGHT)
    tail = "\n".join(p for p in text[-600:].split("\n") if len(p) <= 40)  # the sign-off block
    for pattern, weight in _ANCHORS:
        for where in (head, tail):
            for m in pattern.finditer(where):
                _vote(votes, catalogue, catalogue.names_ending_at(where, m.start())[:1], weight)
    if not votes:
        return None
    return max(
        votes,
        key=lambda name: (votes[name] + _ancestor_evidence(text, catalogue, name), _depth(catalogue, name)),
    )


def _prefer_real_names(catalogue: Catalogue, names: list[str]) -> list[str]:
    """Of the names found in a title, the last real name (虹口区) rather than a short alias (虹口)."""
    real = [n for n in names if any(n not in r.aliases for r in catalogue.named(n))]
    return (real or names)[-1:]


def _vote(votes: dict[str, float], catalogue: Catalogue, names: list[str], weight: float) -> None:
    for name in names:
        regions = [r for r in catalogue.named(name) if r.level != "country"]
        for region in regions:
            votes[region.full_name] += weight / len(regions)


def _ancestor_evidence(text: str, catalogue: Catalogue, full_name: str) -> float:
    """How strongly the text places a region under its ancestors (settles a name shared by regions)."""
    region: Region | None = catalogue.get(full_name)
    if region is None:
        return 0.0
    return sum(0.5 for a in catalogue.ancestors(region) if any(n in text for n in a.names))


def _depth(catalogue: Catalogue, full_name: str) -> int:
    region = catalogue.get(full_name)
    return len(catalogue.ancestors(region)) if region else 0

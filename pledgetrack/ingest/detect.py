"""Facts read off a report's normalized text: region, year, review year, date, speaker, title.

Every fact comes from the report's own framing, the strongest evidence first, and the meta records which
evidence decided (`region_found_by`, `year_found_by`):
- year: the title ("2018年上海市虹口区政府工作报告"), then this year's plan heading ("二、2018年主要任务"),
  then the review heading + 1 ("一、2017年工作回顾"), then the delivery date (the date line
  "——2018年1月16日在…会议上", "（2017年2月26日）", or the sign-off; a December date is for next year's
  report; a date above the title is the web page's);
- review_year: the review heading's year ("一、2017年工作回顾", "首先报告2001年的工作"), else year - 1
  (the five-year review of a 换届 report still ends with year - 1);
- region, ranked by evidence (`REGION_EVIDENCE`): '全国' when the State Council speaks ("我代表国务院",
  "国务院政府工作报告"); otherwise a catalogue name (`pledgetrack.regions`) in
  1. the title line ("2020年定兴县政府工作报告");
  2. the delivering government: the speaker's "我代表容城县（第十四届）人民政府", the congress it reports to
     ("在徐水县第十四届人民代表大会…会议上", "长宁区十六届人大三次会议文件") and the speaker line
     ("徐水县人民政府县长 李保森"), all in the front;
  3. other anchors of the front and the sign-off: a name before "人民政府", an office or a congress
     ("徐汇区十六届人大二次会议秘书处");
  a name only mentioned in the body never decides. Evidence of a lower rank only settles a tie of the ranks
  above it; then a division that existed in the report's year (徐水县 for 2012, 徐水区 for 2019), then the
  ancestors the text names (普陀区: 上海 or 舟山), then the deeper division;
- speaker: the person's name on the speaker line ("虹口区区长 吕鸣" → '吕鸣'), without the office;
- title: the title line as normalized ("政府工作报告" when the title names nothing else).
Web chrome (a site's "工作报告" column line, "时间：…作者：…来源：…阅读：", the page before the title) is gone
after normalization (`ingest.normalize`: the one place it is removed), and the title, date line and
speaker are read only from the front of the report (before the first heading), so the numbers of a page
header cannot become the year.

A manifest (`ingest.manifest`) can name a report's region and year instead (`given`): they are filed
as given (`…_found_by = 'manifest'`), and what the text says is kept beside them when it differs
(`detected_region`, `detected_year`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from pledgetrack.grammar import A_YEAR, CJK
from pledgetrack.ingest import sections
from pledgetrack.ingest.headings import heading_years, is_heading, is_review_heading
from pledgetrack.ingest.paragraphs import is_title
from pledgetrack.model import GivenIdentity, IngestError, ReportMeta
from pledgetrack.regions import COUNTRY, Catalogue, Region, load_regions

FRONT_MAX = 12  # paragraphs read for the title, date line and speaker when no heading comes sooner
_YEAR = re.compile(A_YEAR)  # any year: an impossible one is rejected as bad_year
# A date line opens the front: "——2018年1月16日在…", "—2021年2月5日…", "（2017年2月26日）".
# (A time after it, "2023年1月24日10:32", makes it a page's posting stamp.)
_DATE_LINE = re.compile(rf"^(?:—{{1,2}}|[（(])?{A_YEAR}([0-9]{{1,2}})月([0-9]{{1,2}})日(?![0-9])")
_SIGN_OFF = re.compile(rf"{A_YEAR}([0-9]{{1,2}})月([0-9]{{1,2}})日$")
_OFFICES = r"代?(?:区长|市长|县长|省长|州长|旗长|盟长|主席|总理)"
_SPEAKER = re.compile(rf"^(?P<where>[{CJK}]{{0,20}}?){_OFFICES}(?P<name>[{CJK}·]{{2,5}})$")
_STATE_COUNCIL = re.compile(r"我代表国务院|国务院政府工作报告|中华人民共和国国务院|国务院总理")
_SALUTATION = re.compile(r"^各位(?:代表|委员)")
_TERM = r"第?[一二三四五六七八九十百0-9]{1,4}届"  # "第十四届", "十五届": a congress's or government's term
_CONGRESS = re.compile(rf"{_TERM}(?:人民代表大会|人大)")
# The delivering government, as the speaker names it: "我代表容城县第十四届人民政府", "我代表蠡县人民政府".
_ON_BEHALF = re.compile(rf"我代表(?P<where>[{CJK}]{{2,20}}?)(?:{_TERM})?(?:人民)?政府")
# The speaker line's office, whatever follows it ("定兴县人民政府县长??吴??鹏" has no clean name).
_SPEAKER_OFFICE = re.compile(rf"^(?P<where>[{CJK}]{{2,20}}?)(?:人民政府)?{_OFFICES}")
SPEAKER_LINE_MAX = 40
# Anchors after which (to the left of which) a local report names its region, with their weight.
_ANCHORS = (
    (_CONGRESS, 3),
    (re.compile(_OFFICES), 2),
    (re.compile(r"人民政府"), 2),
)
TITLE_WEIGHT = 3
# How a region is found, strongest first (ReportMeta.region_found_by; 'manifest' when one names it).
REGION_EVIDENCE = ("title", "delivering_government", "anchor")
# How a year is found, in the order they are tried (ReportMeta.year_found_by).
YEAR_EVIDENCE = ("title", "plan_heading", "review_heading", "date_line", "sign_off")
# Dates written in Chinese numerals ("二〇一八年一月十日") are read as Arabic ones, for detection only.
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "O": "0"}
_CN_NUMERAL = "[〇零○O一二三四五六七八九]"
_CN_YEAR = re.compile(f"{_CN_NUMERAL}{{4}}(?=年)")
# The same, found from its 年: the engine skips ahead to a literal but tries a leading repeat everywhere
_CN_YEAR_END = re.compile(f"年(?<={_CN_NUMERAL}{{4}}年)")
_CN_MONTH_DAY = re.compile("(?<=[0-9]年)([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")


def detect_meta(
    text: str, catalogue: Catalogue | None = None, given: GivenIdentity | None = None
) -> ReportMeta:
    """Region, year, review year, delivery date, speaker and title of a normalized report (None: unknown),
    with the evidence that found region and year. `given` (a manifest's row) decides region and year."""
    catalogue = catalogue or load_regions()
    if _CN_YEAR_END.search(text):
        text = _arabic_dates(text)  # a copy for reading facts; the stored text keeps its numerals
    paras = sections.paragraph_texts(text)
    front = _front(paras)
    title_at = next((i for i, p in enumerate(front) if is_title(p)), None)
    title = front[title_at] if title_at is not None else None
    # a date above the title is the web page's (when it was posted), not the report's
    delivered_on, date_by = _delivery_date(front[title_at or 0 :], paras)
    year, year_by = _year(title, paras, delivered_on, date_by)
    region, region_by = _region(text, front, title, year, catalogue)
    speaker = next((m.group("name") for p in front if (m := _SPEAKER.match(p))), None)
    region_name = region.full_name if region else None
    detected_region, detected_year, kind = None, None, None
    if given is not None:  # the manifest decides; what the text says is kept where it differs
        detected_region = region_name if region_name != given.region else None
        detected_year = year if year != given.year else None
        region, region_name, region_by = catalogue.get(given.region), given.region, "manifest"
        year, year_by, kind = given.year, "manifest", given.kind
    return ReportMeta(
        region=region_name,
        year=year,
        review_year=_review_year(paras, year),
        title=title,
        delivered_on=delivered_on,
        speaker=speaker,
        region_code=(region.code or None) if region else None,
        region_found_by=region_by,
        year_found_by=year_by,
        detected_region=detected_region,
        detected_year=detected_year,
        report_kind=kind,
    )


MANIFEST_HINT = (
    "; a manifest can name it: a manifest.csv beside the file with the row `FILE,REGION,YEAR` "
    "(or `pledgetrack run --manifest FILE`)"
)


def require_meta(meta: ReportMeta) -> ReportMeta:
    """The meta if a report can be filed with it; IngestError('no_region' | 'no_year') otherwise."""
    if meta.region is None:
        raise IngestError(
            "no_region",
            "no region found: the title, date line, speaker line and '…人民政府' name no known "
            "administrative division (extend the catalogue with PLEDGETRACK_REGIONS if it is missing)"
            + MANIFEST_HINT,
        )
    if meta.year is None:
        raise IngestError(
            "no_year",
            "no report year found: no 'YYYY年' in the title, date line, sign-off or section headings"
            + MANIFEST_HINT,
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
        if is_heading(p) or (front and len(p) <= 30 and is_review_heading(p, None)):
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


def _delivery_date(front: list[str], paras: list[str]) -> tuple[dt.date | None, str | None]:
    """The delivery date and where it was read: 'date_line' or 'sign_off'."""
    for p in front:
        if (date := _date(_DATE_LINE.match(p))) is not None:
            return date, "date_line"
    for p in paras[-3:]:  # the sign-off: "…秘书处", "2018年1月10日"
        if len(p) <= 40 and (date := _date(_SIGN_OFF.search(p))) is not None:
            return date, "sign_off"
    return None, None


def _year(
    title: str | None, paras: list[str], delivered_on: dt.date | None, date_by: str | None
) -> tuple[int | None, str | None]:
    if title and (m := _YEAR.search(title)):
        return int(m.group(1)), "title"
    headings = [p for p in paras if is_heading(p)]
    review = next((h for h in headings if is_review_heading(h, None)), None)
    for h in headings:
        years = heading_years(h)
        if years and h != review and not is_review_heading(h, max(years) + 1):
            return max(years), "plan_heading"  # "二、2018年主要任务"
    if review and (years := heading_years(review)):
        return max(years) + 1, "review_heading"
    if delivered_on is not None:
        return delivered_on.year + (1 if delivered_on.month == 12 else 0), date_by
    return None, None


def _review_year(paras: list[str], year: int | None) -> int | None:
    if year is None:
        return None
    for p in paras:
        if is_title(p):
            continue  # a report's title, never a heading: a page footer lists other reports' titles
        # A numbered heading, or a short line that says it reviews ("2019年工作回顾", "首先报告2001年的工作"):
        # a page's tag line ("2022年2019年政府信息公开") has years but no heading's words.
        heading = is_heading(p) or (len(p) <= 30 and is_review_heading(p, None))
        if heading and is_review_heading(p, year):
            earlier = [y for y in heading_years(p) if y < year]
            return max(earlier) if earlier else year - 1
    return year - 1


def _region(
    text: str, front: list[str], title: str | None, year: int | None, catalogue: Catalogue
) -> tuple[Region | None, str | None]:
    """The region the strongest evidence names, and the rank of that evidence (REGION_EVIDENCE)."""
    head = "\n".join(front)
    country = catalogue.get(COUNTRY) or Region(COUNTRY, COUNTRY, "country", "")
    if title and "国务院" in title:
        return country, "title"
    if _STATE_COUNCIL.search(head):
        return country, "delivering_government"
    votes: dict[str, dict[str, float]] = {rank: defaultdict(float) for rank in REGION_EVIDENCE}
    if title:
        names = _prefer_real_names(catalogue, catalogue.names_in(_YEAR.sub("", title)))
        _vote(votes["title"], catalogue, names, TITLE_WEIGHT, year)
    tail = "\n".join(p for p in text[-600:].split("\n") if len(p) <= 40)  # the sign-off block
    for name in _delivering_names(front, catalogue):
        _vote(votes["delivering_government"], catalogue, [name], 1, year)
    for pattern, weight in _ANCHORS:
        for where in (head, tail):
            for m in pattern.finditer(where):
                names = catalogue.names_ending_at(where, m.start())[:1]
                _vote(votes["anchor"], catalogue, names, weight, year)
    candidates = {name for ranked in votes.values() for name in ranked}
    if not candidates:
        return None, None

    def strength(full_name: str) -> tuple:
        region = catalogue.get(full_name)
        return (
            *(votes[rank].get(full_name, 0.0) for rank in REGION_EVIDENCE),
            region is not None and region.valid_in(year),
            _ancestor_evidence(text, catalogue, region),
            len(catalogue.ancestors(region)) if region else 0,
        )

    best = max(sorted(candidates), key=strength)
    found_by = next(rank for rank in REGION_EVIDENCE if votes[rank].get(best))
    return catalogue.get(best), found_by


def _delivering_names(front: list[str], catalogue: Catalogue) -> list[str]:
    """Names of the government that delivers the report: in the lines before the salutation (date line,
    speaker line, session header) and the speaker's "我代表…人民政府" in the front. A name must fill its
    slot exactly: "我代表县人民政府" names none. (The sign-off's congress, "…十六届人大二次会议秘书处", is
    an anchor: the last lines of a web copy may be a footer listing other places' documents.)"""
    salutation = next((i for i, p in enumerate(front) if _SALUTATION.match(p)), len(front))
    names: list[str] = []
    for p in front[:salutation]:
        for m in _CONGRESS.finditer(p):
            names += catalogue.names_ending_at(p, m.start())[:1]
        if len(p) <= SPEAKER_LINE_MAX and (m := _SPEAKER_OFFICE.match(p)) and catalogue.named(m["where"]):
            names.append(m["where"])
    for p in front:
        names += [m["where"] for m in _ON_BEHALF.finditer(p) if catalogue.named(m["where"])]
    return names


def _prefer_real_names(catalogue: Catalogue, names: list[str]) -> list[str]:
    """Of the names found in a title, the last real name (虹口区) rather than a short alias (虹口)."""
    real = [n for n in names if any(n not in r.aliases for r in catalogue.named(n))]
    return (real or names)[-1:]


def _vote(
    votes: dict[str, float], catalogue: Catalogue, names: list[str], weight: float, year: int | None
) -> None:
    """Each name's weight, shared by the regions it can mean in `year` (a short name shared by a former
    and a current division goes to the one that existed then)."""
    for name in names:
        regions = [r for r in catalogue.resolve(name, year) if r.level != "country"]
        for region in regions:
            votes[region.full_name] += weight / len(regions)


def _ancestor_evidence(text: str, catalogue: Catalogue, region: Region | None) -> float:
    """How strongly the text places a region under its ancestors (settles a name shared by regions)."""
    if region is None:
        return 0.0
    return sum(0.5 for a in catalogue.ancestors(region) if any(n in text for n in a.names))

"""A file's bytes become a parsed report (normalized text, meta, sections) or a rejection saying why.

`parse_file` is the one way in: read (`readers`), then `parse_document`: normalize, detect, split.
Pure: no I/O, no Prefect, no DuckDB. The caller files a `Rejection` in quarantine with its code and reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re

from pledgetrack.grammar import CJK_CHAR
from pledgetrack.ingest.detect import detect_meta, require_meta
from pledgetrack.ingest.normalize import normalize
from pledgetrack.ingest.readers import read_document
from pledgetrack.ingest.sections import split_sections
from pledgetrack.model import Document, GivenIdentity, IngestError, ParsedReport, Rejection, ReportMeta

FIRST_YEAR = 1949  # the People's Republic: no 政府工作报告 before it
_VISIBLE = re.compile(r"[^\s\ufeff\u200b-\u200d\u2060\u00ad]")
MIN_CJK = 20  # fewer CJK characters than a title and a salutation: not a report
# A report's longest paragraph is a few thousand characters; a whole text this long on one line has lost its
# line breaks (a HTML page's text is split into lines by its reader before it gets here)
ONE_LINE_MAX = 10_000


def parse_file(
    name: str, data: bytes, source_path: str, raw_sha256: str, given: GivenIdentity | None = None
) -> ParsedReport | Rejection:
    """A file's bytes, read by its format (text, HTML, Markdown, PDF) and parsed as `parse_document` does."""
    try:
        document = read_document(name, data)
    except IngestError as error:
        return Rejection(name, source_path, raw_sha256, error.code, error.reason)
    return parse_document(document, source_path, raw_sha256, given)


def parse_document(
    doc: Document, source_path: str, raw_sha256: str, given: GivenIdentity | None = None
) -> ParsedReport | Rejection:
    """Normalize, detect and split one document; any reason it cannot be a report becomes a Rejection.
    `given`: the region and year a manifest names for this file, which win over detection."""
    try:
        _check_raw(doc.text)
        text = normalize(doc.text)
        _check_text(text)
        meta = _check_year(require_meta(detect_meta(text, given=given)))
        sections = split_sections(text, meta.year)
    except IngestError as error:
        return Rejection(doc.source_name, source_path, raw_sha256, error.code, error.reason)
    return ParsedReport(
        source_name=doc.source_name,
        source_path=source_path,
        raw_sha256=raw_sha256,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        format=doc.format,
        encoding=doc.encoding,
        text=text,
        meta=meta,
        sections=sections,
    )


def _check_raw(raw: str) -> None:
    if not _VISIBLE.search(raw):
        raise IngestError(
            "empty", "the file has no text: it is empty or holds only spaces and invisible characters"
        )
    if len(raw) > ONE_LINE_MAX and "\n" not in raw.strip():
        raise IngestError(
            "no_line_breaks",
            f"the text is a single line of {len(raw):,} characters: its line breaks were lost (copied from a "
            "web page or converted without them?), so its title, headings and paragraphs cannot be told "
            "apart; save it again with its line breaks",
        )
    _require_cjk(
        raw,
        "the text has (almost) no Chinese characters, so it is not a government work report "
        "(a binary file, a wrong encoding or a page in another language?)",
    )


def _require_cjk(text: str, why_not: str) -> None:
    """At least MIN_CJK Chinese characters in the first 20,000 characters (stops counting at MIN_CJK), or
    the text is not a report (`why_not` says what it likely is)."""
    found = CJK_CHAR.finditer(text, 0, 20_000)
    if sum(1 for _ in itertools.islice(found, MIN_CJK)) < MIN_CJK:
        raise IngestError("not_a_report", why_not)


def _check_text(text: str) -> None:
    _require_cjk(
        text,
        "once the web-page chrome is removed (menus, forum widgets, footers) almost no Chinese text is left",
    )


def _check_year(meta: ReportMeta) -> ReportMeta:
    latest = dt.date.today().year + 1
    if meta.year is not None and not FIRST_YEAR <= meta.year <= latest:
        raise IngestError(
            "bad_year",
            f"the report year {meta.year} is outside {FIRST_YEAR}–{latest}: a misread date or a typo?",
        )
    return meta

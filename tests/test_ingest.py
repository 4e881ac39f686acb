"""parse_document: a document becomes a ParsedReport, or a Rejection whose reason a person can act on."""

from __future__ import annotations

import hashlib
import random

import pytest

from pledgetrack.ingest.parse import parse_document
from pledgetrack.model import Document, ParsedReport, Rejection
from tests.conftest import manifest_identity

REPORT = """\ufeff2019年上海市闵行区政府工作报告

——2019年1月9日在上海市闵行区第七届人民代表大会第四次会议上

各位代表:

现在,我代表闵行区人民政府,向大会报告政府工作,请予审议。

一、2018年工作回顾

全年区级一般公共预算收入完成 250 亿元,增长 6%。

二、2019年主要任务

建议今年全区经济社会发展的主要预期目标是:区级一般公共预算收入增长5%左右。
"""


def _doc(text: str, name: str = "report.txt") -> Document:
    return Document(source_name=name, text=text, encoding="utf-8", format="txt")


def test_parsed_report() -> None:
    report = parse_document(_doc(REPORT), "/inbox/report.txt", "ab" * 32)
    assert isinstance(report, ParsedReport)
    assert (report.meta.region, report.meta.year, report.meta.review_year) == ("上海市闵行区", 2019, 2018)
    assert report.sha256 == hashlib.sha256(report.text.encode("utf-8")).hexdigest()
    assert report.report_id == report.sha256[:16]
    assert (report.source_name, report.source_path, report.raw_sha256) == (
        "report.txt",
        "/inbox/report.txt",
        "ab" * 32,
    )
    assert [s.kind for s in report.sections] == ["front", "review", "plan", "targets"]
    assert "250亿元" in report.text and "\ufeff" not in report.text


def test_same_content_same_identity() -> None:
    """The content hash is of the normalized text: spacing and punctuation forms do not change it."""
    variant = REPORT.replace("250 亿元", "250亿元").replace(":", "：").replace("\ufeff", "")
    first = parse_document(_doc(REPORT), "a.txt", "0")
    second = parse_document(_doc(variant, "b.md"), "b.md", "1")
    assert isinstance(first, ParsedReport) and isinstance(second, ParsedReport)
    assert first.sha256 == second.sha256


def _random_text() -> str:
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(4000)).decode("latin-1")


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("", "empty", "no text"),
        ("  \n\u3000\n\ufeff", "empty", "no text"),
        (_random_text(), "not_a_report", "Chinese"),
        ("Annual report of the government. Revenue grew 5% in 2018.", "not_a_report", "Chinese"),
        (REPORT.replace("上海市闵行区", "").replace("闵行区", ""), "no_region", "region"),
        (REPORT.replace("2019年", "").replace("2018年", ""), "no_year", "year"),
        (REPORT.replace("2019年", "2999年").replace("2018年", "2998年"), "bad_year", "2999"),
        (REPORT.replace("2019年", "1900年").replace("2018年", "1899年"), "bad_year", "1900"),
    ],
    ids=["empty", "blank", "random-bytes", "english", "no-region", "no-year", "future", "past"],
)
def test_rejections(text: str, code: str, words: str) -> None:
    result = parse_document(_doc(text, "bad.txt"), "/inbox/bad.txt", "cd" * 32)
    assert isinstance(result, Rejection)
    assert (result.code, result.source_name, result.source_path, result.raw_sha256) == (
        code, "bad.txt", "/inbox/bad.txt", "cd" * 32,
    )  # fmt: skip
    assert words in result.reason and len(result.reason) > 20


@pytest.mark.corpus
def test_corpus_parses(corpus_dir, files_tsv) -> None:
    """Every corpus report parses under files.tsv's region and year: by detection, or by the manifest.csv of
    its folder (counties-unnamed/ names itself nowhere)."""
    for row in files_tsv:
        path = corpus_dir / row["file"]
        given = manifest_identity(path)
        result = parse_document(_doc(path.read_bytes().decode("utf-8"), row["file"]), str(path), "x", given)
        assert isinstance(result, ParsedReport), (row["file"], result)
        assert result.meta.region == row["region"] and result.meta.year == int(row["year"])

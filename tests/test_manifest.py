"""Manifests: rows good and bad (tables written for these tests), and the pipeline with and without one."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from flows.pipeline import pipeline
from pledgetrack.ingest.manifest import (
    MANIFEST_NAME,
    ManifestError,
    ManifestSet,
    find_manifests,
    parse_manifest,
    read_manifest,
)
from pledgetrack.model import GivenIdentity
from pledgetrack.regions import load_regions
from pledgetrack.warehouse import status
from tests.conftest import ROOT

FOLDER = Path("/in")
TODAY = dt.date(2026, 5, 1)
ANXIN, LI = "河北省保定市安新县", "河北省保定市蠡县"
XUSHUI_COUNTY, XUSHUI_DISTRICT = "河北省保定市徐水县", "河北省保定市徐水区"

# fmt: off
GOOD_CASES = [
    # name, manifest text, rows as (path or url, region, year, kind)
    ("header path,region,year", "path,region,year\na.txt,河北省保定市安新县,2024\n",
     [("/in/a.txt", ANXIN, 2024, None)]),
    ("no header: path, region, year, kind", "a.txt,河北省保定市安新县,2024,annual\n",
     [("/in/a.txt", ANXIN, 2024, "annual")]),
    ("header in another order, kind in capitals", "year,kind,region,file\n2023,Transition,顺平县,b.pdf\n",
     [("/in/b.pdf", "河北省保定市顺平县", 2023, "transition")]),
    ("a county's own name", "a.txt,安新县,2024\n", [("/in/a.txt", ANXIN, 2024, None)]),
    ("徐水 in 2012", "a.txt,徐水,2012\n", [("/in/a.txt", XUSHUI_COUNTY, 2012, None)]),
    ("徐水 in 2019", "a.txt,徐水,2019\n", [("/in/a.txt", XUSHUI_DISTRICT, 2019, None)]),
    ("the State Council", "2019.txt,全国,2019\n", [("/in/2019.txt", "全国", 2019, None)]),
    ("a subfolder and an absolute path", "sub/a.txt,蠡县,2020\n/data/b.txt,蠡县,2021\n",
     [("/in/sub/a.txt", LI, 2020, None), ("/data/b.txt", LI, 2021, None)]),
    ("a URL", "url,region,year\nhttps://www.example.gov.cn/gzbg/2022.html,安新县,2022\n",
     [("https://www.example.gov.cn/gzbg/2022.html", ANXIN, 2022, None)]),
    ("comments, blank lines, spaces around cells", "# 安新\n\npath,region,year\n a.txt , 安新县 , 2024 \n",
     [("/in/a.txt", ANXIN, 2024, None)]),
    ("a quoted path with a comma", '"报告,2024.txt",安新县,2024\n',
     [("/in/报告,2024.txt", ANXIN, 2024, None)]),
]

BAD_CASES = [
    # name, manifest text, what the error says
    ("unknown region", "a.txt,火星县,2024\n", "line 1: unknown region '火星县'"),
    ("ambiguous region", "a.txt,普陀区,2021\n", "'普陀区' is ambiguous (上海市普陀区, 浙江省舟山市普陀区)"),
    ("a short name both years hold", "a.txt,徐水,2015\n", "ambiguous"),
    ("year not a number", "a.txt,安新县,二〇二四\n", "line 1: the year '二〇二四' is not a number"),
    ("year missing", "a.txt,安新县,\n", "line 1: no year"),
    ("year before the PRC", "a.txt,安新县,1900\n", "line 1: the year 1900 is outside 1949–2027"),
    ("no region", "a.txt,,2024\n", "line 1: no region"),
    ("no path", ",安新县,2024\n", "line 1: no path or URL"),
    ("kind not listed", "a.txt,安新县,2024,midyear\n", "the kind 'midyear' is not one of annual, transition"),
    ("too many columns", "a.txt,安新县,2024,annual,extra\n", "line 1: 5 columns, expected at most 4"),
    ("a path listed twice", "path,region,year\na.txt,安新县,2024\n./a.txt,安新县,2023\n",
     "line 3: /in/a.txt is listed again (first on line 2)"),
    ("a header without year", "path,region\na.txt,安新县\n", "line 1: the header names no year column"),
]
# fmt: on


def _rows(text: str) -> list[tuple]:
    rows = parse_manifest(text, FOLDER, load_regions(), today=TODAY)
    return [(r.target, r.identity.region, r.identity.year, r.identity.kind) for r in rows]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in GOOD_CASES], ids=[c[0] for c in GOOD_CASES])
def test_good_rows(text: str, expected: list[tuple]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES])
def test_bad_rows_are_named(text: str, message: str) -> None:
    with pytest.raises(ManifestError) as error:
        _rows(text)
    assert message in str(error.value)


def test_every_bad_row_is_named_at_once() -> None:
    with pytest.raises(ManifestError) as error:
        _rows("a.txt,火星县,2024\nb.txt,安新县,2024\nc.txt,安新县,x\n")
    assert [p.split(":")[0] for p in error.value.problems] == ["line 1", "line 3"]


def test_read_manifest_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_manifest(tmp_path / "missing.csv")
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("a.txt,安新县,2024\n".encode("gb18030"))
    with pytest.raises(ManifestError, match="not UTF-8"):
        read_manifest(gbk)


def test_find_manifests(tmp_path: Path) -> None:
    for folder in ("a", "a/b", ".hidden", "c"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    for folder in ("a", "a/b", ".hidden"):
        (tmp_path / folder / MANIFEST_NAME).write_text("path,region,year\n", encoding="utf-8")
    (tmp_path / "c" / "other.csv").write_text("path,region,year\n", encoding="utf-8")
    assert find_manifests([tmp_path]) == [
        tmp_path / "a" / MANIFEST_NAME,
        tmp_path / "a" / "b" / MANIFEST_NAME,
    ]


def test_assign_matches_urls_and_refuses_contradicting_rows(tmp_path: Path) -> None:
    one = tmp_path / "one.csv"
    one.write_text(
        "https://x.gov.cn/1.html,安新县,2024\nhttps://x.gov.cn/2.html,安新县,2023\na.txt,蠡县,2020\n",
        encoding="utf-8",
    )
    two = tmp_path / "two.csv"
    two.write_text("a.txt,蠡县,2021\n", encoding="utf-8")
    found = ManifestSet([read_manifest(one), read_manifest(two)])
    assert found.urls() == ["https://x.gov.cn/1.html", "https://x.gov.cn/2.html"]
    given, problems = found.assign({"https://x.gov.cn/1.html": "/inbox/1.html"})
    assert given == {"/inbox/1.html": GivenIdentity("河北省保定市安新县", 2024, None, f"{one}, line 1")}
    assert len(problems) == 2
    assert "https://x.gov.cn/2.html has not been fetched" in problems[0]
    assert (
        "name " + str(tmp_path / "a.txt") + " differently" in problems[1] and "neither is used" in problems[1]
    )


# ---------------------------------------------------------------- the pipeline

EXAMPLE = (ROOT / "examples" / "inbox" / "2023年杨浦区政府工作报告.txt").read_text(encoding="utf-8")


def unnamed(text: str) -> str:
    """The example report as a copy that names itself nowhere: no title, date line or speaker line, and
    "我代表区人民政府"."""
    start = text.index("各位代表")
    return text[start:].replace("我代表杨浦区人民政府", "我代表区人民政府")


def rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def run(inbox: Path, db: Path, manifests: list[Path] | None = None):
    return pipeline(inboxes=[str(inbox)], db=str(db), manifests=[str(m) for m in manifests or []])


def test_a_report_that_names_itself_nowhere(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(unnamed(EXAMPLE), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    first = run(inbox, db)
    [quarantined] = first.quarantined
    assert quarantined["code"] == "no_region" and "manifest" in quarantined["reason"]
    # listed in a manifest afterwards (given as an option, kept outside the inbox): read again, and loaded
    manifest = tmp_path / "names.csv"
    manifest.write_text("path,region,year,kind\ninbox/a.txt,上海市杨浦区,2023,annual\n", encoding="utf-8")
    second = run(inbox, db, [manifest])
    assert [Path(p).name for p in second.loaded] == ["a.txt"] and not second.quarantined
    assert second.manifest_rows == 1 and not second.contradictions
    identity = "region, year, review_year, region_code, region_found_by, year_found_by, report_kind"
    assert rows(db, f"SELECT {identity} FROM reports") == [
        ("上海市杨浦区", 2023, 2022, "310110", "manifest", "manifest", "annual")
    ]
    assert rows(db, "SELECT count(*) FROM open_quarantine") == [(0,)]
    third = run(inbox, db, [manifest])
    assert third.files_new == 0 and not third.loaded


def test_the_manifest_wins_and_the_contradiction_is_reported(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(EXAMPLE, encoding="utf-8")  # says 上海市杨浦区 2023
    db = tmp_path / "w.duckdb"
    run(inbox, db)
    assert rows(db, "SELECT region, year, region_found_by FROM reports") == [("上海市杨浦区", 2023, "title")]
    # a manifest put into the inbox files it otherwise: the loaded report is re-filed, the contradiction said
    (inbox / MANIFEST_NAME).write_text("a.txt,上海市虹口区,2022\n", encoding="utf-8")
    second = run(inbox, db)
    assert [Path(p).name for p in second.refiled] == ["a.txt"] and not second.loaded
    [contradiction] = second.contradictions
    assert (contradiction["region"], contradiction["detected_region"], contradiction["detected_year"]) == (
        "上海市虹口区",
        "上海市杨浦区",
        2023,
    )
    assert rows(db, "SELECT region, year, review_year, detected_region, detected_year FROM reports") == [
        ("上海市虹口区", 2022, 2021, "上海市杨浦区", 2023)
    ]
    assert rows(db, "SELECT DISTINCT region, year FROM targets") == [("上海市虹口区", 2022)]
    shown = status.render(db)
    assert "filed by a manifest against what the text says: 1 reports" in shown and "上海市杨浦区" in shown
    assert "manifest / manifest" in shown


def test_a_bad_inbox_manifest_is_quarantined_and_the_rest_loads(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(unnamed(EXAMPLE), encoding="utf-8")
    (inbox / "b.txt").write_text(EXAMPLE, encoding="utf-8")
    (inbox / MANIFEST_NAME).write_text("a.txt,杨浦,二〇二三\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    first = run(inbox, db)
    assert [Path(p).name for p in first.loaded] == ["b.txt"]
    assert {(Path(q["source_path"]).name, q["code"]) for q in first.quarantined} == {
        (MANIFEST_NAME, "bad_manifest"),
        ("a.txt", "no_region"),
    }
    assert "line 1: the year '二〇二三' is not a number" in status.render(db)
    run(inbox, db)  # the same bad manifest is quarantined once
    assert rows(db, "SELECT count(*) FROM quarantine WHERE code = 'bad_manifest'") == [(1,)]
    (inbox / MANIFEST_NAME).write_text("a.txt,杨浦,2022\n", encoding="utf-8")  # fixed
    third = run(inbox, db)
    assert [Path(p).name for p in third.loaded] == ["a.txt"] and not third.quarantined
    assert rows(db, "SELECT count(*) FROM open_quarantine") == [(0,)]


def test_a_url_row_names_the_file_fetched_from_it(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    saved = inbox / "2023.html.txt"
    saved.write_text(unnamed(EXAMPLE), encoding="utf-8")
    stat = saved.stat()
    ledger = {"sha": {"name": saved.name, "url": "https://x.gov.cn/2023.html", "size": stat.st_size,
                      "mtime_ns": stat.st_mtime_ns}}  # fmt: skip
    (inbox / ".fetched.json").write_text(json.dumps({"version": 1, "files": ledger}), encoding="utf-8")
    manifest = tmp_path / "m.csv"
    manifest.write_text("https://x.gov.cn/2023.html,上海市杨浦区,2023\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    summary = run(inbox, db, [manifest])
    assert [Path(p).name for p in summary.loaded] == [saved.name] and not summary.fetch_errors
    assert rows(db, "SELECT region, region_found_by FROM reports") == [("上海市杨浦区", "manifest")]


def test_cli_refuses_a_bad_manifest_before_running(tmp_path: Path, capsys) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("a.txt,火星县,2024\n", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    code = main(
        ["run", "--inbox", str(inbox), "--db", str(tmp_path / "w.duckdb"), "--manifest", str(manifest)]
    )
    assert code == 2 and "unknown region '火星县'" in capsys.readouterr().err
    assert not (tmp_path / "w.duckdb").exists()
    assert main(["fetch", "--inbox", str(inbox)]) == 2
    assert "no URL to fetch" in capsys.readouterr().err


# ---------------------------------------------------------------- the corpus: counties-unnamed


@pytest.mark.corpus
def test_corpus_unnamed_counties_load_with_their_manifest(
    corpus_dir: Path, files_tsv, tmp_path: Path
) -> None:
    folder = corpus_dir / "counties-unnamed"
    expected = {
        Path(row["file"]).name: (row["region"], int(row["year"]), int(row["review_year"]))
        for row in files_tsv
        if row["file"].startswith("counties-unnamed/")
    }
    # without the manifest: the reports that name themselves nowhere are quarantined, saying why
    inbox = tmp_path / "counties-unnamed"
    shutil.copytree(folder, inbox, ignore=shutil.ignore_patterns(MANIFEST_NAME))
    db = tmp_path / "w.duckdb"
    first = run(inbox, db)
    quarantined = {Path(q["source_path"]).name: q for q in first.quarantined}
    assert quarantined and set(quarantined) < set(expected)
    assert all(q["code"] == "no_region" and "manifest" in q["reason"] for q in quarantined.values())
    loaded = {
        name: (r, y, ry)
        for name, r, y, ry in rows(db, "SELECT source_name, region, year, review_year FROM reports")
    }
    assert loaded == {name: want for name, want in expected.items() if name not in quarantined}
    # with it (the folder's manifest.csv): every report loads whole, under files.tsv's region and year
    shutil.copy(folder / MANIFEST_NAME, inbox / MANIFEST_NAME)
    second = run(inbox, db)
    assert sorted(Path(p).name for p in second.loaded) == sorted(quarantined)
    assert not second.quarantined and not second.contradictions and second.manifest_rows == len(expected)
    found = rows(db, "SELECT source_name, region, year, review_year, region_found_by FROM reports")
    assert {name: (r, y, ry) for name, r, y, ry, _ in found} == expected
    assert {by for *_, by in found} == {"manifest"}  # those detected before are now filed by it, agreeing
    assert sorted(Path(p).name for p in second.refiled) == sorted(set(expected) - set(quarantined))
    assert rows(db, "SELECT count(DISTINCT report_id) FROM sections WHERE kind = 'review'") == [
        (len(expected),)
    ]

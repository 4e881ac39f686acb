"""Bad input, generated: each file is loaded correctly or quarantined with a clear reason, the run goes on,
nothing is half-loaded and the files themselves are never changed.

One table drives it: (case, file name, how to make the bytes, what must happen). All files go into one
inbox beside good reports and one real pipeline run (Prefect, Great Expectations, DuckDB) takes them.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import pipeline
from pledgetrack import batch
from pledgetrack.ingest.inbox import list_inbox
from pledgetrack.model import ParsedReport
from tests.conftest import variants

GOOD = variants(12)  # distinct regions and years; GOOD[i] feeds case i below


def text(i: int) -> str:
    return GOOD[i][1]


def utf8_cut(i: int) -> bytes:
    data = text(i).encode("utf-8")
    cut = len(data) - 2
    while (data[cut] & 0xC0) != 0x80:  # stop inside a multi-byte character
        cut -= 1
    return data[:cut]


def gb18030_cut(i: int) -> bytes:
    return text(i).encode("gb18030")[:-1]  # the last character is a two-byte one (。)


def deep_html(i: int) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in text(i).split("\n\n"))
    page = (
        "<html><head><title>报告</title><script>var a = '<p>不是报告</p>'; document.write(a);</script>"
        "<style>p { color: red }</style></head><body>"
        + "<div>" * 1000
        + paragraphs
        + "</div>" * 1000
        + "<script>window.evil = 1</script></body></html>"
    )
    return page.encode("utf-8")


def scanned_pdf(_: int) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.rect(100, 100, 300, 500, fill=1)  # an image-like page: drawing, no text layer
    page.showPage()
    page.save()
    return out.getvalue()


def no_targets(i: int) -> bytes:
    plain = "今年，我们将继续深化改革，扩大开放，改善民生，推进城区更新和社会治理，努力把各项工作做得更好。"
    kept = [plain * 3 if "预期目标" in p or "主要目标" in p else p for p in text(i).split("\n\n")]
    return "\n\n".join(kept).encode("utf-8")


def future_year(i: int) -> bytes:
    import re

    return re.sub(r"20(\d\d)年", lambda m: f"20{int(m.group(1)) + 40}年", text(i)).encode("utf-8")


def one_line(text: str) -> bytes:
    return text.replace("\n", "").encode("utf-8")


def huge(_: int) -> bytes:
    return ("各位代表：现在，我代表区人民政府向大会报告工作。" * 1_200_000).encode("utf-8")[: 50 * 2**20]


# (case, file name, bytes, expected: 'loaded', 'duplicate' or the quarantine code)
CASES: list[tuple[str, str, Callable[[int], bytes], str]] = [
    ("empty", "空.txt", lambda i: b"", "empty"),
    ("only spaces", "blank.txt", lambda i: b" \n\t\r\n\xe3\x80\x80", "empty"),
    ("binary", "photo.txt", lambda i: bytes(range(256)) * 64, "binary"),
    ("utf-8 cut mid-character", "cut utf8.txt", utf8_cut, "loaded"),
    ("gb18030 cut mid-character", "cut-gb.txt", gb18030_cut, "loaded"),
    ("text named .pdf", "report.pdf", lambda i: text(i).encode("utf-8"), "pdf_unreadable"),
    ("unknown extension", "report.docx", lambda i: b"PK\x03\x04" + bytes(200), "unsupported_format"),
    ("50 MB of text", "huge.txt", huge, "too_large"),
    ("pdf without a text layer", "scan.pdf", scanned_pdf, "pdf_no_text"),
    ("html, scripts, 1000-deep nesting", "page.html", deep_html, "loaded"),
    ("no targets section", "no targets.txt", no_targets, "loaded"),
    ("year in the future", "future.txt", future_year, "bad_year"),
    ("duplicate under another name", "copy of a report.txt", lambda i: text(0).encode("utf-8"), "duplicate"),
    ("spaces and CJK in the name", "2024年 某区 报告（终稿）.txt", lambda i: text(i).encode(), "loaded"),
    ("no Chinese at all", "english.txt", lambda i: ("Annual report. " * 80).encode(), "not_a_report"),
    ("line breaks lost", "one line.txt", lambda i: one_line(text(i)) * 20, "no_line_breaks"),
    ("25 MB on one line", "long line.txt", lambda i: one_line("各位代表：") * 1_700_000, "no_line_breaks"),
]


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("bad") / "inbox"
    inbox.mkdir()
    (inbox / "0-good.txt").write_text(text(0), encoding="utf-8")  # listed first: the copy is the duplicate
    for i, (_, name, make, _) in enumerate(CASES, start=1):
        (inbox / name).write_bytes(make(i % len(GOOD)))
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir()}
    db = inbox.parent / "w.duckdb"
    summary = pipeline(inboxes=[str(inbox)], db=str(db), batch_size=4)
    with duckdb.connect(str(db), read_only=True) as con:
        ledger = dict(con.execute("SELECT source_path, outcome FROM inbox_files").fetchall())
        rows = con.execute("SELECT source_path, code, reason FROM quarantine").fetchall()
        quarantine = {path: (code, reason) for path, code, reason in rows}
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir()}
    return inbox, db, summary, ledger, quarantine, before, after


@pytest.mark.parametrize(("case", "name", "make", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_file_is_loaded_or_quarantined_with_a_reason(bad_run, case, name, make, expected):
    inbox, _, summary, ledger, quarantine, _, _ = bad_run
    path = str((inbox / name).resolve())
    if expected in ("loaded", "duplicate"):
        assert ledger[path] == expected, quarantine.get(path)
    else:
        assert ledger[path] == "quarantined"
        code, reason = quarantine[path]
        assert code == expected, reason
        assert len(reason) > 20  # a sentence a user can act on, not a bare code


def test_the_run_goes_on_and_nothing_is_half_loaded(bad_run):
    inbox, db, summary, ledger, _, before, after = bad_run
    loaded = sum(1 for c in CASES if c[3] == "loaded") + 1  # and 0-good.txt
    assert len(summary.loaded) == loaded
    assert before == after  # the originals are untouched
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT status FROM runs").fetchall() == [("ok",)]
        assert con.execute("SELECT count(*) FROM reports").fetchone() == (loaded,)
        # every report whole: sections present, no rows of a file that was not loaded
        assert con.execute(
            "SELECT count(*) FROM reports r "
            "WHERE NOT EXISTS (SELECT 1 FROM sections s WHERE s.report_id = r.report_id)"
        ).fetchone() == (0,)
        quarantined = [p for p, outcome in ledger.items() if outcome == "quarantined"]
        for table in ("sections", "targets", "outcomes"):
            orphans = con.execute(
                f"SELECT count(*) FROM {table} WHERE report_id NOT IN (SELECT report_id FROM reports)"
            ).fetchone()
            assert orphans == (0,), table
        quarantined = [p for p, outcome in ledger.items() if outcome == "quarantined"]
        sql = "SELECT count(*) FROM reports WHERE source_path IN (SELECT unnest(?))"
        hits = con.execute(sql, [quarantined])
        assert hits.fetchone() == (0,)
        no_targets = con.execute(
            "SELECT count(*) FROM targets JOIN reports USING (report_id) "
            "WHERE tier = 'headline' AND reports.source_path LIKE '%no targets.txt'"
        ).fetchone()
        assert no_targets == (0,)
        html = con.execute("SELECT text FROM reports WHERE source_name = 'page.html'").fetchone()[0]
        assert "evil" not in html and "document.write" not in html and "不是报告" not in html


def test_a_file_that_vanishes_or_changes_while_read(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "gone.txt").write_text(text(1), encoding="utf-8")
    (inbox / "growing.txt").write_text(text(2), encoding="utf-8")
    files = list_inbox([inbox])
    (inbox / "gone.txt").unlink()
    with (inbox / "growing.txt").open("a", encoding="utf-8") as handle:
        handle.write("\n\n（续）")
    parsed = {Path(p.file.path).name: p.result for p in batch.parse_files(files, {})}
    assert parsed["gone.txt"].code == "unreadable" and "cannot read" in parsed["gone.txt"].reason
    assert parsed["growing.txt"].code == "changed_while_reading"
    # the next listing sees the new size, and the file loads
    again = batch.parse_files(list_inbox([inbox]), {})
    assert len(again) == 1 and isinstance(again[0].result, ParsedReport)

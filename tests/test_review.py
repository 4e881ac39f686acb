"""Editorial review: the queue of verdicts to check, and an editor's override, which outlives re-runs and
a corrected report, shows on the page, and is refused by its suite when it is not a verdict."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from flows.pipeline import pipeline
from pledgetrack.warehouse import review, store
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "inbox"
FIRST = "2023年杨浦区政府工作报告.txt"
PHRASE = "全社会固定资产投资增长8%"  # a 2023 target, settled by the 2024 report (missed: 5.1%)


@pytest.fixture
def warehouse(tmp_path):
    inbox, db, out = tmp_path / "inbox", tmp_path / "w.duckdb", tmp_path / "pages"
    shutil.copytree(EXAMPLES, inbox)
    pipeline(inboxes=[str(inbox)], db=str(db), pages_dir=str(out))
    return inbox, db, out


def _verdict(db, phrase: str = PHRASE) -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT target_key, status, automatic_status, overridden, override_note FROM verdicts "
            "WHERE target_phrase = ?",
            [phrase],
        ).fetchone()


def test_an_override_outlives_reruns_and_a_corrected_report(warehouse):
    inbox, db, out = warehouse
    key, status, automatic, overridden, _ = _verdict(db)
    assert (status, automatic, overridden) == ("missed", "missed", False)
    with store.connect(db) as con:
        row = review.override(con, key, "kept", "统计公报口径为增长8.2%，报告所引为另一口径", editor="编辑甲")
    assert (row.region, row.year, row.target_phrase) == ("上海市杨浦区", 2023, PHRASE)
    assert _verdict(db)[1:] == ("kept", "missed", True, "统计公报口径为增长8.2%，报告所引为另一口径")

    # a re-run changes nothing; a corrected report (new text, new ids) keeps the phrase, and the override
    pipeline(inboxes=[str(inbox)], db=str(db), pages_dir=str(out))
    corrected = (inbox / FIRST).read_text(encoding="utf-8").replace("各位代表：", "各位代表（更正稿）：", 1)
    assert corrected != (inbox / FIRST).read_text(encoding="utf-8")
    (inbox / FIRST).write_text(corrected, encoding="utf-8")
    summary = pipeline(inboxes=[str(inbox)], db=str(db), pages_dir=str(out))
    assert summary.replaced, "the corrected report replaces the first"
    assert _verdict(db) == (key, "kept", "missed", True, "统计公报口径为增长8.2%，报告所引为另一口径")
    with duckdb.connect(str(db), read_only=True) as con:
        card = con.execute("SELECT kept, missed, overridden FROM scorecard WHERE year = 2023").fetchone()
    assert card[2] == 1  # counted apart

    # the page says an editor decided, and why, beside what the rules said
    html = (out / "上海市杨浦区" / "2023.html").read_text(encoding="utf-8")
    assert (
        f'<tr id="t-{key}"' in html
        and "编辑复核：统计公报口径为增长8.2%" in html
        and "自动判定为未兑现" in html
    )

    # a corrected report without the phrase: the override is kept and listed, not lost
    (inbox / FIRST).write_text(corrected.replace(PHRASE, "全社会固定资产投资增长9%"), encoding="utf-8")
    pipeline(inboxes=[str(inbox)], db=str(db))
    with duckdb.connect(str(db)) as con:
        _, orphans = review.orphans(con)
    assert [(o[0], o[3], o[4]) for o in orphans] == [(key, PHRASE, "kept")]
    with store.connect(db) as con:  # an orphan's override can be removed; it has no page to rewrite
        assert review.remove(con, key) == review.Removal(True, None)
        assert review.remove(con, key) == review.Removal(False, None)


def test_an_override_that_is_no_verdict_is_refused_and_writes_nothing(warehouse):
    _, db, _ = warehouse
    key = _verdict(db)[0]
    with store.connect(db) as con:
        refused = (("pending", "待定"), ("kept", " "), ("great", "很好"), (None, "很好"), ("kept", None))
        for status, note in refused:
            with pytest.raises(review.OverrideError):
                review.override(con, key, status, note)
        with pytest.raises(review.OverrideError, match="no target"):
            review.override(con, "000000000000", "kept", "没有这个目标")
        assert con.execute("SELECT count(*) FROM overrides").fetchone()[0] == 0
        # removed, an override names the target whose page to rewrite
        review.override(con, key, "kept", "口径不同")
        assert review.remove(con, key) == review.Removal(True, review.find_target(con, key))
        assert con.execute("SELECT count(*) FROM overrides").fetchone()[0] == 0


def test_the_queue_puts_accusations_and_near_misses_first(warehouse):
    _, db, _ = warehouse
    with duckdb.connect(str(db), read_only=True) as con:
        headers, rows = review.queue(con)
        expected = con.execute(
            "SELECT count(*) FROM verdicts WHERE (status = 'no_evidence' AND mention_snippet IS NOT NULL) "
            "OR (status IN ('kept', 'missed') AND tol IS NOT NULL AND abs(margin) <= tol) "
            "OR target_id IN (SELECT target_id FROM dropped)"
        ).fetchone()[0]
    assert headers[:2] == ["target_key", "target_id"] and "why" in headers
    assert len(rows) >= expected > 0 and len({r[1] for r in rows}) == len(rows)  # each target once
    whys = [r[headers.index("why")] for r in rows]
    order = [
        next(i for i, w in enumerate(("dropped", "no evidence", "within", "settled")) if w in why)
        for why in whys
    ]
    assert order == sorted(order)


@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("examples") / "w.duckdb"
    pipeline(inboxes=[str(EXAMPLES)], db=str(db))
    return db


@pytest.mark.parametrize(
    ("region", "year", "pages"),
    [
        (None, None, [("上海市杨浦区", 2023), ("上海市杨浦区", 2024)]),
        ("杨浦区", None, [("上海市杨浦区", 2023), ("上海市杨浦区", 2024)]),  # the short name
        ("上海市杨浦区", 2024, [("上海市杨浦区", 2024)]),
        (None, 2023, [("上海市杨浦区", 2023)]),
        ("黄浦区", None, []),  # a region the warehouse has no report of
        ("杨浦区", 2019, []),
    ],
)
def test_report_writes_the_pages_its_filters_choose(example_db, region, year, pages):
    from pledgetrack.publish.pages import chosen

    assert chosen(example_db, region, year) == pages

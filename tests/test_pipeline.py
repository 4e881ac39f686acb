"""The pipeline flow, really run by Prefect (ephemeral mode, in this process) into a real DuckDB file."""

from __future__ import annotations

import os
import random
import shutil
import sys
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import pipeline
from pledgetrack.ingest.inbox import list_inbox
from pledgetrack.warehouse import status
from tests.conftest import ROOT, corpus_inboxes

EXAMPLES = ROOT / "examples" / "inbox"


def run(inboxes: list[Path], db: Path):
    return pipeline(inboxes=[str(p) for p in inboxes], db=str(db))


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_examples_load_once(tmp_path):
    db = tmp_path / "w.duckdb"
    first = run([EXAMPLES], db)
    assert len(first.loaded) == 2 and not first.quarantined
    assert rows(db, "SELECT region, year, review_year FROM reports ORDER BY year") == [
        ("上海市杨浦区", 2023, 2022),
        ("上海市杨浦区", 2024, 2023),
    ]
    assert rows(db, "SELECT count(DISTINCT report_id) FROM sections WHERE kind = 'targets'") == [(2,)]
    assert rows(db, "SELECT count(*) FROM targets WHERE tier = 'headline' AND year = 2023") == [(6,)]
    second = run([EXAMPLES], db)
    assert second.files_new == 0 and not second.loaded
    assert rows(db, "SELECT count(*) FROM reports") == [(2,)]
    assert rows(db, "SELECT count(*), count(finished_at) FROM runs WHERE status = 'ok'") == [(2, 2)]
    assert rows(db, "SELECT count(*) FROM validations WHERE success") != [(0,)]


@pytest.mark.corpus
def test_corpus_loads_every_report_with_gold_region_and_year(corpus_warehouse, corpus_dir, files_tsv):
    db, first = corpus_warehouse
    assert first.quarantined == [] and len(first.loaded) == len(files_tsv)
    loaded = {
        Path(p).relative_to(corpus_dir).as_posix(): (r, y, ry)
        for p, r, y, ry in rows(db, "SELECT source_path, region, year, review_year FROM reports")
    }
    expected = {f["file"]: (f["region"], int(f["year"]), int(f["review_year"])) for f in files_tsv}
    assert loaded == expected  # counties-unnamed/ by its manifest.csv, read from the inbox folder
    second = run(corpus_inboxes(corpus_dir), db)
    assert second.files_new == 0 and not second.loaded and not second.quarantined


# The corpus reports that state no headline target of their year, read by hand: each is loaded, flagged and
# named as such, never as whole. Every other report has at least one headline target and one result.
NOT_WHOLE = {
    # the first report of the 10th five-year plan: it sets the plan's goals, not the year's
    "national/2001.txt": "no_targets",
    # its plan part sets no quantitative aim for the year ("力争今年外贸出口有所增长" is the nearest)
    "national/2002.txt": "no_targets",
    # 换届 reports: after the five-year review they set the term's goals only ("力争到2021年…")
    "counties/842bf02134.txt": "no_targets",
    "counties/c2c2e87c8a.txt": "no_targets",
    # "今年政府工作的总体要求是：…" is followed by the year's work, with no 主要预期目标 paragraph
    "counties-unnamed/83c7ba18ee.txt": "no_targets",
}


@pytest.mark.corpus
def test_every_corpus_report_loads_whole_or_says_which_side_it_lacks(corpus_warehouse, corpus_dir):
    db, _ = corpus_warehouse
    found = {
        Path(path).relative_to(corpus_dir).as_posix(): (completeness, headline, outcomes)
        for path, completeness, headline, outcomes in rows(
            db,
            "SELECT source_path, completeness, "
            "(SELECT count(*) FROM targets t WHERE t.report_id = r.report_id AND t.tier = 'headline'), "
            "(SELECT count(*) FROM outcomes o WHERE o.report_id = r.report_id) FROM reports r",
        )
    }
    flagged = {name: value for name, (value, _, _) in found.items() if value != "whole"}
    assert flagged == NOT_WHOLE
    lost = {name: sides for name, (value, *sides) in found.items() if value == "whole" and min(sides) == 0}
    assert lost == {}


@pytest.mark.corpus
def test_corpus_reports_are_read_whole(corpus_warehouse, files_tsv):
    db, _ = corpus_warehouse
    # every report has a review and a targets section, whatever its layout, or says which it lacks
    # (reports.completeness: a 换届 report with five-year goals only, a copy without its targets paragraph)
    assert rows(db, "SELECT count(DISTINCT report_id) FROM sections WHERE kind = 'review'") == [
        (len(files_tsv),)
    ]
    assert rows(
        db,
        "SELECT count(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM sections s "
        "WHERE s.report_id = r.report_id AND s.kind = 'targets') AND r.completeness NOT LIKE 'no_targets%'",
    ) == [(0,)]
    # offsets point into the stored text
    assert rows(
        db,
        "SELECT count(*) FROM sections s JOIN reports r USING (report_id) "
        "WHERE s.char_end > length(r.text) OR s.char_start < 0",
    ) == [(0,)]
    # every extracted row's phrase is exactly the text at its offsets (DuckDB substring is 1-based)
    for table in ("targets", "outcomes"):
        assert rows(db, f"SELECT count(*) FROM {table}") != [(0,)]
        assert rows(
            db,
            f"SELECT count(*) FROM {table} t JOIN reports r USING (report_id) "
            "WHERE substring(r.text, t.char_start + 1, t.char_end - t.char_start) <> t.phrase",
        ) == [(0,)]
    # every amount also in its base unit; the catalogue knows the headline indicators
    for table in ("targets", "outcomes"):
        assert rows(db, f"SELECT count(*) FROM {table} WHERE value IS NOT NULL AND base_value IS NULL") == [
            (0,)
        ]
    assert rows(
        db,
        "SELECT DISTINCT base_unit, base_value FROM targets "
        "WHERE year = 2014 AND indicator_id = 'urban_new_jobs' AND kind = 'level'",
    ) == [("人", 10_000_000.0)]
    assert rows(db, "SELECT count(*) >= 60 FROM indicators") == [(True,)]  # the catalogue, copied by the run
    [(known, headline)] = rows(
        db, "SELECT count(indicator_id), count(*) FROM targets WHERE tier = 'headline'"
    )
    assert known / headline >= 0.8
    # the targets of each government's last year here, and only those, wait for its next report
    followed = {(f["region"], int(f["year"]) - 1) for f in files_tsv}
    pending = rows(db, "SELECT DISTINCT region, year FROM verdicts WHERE status = 'pending' ORDER BY ALL")
    assert pending == sorted(
        (f["region"], int(f["year"])) for f in files_tsv if (f["region"], int(f["year"])) not in followed
    )
    # every kept or missed verdict cites both phrases, exactly as the reports hold them
    assert rows(
        db,
        "SELECT count(*) FROM verdicts v JOIN reports r ON r.report_id = v.outcome_report_id "
        "WHERE v.status IN ('kept', 'missed') AND (v.outcome_phrase IS NULL "
        "OR substring(r.text, v.outcome_char_start + 1, v.outcome_char_end - v.outcome_char_start)"
        " <> v.outcome_phrase)",
    ) == [(0,)]
    assert rows(db, "SELECT count(*) FROM verdicts WHERE status IN ('kept', 'missed')") >= [(20,)]
    [(target_id,)] = rows(
        db,
        "SELECT target_id FROM targets WHERE region = '全国' AND year = 2012 AND indicator_id = 'gdp' "
        "LIMIT 1",
    )
    shown = status.show_row(db, "target", target_id)
    assert "【" in shown and "2012.txt" in shown


def seed_page(text: str) -> str:
    """A seed report wrapped in a government-site page: navigation, a title, a footer."""
    paragraphs = "".join(f"<p>{p}</p>\n" for p in text.split("\n") if p.strip())
    return (
        "<html><head><meta charset='utf-8'><title>区政府工作报告_示例区人民政府网</title></head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/x'>政务公开</a><a href='/y'>网站地图</a></div>"
        f"<div id='content'>{paragraphs}</div>"
        "<div class='footer'>版权所有：示例区人民政府 沪ICP备12345678号 联系我们</div></body></html>"
    )


@pytest.mark.corpus
def test_bad_files_are_quarantined_and_the_rest_loads(tmp_path, corpus_dir):
    seed = corpus_dir / "seeds" / "002_506680e8e9304b82.txt"
    text = seed.read_text(encoding="utf-8")
    inbox, original, web = tmp_path / "inbox", tmp_path / "original", tmp_path / "web"
    for folder in (inbox, original, web):
        folder.mkdir()
    shutil.copy(seed, original / seed.name)
    (inbox / "gb18030 copy.txt").write_bytes(text.encode("gb18030"))
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "noise.pdf").write_bytes(random.Random(7).randbytes(4096))
    (inbox / "no year.txt").write_text(
        "上海市虹口区政府工作报告\n\n各位代表：今年我们将继续努力。\n" * 40, encoding="utf-8"
    )
    (web / "page.html").write_text(seed_page(text), encoding="utf-8")
    shutil.copy(seed, inbox / "same text, other name.txt")

    summary = run([inbox], tmp_path / "w.duckdb")
    reasons = {Path(q["source_path"]).name: q["reason"] for q in summary.quarantined}
    assert set(reasons) == {"empty.txt", "noise.pdf", "no year.txt"}
    assert all(len(reason) > 10 for reason in reasons.values())
    assert len(summary.loaded) == 1 and len(summary.duplicates) == 1  # one text, two files
    listed = {name for (name,) in rows(tmp_path / "w.duckdb", "SELECT source_name FROM open_quarantine")}
    assert listed == set(reasons)

    run([original], tmp_path / "original.duckdb")
    run([web], tmp_path / "web.duckdb")
    query = "SELECT region, year, text FROM reports"
    [(region, year, from_gb18030)] = rows(tmp_path / "w.duckdb", query)
    [(_, _, from_utf8)] = rows(tmp_path / "original.duckdb", query)
    [(web_region, web_year, from_web)] = rows(tmp_path / "web.duckdb", query)
    assert (region, year) == (web_region, web_year) == ("上海市静安区", 2018)
    assert from_gb18030 == from_utf8
    assert (
        "沪ICP备12345678号" not in from_web
        and "网站地图" not in from_web
        and "示例区人民政府网" not in from_web
    )
    # the page's report text is all there
    assert from_utf8.split("\n\n", 3)[-1][:2000] in from_web


@pytest.mark.corpus
def test_corrected_report_replaces_and_keeps_history(tmp_path, corpus_dir):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    original = corpus_dir / "seeds" / "004_8b03acbbd24002e3.txt"
    shutil.copy(original, inbox / "changning.txt")
    db = tmp_path / "w.duckdb"
    run([inbox], db)
    corrected = inbox / "changning-corrected.txt"
    corrected.write_text(
        original.read_text(encoding="utf-8").replace("各位代表", "各位人大代表", 1), encoding="utf-8"
    )
    os.utime(corrected, ns=(os.stat(original).st_mtime_ns + 10**9,) * 2)
    summary = run([inbox], db)
    assert [Path(p).name for p in summary.replaced] == ["changning-corrected.txt"]
    assert rows(db, "SELECT source_name FROM reports") == [("changning-corrected.txt",)]
    assert rows(db, "SELECT source_name FROM report_history") == [("changning.txt",)]


def test_gate_failure_quarantines_the_file_with_the_expectation(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(EXAMPLES, inbox)
    # Parses (region, year, sections) but is far too short for a real report: the gate must stop it.
    (inbox / "stub.txt").write_text(
        "2021年上海市杨浦区政府工作报告\n\n各位代表：\n\n一、2020年工作回顾\n\n区级一般公共预算收入增长3%。\n\n"
        "二、2021年主要工作\n\n建议今年全区经济社会发展的主要预期目标是：区级一般公共预算收入增长5%。\n",
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    summary = run([inbox], db)
    assert len(summary.loaded) == 2
    [failure] = summary.quarantined
    assert failure["source_path"].endswith("stub.txt") and "text_length" in failure["reason"]
    assert rows(db, "SELECT count(*) FROM validations WHERE NOT success") != [(0,)]
    assert rows(db, "SELECT stage FROM open_quarantine") == [("gate",)]


def test_evidence_the_gate_refuses_is_reported_once_and_not_loaded(tmp_path, monkeypatch):
    """A follow-up whose evidence the gate refuses is not looked up again by the same run's last sweep
    (which is for pairs no batch covered): its failure is told once, and the next run tries it again."""
    import json

    from pledgetrack.warehouse import gate

    suites = tmp_path / "expectations"
    shutil.copytree(gate.expectations_dir(), suites)
    evidence = json.loads((suites / "evidence.json").read_text(encoding="utf-8"))
    # a rule every row breaks, naming the follow-up report of each
    evidence["expectations"].append(
        {"type": "expect_column_values_to_be_null", "kwargs": {"column": "target_id"}, "meta": {},
         "severity": "critical"}
    )  # fmt: skip
    (suites / "evidence.json").write_text(json.dumps(evidence, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(gate, "expectations_dir", lambda: suites)
    monkeypatch.setattr(gate, "_SUITES", {})
    db = tmp_path / "w.duckdb"
    summary = pipeline(inboxes=[str(EXAMPLES)], db=str(db), batch_size=1, workers=1)
    assert len(summary.loaded) == 2 and summary.evidence_rows == 0
    assert len(summary.evidence_refused) == 1 and "target_id" in summary.evidence_refused[0]
    assert rows(db, "SELECT count(*) FROM evidence") == [(0,)]
    again = pipeline(inboxes=[str(EXAMPLES)], db=str(db), batch_size=1, workers=1)
    assert len(again.evidence_refused) == 1  # tried again by the next run, once


def test_a_corrected_follow_up_report_rejudges_its_targets(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(ROOT / "examples" / "inbox", inbox)
    db = tmp_path / "w.duckdb"
    run([inbox], db)
    sql = "SELECT status, actual FROM verdicts WHERE year = 2023 AND indicator = '全社会固定资产投资'"
    assert rows(db, sql) == [("missed", 5.1)]
    follow_up = inbox / "2024年杨浦区政府工作报告.txt"
    text = follow_up.read_text(encoding="utf-8")
    assert "全社会固定资产投资增长5.1%" in text
    (inbox / "corrected.txt").write_text(
        text.replace("全社会固定资产投资增长5.1%", "全社会固定资产投资增长8.3%")
    )
    follow_up.unlink()
    summary = run([inbox], db)
    assert len(summary.replaced) == 1 and summary.judged.get("kept", 0) >= 9
    assert rows(db, sql) == [("kept", 8.3)]
    # the ids hold no declared key (sql/007): they are unique by construction, through a replacement too
    for table, key in (("targets", "target_id"), ("outcomes", "outcome_id")):
        [(total, distinct)] = rows(db, f"SELECT count(*), count(DISTINCT {key}) FROM {table}")
        assert total == distinct > 0


@pytest.mark.corpus
def test_a_batch_is_judged_with_one_gate_from_the_texts_it_loaded(tmp_path, corpus_dir, monkeypatch):
    # five consecutive national reports in one batch: four follow-ups, more than a chunk of texts read back
    from pledgetrack import judge
    from pledgetrack.warehouse import gate, store

    monkeypatch.setattr(judge, "EVIDENCE_CHUNK", 2)
    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    for year in range(2001, 2006):
        shutil.copy(corpus_dir / "national" / f"{year}.txt", inbox)
    summary = run([inbox], db)
    assert summary.evidence_rows > 0 and not summary.evidence_refused
    evidence_sql = "SELECT * EXCLUDE (judged_at) FROM evidence ORDER BY evidence_id"
    loaded = rows(db, evidence_sql)
    follow_ups = rows(db, "SELECT report_id FROM reports WHERE year > 2001")
    assert {row[3] for row in loaded} == {r for (r,) in follow_ups}  # every follow-up searched
    # the batch's own texts are in memory: its evidence is gated once, not once per chunk of follow-ups
    gates = "SELECT count(DISTINCT validated_at) FROM validations WHERE table_name = 'evidence' AND batch = ?"
    assert rows(db, gates, [1]) == [(1,)]
    # read back from the warehouse instead (texts 2 at a time), the same rows
    with store.connect(db) as con:
        con.execute("DELETE FROM evidence")
        judged = judge.look_up_evidence(con, "again", gate.validate, gate.split_failing, batch_no=99)
    assert judged.rows == len(loaded) and judged.follow_ups == 4
    assert rows(db, evidence_sql) == loaded
    assert rows(db, gates, [99]) == [(2,)]


@pytest.mark.corpus
@pytest.mark.parametrize("order", ["years_forward", "years_backward"])
def test_lookups_collected_batches_later_give_the_evidence_of_one_batch(tmp_path, corpus_dir, order):
    """One report a batch: each batch's lookups run on the workers while the next batches load, and are
    loaded LOOKUP_LAG batches later; a target's follow-up arrives after it (years forward) or before it
    (backward). The evidence is that of the five reports loaded in one batch."""
    years = range(2001, 2006)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i, year in enumerate(years if order == "years_forward" else reversed(years)):
        shutil.copy(corpus_dir / "national" / f"{year}.txt", inbox / f"{i}-{year}.txt")
    whole, batched = tmp_path / "whole.duckdb", tmp_path / "batched.duckdb"
    pipeline(inboxes=[str(inbox)], db=str(whole), batch_size=10)
    summary = pipeline(inboxes=[str(inbox)], db=str(batched), batch_size=1)
    assert len(summary.loaded) == 5 and summary.evidence_rows > 0 and not summary.evidence_refused
    assert table_rows(batched, "evidence", "evidence_id") == table_rows(whole, "evidence", "evidence_id")
    assert rows(batched, "SELECT count(DISTINCT report_id) FROM evidence") == [(4,)]  # every follow-up


@pytest.mark.corpus
def test_process_pool_gives_the_same_rows_as_one_process(corpus_dir):
    from pledgetrack import batch, pool

    files = list_inbox([corpus_dir / "seeds", corpus_dir / "national"])
    assert len(files) >= pool.POOL_MIN_ITEMS  # big enough for the pool to be used
    serial = batch.build_batch(batch.parse_files(files, {}, workers=1))
    pooled = batch.build_batch(batch.parse_files(files, {}, workers=2))
    for table in batch.GATED:
        a, b = getattr(serial, table), getattr(pooled, table)
        columns = [c for c in a.columns if c != "ingested_at"]
        assert a[columns].equals(b[columns]), table


def test_batches_reach_the_pool_in_the_order_the_flow_submits_them():
    """Two batches submitted at once, from two threads: the second waits until the first has put all its
    chunks in the pool's queue (interleaved, the first batch came back only with the second)."""
    import threading

    from pledgetrack import pool

    first = pool.Turn()
    second = pool.Turn(after=first.submitted)
    items = ["年"] * (pool.POOL_MIN_ITEMS * 3)  # enough to go to the pool
    results: dict[str, list] = {}
    thread = threading.Thread(target=lambda: results.update(second=pool.run(len, items, 2, second)))
    thread.start()
    thread.join(timeout=0.5)
    assert thread.is_alive() and not second.submitted.is_set()  # waits for the first batch
    results["first"] = pool.run(len, items, 2, first)
    thread.join(timeout=60)
    assert results == {"first": [1] * len(items), "second": [1] * len(items)}
    # a batch that fails still gives the next one its turn
    failing = pool.Turn()
    with pytest.raises(TypeError):
        pool.run(len, None, 2, failing)  # type: ignore[arg-type]
    after = pool.Turn(after=failing.submitted)
    assert pool.run(len, items, 2, after) == [1] * len(items)


def catalogues_read(_: object) -> tuple:
    from pledgetrack import indicators, regions

    return indicators.configured(), regions.configured()


def test_pool_workers_read_the_catalogues_this_process_was_given(tmp_path, monkeypatch):
    """Extraction and the lookup run on the pool: its workers must read the settings' catalogues (before,
    the lookup ran in the flow, which had them, and the workers read the built-in ones only)."""
    from pledgetrack import indicators, pool, regions

    mine, places = tmp_path / "mine.csv", tmp_path / "places.csv"
    mine.write_text(
        "id,name,aliases,direction,kinds,units\ntourism_revenue,旅游总收入,,floor,growth|level,亿元\n",
        encoding="utf-8",
    )
    places.write_text("name,parent\n示范新区,上海市\n", encoding="utf-8")
    items = list(range(pool.POOL_MIN_ITEMS))  # enough to go to the pool
    monkeypatch.setattr(indicators, "_configured", ())
    monkeypatch.setattr(regions, "_configured", ())
    assert set(pool.run(catalogues_read, items, 2)) == {((), ())}
    indicators.configure([mine])
    regions.configure([places])
    assert set(pool.run(catalogues_read, items, 2)) == {((mine,), (places,))}


def test_dask_workers_read_the_catalogues_this_process_was_given(tmp_path, monkeypatch):
    """A Dask worker was not started by the run and may serve runs with other settings: each task carries
    the run's catalogue files (`pool.with_catalogues`), as the pool's workers get them when they start."""
    from distributed import Client, LocalCluster

    from pledgetrack import indicators, pool, regions

    mine, places = tmp_path / "mine.csv", tmp_path / "places.csv"
    mine.write_text(
        "id,name,aliases,direction,kinds,units\ntourism_revenue,旅游总收入,,floor,growth|level,亿元\n",
        encoding="utf-8",
    )
    places.write_text("name,parent\n示范新区,上海市\n", encoding="utf-8")
    monkeypatch.setattr(indicators, "_configured", ())
    monkeypatch.setattr(regions, "_configured", ())
    read = lambda: (indicators.configured(), regions.configured())  # noqa: E731 (pickled by value)
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        assert client.submit(pool.with_catalogues, pool.catalogues(), read).result() == ((), ())
        indicators.configure([mine])
        regions.configure([places])
        given = pool.catalogues()
        assert client.submit(pool.with_catalogues, given, read).result() == ((mine,), (places,))
        # the same worker, another run's settings: it follows the task, not what it read before
        assert client.submit(pool.with_catalogues, ((), ()), read, pure=False).result() == ((), ())


def table_rows(db: Path, table: str, key: str) -> list[tuple]:
    """Every row of `table` without the columns that differ between two runs (run id, load time)."""
    with duckdb.connect(str(db), read_only=True) as con:
        columns = [c for (c,) in con.execute(f"SELECT column_name FROM (DESCRIBE {table})").fetchall()]
        kept = ", ".join(c for c in columns if c not in ("run_id", "ingested_at", "loaded_at", "judged_at"))
        return con.execute(f"SELECT {kept} FROM {table} ORDER BY {key}").fetchall()


@pytest.mark.corpus
def test_dask_cluster_gives_the_same_rows_as_one_process(tmp_path, corpus_dir, files_tsv, monkeypatch):
    """The extract stage on a real distributed.LocalCluster (worker processes running pledgetrack's own
    function, without Prefect); the load stays in this process. Chunks of 4 reports, so every worker gets
    several."""
    from distributed import Client, LocalCluster, get_task_stream

    import flows.workers

    inboxes = corpus_inboxes(corpus_dir)
    serial = tmp_path / "serial.duckdb"
    pipeline(inboxes=[str(p) for p in inboxes], db=str(serial), workers=1)
    monkeypatch.setattr(flows.workers, "DASK_CHUNK", 4)
    spread = tmp_path / "dask.duckdb"
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
        get_task_stream(client) as stream,
    ):
        summary = pipeline(
            inboxes=[str(p) for p in inboxes], db=str(spread), dask_address=cluster.scheduler_address
        )
        # the workers ran pledgetrack's code only: no Prefect client, so no server of their own to leak
        prefect_loaded = client.run(lambda: any(m.startswith("prefect") for m in sys.modules))
    extracted = [task for task in stream.data if str(task["key"]).startswith("parse_files")]
    assert len(extracted) == -(-len(files_tsv) // 4)  # the reports in chunks of 4
    assert len({task["worker"] for task in extracted}) == 2  # both workers extracted
    assert any(str(task["key"]).startswith("look_up_jobs") for task in stream.data)  # and looked up
    assert not any(prefect_loaded.values())
    assert len(summary.loaded) == len(files_tsv) and not summary.quarantined
    for table, key in (
        ("reports", "report_id"),
        ("targets", "target_id"),
        ("outcomes", "outcome_id"),
        ("evidence", "evidence_id"),
    ):
        assert table_rows(spread, table, key) == table_rows(serial, table, key), table

"""End-to-end benchmark: a synthetic corpus of N reports through the whole pipeline.

    python benchmarks/bench.py --reports N --out result.json [--workdir DIR] [--years 14]

The corpus is made from the real reports in ../shared/corpus (or $PLEDGETRACK_CORPUS): report i takes the
text of corpus file i mod 19, and is re-labelled as the report of a county-level region for a year, in runs
of `--years` consecutive years per region, so that every report but the first and last of a run has a
predecessor and a follow-up. Re-labelling puts a title line "YYYY年<region>政府工作报告" on top, names the
region instead of the State Council or the original district, and shifts every "NNNN年" by the same number
of years, so size and phrasing stay those of real reports. Files are written to disk one at a time (the
corpus is never held in memory) and read by the pipeline from there.

Printed and written to --out (JSON): reports, seconds (the pipeline flow, Prefect start-up excluded),
reports_per_s, startup_s (the Prefect API the runs talk to, started as `pledgetrack run` starts it, and
imports, measured apart), stages (seconds each, summed over batches), worker_cpu_s (CPU of parse, extract
and look_up summed over the worker processes), flow_cpu_s (CPU of the flow process: Prefect, building,
gate, load), peak_rss_mb (this process, the pipeline included; peak_rss_worker_mb: the largest child
process), floor_reports_per_s (the same read → parse → extract → lookup functions in a plain Python loop
over a sample of the corpus, each report looked up as the follow-up of the one before it; no Prefect, no
gate, no DuckDB; the mean of a timing before the runs and one after them, floor_before_after),
floor_ratio, nothing_new_s (a second run over the same inbox), add_10_s (a third run after ten new reports
were added to the inbox), load_average (the machine's 1-minute load average before and after the
pipeline's first run: other processes share its cores), machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = Path(os.environ.get("PLEDGETRACK_CORPUS", ROOT.parent / "shared" / "corpus"))
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")
_STATE_COUNCIL = re.compile(r"中华人民共和国国务院|国务院")


def templates(corpus: Path) -> list[tuple[str, int, str]]:
    """(text, year, original short region name or '') of every corpus report, via the real detector."""
    from pledgetrack.ingest.parse import parse_document
    from pledgetrack.ingest.readers import read_document

    out = []
    for path in sorted(p for d in ("seeds", "national") for p in (corpus / d).glob("*") if p.is_file()):
        data = path.read_bytes()
        report = parse_document(read_document(path.name, data), str(path), "")
        text = data.decode("utf-8-sig")
        short = "" if report.meta.region == "全国" else report.meta.region.removeprefix("上海市")
        out.append((text, report.meta.year, short))
    if not out:
        raise SystemExit(f"no corpus reports under {corpus}")
    return out


def regions(count: int) -> list[tuple[str, str]]:
    """(full name, short name) of `count` county-level regions from the catalogue, in catalogue order.
    Only names no other region shares (鼓楼区 is four districts): the report names its region by the short
    name, and a shared one would make two synthetic regions one."""
    from pledgetrack.regions import load_regions

    catalogue = load_regions()
    found = [
        (r.full_name, r.name)
        for r in catalogue.by_full_name.values()
        if r.level == "county" and len(catalogue.by_name.get(r.name, ())) == 1
    ]
    if count > len(found):
        raise SystemExit(
            f"{count} regions wanted, the catalogue has {len(found)} county-level ones with a name of "
            "their own (raise --years)"
        )
    return found[:count]


def relabel(text: str, year: int, original_year: int, original_short: str, full: str, short: str) -> str:
    shift = year - original_year
    body = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    if original_short:
        body = body.replace(original_short, short)
    else:
        body = _STATE_COUNCIL.sub(f"{short}人民政府", body).replace("总理", "区长")
    return f"{year}年{full}政府工作报告\n\n{body}"


def synthetic(n: int, years: int, inbox: Path, corpus: Path, start: int = 0) -> Iterator[Path]:
    """Reports start .. n-1 of the synthetic corpus (the same i always makes the same report)."""
    pool = templates(corpus)
    places = regions((n + years - 1) // years)
    inbox.mkdir(parents=True, exist_ok=True)
    for i in range(start, n):
        text, original_year, original_short = pool[i % len(pool)]
        full, short = places[i // years]
        year = 2001 + i % years
        path = inbox / f"{i:06d}.txt"
        path.write_text(relabel(text, year, original_year, original_short, full, short), encoding="utf-8")
        yield path


def floor(inbox: Path, sample: int) -> float:
    """Reports per second of read → parse → extract → lookup in a plain loop (one process, no Prefect, GE
    or DuckDB): the work the pipeline spreads over its workers. Files in name order, so a report's
    predecessor (same region, the year before) comes before it, and the report is searched, as its
    follow-up, for the predecessor's targets, as the pipeline's judge stage does."""
    from pledgetrack import extract
    from pledgetrack.extract import lookup
    from pledgetrack.indicators import load_catalogue
    from pledgetrack.ingest.parse import parse_document
    from pledgetrack.ingest.readers import read_document

    catalogue = load_catalogue()
    files = sorted(inbox.glob("*.txt"))[:sample]
    targets_of: dict[tuple[str, int], list[dict]] = {}
    extract.extract_targets(parse_document(read_document(files[0].name, files[0].read_bytes()), "", ""))
    started = time.perf_counter()  # jieba's dictionary loaded above, as every worker has it before it works
    for path in files:
        report = parse_document(read_document(path.name, path.read_bytes()), str(path), "")
        rows = extract.extract_targets(report)
        extract.extract_outcomes(report)
        region, year = report.meta.region, report.meta.year
        # a target as the judge stage reads it from the warehouse (store.evidence_todo)
        targets_of[(region, year)] = [
            {**{name: getattr(row, name) for name in row.__slots__}, "region": region, "year": year}
            for row in rows
        ]
        settled = targets_of.get((region, year - 1))
        if settled:
            sections = [(s.kind, s.char_start, s.char_end, s.heading) for s in report.sections]
            review, own, period = lookup.follow_up_spans(report.text, sections, year - 1)
            lookup.look_up(settled, report.text, review, catalogue, year - 1, own, period)
    return len(files) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, required=True, help="how many synthetic reports")
    parser.add_argument("--out", type=Path, required=True, help="where to write the JSON result")
    parser.add_argument("--years", type=int, default=14, help="consecutive years per region (default 14)")
    parser.add_argument(
        "--workdir", type=Path, help="keep the corpus and warehouse here (default: a temp dir)"
    )
    parser.add_argument("--batch-size", type=int, default=1000, help="reports per task per stage")
    parser.add_argument("--workers", type=int, help="parse/extract processes (default: all cores)")
    parser.add_argument("--floor-sample", type=int, default=200, help="reports timed in the plain loop")
    parser.add_argument("--dask", metavar="ADDRESS", help="extract on this Dask scheduler")
    args = parser.parse_args(argv)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="pledgetrack-bench-"))
    inbox, db = work / "inbox", work / "bench.duckdb"
    shutil.rmtree(inbox, ignore_errors=True)
    db.unlink(missing_ok=True)
    made = sum(1 for _ in synthetic(args.reports, args.years, inbox, CORPUS))
    # the floor is timed before the runs and after them, and the two averaged: on a shared machine the load
    # drifts over the minutes a run takes, and a floor timed at one end alone gave ratios 30% apart
    floor_before = floor(inbox, args.floor_sample)

    started = time.perf_counter()
    from contextlib import ExitStack

    from prefect import flow

    from flows.local_api import prefect_api
    from flows.pipeline import pipeline

    @flow
    def warm() -> None:  # the flow engine's first run in a process sets up its client
        return None

    stack = ExitStack()  # the runs talk to a Prefect API as `pledgetrack run`'s do (flows.local_api)
    stack.enter_context(prefect_api())
    warm()
    startup = time.perf_counter() - started

    load_before = os.getloadavg()[0]
    started, cpu = time.perf_counter(), time.process_time()
    options = {"batch_size": args.batch_size, "workers": args.workers, "dask_address": args.dask}
    summary = pipeline(inboxes=[str(inbox)], db=str(db), **options)
    seconds = time.perf_counter() - started
    flow_cpu = time.process_time() - cpu
    load_after = os.getloadavg()[0]
    started = time.perf_counter()
    again = pipeline(inboxes=[str(inbox)], db=str(db), **options)
    nothing_new = time.perf_counter() - started
    # incremental: ten more reports (new regions' years) into the full warehouse
    added = sum(1 for _ in synthetic(args.reports + 10, args.years, inbox, CORPUS, start=args.reports))
    started = time.perf_counter()
    more = pipeline(inboxes=[str(inbox)], db=str(db), **options)
    add_ten = time.perf_counter() - started
    stack.close()
    floor_after = floor(inbox, args.floor_sample)
    floor_rate = (floor_before + floor_after) / 2

    loaded = len(summary.loaded) + len(summary.replaced)
    rate = loaded / seconds if seconds else 0.0
    result = {
        "reports": made,
        "loaded": loaded,
        "quarantined": len(summary.quarantined),
        "seconds": round(seconds, 2),
        "reports_per_s": round(rate, 1),
        "startup_s": round(startup, 2),
        "stages": {k: round(v, 2) for k, v in summary.stage_seconds.items()},
        # CPU of reading+parsing and of extraction, summed over the worker processes
        "worker_cpu_s": {k: round(v, 2) for k, v in summary.worker_seconds.items()},
        # CPU of the flow process itself (Prefect, gate, load, judge; its DuckDB threads included)
        "flow_cpu_s": round(flow_cpu, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # the largest worker process (parse/extract pool, Prefect's server): not added to the above
        "peak_rss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "floor_reports_per_s": round(floor_rate, 1),
        "floor_before_after": [round(floor_before, 1), round(floor_after, 1)],
        "floor_ratio": round(rate / floor_rate, 2) if floor_rate else None,
        "nothing_new_s": round(nothing_new, 2),
        "nothing_new_loaded": len(again.loaded),
        "add_10_s": round(add_ten, 2),  # a run that finds `added` new reports in the full inbox
        "add_10_added": added,
        "add_10_loaded": len(more.loaded),
        "add_10_stages": {k: round(v, 2) for k, v in more.stage_seconds.items()},
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            # the build matters (benchmarks/README.md): the interpreter behind the venv's link
            "executable": os.path.realpath(sys.executable),
            "platform": platform.platform(),
        },
    }
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

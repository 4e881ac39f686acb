"""Reading the warehouse for the pages: a read-only connection in, `models` out (pages, index entries,
runs, indicator histories, ladders). Every judgement is the warehouse's (sql `verdicts_of`, `scorecard_of`,
`dropped_of`, `target_ladder`), asked once for all the pages a write needs.
"""

from __future__ import annotations

import duckdb

from pledgetrack import evidence
from pledgetrack.publish.models import (
    IndexEntry,
    IndicatorHistory,
    IndicatorYear,
    Ladder,
    Page,
    Row,
    Rung,
    RunQuality,
    Scorecard,
    in_order,
)
from pledgetrack.regions import load_regions
from pledgetrack.warehouse import store


def _sentence(text: str | None, start: int | None, end: int | None) -> str:
    if text is None or start is None or end is None:
        return ""
    return evidence.quote(text, start, end)


def gather(con: duckdb.DuckDBPyConnection, region: str, year: int) -> Page:
    """Everything the page of `region`, `year` shows; ValueError when there is no such report."""
    return gather_many(con, [(region, year)])[0]


# a page's row of the verdicts (sql/models/verdicts.sql), in the order `_row` reads it
_ROW_COLUMNS = (
    "tier, indicator, status, rule, target_phrase, target_char_start, target_char_end, "
    "outcome_phrase, outcome_char_start, outcome_char_end, outcome_source, target_value, value_high, "
    "actual, unit, margin, tol, official_status, sources_disagree, no_evidence_reason, "
    "mention_char_start, mention_char_end, target_key, "
    "(SELECT o.source_url FROM outcomes o "
    "WHERE o.outcome_id = v.outcome_id AND v.outcome_source = 'official'), "
    "CASE WHEN overridden THEN automatic_status END, override_note, override_evidence, rests_on_summary"
)
_SOURCE_COLUMNS = "source_url, strftime(retrieved_at, '%Y-%m-%d %H:%M')"
_SCORECARD_COLUMNS = (
    "targets, kept, missed, no_evidence, pending, judged, coverage, kept_rate, rate_basis, overridden"
)


def gather_many(con: duckdb.DuckDBPyConnection, wanted: list[tuple[str, int]]) -> list[Page]:
    """The pages of these (region, year): their targets judged together (verdicts_of, scorecard_of and
    dropped_of once for all of them: each judges what it is given, and a page at a time judged 3 times a
    page). ValueError when one has no report."""
    if not wanted:
        return []
    keys = {"keys": [f"{region}|{year}" for region, year in wanted]}  # year_key(region, year)
    rows: dict[tuple[str, int], list[tuple]] = {}
    for region, year, *row in con.execute(
        f"SELECT region, year, {_ROW_COLUMNS} FROM verdicts_of($keys) v "
        "ORDER BY region, year, CASE tier WHEN 'headline' THEN 0 ELSE 1 END, target_char_start, target_id",
        keys,
    ).fetchall():
        rows.setdefault((region, year), []).append(row)
    cards = {
        (region, year): Scorecard(*card)
        for region, year, *card in con.execute(
            f"SELECT region, year, {_SCORECARD_COLUMNS} FROM scorecard_of($keys)", keys
        ).fetchall()
    }
    dropped: dict[tuple[str, int], list[str]] = {}
    for region, year, phrase in con.execute(
        "SELECT region, year, target_phrase FROM dropped_of($keys) ORDER BY target_id", keys
    ).fetchall():
        dropped.setdefault((region, year), []).append(phrase)
    settings = dict(con.execute("SELECT name, value FROM verdict_settings").fetchall())
    min_judged = con.execute("SELECT min_judged()").fetchone()[0]
    report = (  # a report's own facts, its source's too where the warehouse records them (sql/015)
        "SELECT report_id, title, CAST(delivered_on AS VARCHAR), source_name, text, "
        f"{_SOURCE_COLUMNS if store.records_sources(con) else 'NULL, NULL'} FROM reports "
        "WHERE region = ? AND year = ?"
    )
    return [
        _page(con, report, region, year, rows.get((region, year), []), cards.get((region, year), Scorecard()),
              dropped.get((region, year), []), settings, min_judged)
        for region, year in wanted
    ]  # fmt: skip


def _page(
    con: duckdb.DuckDBPyConnection,
    report: str,
    region: str,
    year: int,
    verdict_rows: list[tuple],
    scorecard: Scorecard,
    dropped: list[str],
    settings: dict[str, float],
    min_judged: int,
) -> Page:
    found = con.execute(report, [region, year]).fetchall()
    if not found:
        raise ValueError(f"no report of {region} for {year} in the warehouse")
    _, title, delivered_on, source_name, text, url, retrieved = found[0]
    follow = con.execute(report, [region, year + 1]).fetchall()
    follow_text = follow[0][4] if follow else None
    rows = [_row(row, text, follow_text) for row in verdict_rows]
    missing = _incomplete(con, region, year)
    previous_year, next_year = con.execute(
        "SELECT max(year) FILTER (WHERE year < $year), min(year) FILTER (WHERE year > $year) FROM reports "
        "WHERE region = $region",
        {"year": year, "region": region},
    ).fetchone()
    return Page(
        region=region,
        year=year,
        title=title or f"{year}年政府工作报告",
        delivered_on=delivered_on,
        source_name=source_name,
        follow_up=f"{follow[0][1] or ''}（{follow[0][3]}）" if follow else None,
        scorecard=scorecard,
        min_judged=min_judged,
        previous_year=previous_year,
        next_year=next_year,
        source_url=url,
        retrieved_at=retrieved,
        follow_up_url=follow[0][5] if follow else None,
        follow_up_retrieved_at=follow[0][6] if follow else None,
        rows=rows,
        dropped=dropped,
        settings=settings,
        lacks_targets=bool(missing.get(year, (False,))[0]),
        targets_note=missing.get(year, (False, None, None))[2],
        results_missing=missing.get(year + 1, (False, None))[1] if follow else None,
        results_note=missing.get(year + 1, (False, None, None))[2] if follow else None,
        cut_off=bool(missing.get(year, (False, None, None, False))[3]),
    )


def _row(row: tuple, text: str, follow_text: str | None) -> Row:
    (tier, indicator, status, rule, t_phrase, ts, te, o_phrase, os_, oe, o_source, value, high, actual, unit,
     margin, tol, official, disagree, reason, ms, me, key, outcome_url, automatic, note, editor_evidence,
     summary) = row  # fmt: skip
    return Row(
        tier,
        indicator,
        status,
        rule,
        t_phrase,
        _sentence(text, ts, te),
        o_phrase,
        _sentence(follow_text, os_, oe) if o_source == "report" else None,
        o_source,
        value,
        high,
        actual,
        unit,
        margin,
        tol,
        official,
        bool(disagree),
        reason,
        _sentence(follow_text, ms, me) or None,
        key,
        outcome_url,
        automatic,
        note,
        editor_evidence,
        bool(summary),
    )  # fmt: skip


def _incomplete(con: duckdb.DuckDBPyConnection, region: str, year: int) -> dict[int, tuple]:
    """{year: (lacks_targets, results_missing, note, cut_off)} of the page's report and its follow-up that
    are not whole; {} for a warehouse that does not record completeness yet (sql/011, until its next run)."""
    if not store.records_completeness(con):
        return {}
    rows = con.execute(
        "SELECT year, lacks_targets, results_missing, completeness_note, cut_off FROM incomplete_reports "
        "WHERE region = ? AND year IN (?, ?)",
        [region, year, year + 1],
    ).fetchall()
    return {y: (lacks, why, note, cut) for y, lacks, why, note, cut in rows}


def indicator_histories(
    con: duckdb.DuckDBPyConnection, regions: list[str], min_years: int = 2
) -> dict[str, list[IndicatorHistory]]:
    """Each government's indicators that carry a target in at least `min_years` years, each with its target
    and result year by year (one target an indicator a year: the headline one first), the most years first.
    One judgement for all the governments (verdicts_of their years), not one a government."""
    rows = con.execute(
        "SELECT region, year, coalesce(indicator_id, indicator) AS key, indicator, target_phrase, "
        "target_value, value_high, unit, actual, status, target_key FROM verdicts_of("
        "  (SELECT list(year_key(region, year)) FROM reports WHERE list_contains($regions, region))) "
        "ORDER BY region, key, year, CASE tier WHEN 'headline' THEN 0 ELSE 1 END, "
        "target_char_start, target_id",
        {"regions": list(regions)},
    ).fetchall()
    by_key: dict[tuple[str, str], dict[int, tuple]] = {}
    for row in rows:
        by_key.setdefault((row[0], row[2]), {}).setdefault(row[1], row[1:])  # one target an indicator a year
    histories: dict[str, list[IndicatorHistory]] = {region: [] for region in regions}
    for (region, key), years in by_key.items():
        if len(years) < min_years:
            continue
        shown = [years[y] for y in sorted(years)]
        histories[region].append(
            IndicatorHistory(
                region,
                key,
                shown[-1][2],  # the name the latest report writes
                [
                    IndicatorYear(y, phrase, value, high, unit, actual, status, tkey)
                    for y, _, _, phrase, value, high, unit, actual, status, tkey in shown
                ],
            )
        )
    for found in histories.values():
        found.sort(key=lambda h: (-len(h.years), h.name))
    return histories


def index_entries(con: duckdb.DuckDBPyConnection) -> list[IndexEntry]:
    """Every report's region and year, with its scorecard (zeros when it has no target) and what it lost,
    in administrative order: 全国, then each province followed by its cities and counties (by division
    code)."""
    if not store.records_completeness(con):
        marks = "false, NULL, false"
        joins = ""
    else:
        marks = "coalesce(i.lacks_targets, false), f.results_missing, coalesce(i.cut_off, false)"
        joins = (
            "LEFT JOIN incomplete_reports i ON i.report_id = r.report_id "
            "LEFT JOIN incomplete_reports f ON f.region = r.region AND f.year = r.year + 1 "
        )
    entries = [
        # a report with no target has no scorecard row: zeros, no coverage, no rate
        IndexEntry(
            region, year, Scorecard(*card) if card[0] is not None else Scorecard(), lacks, missing, cut
        )
        for region, year, *card, lacks, missing, cut in con.execute(
            f"SELECT r.region, r.year, {', '.join('s.' + c for c in _SCORECARD_COLUMNS.split(', '))}, "
            f"{marks} FROM reports r LEFT JOIN scorecard s USING (region, year) {joins}"
        ).fetchall()
    ]
    return in_order(entries)


def runs_quality(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[RunQuality]:
    """The latest runs, newest first, with the expectations each table passed and the failures' messages."""
    runs = con.execute(
        "SELECT run_id, strftime(started_at, '%Y-%m-%d %H:%M'), status, coalesce(loaded, 0), "
        "coalesce(quarantined, 0) FROM runs ORDER BY started_at DESC LIMIT ?",
        [limit],
    ).fetchall()
    out = []
    for run_id, started, status, loaded, quarantined in runs:
        tables = con.execute(
            "SELECT table_name, count(*) FILTER (WHERE success), count(*) FROM validations WHERE run_id = ? "
            "GROUP BY table_name ORDER BY table_name",
            [run_id],
        ).fetchall()
        failures = [
            m for (m,) in con.execute(
                "SELECT DISTINCT coalesce(message, expectation) FROM validations "
                "WHERE run_id = ? AND NOT success ORDER BY 1",
                [run_id],
            ).fetchall()
        ]  # fmt: skip
        out.append(
            RunQuality(
                run_id,
                started,
                status,
                loaded,
                quarantined,
                [(t, int(ok), int(n)) for t, ok, n in tables],
                failures,
            )
        )
    return out


def ladders(con: duckdb.DuckDBPyConnection, years: list[int]) -> list[Ladder]:
    """The year's targets of each indicator across governments, each beside its superior's (target_ladder),
    with what became of it, for these years."""
    found = con.execute(
        "SELECT l.year, coalesce(l.indicator_id, l.indicator), l.indicator, l.region, l.phrase, l.value, "
        "l.superior_region, l.superior_phrase, l.superior_value, l.raised_by, v.actual, v.status "
        "FROM target_ladder l JOIN verdicts_of((SELECT list(DISTINCT year_key(region, year)) "
        "FROM target_ladder WHERE list_contains($years, year))) v USING (target_id) "
        "WHERE list_contains($years, l.year) ORDER BY l.year, 2, l.region",
        {"years": list(years)},
    ).fetchall()
    grouped: dict[tuple[int, str], Ladder] = {}
    for year, key, name, *rung in found:
        grouped.setdefault((year, key), Ladder(year, key, name, [])).rungs.append(Rung(*rung))
    catalogue = load_regions()
    for ladder in grouped.values():
        ladder.rungs.sort(key=lambda r: catalogue.order_key(r.region))
    return list(grouped.values())


def ladder_index(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str, str, int]]:
    """(year, key, name, governments) of every ladder the warehouse holds, for the index."""
    if not store.records_regions(con):
        return []
    return con.execute(
        "SELECT year, coalesce(indicator_id, indicator) AS key, any_value(indicator), count(*) "
        "FROM target_ladder GROUP BY year, key ORDER BY year DESC, count(*) DESC, key"
    ).fetchall()

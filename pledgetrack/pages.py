"""Accountability pages: one page per government and year, and an index, as HTML and as Markdown.

`gather(con, region, year)` reads what a page shows from the warehouse into a plain `Page`; `page_html`,
`page_markdown`, `index_html` and `index_markdown` turn plain data into text and touch nothing else;
`write(db, out)` does both for every (region, year) with targets, or for the ones asked for.

The pages are for publishing as they are: self-contained (inline CSS and SVG, no script, no external
font, image or stylesheet, so they work offline and from a file), Chinese shown as text. Everything that
comes from a report passes through `html.escape`, and each page carries a Content-Security-Policy that
forbids scripts altogether, so a report containing "<script>" or an event handler cannot run anything.
The sentence around each target and result is in a <details> element: shown on demand, without script.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

import duckdb

from pledgetrack import evidence, store

STATUS_ZH = {"kept": "兑现", "missed": "未兑现", "no_evidence": "无下文", "pending": "待下一年报告"}
STATUS_COLOR = {"kept": "#1a7f37", "missed": "#cf222e", "no_evidence": "#9a6700", "pending": "#6e7781"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'"


@dataclass
class Row:
    """One target with its verdict, as shown in the table."""

    tier: str
    indicator: str
    status: str
    rule: str
    target_phrase: str
    target_sentence: str
    outcome_phrase: str | None = None
    outcome_sentence: str | None = None
    outcome_source: str | None = None
    target_value: float | None = None
    value_high: float | None = None
    actual: float | None = None
    unit: str | None = None
    margin: float | None = None
    tol: float | None = None
    official_status: str | None = None
    sources_disagree: bool = False


@dataclass
class Page:
    region: str
    year: int
    title: str
    delivered_on: str | None
    source_name: str
    follow_up: str | None  # "title (source)" of the report of year + 1, None while it is missing
    counts: dict[str, int]
    kept_rate: float | None
    rows: list[Row]
    dropped: list[str]  # target phrases the follow-up report never comes back to
    settings: dict[str, float]
    quality: list[tuple[str, int, int]]  # (table, expectations passed, expectations evaluated)
    generated_at: str = field(default_factory=lambda: dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
    # a side lost (view incomplete_reports): the year's report has no headline target; why the follow-up
    # holds no result of the year (no_review | no_results | five_year_review); each report's note
    lacks_targets: bool = False
    targets_note: str | None = None
    results_missing: str | None = None
    results_note: str | None = None


@dataclass
class IndexEntry:
    region: str
    year: int
    targets: int
    kept: int
    missed: int
    no_evidence: int
    pending: int
    kept_rate: float | None
    lacks_targets: bool = False  # the year's report: no headline target found
    results_missing: str | None = None  # its follow-up: why no result of the year (see Page)


# ---------------------------------------------------------------- reading the warehouse


def _sentence(text: str | None, start: int | None, end: int | None) -> str:
    if text is None or start is None or end is None:
        return ""
    return evidence.quote(text, start, end)


def gather(con: duckdb.DuckDBPyConnection, region: str, year: int) -> Page:
    """Everything the page of `region`, `year` shows; ValueError when there is no such report."""
    found = con.execute(
        "SELECT report_id, title, CAST(delivered_on AS VARCHAR), source_name, text FROM reports "
        "WHERE region = ? AND year = ?",
        [region, year],
    ).fetchall()
    if not found:
        raise ValueError(f"no report of {region} for {year} in the warehouse")
    report_id, title, delivered_on, source_name, text = found[0]
    follow = con.execute(
        "SELECT report_id, title, source_name, text FROM reports WHERE region = ? AND year = ?",
        [region, year + 1],
    ).fetchall()
    follow_text = follow[0][3] if follow else None
    cursor = con.execute(
        "SELECT tier, indicator, status, rule, target_phrase, target_char_start, target_char_end, "
        "outcome_phrase, outcome_char_start, outcome_char_end, outcome_source, target_value, value_high, "
        "actual, unit, margin, tol, official_status, sources_disagree "
        "FROM verdicts_of([year_key(?, ?)]) "  # the page's targets only (sql/008), not the warehouse's
        "ORDER BY CASE tier WHEN 'headline' THEN 0 ELSE 1 END, target_char_start",
        [region, year],
    )
    rows = []
    for (tier, indicator, status, rule, t_phrase, ts, te, o_phrase, os_, oe, o_source, value, high, actual,
         unit, margin, tol, official, disagree) in cursor.fetchall():  # fmt: skip
        rows.append(
            Row(
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
            )  # fmt: skip
        )
    counts = {s: sum(1 for r in rows if r.status == s) for s in STATUS_ZH}
    judged = counts["kept"] + counts["missed"]
    dropped = [
        p for (p,) in con.execute(
            "SELECT target_phrase FROM dropped WHERE region = ? AND year = ? ORDER BY target_id", [region, year]
        ).fetchall()
    ]  # fmt: skip
    missing = _incomplete(con, region, year)
    settings = dict(con.execute("SELECT name, value FROM verdict_settings").fetchall())
    loaded_by = [report_id] + ([follow[0][0]] if follow else [])
    quality = con.execute(
        "SELECT v.table_name, count(*) FILTER (WHERE v.success), count(*) FROM validations v "
        "WHERE v.run_id IN (SELECT run_id FROM inbox_files WHERE list_contains(?::VARCHAR[], report_id)) "
        "GROUP BY v.table_name ORDER BY v.table_name",
        [loaded_by],
    ).fetchall()
    return Page(
        region=region,
        year=year,
        title=title or f"{year}年政府工作报告",
        delivered_on=delivered_on,
        source_name=source_name,
        follow_up=f"{follow[0][1] or ''}（{follow[0][2]}）" if follow else None,
        counts=counts,
        kept_rate=counts["kept"] / judged if judged else None,
        rows=rows,
        dropped=dropped,
        settings=settings,
        quality=[(t, int(ok), int(n)) for t, ok, n in quality],
        lacks_targets=bool(missing.get(year, (False,))[0]),
        targets_note=missing.get(year, (False, None, None))[2],
        results_missing=missing.get(year + 1, (False, None))[1] if follow else None,
        results_note=missing.get(year + 1, (False, None, None))[2] if follow else None,
    )


def _incomplete(con: duckdb.DuckDBPyConnection, region: str, year: int) -> dict[int, tuple]:
    """{year: (lacks_targets, results_missing, note)} of the page's report and its follow-up that are not
    whole; {} for a warehouse that does not record completeness yet (sql/011, until its next run)."""
    if not store.records_completeness(con):
        return {}
    rows = con.execute(
        "SELECT year, lacks_targets, results_missing, completeness_note FROM incomplete_reports "
        "WHERE region = ? AND year IN (?, ?)",
        [region, year, year + 1],
    ).fetchall()
    return {y: (lacks, why, note) for y, lacks, why, note in rows}


def index_entries(con: duckdb.DuckDBPyConnection) -> list[IndexEntry]:
    """Every report's region and year, with its scorecard (zeros when it has no target) and what it lost."""
    if not store.records_completeness(con):
        marks = "false, NULL"
        joins = ""
    else:
        marks = "coalesce(i.lacks_targets, false), f.results_missing"
        joins = (
            "LEFT JOIN incomplete_reports i ON i.report_id = r.report_id "
            "LEFT JOIN incomplete_reports f ON f.region = r.region AND f.year = r.year + 1 "
        )
    return [
        IndexEntry(*row)
        for row in con.execute(
            "SELECT r.region, r.year, coalesce(s.targets, 0), coalesce(s.kept, 0), coalesce(s.missed, 0), "
            "coalesce(s.no_evidence, 0), coalesce(s.pending, 0), s.kept_rate, "
            f"{marks} FROM reports r LEFT JOIN scorecard s USING (region, year) {joins}"
            "ORDER BY r.region, r.year"
        ).fetchall()
    ]


# ---------------------------------------------------------------- HTML

_STYLE = """
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;color:#1f2328;
background:#fff;line-height:1.55}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid #d0d7de}
.meta{color:#57606a;margin:0 0 16px}
.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid #d0d7de;border-radius:8px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:28px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}th.num{text-align:right}
#targets td:nth-child(1){width:5em}#targets td:nth-child(2){width:9em}#targets td:nth-child(3){width:30%}
.status{font-weight:600;white-space:nowrap}
.num{text-align:right;white-space:nowrap}
details summary{cursor:pointer;color:#0969da}
details p{background:#f6f8fa;padding:6px 8px;margin:4px 0}
.note{color:#57606a;font-size:13px}
.missing{border-left:4px solid #9a6700;background:#fff8c5;padding:8px 12px}
svg text{font-size:12px;fill:#1f2328}
"""


def _doc(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
        "</body>\n</html>\n"
    )


def _num(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return ""
    return f"{value:g}{unit or ''}"


def _target_text(row: Row) -> str:
    if row.target_value is None:
        return ""
    if row.value_high is not None:
        return f"{row.target_value:g}–{row.value_high:g}{row.unit or ''}"
    return _num(row.target_value, row.unit)


def _status(status: str) -> str:
    return f'<span class="status" style="color:{STATUS_COLOR[status]}">{escape(STATUS_ZH[status])}</span>'


def _chart(rows: list[Row]) -> str:
    """Target and result side by side for every quantitative target that has a result: one scale per
    indicator (their units differ), the target grey, the result green when kept and red when missed."""
    bars = [
        r
        for r in rows
        if r.target_value is not None and r.actual is not None and r.rule != "attainment_ratio"
    ]
    if not bars:
        return '<p class="note" id="chart">没有可以作图的量化目标与结果（no quantitative target has a result yet）。</p>'
    label_w, bar_w, row_h = 260, 520, 46
    height = row_h * len(bars) + 30
    parts = [
        f'<svg id="chart" role="img" aria-label="目标与实际" width="{label_w + bar_w + 140}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 140} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<text x="{label_w}" y="14">灰：目标　彩：实际（各指标单独标尺）</text>',
    ]
    for i, r in enumerate(bars):
        y = 24 + i * row_h
        top = max(abs(r.target_value), abs(r.value_high or 0), abs(r.actual), 1e-9)
        t_len = bar_w * abs(r.target_value) / top
        a_len = bar_w * max(r.actual, 0) / top
        color = STATUS_COLOR[r.status]
        parts += [
            f'<text x="0" y="{y + 16}">{escape(r.indicator[:18])}</text>',
            f'<rect x="{label_w}" y="{y}" width="{t_len:.1f}" height="16" fill="#afb8c1"/>',
            f'<text x="{label_w + t_len + 6:.1f}" y="{y + 13}">{escape(_target_text(r))}</text>',
            f'<rect x="{label_w}" y="{y + 19}" width="{a_len:.1f}" height="16" fill="{color}"/>',
            f'<text x="{label_w + a_len + 6:.1f}" y="{y + 32}">{escape(_num(r.actual, r.unit))}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def _evidence_cell(phrase: str | None, sentence: str | None, source: str | None) -> str:
    if not phrase:
        return ""
    cell = escape(phrase)
    if source == "official":
        cell += ' <span class="note">（官方统计）</span>'
    if sentence:
        cell += f"<details><summary>原文</summary><p>{escape(sentence)}</p></details>"
    return cell


def missing_sides(page: Page) -> list[tuple[str, str | None]]:
    """What the page cannot show because a report lost a side, in words for its readers, each with the
    report's own note (pledgetrack.completeness): (sentence, note)."""
    year, follow = page.year, page.year + 1
    said = []
    if page.lacks_targets:
        said.append(
            (
                f"{year}年报告中未找到当年的主要目标：未能定位“主要预期目标”段落、未能从中读出目标，"
                "或报告只提出了五年规划目标。本页没有可以判定的主要目标，这不表示该政府当年没有设定目标。",
                page.targets_note,
            )
        )
    why = {
        "no_review": f"{follow}年报告中未找到{year}年的结果：未能定位该报告的工作回顾部分，"
        f"{year}年的目标因此只能显示为无下文，这不表示目标未被提及。",
        "no_results": f"{follow}年报告中未找到{year}年的结果：找到了工作回顾部分，但未能从中读出{year}年的数字，"
        f"{year}年的目标多数只能显示为无下文。",
        "five_year_review": f"{follow}年报告是换届报告，其工作回顾总结五年任期，没有陈述{year}年的数字："
        f"{year}年的目标只能显示为无下文。",
    }
    if page.results_missing in why:
        said.append((why[page.results_missing], page.results_note))
    return said


def _missing_html(page: Page) -> str:
    return "".join(
        f'<p class="missing">{escape(sentence)}'
        + (f'<br><span class="note">{escape(note)}</span>' if note else "")
        + "</p>"
        for sentence, note in missing_sides(page)
    )


def page_html(page: Page) -> str:
    name = f"{page.region} {page.year}年"
    rate = "—" if page.kept_rate is None else f"{page.kept_rate:.0%}"
    cards = "".join(
        f'<div class="card">{escape(STATUS_ZH[s])}<b style="color:{STATUS_COLOR[s]}">{page.counts[s]}</b></div>'
        for s in STATUS_ZH
    )
    rows = []
    for r in page.rows:
        disagree = ""
        if r.sources_disagree:
            disagree = (
                f'<div class="note">官方统计判定：{escape(STATUS_ZH.get(r.official_status or "", ""))}</div>'
            )
        rows.append(
            "<tr>"
            f"<td>{_status(r.status)}{disagree}</td>"
            f'<td>{escape(r.indicator)}<div class="note">{escape("主要目标" if r.tier == "headline" else "其他承诺")}</div></td>'
            f"<td>{_evidence_cell(r.target_phrase, r.target_sentence, 'report')}</td>"
            f"<td>{_evidence_cell(r.outcome_phrase, r.outcome_sentence, r.outcome_source)}</td>"
            f'<td class="num">{escape(_target_text(r))}</td>'
            f'<td class="num">{escape(_num(r.actual, r.unit))}</td>'
            f'<td class="num">{escape(_num(r.margin))}</td>'
            f"<td>{escape(r.rule)}</td>"
            "</tr>"
        )
    dropped = "".join(f"<li>{escape(p)}</li>" for p in page.dropped) or "<li>无</li>"
    quality = (
        "".join(f'<tr><td>{escape(t)}</td><td class="num">{ok} / {n}</td></tr>' for t, ok, n in page.quality)
        or '<tr><td colspan="2">没有记录</td></tr>'
    )
    follow = escape(page.follow_up) if page.follow_up else f"尚未收录{page.year + 1}年报告：结果待定"
    body = f"""
<p class="note"><a href="../index.html">← 全部政府与年份</a></p>
<h1>{escape(name)}目标兑现情况</h1>
<p class="meta">目标来源：{escape(page.title)}（{escape(page.source_name)}{"，" + escape(page.delivered_on) if page.delivered_on else ""}）<br>
结果来源：{follow}</p>
<h2>记分卡</h2>
<div class="cards" id="scorecard">{cards}<div class="card">兑现率<b>{escape(rate)}</b></div></div>
<p class="note">兑现率 = 兑现 ÷（兑现 + 未兑现）；无下文与待定不计入。</p>
<h2>目标与实际</h2>
{_chart(page.rows)}
<h2>全部目标</h2>
{_targets_table(page, rows)}
<h2>此后未再提及的目标</h2>
<ul id="dropped">{dropped}</ul>
<h2>方法</h2>
<p>每个目标取自{escape(str(page.year))}年报告，由{escape(str(page.year + 1))}年报告对{escape(str(page.year))}年的陈述判定
（用户导入官方统计时，报告未提及才以官方数据判定，两者不一致时并列显示）。同一指标（指标目录编号或同一中心词）、同类口径（增速对增速、总量对总量，单位换算）的结果才能判定目标。
下限型目标（增长、收入、就业）实际 ≥ 目标为兑现，上限型（物价涨幅、失业率、赤字率）实际 ≤ 目标为兑现；
“左右”允许 {self_tol(page.settings)}；区间目标以下限（或上限）为准；“完成年度目标的x%”以 ≥100% 为兑现；明确表述“未完成”即未兑现。
差距为正表示好于目标。规则名称见 pledgetrack 的 sql/definitions/verdicts.sql。</p>
<h2>数据质量</h2>
<p class="note">本页所依据报告入库时 Great Expectations 检查的结果（通过 / 检查项）：</p>
<table id="quality"><thead><tr><th>表</th><th>通过 / 检查</th></tr></thead><tbody>{quality}</tbody></table>
<p class="note">由 pledgetrack 生成于 {escape(page.generated_at)}。</p>
"""
    return _doc(f"{name}目标兑现情况", body)


def _targets_table(page: Page, rows: list[str]) -> str:
    """The table of targets, after what the page lacks; only what it lacks when it has no target at all."""
    missing = f'<div id="completeness">{_missing_html(page)}</div>\n' if missing_sides(page) else ""
    if not rows and missing:
        return missing
    return (
        f"{missing}"
        '<table id="targets">\n<thead><tr><th>判定</th><th>指标</th><th>目标原文</th><th>结果原文</th>'
        '<th class="num">目标</th><th class="num">实际</th>\n<th class="num">差距</th><th>规则</th></tr></thead>\n'
        f"<tbody>\n{''.join(rows)}\n</tbody>\n</table>"
    )


def self_tol(settings: dict[str, float]) -> str:
    points = settings.get("tol_points", 0.5)
    share = settings.get("tol_relative", 0.05)
    return f"百分比目标 ±{points:g} 个百分点、其他目标 ±{share:.0%}"


def page_path(region: str, year: int, suffix: str = ".html") -> str:
    return f"{region}/{year}{suffix}"


def _rate_chart(entries: list[IndexEntry]) -> str:
    """Kept rate per region over the years: one line per region."""
    judged = [e for e in entries if e.kept_rate is not None]
    regions = sorted({e.region for e in judged})
    years = sorted({e.year for e in judged})
    if not years:
        return '<p class="note" id="chart">还没有判定过的年份：下一年的报告入库后即有兑现率。</p>'
    palette = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#9a6700", "#bf3989", "#1b7c83", "#57606a"]
    left, width, top, height = 60, 760, 20, 260
    span = max(years[-1] - years[0], 1)

    def x(year: int) -> float:
        return left + width * (year - years[0]) / span

    def y(rate: float) -> float:
        return top + height * (1 - rate)

    parts = [
        f'<svg id="chart" role="img" aria-label="兑现率" width="{left + width + 220}" height="{top + height + 40}" '
        f'viewBox="0 0 {left + width + 220} {top + height + 40}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for tick in (0, 0.5, 1):
        parts.append(
            f'<line x1="{left}" x2="{left + width}" y1="{y(tick)}" y2="{y(tick)}" stroke="#d0d7de"/>'
        )
        parts.append(f'<text x="10" y="{y(tick) + 4}">{tick:.0%}</text>')
    step = 1 if span <= 12 else 2  # labels 28 px wide must not overlap
    for year in range(years[0], years[-1] + 1, step):
        parts.append(f'<text x="{x(year) - 14:.1f}" y="{top + height + 20}">{year}</text>')
    for i, region in enumerate(regions):
        color = palette[i % len(palette)]
        points = [
            (x(e.year), y(e.kept_rate)) for e in entries if e.region == region and e.kept_rate is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        parts += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{color}"/>' for px, py in points]
        parts.append(
            f'<rect x="{left + width + 20}" y="{top + 18 * i}" width="12" height="12" fill="{color}"/>'
        )
        parts.append(f'<text x="{left + width + 38}" y="{top + 18 * i + 11}">{escape(region)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _waiting(entries: list[IndexEntry]) -> str:
    judged = {e.region for e in entries if e.kept_rate is not None}
    waiting = sorted({e.region for e in entries} - judged)
    return f"；尚无判定：{escape('、'.join(waiting))}" if waiting else ""


INDEX_MARKS = {
    "no_targets": "报告中未找到主要目标",
    "no_review": "下一年报告未找到工作回顾",
    "no_results": "下一年报告未读出本年结果",
    "five_year_review": "下一年为换届报告，未陈述本年数字",
}


def index_mark(entry: IndexEntry) -> str:
    """A short word on what a year's page lacks ('' when both its reports are whole)."""
    marks = [INDEX_MARKS["no_targets"]] if entry.lacks_targets else []
    if entry.results_missing in INDEX_MARKS:
        marks.append(INDEX_MARKS[entry.results_missing])
    return "；".join(marks)


def index_html(entries: list[IndexEntry]) -> str:
    rows = "".join(
        "<tr>"
        f'<td><a href="{quote(page_path(e.region, e.year))}">{escape(e.region)}</a></td>'
        f'<td class="num">{e.year}</td><td class="num">{e.targets}</td><td class="num">{e.kept}</td>'
        f'<td class="num">{e.missed}</td><td class="num">{e.no_evidence}</td><td class="num">{e.pending}</td>'
        f'<td class="num">{"—" if e.kept_rate is None else f"{e.kept_rate:.0%}"}</td>'
        f'<td class="note">{escape(index_mark(e))}</td>'
        "</tr>"
        for e in entries
    )
    body = f"""
<h1>政府工作报告目标兑现情况</h1>
<p class="meta">每个政府每年设定的目标，由下一年报告陈述的结果判定。点击政府名称查看逐条证据。</p>
<h2>兑现率</h2>
{_rate_chart(entries)}
<p class="note">兑现率 = 兑现 ÷（兑现 + 未兑现）；没有判定结果的年份不画点{_waiting(entries)}。</p>
<h2>全部政府与年份</h2>
<table id="scorecard">
<thead><tr><th>政府</th><th class="num">年份</th><th class="num">目标</th><th class="num">兑现</th>
<th class="num">未兑现</th><th class="num">无下文</th><th class="num">待定</th><th class="num">兑现率</th><th>缺失</th></tr></thead>
<tbody>{rows}</tbody>
</table>
<p class="note">缺失：该年报告或下一年报告缺了一面（未找到目标或结果），详见该年页面。</p>
"""
    return _doc("政府工作报告目标兑现情况", body)


# ---------------------------------------------------------------- Markdown


def _md(text: str | None) -> str:
    """A table cell: no line breaks, pipes escaped, markup characters neutralised."""
    if not text:
        return ""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return escape(out, quote=False)  # Markdown renders inline HTML: keep it as text


def page_markdown(page: Page) -> str:
    rate = "—" if page.kept_rate is None else f"{page.kept_rate:.0%}"
    lines = [
        f"# {_md(page.region)} {page.year}年目标兑现情况",
        "",
        f"- 目标来源：{_md(page.title)}（{_md(page.source_name)}）",
        f"- 结果来源：{_md(page.follow_up) if page.follow_up else f'尚未收录{page.year + 1}年报告'}",
        "",
        "| 兑现 | 未兑现 | 无下文 | 待定 | 兑现率 |",
        "| ---: | ---: | ---: | ---: | ---: |",
        f"| {page.counts['kept']} | {page.counts['missed']} | {page.counts['no_evidence']} | "
        f"{page.counts['pending']} | {rate} |",
        "",
    ]
    for sentence, note in missing_sides(page):
        lines += [f"> {_md(sentence)}" + (f"（{_md(note)}）" if note else ""), ""]
    if page.rows or not missing_sides(page):
        lines += [
            "| 判定 | 指标 | 目标原文 | 结果原文 | 目标 | 实际 | 差距 | 规则 |",
            "| --- | --- | --- | --- | ---: | ---: | ---: | --- |",
        ]
    for r in page.rows:
        lines.append(
            f"| {STATUS_ZH[r.status]} | {_md(r.indicator)} | {_md(r.target_phrase)} | {_md(r.outcome_phrase)} | "
            f"{_md(_target_text(r))} | {_md(_num(r.actual, r.unit))} | {_md(_num(r.margin))} | {r.rule} |"
        )
    lines += ["", "此后未再提及的目标：", ""] + ([f"- {_md(p)}" for p in page.dropped] or ["- 无"])
    lines += ["", f"方法：见 HTML 版本；左右的容差为{self_tol(page.settings)}。", ""]
    return "\n".join(lines)


def index_markdown(entries: list[IndexEntry]) -> str:
    lines = [
        "# 政府工作报告目标兑现情况",
        "",
        "| 政府 | 年份 | 目标 | 兑现 | 未兑现 | 无下文 | 待定 | 兑现率 | 缺失 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for e in entries:
        rate = "—" if e.kept_rate is None else f"{e.kept_rate:.0%}"
        link = f"[{_md(e.region)}]({quote(page_path(e.region, e.year, '.md'))})"
        lines.append(
            f"| {link} | {e.year} | {e.targets} | {e.kept} | {e.missed} | {e.no_evidence} | {e.pending} | {rate} "
            f"| {_md(index_mark(e))} |"
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- writing


def write(db: Path, out: Path, which: list[tuple[str, int]] | None = None) -> list[Path]:
    """Write the pages of `which` (default: every region and year with a report) and the index into
    `out`; returns the files written. Each file is written to a temporary name and renamed into place."""
    out = Path(out)
    written: list[Path] = []
    with store.connect(db, read_only=True) as con:
        every = con.execute("SELECT region, year FROM reports ORDER BY region, year").fetchall()
        wanted = every if which is None else [k for k in every if k in set(which)]
        pages = [gather(con, region, year) for region, year in wanted]
        entries = index_entries(con)
    for page in pages:
        written.append(_write(out / page_path(page.region, page.year), page_html(page)))
        written.append(_write(out / page_path(page.region, page.year, ".md"), page_markdown(page)))
    written.append(_write(out / "index.html", index_html(entries)))
    written.append(_write(out / "index.md", index_markdown(entries)))
    return written


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path

"""What the pages say in words, the same in HTML and Markdown: a page's data in, Chinese text out (the
kept rate and coverage with their denominators, what a page lacks and why, the tolerance, a figure with
its unit).
"""

from __future__ import annotations

from pledgetrack import labels
from pledgetrack.publish.models import IndexEntry, Page, Row, Scorecard


def number_text(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return ""
    return f"{value:g}{unit or ''}"


def target_text(row: Row) -> str:
    if row.target_value is None:
        return ""
    if row.value_high is not None:
        return f"{row.target_value:g}–{row.value_high:g}{row.unit or ''}"
    return number_text(row.target_value, row.unit)


def missing_sides(page: Page) -> list[tuple[str, str | None]]:
    """What the page cannot show because a report lost a side, in words for its readers, each with the
    report's own note (pledgetrack.ingest.completeness): (sentence, note)."""
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
    if page.cut_off:
        said.append(
            (
                f"{year}年报告的文本在结束语之前中断（下载或复制不完整）：当年的工作安排、也许还有部分目标缺失，"
                "本页列出的目标可能不全。",
                page.targets_note,
            )
        )
    return said


def rate_text(card: Scorecard) -> str:
    """The kept rate with its denominator, or why there is none: '80%（5 项已判定中 4 项兑现）'."""
    if card.kept_rate is None:
        return f"—（{labels.words(labels.RATE_BASIS, card.rate_basis)}）"
    return f"{card.kept_rate:.0%}（{card.judged} 项已判定中 {card.kept} 项兑现）"


def coverage_text(card: Scorecard) -> str:
    """'32%（41 项目标中 13 项可判定）', or '—' while every target waits for its follow-up."""
    evaluable = card.targets - card.pending
    if not evaluable or card.coverage is None:
        return "—"
    return f"{card.coverage:.0%}（{evaluable} 项目标中 {card.judged} 项有判定）"


def self_tol(settings: dict[str, float]) -> str:
    points = settings.get("tol_points", 0.5)
    share = settings.get("tol_relative", 0.05)
    return f"百分比目标 ±{points:g} 个百分点、其他目标 ±{share:.0%}"


INDEX_MARKS = {
    "no_targets": "报告中未找到主要目标",
    "no_review": "下一年报告未找到工作回顾",
    "no_results": "下一年报告未读出本年结果",
    "five_year_review": "下一年为换届报告，未陈述本年数字",
    "cut_off": "报告文本不完整",
}


def index_mark(entry: IndexEntry) -> str:
    """A short word on what a year's page lacks ('' when both its reports are whole)."""
    marks = [INDEX_MARKS["no_targets"]] if entry.lacks_targets else []
    if entry.results_missing in INDEX_MARKS:
        marks.append(INDEX_MARKS[entry.results_missing])
    if entry.cut_off:
        marks.append(INDEX_MARKS["cut_off"])
    return "；".join(marks)

"""The year pages and the index as Markdown: `models` in, text out. Table cells are escaped (`_md`):
Markdown renders inline HTML, so a report's text must stay text.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from pledgetrack import labels
from pledgetrack.publish import words
from pledgetrack.publish.models import IndexEntry, Page, Scorecard, in_order, page_path


def _md(text: str | None) -> str:
    """A table cell: no line breaks, pipes escaped, markup characters neutralised."""
    if not text:
        return ""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return escape(out, quote=False)  # Markdown renders inline HTML: keep it as text


def page_markdown(page: Page) -> str:
    card = page.scorecard
    lines = [
        f"# {_md(page.region)} {page.year}年目标兑现情况",
        "",
        f"- 目标来源：{_md(page.title)}（{_md(page.source_name)}）",
        f"- 结果来源：{_md(page.follow_up) if page.follow_up else f'尚未收录{page.year + 1}年报告'}",
        "",
        "| 兑现 | 未兑现 | 无下文 | 待定 | 覆盖率 | 兑现率 |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {card.kept} | {card.missed} | {card.no_evidence} | {card.pending} | "
        f"{words.coverage_text(card)} | {words.rate_text(card)} |",
        "",
    ]
    for sentence, note in words.missing_sides(page):
        lines += [f"> {_md(sentence)}" + (f"（{_md(note)}）" if note else ""), ""]
    if page.rows or not words.missing_sides(page):
        lines += [
            "| 判定 | 指标 | 目标原文 | 结果原文或无下文的原因 | 目标 | 实际 | 差距 | 判定依据 |",
            "| --- | --- | --- | --- | ---: | ---: | ---: | --- |",
        ]
    for r in page.rows:
        said = r.outcome_phrase or labels.words(labels.REASON, r.reason)
        lines.append(
            f"| {labels.STATUS[r.status]} | {_md(r.indicator)} | {_md(r.target_phrase)} | {_md(said)} | "
            f"{_md(words.target_text(r))} | {_md(words.number_text(r.actual, r.unit))} | "
            f"{_md(words.number_text(r.margin))} | "
            f"{_md(labels.words(labels.RULE, r.rule))} |"
        )
    lines += ["", "此后未再提及的目标：", ""] + ([f"- {_md(p)}" for p in page.dropped] or ["- 无"])
    lines += ["", f"方法：见 HTML 版本；左右的容差为{words.self_tol(page.settings)}。", ""]
    return "\n".join(lines)


def index_markdown(entries: list[IndexEntry]) -> str:
    lines = [
        "# 政府工作报告目标兑现情况",
        "",
        "| 政府 | 年份 | 目标 | 兑现 | 未兑现 | 无下文 | 待定 | 覆盖率 | 兑现率 | 缺失 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for e in in_order(entries):
        c = e.scorecard
        link = f"[{_md(e.region)}]({quote(page_path(e.region, e.year, '.md'))})"
        lines.append(
            f"| {link} | {e.year} | {c.targets} | {c.kept} | {c.missed} | {c.no_evidence} | {c.pending} | "
            f"{_short_share(c.coverage)} | {_short_rate(c)} | {_md(words.index_mark(e))} |"
        )
    return "\n".join(lines) + "\n"


def _short_share(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def _short_rate(card: Scorecard) -> str:
    """'80%（4/5）' or '—': the index's rate, always with its denominator."""
    return "—" if card.kept_rate is None else f"{card.kept_rate:.0%}（{card.kept}/{card.judged}）"

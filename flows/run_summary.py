"""What `pledgetrack run` prints when a run ends.

In: the flow's RunSummary (flows.pipeline) and the warehouse path. Out: the summary's lines, one string:
what was found, fetched, loaded, judged and written, and every file that was quarantined, not whole or not
read, with the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pledgetrack.ingest import completeness
from pledgetrack.warehouse.status import printable

if TYPE_CHECKING:
    from flows.pipeline import RunSummary


def format_summary(summary: RunSummary, db: Path) -> str:
    lines = [
        f"run {summary.run_id}: {summary.files_found} files in the inboxes, "
        f"{summary.files_new} new or changed"
    ]
    if summary.fetched or summary.fetch_errors:
        lines.append(f"  fetched {len(summary.fetched)} new files, {len(summary.fetch_errors)} fetch errors")
        lines += [f"    fetch error: {e}" for e in summary.fetch_errors]
    if summary.manifest_rows or summary.manifest_problems:
        lines.append(f"  manifests name {summary.manifest_rows} files of the inboxes")
        lines += [f"    manifest: {problem}" for problem in summary.manifest_problems]
    loaded = len(summary.loaded) + len(summary.replaced)
    if not loaded and not summary.quarantined:
        lines.append("  nothing new to load: the warehouse is up to date")
    else:
        lines.append(
            f"  loaded {len(summary.loaded)} new reports, replaced {len(summary.replaced)} with a corrected "
            f"version; {len(summary.duplicates)} duplicates and {summary.unchanged} unchanged files skipped"
        )
    if summary.refiled:
        lines.append(f"  re-filed {len(summary.refiled)} reports loaded before as a manifest names them")
    if summary.contradictions:
        lines.append(
            f"  a manifest decided against the text for {len(summary.contradictions)} files "
            "(see `pledgetrack status`):"
        )
        lines += [f"    {_contradiction(c)}" for c in summary.contradictions]
    if summary.judged:
        counts = ", ".join(f"{status} {n}" for status, n in summary.judged.items())
        lines.append(f"  judged {sum(summary.judged.values())} targets of the year before: {counts}")
    if summary.pages:
        lines.append(
            f"  wrote {len(summary.pages)} accountability pages and the index: {Path(summary.pages[-2])}"
        )
    if summary.not_whole:
        count = len(summary.not_whole)
        lines.append(
            f"  {count} of the reports loaded {'is' if count == 1 else 'are'} not whole, loaded with a flag "
            "(see `pledgetrack status`):"
        )
        lines += [
            f"    {line}"
            for line in completeness.group_lines(
                (r["completeness"], printable(Path(r["source_path"]).name)) for r in summary.not_whole
            )
        ]
    if summary.quarantined:
        lines.append(f"  quarantined {len(summary.quarantined)} files (see `pledgetrack status`):")
        lines += [f"    {printable(Path(q['source_path']).name)}: {q['reason']}" for q in summary.quarantined]
    if summary.skipped:
        lines.append(f"  not read: {len(summary.skipped)} entries of the inboxes that are not report files:")
        lines += [f"    {printable(s['source_path'])}: {s['reason']}" for s in summary.skipped]
    lines.append(f"  warehouse: {db}")
    return "\n".join(lines)


def _contradiction(row: dict) -> str:
    text_says = " ".join(str(v) for v in (row["detected_region"], row["detected_year"]) if v is not None)
    name = printable(Path(row["source_path"]).name)
    return f"{name}: filed as {row['region']} {row['year']} ({row['origin']}); the text says {text_says}"

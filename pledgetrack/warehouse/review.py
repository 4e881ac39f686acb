"""Editorial review: the verdicts that most need a human, and an editor's override of one.

An automatic verdict can be wrong; an accountability desk has an editor who checks and corrects it. This
module reads the warehouse for what to check first (`queue`), writes an editor's verdict (`override`,
through the Great Expectations suite `expectations/overrides.json` like every other load), and lists the
overrides whose target is gone (`orphans`). An override is keyed by the target's stable key (sql
`target_key`): it outlives re-runs and a corrected report that keeps the phrase, and `verdicts` applies it
(sql/models/verdicts.sql). Functions take an open DuckDB connection and return plain rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import astuple, dataclass

import duckdb
import pandas as pd

from pledgetrack.warehouse import gate

EDITABLE = ("kept", "missed", "no_evidence")  # pending is no verdict: the follow-up is not there yet

# what most needs a human, first to last; each a reason the queue names
_QUEUE = """
WITH v AS (SELECT * FROM verdicts WHERE NOT overridden
           AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], region))
           AND (?::INTEGER IS NULL OR year = ?::INTEGER)),
flagged AS (
    SELECT v.*, 1 AS priority, 'dropped: the follow-up never names it (an accusation)' AS why
    FROM v JOIN dropped d USING (target_id)
    UNION ALL
    SELECT v.*, 2, 'no evidence, but the follow-up names it nearby: ' || v.mention_snippet
    FROM v WHERE v.status = 'no_evidence' AND v.mention_snippet IS NOT NULL
      AND v.target_id NOT IN (SELECT target_id FROM dropped)
    UNION ALL
    SELECT v.*, 3, 'within the tolerance: margin ' || v.margin || ', tolerance ' || v.tol
    FROM v WHERE v.status IN ('kept', 'missed') AND v.tol IS NOT NULL AND abs(v.margin) <= v.tol
    UNION ALL
    SELECT v.*, 4, 'settled by an estimate (预计)'
    FROM v
    LEFT JOIN outcomes o ON o.outcome_id = v.outcome_id
    LEFT JOIN evidence e ON e.evidence_id = v.evidence_id
    WHERE coalesce(o.estimated, e.estimated, false)
)
SELECT target_key, target_id, region, year, indicator, status, why, target_phrase, outcome_phrase
FROM (SELECT *, row_number() OVER (PARTITION BY target_id ORDER BY priority) AS nth FROM flagged)
WHERE nth = 1
ORDER BY priority, region, year, target_char_start
LIMIT ?
"""


def queue(
    con: duckdb.DuckDBPyConnection,
    regions: list[str] | None = None,
    year: int | None = None,
    limit: int = 50,
) -> tuple[list[str], list[tuple]]:
    """The verdicts that most need a human, most urgent first: a `dropped` accusation, a no_evidence
    target the follow-up names nearby, a kept or missed within the tolerance, a result that is an
    estimate. Overridden verdicts are left out (an editor has seen them)."""
    cursor = con.execute(_QUEUE, [regions, regions, year, year, limit])
    return [d[0] for d in cursor.description], cursor.fetchall()


@dataclass(frozen=True)
class NamedTarget:
    """A target as an editor names it and its page shows it: its stable key, government, year and phrase."""

    target_key: str
    region: str
    year: int
    target_phrase: str


@dataclass(frozen=True)
class Override(NamedTarget):
    """An editor's verdict on a target (a row of `overrides`: the target's fields, then the verdict's)."""

    status: str
    note: str
    evidence: str | None = None
    editor: str | None = None


class OverrideError(ValueError):
    """An override that cannot be written: no such target, or the gate refused it (the reason says why)."""


def find_target(con: duckdb.DuckDBPyConnection, target: str) -> NamedTarget:
    """The target named by its key or its id; OverrideError if none."""
    found = con.execute(
        "SELECT target_key, region, year, phrase FROM targets_of(NULL) WHERE target_key = ? OR target_id = ?",
        [target, target],
    ).fetchall()
    if not found:
        raise OverrideError(f"no target {target!r} in the warehouse (give a target_key or target_id)")
    return NamedTarget(*found[0])


def override(
    con: duckdb.DuckDBPyConnection,
    target: str,
    status: str | None,
    note: str | None,
    evidence: str | None = None,
    editor: str | None = None,
    now: dt.datetime | None = None,
) -> Override:
    """Record an editor's verdict on a target (replacing an earlier one). Validated by the `overrides`
    suite first: a refused override writes nothing, and OverrideError names the failed check."""
    if not status or not note:
        raise OverrideError("an override needs a status and a note, the reason shown to readers")
    named = astuple(find_target(con, target))  # the target's fields, then the verdict's
    row = Override(*named, status, note.strip(), evidence or None, editor or None)
    frame = pd.DataFrame([{**row.__dict__, "created_at": now or dt.datetime.now()}])
    result = gate.validate("overrides", frame, key="target_key")
    if not result.success:
        raise OverrideError("; ".join(f.message for f in result.failures))
    con.register("incoming_override", frame)
    try:
        con.execute("INSERT OR REPLACE INTO overrides BY NAME SELECT * FROM incoming_override")
    finally:
        con.unregister("incoming_override")
    return row


@dataclass(frozen=True)
class Removal:
    """What `remove` did: whether there was an override, and the target whose page shows it (None when the
    target itself is gone: the override was an orphan's)."""

    removed: bool
    target: NamedTarget | None


def remove(con: duckdb.DuckDBPyConnection, target: str) -> Removal:
    """Drop the override of a target (by key or id, or the key of an orphan)."""
    keys = [target]
    named: NamedTarget | None = None
    with contextlib.suppress(OverrideError):  # an orphan's target is gone: its key is all there is
        named = find_target(con, target)
        keys.append(named.target_key)
    found = con.execute(
        "SELECT count(*) FROM overrides WHERE list_contains(?, target_key)", [keys]
    ).fetchone()
    con.execute("DELETE FROM overrides WHERE list_contains(?, target_key)", [keys])
    return Removal(found[0] > 0, named)


def orphans(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple]]:
    """Overrides whose target is no longer in the warehouse: listed for an editor, never dropped."""
    cursor = con.execute(
        "SELECT target_key, region, year, target_phrase, status, note FROM orphan_overrides "
        "ORDER BY region, year, target_key"
    )
    return [d[0] for d in cursor.description], cursor.fetchall()

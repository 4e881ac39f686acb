"""The gold facts of ../shared/gold: every gold set below a folder (one folder holding targets.jsonl,
outcomes.jsonl or pairs.jsonl is a set), read into `Gold`s of plain dicts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}, line {number}: not JSON ({error.msg})") from None
    return rows


@dataclass
class Gold:
    targets: list[dict] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    pairs: list[dict] = field(default_factory=list)


def load_gold(directory: Path) -> Gold:
    """Every targets/outcomes/pairs.jsonl below the gold folder: its gold sets together."""
    sets = gold_sets(directory).values()
    return Gold(*(sum((getattr(g, name) for g in sets), []) for name in ("targets", "outcomes", "pairs")))


def gold_sets(directory: Path) -> dict[str, Gold]:
    """Each gold set below `directory` by name: a folder that holds targets/outcomes/pairs.jsonl itself
    ("national-2008-2014"); `directory` alone when it is such a folder."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"gold folder {directory} not found")
    folders = sorted(
        {p.parent for name in ("targets", "outcomes", "pairs") for p in directory.rglob(f"{name}.jsonl")}
    )
    if not folders:
        raise ValueError(f"no targets.jsonl or outcomes.jsonl below {directory}")
    sets = {}
    for folder in folders:
        gold = Gold()
        for name in ("targets", "outcomes", "pairs"):
            if (folder / f"{name}.jsonl").is_file():
                getattr(gold, name).extend(read_jsonl(folder / f"{name}.jsonl"))
        sets[folder.relative_to(directory).as_posix() if folder != directory else directory.name] = gold
    return sets

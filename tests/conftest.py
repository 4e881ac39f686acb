"""Shared fixtures. The real reports are read from ../shared/corpus (or $PLEDGETRACK_CORPUS).

Outside CI a missing corpus skips the corpus tests with a visible reason; in CI (CI=true) it fails them,
so a broken checkout can never pass by skipping.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest

# Prefect stops its ephemeral server at interpreter exit and logs that after pytest has closed the captured
# streams; without this the log handler prints a traceback for a message nobody reads.
logging.raiseExceptions = False

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _shared_dir(env: str, default: Path) -> Path:
    return Path(os.environ.get(env, default)).resolve()


CORPUS = _shared_dir("PLEDGETRACK_CORPUS", ROOT.parent / "shared" / "corpus")
GOLD = _shared_dir("PLEDGETRACK_GOLD", ROOT.parent / "shared" / "gold")


def _require(path: Path, what: str) -> Path:
    if not path.is_dir():
        message = f"{what} not found at {path} (set PLEDGETRACK_CORPUS / PLEDGETRACK_GOLD)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message + ": corpus tests must run in CI")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return _require(CORPUS, "corpus")


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return _require(GOLD, "gold")


@pytest.fixture(scope="session")
def files_tsv(gold_dir: Path) -> list[dict[str, str]]:
    """Rows of gold/files.tsv: file, region, year, review_year."""
    lines = (gold_dir / "files.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line.strip()]


def manifest_identity(path: Path):
    """The region and year the manifest.csv of a corpus file's folder gives it (counties-unnamed/ names
    itself nowhere), or None: what `pipeline` would pass to `parse_document` for it."""
    from pledgetrack.ingest.manifest import MANIFEST_NAME, read_manifest

    manifest = path.with_name(MANIFEST_NAME)
    if not manifest.exists():
        return None
    return next((r.identity for r in read_manifest(manifest).rows if r.target == str(path.resolve())), None)


def corpus_inboxes(corpus: Path) -> list[Path]:
    """Every folder of the corpus that holds reports (seeds, national, provinces, and any added later)."""
    return sorted(p for p in corpus.iterdir() if p.is_dir() and any(p.glob("*.txt")))


@pytest.fixture(scope="session")
def corpus_warehouse(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """A warehouse of every report in the corpus, loaded once by the real pipeline: (db, run summary)."""
    from flows.pipeline import pipeline

    db = tmp_path_factory.mktemp("corpus") / "w.duckdb"
    summary = pipeline(inboxes=[str(p) for p in corpus_inboxes(corpus_dir)], db=str(db))
    return db, summary


SHANGHAI_DISTRICTS = [
    "黄浦",
    "徐汇",
    "长宁",
    "静安",
    "普陀",
    "虹口",
    "杨浦",
    "闵行",
    "宝山",
    "嘉定",
    "浦东新区",
    "金山",
    "松江",
    "青浦",
    "奉贤",
    "崇明",
]
# districts that stand in for 杨浦 in copies of the example reports (two-character names: "杨浦" is replaced)
DISTRICTS = [d for d in SHANGHAI_DISTRICTS if len(d) == 2 and d not in ("杨浦", "崇明")]
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?=年)")


def variants(count: int) -> list[tuple[str, str]]:
    """(file name, text) of `count` distinct reports: the examples re-labelled to other districts and
    earlier years (same register and size as the examples, different region/year/content)."""
    examples = (ROOT / "examples" / "inbox").glob("*.txt")
    texts = sorted((p.name, p.read_text(encoding="utf-8")) for p in examples)
    out = []
    for shift in range(0, -40, -2):
        for district in DISTRICTS:
            for name, text in texts:
                body = _YEAR.sub(lambda m, s=shift: str(int(m.group(1)) + s), text).replace("杨浦", district)
                out.append((f"{district} {shift:+d} {name}", body))  # a space and CJK in every name
                if len(out) == count:
                    return out
    raise ValueError(f"at most {len(out)} variants")

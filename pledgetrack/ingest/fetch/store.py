"""Saving a complete download into the inbox: a partial file in, a new inbox file (or the one already
holding the same bytes) and its `FetchResult` out. Bytes are written under `inbox/.partial/` and moved
into place only when complete; a file is never overwritten and never lands outside the inbox.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pledgetrack.ingest.fetch.attempt import KIND_MEDIA, Download
from pledgetrack.ingest.fetch.errors import Failure, permanent
from pledgetrack.ingest.fetch.index import Index
from pledgetrack.ingest.fetch.names import choose_name, limit_length, split_ext

PARTIAL_DIR = ".partial"  # hidden: inbox.list_inbox skips it, so a download in progress is never read
_STALE_PARTIAL_SECONDS = 24 * 3600


@dataclass(frozen=True)
class FetchResult:
    """One successful fetch. `path` is the new file, or for a duplicate the inbox file already holding
    the same bytes; `content_type` is what the bytes are (after sniffing), not just what the server said."""

    url: str
    final_url: str
    path: Path | None
    sha256: str
    size: int
    status: Literal["new", "duplicate"]
    content_type: str


def prepare_inbox(inbox: Path) -> tuple[Path, Path]:
    inbox.mkdir(parents=True, exist_ok=True)
    root = inbox.resolve()
    partial = root / PARTIAL_DIR
    partial.mkdir(exist_ok=True)
    now = time.time()
    for leftover in partial.glob("fetch-*.part"):  # left by a killed process: nobody will finish them
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > _STALE_PARTIAL_SECONDS:
                leftover.unlink()
    return root, partial


def _place(tmp: Path, root: Path, name: str) -> Path:
    """Move the complete download to `root/name` (or name-1, name-2, …): never overwrite, never outside."""
    stem, ext = split_ext(name)
    for number in range(1000):
        candidate = name if number == 0 else limit_length(f"{stem}-{number}{ext}")
        target = root / candidate
        if os.path.lexists(target):
            continue
        if target.resolve().parent != root or target.name != candidate:
            raise permanent(f"refused: file name {candidate!r} would land outside the inbox")
        try:
            os.link(tmp, target)  # atomic and never clobbers: a file created meanwhile raises FileExistsError
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: check, then rename (atomic, tiny race window)
            if os.path.lexists(target):
                continue
            os.replace(tmp, target)
        return target
    raise Failure(f"no free file name for {name!r} in the inbox", permanent=False, retry=False)


def save(download: Download, url: str, root: Path) -> FetchResult:
    index = Index.load(root)
    existing = index.find(download.sha256, download.size)
    media = KIND_MEDIA[download.kind]
    if existing is not None:
        index.save()
        return FetchResult(
            url, download.final_url, existing, download.sha256, download.size, "duplicate", media
        )
    target = _place(download.tmp, root, choose_name(download, url))
    index.add(download.sha256, target, url)
    index.save()
    return FetchResult(url, download.final_url, target, download.sha256, download.size, "new", media)

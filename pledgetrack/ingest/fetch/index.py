"""The index of what was fetched into an inbox (`inbox/.fetched.json`): a download's sha256 in, the inbox
file already holding those bytes out; and, for the pipeline, which file came from which URL and when.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from stat import S_ISREG
from typing import Any

from pledgetrack.model import Source

log = logging.getLogger(__name__)

INDEX_NAME = ".fetched.json"  # hidden, and in inbox._IGNORED_NAMES: never ingested


def fetched_files(inbox: Path) -> dict[str, str]:
    """URL → the file (absolute path) it was saved as in this inbox, from the inbox's `.fetched.json`; a
    file since removed is left out. (A manifest names a fetched report by its URL.)"""
    return {source.url: path for path, source in fetched_sources(inbox).items()}


def fetched_sources(inbox: Path) -> dict[str, Source]:
    """The file (absolute path) → the URL it was downloaded from and when, from the inbox's `.fetched.json`;
    files put into the inbox by hand, or since removed, are left out."""
    root = Path(inbox).resolve()
    index = Index.load(root)
    found: dict[str, Source] = {}
    for entry in index.entries.values():
        path = index._entry_path(entry)
        if isinstance(entry.get("url"), str) and path is not None:
            found[str(path)] = Source(entry["url"], _timestamp(entry.get("fetched_at")))
    return found


def _timestamp(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _inbox_files(root: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """The regular files of the inbox, hidden ones skipped, as the ingest stage lists them
    (inbox.scan_inboxes). Links are passed over: a link inside the inbox leads to a file listed where it is,
    and one out of it (to /etc/shadow) must never be read or hashed; nothing but a regular file is opened."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath, name)
            with contextlib.suppress(OSError):
                stat = path.lstat()
                if S_ISREG(stat.st_mode):
                    yield path, stat


class Index:
    """`inbox/.fetched.json`: sha256 → {name (relative to the inbox), url, size, mtime_ns}.

    A cache, not a source of truth: entries are checked against the file before being trusted, a missing
    or unreadable index is rebuilt lazily, and files put into the inbox by hand are hashed on demand, only
    when their size equals the download's, and remembered (url null) so they are hashed once.
    Concurrent fetchers into one inbox can lose each other's index updates; that costs a re-hash, not a
    duplicate file.
    """

    def __init__(self, root: Path, entries: dict[str, dict[str, Any]]):
        self.root = root
        self.entries = entries
        self.dirty = False

    @classmethod
    def load(cls, root: Path) -> Index:
        path = root / INDEX_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError) as error:
            log.warning("ignoring unreadable %s (%s): rebuilt from the inbox as needed", path, error)
            data = {}
        files = data.get("files") if isinstance(data, dict) else None
        entries = {
            sha: entry
            for sha, entry in (files.items() if isinstance(files, dict) else ())
            if isinstance(entry, dict)
            and isinstance(entry.get("name"), str)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("mtime_ns"), int)
        }
        return cls(root, entries)

    def _entry_path(self, entry: dict[str, Any]) -> Path | None:
        path = (self.root / entry["name"]).resolve()
        return path if path.is_relative_to(self.root) and path.is_file() else None

    def find(self, sha256: str, size: int) -> Path | None:
        """The inbox file holding exactly these bytes, if any."""
        entry = self.entries.get(sha256)
        if entry is not None:
            path = self._entry_path(entry)
            if path is not None:
                stat = path.stat()
                if stat.st_size == entry["size"] == size and (
                    stat.st_mtime_ns == entry["mtime_ns"] or _sha256_file(path) == sha256
                ):
                    if stat.st_mtime_ns != entry["mtime_ns"]:
                        entry["mtime_ns"] = stat.st_mtime_ns
                        self.dirty = True
                    return path
            del self.entries[sha256]  # stale: the file was removed or changed
            self.dirty = True
        known = {entry["name"]: (entry["size"], entry["mtime_ns"]) for entry in self.entries.values()}
        for path, stat in _inbox_files(self.root):
            if stat.st_size != size:
                continue
            name = path.relative_to(self.root).as_posix()
            if known.get(name) == (stat.st_size, stat.st_mtime_ns):
                continue  # hashed before, and it was not this content
            digest = _sha256_file(path)
            if digest not in self.entries:
                self.entries[digest] = {
                    "name": name,
                    "url": None,
                    "size": stat.st_size,
                    "mtime_ns": stat.st_mtime_ns,
                }
                self.dirty = True
            if digest == sha256:
                return path
        return None

    def add(self, sha256: str, path: Path, url: str) -> None:
        stat = path.stat()
        self.entries[sha256] = {
            "name": path.relative_to(self.root).as_posix(),
            "url": url,
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "fetched_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
        }
        self.dirty = True

    def save(self) -> None:
        """Write atomically (temp file + os.replace): a crash leaves the old index or the new, never half."""
        if not self.dirty:
            return
        path = self.root / INDEX_NAME
        tmp = self.root / f"{INDEX_NAME}.{secrets.token_hex(4)}.tmp"
        payload = {"version": 1, "files": self.entries}
        try:
            with tmp.open("w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        self.dirty = False

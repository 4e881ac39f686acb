"""The inbox: which files a run reads, and which it passes over and why.

In: the inbox folders. Out: a `Listing`, the report files there (`InboxFile`: path, size, modification
time) and the entries not read (`Skipped`: links that loop, dangle or lead out of the inbox, pipes and
devices, hidden names, folders that cannot be listed), each with a code and a reason for the run's summary.
`new_or_changed` compares a listing with what the warehouse last recorded, so a run reads only new files.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pledgetrack.ingest.manifest import MANIFEST_NAME
from pledgetrack.ingest.readers import SUPPORTED_EXTENSIONS
from pledgetrack.model import GivenIdentity

# Files an inbox may hold that are not reports: our own bookkeeping and editors' droppings, and a folder's
# manifest (read by pledgetrack.ingest.manifest, not ingested).
_IGNORED_NAMES = {".fetched.json", "Thumbs.db", ".DS_Store", "desktop.ini", MANIFEST_NAME}


@dataclass(frozen=True)
class InboxFile:
    path: str  # absolute
    name: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Skipped:
    """An entry of an inbox that is not read, and why: said in every run's summary, and quarantined once."""

    path: str  # as listed in the inbox (a link's own path, not its target)
    code: str  # one of SKIP_CODES
    reason: str


# Why an entry of an inbox is not read. A scheduled run meets what people and tools leave in a folder: links
# (to files of the inbox: read; to anywhere else, dangling or looping: not), pipes and devices (never opened:
# reading one blocks or never ends), folders it may not list.
SKIP_CODES = {
    "symlink_loop": "a symbolic link that leads back to itself (a loop): nothing to read",
    "dangling_link": "a symbolic link to a file that does not exist",
    "link_outside": "a symbolic link to {target}, outside the inbox: only files inside an inbox are read",
    "link_hidden": "a symbolic link to {target}, a hidden or bookkeeping file of the inbox",
    "special_file": "a {kind}, not a regular file: never opened (write the report to a regular file)",
    "unreadable_folder": "a folder that cannot be listed: {error}",
    "hidden_file": "a hidden file (its name starts with a dot): not read; rename it to load it",
}


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


@dataclass
class Listing:
    """What the inboxes hold: the files to consider, and every other entry with the reason it is not read."""

    files: list[InboxFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def unlistable(self, error: OSError) -> None:
        """os.walk's report of a folder it could not list."""
        self.cannot(str(error.filename), error)

    def cannot(self, path: str, error: OSError) -> None:
        reason = SKIP_CODES["unreadable_folder"].format(error=error.strerror or error)
        self.skipped.append(Skipped(path, "unreadable_folder", reason))


def list_inbox(inboxes: Iterable[Path]) -> list[InboxFile]:
    """Every candidate file under the inboxes (recursively); `scan_inboxes` says also what is skipped."""
    return scan_inboxes(inboxes).files


def scan_inboxes(inboxes: Iterable[Path]) -> Listing:
    """Every regular file under the inboxes (recursively, hidden files and folders skipped), by its real
    path; links are followed only to files inside the same inbox. Nothing is opened here: a pipe listed is
    never read. Raises FileNotFoundError only when an inbox itself is missing."""
    listing = Listing()
    found: dict[str, InboxFile] = {}
    for inbox in inboxes:
        if not Path(inbox).is_dir():
            raise FileNotFoundError(f"inbox {inbox} is not a folder")
        root = os.path.realpath(inbox)
        for dirpath, dirnames, filenames in os.walk(root, onerror=listing.unlistable):
            # a link to a folder is not descended (os.walk does not follow links): one inside the inbox is
            # walked where it is; one out of the inbox, or looping, is reported
            for name in dirnames:
                if not name.startswith(".") and _is_link(dirpath, name):
                    _link_target(os.path.join(dirpath, name), root, listing)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not _is_link(dirpath, d))
            for name in sorted(filenames):
                if name in _IGNORED_NAMES:
                    continue
                if name.startswith("."):
                    # editors' and our own hidden files pass in silence; one named like a report is said
                    if Path(name).suffix.lower() in SUPPORTED_EXTENSIONS:
                        path = os.path.join(dirpath, name)
                        listing.skipped.append(Skipped(path, "hidden_file", SKIP_CODES["hidden_file"]))
                    continue
                entry = _inbox_file(os.path.join(dirpath, name), root, listing)
                if entry is not None:
                    found.setdefault(entry.path, entry)
    listing.files = list(found.values())
    return listing


def _is_link(dirpath: str, name: str) -> bool:
    return os.path.islink(os.path.join(dirpath, name))


def _inbox_file(path: str, root: str, listing: Listing) -> InboxFile | None:
    real = path
    if os.path.islink(path):
        real = _link_target(path, root, listing)
        if real is None:
            return None
    try:
        info = os.stat(real)
    except FileNotFoundError:  # vanished between listing and stat: the next run sees it again
        return None
    except OSError as error:
        listing.cannot(path, error)
        return None
    for test, kind in _SPECIAL_KINDS:
        if test(info.st_mode):
            listing.skipped.append(
                Skipped(path, "special_file", SKIP_CODES["special_file"].format(kind=kind))
            )
            return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return InboxFile(real, os.path.basename(real), info.st_size, info.st_mtime_ns)


def _link_target(path: str, root: str, listing: Listing) -> str | None:
    """The real path a link in the inbox leads to, when it is inside the inbox `root`; else None, with the
    link listed as skipped (a loop, dangling, or leading out of the inbox or to a hidden file)."""
    try:
        target = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError) as error:
        looping = isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP
        code = "symlink_loop" if looping else "dangling_link"
        listing.skipped.append(Skipped(path, code, SKIP_CODES[code]))
        return None
    inside = os.path.commonpath([root, target]) == root
    if not inside:
        listing.skipped.append(
            Skipped(path, "link_outside", SKIP_CODES["link_outside"].format(target=target))
        )
        return None
    parts = Path(os.path.relpath(target, root)).parts
    if any(part.startswith(".") for part in parts) or parts[-1] in _IGNORED_NAMES:
        listing.skipped.append(Skipped(path, "link_hidden", SKIP_CODES["link_hidden"].format(target=target)))
        return None
    return target


# source_path -> (size, mtime_ns, raw_sha256, outcome, given identity key), as store.seen_files gives it
Seen = dict[str, tuple]


def new_or_changed(
    files: list[InboxFile], seen: Seen, given: dict[str, GivenIdentity] | None = None
) -> list[InboxFile]:
    """Files whose size or modification time differs from what the last run recorded (or never seen), and
    those a manifest now names otherwise than when they were last read (a quarantined report the user has
    since listed in a manifest is read again)."""
    given = given or {}
    return [
        f
        for f in files
        if seen.get(f.path, (None, None))[:2] != (f.size, f.mtime_ns) or not same_given(f, seen, given)
    ]


def same_given(file: InboxFile, seen: Seen, given: dict[str, GivenIdentity]) -> bool:
    recorded = seen[file.path][4] if file.path in seen and len(seen[file.path]) > 4 else None
    identity = given.get(file.path)
    return recorded == (identity.key if identity else None)

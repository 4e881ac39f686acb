"""The name a download is saved under: a name a server suggests (hostile input) in, a name safe to create
in the inbox out, with the extension the readers need for the content's kind.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse

from pledgetrack.ingest.fetch.attempt import KIND_EXTENSIONS, Download
from pledgetrack.ingest.fetch.headers import percent_decoded

_MAX_NAME_BYTES = 180  # UTF-8 bytes; file systems allow 255: room for "-NN" and an added extension
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
)


def safe_filename(name: str) -> str:
    """`name` made safe to create directly inside the inbox, or '' when nothing usable is left.

    Servers choose these names (Content-Disposition, URL path), so they are hostile input: only the last
    path component is kept (both / and \\ count), control and format characters (including bidi
    overrides that disguise extensions) are dropped, Windows-illegal characters replaced, runs of dots
    collapsed, leading dots and trailing dots/spaces stripped (no hidden files, no '..'), device names
    like CON defused, and the length capped in UTF-8 bytes keeping the extension.
    """
    text = unicodedata.normalize("NFC", name)
    parts = [part for part in re.split(r"[/\\]", text) if part.strip(" .")]
    text = parts[-1] if parts else ""
    cleaned = []
    for char in text:
        category = unicodedata.category(char)
        if category.startswith("Z") or char.isspace():
            cleaned.append(" ")
        elif category.startswith("C"):
            continue
        elif char in '<>:"|?*':
            cleaned.append("_")
        else:
            cleaned.append(char)
    text = re.sub(r" {2,}", " ", "".join(cleaned))
    text = re.sub(r"\.{2,}", ".", text)
    text = text.lstrip(" .").rstrip(" .")
    if not text:
        return ""
    stem, ext = split_ext(text)
    if stem.upper() in _WINDOWS_RESERVED:
        text = f"_{text}"
    return limit_length(text)


def split_ext(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if dot and stem and 1 <= len(ext) <= 10 and ext.isalnum():
        return stem, f".{ext}"
    return name, ""


def limit_length(name: str, limit: int = _MAX_NAME_BYTES) -> str:
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, ext = split_ext(name)
    budget = limit - len(ext.encode("utf-8"))
    encoded = stem.encode("utf-8")[:budget]
    stem = encoded.decode("utf-8", errors="ignore").rstrip(" .")
    return f"{stem}{ext}" if stem else "report" + ext


def _url_name(url: str) -> str:
    segment = urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1]
    segment = segment.split(";", 1)[0]  # ;jsessionid=… path parameters
    return percent_decoded(segment)


def choose_name(download: Download, url: str) -> str:
    """Content-Disposition, else the last path segment of the final URL, else of the requested URL, else
    'report'; then the extension the readers need for this kind of content, when it is not there."""
    name = ""
    for candidate in (download.suggested_name, _url_name(download.final_url), _url_name(url)):
        name = safe_filename(candidate or "")
        if name:
            break
    name = name or "report"
    _stem, ext = split_ext(name)
    if ext.lower() not in KIND_EXTENSIONS[download.kind]:
        name += KIND_EXTENSIONS[download.kind][0]
    return limit_length(name)

"""Which URLs are fetched: a URL in, the URL as sent on the wire out (or why it is refused), and the
URLs of a sources file.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from pledgetrack.ingest.fetch.errors import Failure, permanent

ALLOWED_SCHEMES = frozenset({"http", "https"})

# RFC 3986 pchar plus '/', and '%' so octets the URL already escapes stay as they are.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


def check_url(url: str) -> str:
    """The URL as sent on the wire, or Failure(permanent) saying why it is refused.

    http(s) only; no credentials in the URL (they would end up in logs and the index); host IDNA-encoded;
    non-ASCII and spaces in path and query percent-encoded, since reports are often linked as
    https://…/政府工作报告.pdf; the fragment dropped (never sent).
    """
    text = url.strip()
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in text):
        raise permanent("refused: the URL contains control characters")
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise permanent(f"refused: invalid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        what = f"a {scheme}: URL" if scheme else "a URL without a scheme"
        raise permanent(f"refused: only http and https URLs are fetched, not {what}")
    if parts.username is not None or parts.password is not None:
        raise permanent("refused: credentials in the URL are not supported")
    host = parts.hostname
    if not host:
        raise permanent("refused: the URL has no host")
    try:
        host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        raise permanent(f"refused: invalid host name {parts.hostname!r}") from None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    path = urllib.parse.quote(parts.path or "/", safe=_PATH_SAFE)
    query = urllib.parse.quote(parts.query, safe=_QUERY_SAFE)
    return urllib.parse.urlunsplit((scheme, netloc, path, query, ""))


def read_sources(path: Path) -> list[str]:
    """The URLs of a sources file: one per line; blank lines and `#` comments (whole-line, or after
    whitespace at the end of a line) ignored. A line that is not an http(s) URL raises ValueError naming
    the line, so a typo is reported when the file is read rather than as a fetch error every day."""
    urls: list[str] = []
    text = Path(path).read_text(encoding="utf-8-sig")
    for number, line in enumerate(text.splitlines(), start=1):
        entry = re.sub(r"(^|\s)#.*$", "", line).strip()
        if not entry:
            continue
        if re.search(r"\s", entry):
            raise ValueError(f"{path}, line {number}: one URL per line expected, got {entry!r}")
        try:
            check_url(entry)
        except Failure as failure:
            raise ValueError(f"{path}, line {number}: {failure.message}: {entry!r}") from None
        urls.append(entry)
    return urls

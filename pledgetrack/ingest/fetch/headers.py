"""The response headers a fetch reads, raw header values in, what they say out: a header decoded from
its own bytes, Content-Length, Retry-After in seconds, and the file name a Content-Disposition suggests.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import urllib.parse

import httpx


def content_length(value: str | None) -> int | None:
    try:
        length = int(value) if value is not None else None
    except ValueError:
        return None
    return length if length is not None and length >= 0 else None


def retry_delay(value: str | None) -> float | None:
    """Retry-After in seconds (delta-seconds or an HTTP date), or None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def header(headers: httpx.Headers, name: str) -> str | None:
    """A header decoded from its own bytes: servers send Chinese file names and Location headers in raw
    UTF-8 or GBK as well as Latin-1, whatever the standard says (httpx decodes all headers alike)."""
    wanted = name.lower().encode("ascii")
    return next((_text(value) for key, value in headers.raw if key.lower() == wanted), None)


def _text(raw: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):  # Chinese sites still use GBK now and then
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


def percent_decoded(text: str) -> str:
    return _text(urllib.parse.unquote_to_bytes(text))


_DISPOSITION_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"?|[^;]*)')


def disposition_filename(value: str | None) -> str | None:
    """The file name a Content-Disposition suggests (RFC 6266: filename* wins over filename), unsanitised."""
    if not value:
        return None
    params: dict[str, str] = {}
    for key, raw in _DISPOSITION_PARAM.findall(value):
        raw = raw.strip()
        if raw.startswith('"'):
            raw = raw[1:-1] if len(raw) > 1 and raw.endswith('"') else raw[1:]
            raw = re.sub(r'\\(["\\])', r"\1", raw)  # only these: a lone backslash stays a separator
        params.setdefault(key.lower(), raw)
    extended = params.get("filename*")
    if extended:
        charset, _, rest = extended.partition("'")
        _language, found, encoded = rest.partition("'")
        if found:
            try:
                name = urllib.parse.unquote(encoded, encoding=charset or "utf-8", errors="strict")
            except (LookupError, UnicodeDecodeError):
                name = percent_decoded(encoded)
            if name:
                return name
    name = params.get("filename", "")
    if re.search(r"%[0-9A-Fa-f]{2}", name):  # non-standard but common: a percent-encoded plain filename
        name = percent_decoded(name)
    return name or None

"""One attempt at a URL: a GET through the transport, redirects followed one at a time after checking
their target, and the body streamed into a partial file in the inbox, hashed, capped and sniffed for
what it is (`Download`); or a `Failure` saying why not and whether to retry.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import ssl
import urllib.parse
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpcore
import httpx

from pledgetrack.ingest.fetch.errors import Failure, permanent, transient
from pledgetrack.ingest.fetch.guard import Refused
from pledgetrack.ingest.fetch.headers import content_length, disposition_filename, header, retry_delay
from pledgetrack.ingest.fetch.transport import Clock, Transport
from pledgetrack.ingest.fetch.urls import check_url

TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

_SNIFF_BYTES = 1024
_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1"

# What the readers can read, by kind, and the extensions that tell them (the first is the one we add).
KIND_EXTENSIONS = {"html": (".html", ".htm"), "pdf": (".pdf",), "text": (".txt", ".md")}
KIND_MEDIA = {"html": "text/html", "pdf": "application/pdf", "text": "text/plain"}
_DECLARED_KIND = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "text/plain": "text",
}
_SNIFFED_MEDIA = frozenset({"application/octet-stream", ""})  # "" = no Content-Type at all


@dataclass(frozen=True)
class Options:
    timeout: float
    deadline: float
    max_bytes: int
    max_redirects: int
    user_agent: str


@dataclass
class Download:
    final_url: str
    tmp: Path
    sha256: str
    size: int
    kind: str  # 'html' | 'pdf' | 'text'
    suggested_name: str | None  # from Content-Disposition


def fetch_once(transport: Transport, url: str, partial: Path, options: Options, clock: Clock) -> Download:
    """One attempt: follow at most `max_redirects` redirects, then stream the body into `partial`."""
    current = url
    for hop in range(options.max_redirects + 1):
        response = _send(transport, current, options, clock)
        with contextlib.closing(response):
            status = response.status_code
            if status in REDIRECT_STATUSES:
                location = header(response.headers, "Location")
                if not location:
                    raise permanent(f"HTTP {status} redirect without a Location", status)
                target = urllib.parse.urljoin(current, location.strip())
                if hop == options.max_redirects:
                    raise permanent(f"too many redirects (more than {options.max_redirects})", status)
                try:
                    current = check_url(target)
                except Failure as failure:
                    raise permanent(f"redirect to {target} {failure.message}", status) from None
                continue
            if status in TRANSIENT_STATUSES:
                retry_after = retry_delay(response.headers.get("Retry-After"))
                raise transient(f"HTTP {status} {response.reason_phrase}", status, retry_after)
            if status not in (200, 203):
                raise permanent(f"HTTP {status} {response.reason_phrase}", status)
            return _receive(response, current, partial, options, clock)
    raise AssertionError("unreachable: the redirect loop returns or raises")


def _send(transport: Transport, url: str, options: Options, clock: Clock) -> httpx.Response:
    """The response to GET `url`, headers read and body not yet, or Failure saying why there is none.
    (Straight to the transport: an httpx.Client would prepare a request for every Location it sees,
    and fail on those that `fetch_once` refuses with a clearer message.)"""
    headers = {
        "User-Agent": options.user_agent,
        "Accept": _ACCEPT,
        "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
        "Accept-Encoding": "identity",
    }
    timeout = {"timeout": httpx.Timeout(options.timeout).as_dict()}
    try:
        return transport.handle_request(httpx.Request("GET", url, headers=headers, extensions=timeout))
    except Refused as refused:
        raise permanent(refused.message(url)) from None
    except httpcore.TimeoutException:
        late = f"no complete response within the deadline of {options.deadline:g} s"
        raise _timed_out(clock, late, f"no response within {options.timeout:g} s") from None
    except httpcore.ConnectError as error:
        cause = error.__cause__ or error.__context__  # httpcore wraps the ssl module's error
        if isinstance(cause, ssl.SSLCertVerificationError):
            raise permanent(f"TLS certificate not valid: {cause.verify_message}") from None
        raise transient(f"cannot connect: {error}") from None
    except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.ProxyError) as error:
        raise transient(f"connection failed: {type(error).__name__}: {error}") from None
    except httpx.InvalidURL as error:
        raise permanent(f"refused: invalid URL ({error})") from None


def _timed_out(clock: Clock, late: str, slow: str) -> Failure:
    """A timeout: at the deadline, final (no time is left for a retry); before it, transient."""
    if clock.passed():
        return Failure(late, permanent=False, retry=False)
    return transient(slow)


def _receive(
    response: httpx.Response, final_url: str, partial: Path, options: Options, clock: Clock
) -> Download:
    """Stream the body to a new file in `partial`, hashing as it goes; refuse unsupported or oversized
    content as early as possible (type and Content-Length before reading, the cap while reading)."""
    headers = response.headers
    media = headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if media not in _DECLARED_KIND and media not in _SNIFFED_MEDIA:
        raise permanent(f"unsupported content type {media!r}")
    length = content_length(headers.get("Content-Length"))
    if length is not None and length > options.max_bytes:
        raise permanent(f"too large: Content-Length {length} bytes is over the limit of {options.max_bytes}")
    decoder = _decoder(headers.get("Content-Encoding", ""))

    tmp = _new_partial(partial)
    try:
        digest = hashlib.sha256()
        raw_size = size = 0
        head = b""
        kind: str | None = None
        chunks = response.iter_raw()  # as sent: the bounded `_decode` below, not httpx's, undoes gzip
        with tmp.open("wb") as out:
            while True:
                raw = _next_chunk(chunks, raw_size, length, options, clock)
                raw_size += len(raw)
                chunk = _decode(decoder, raw, options.max_bytes - size + 1)
                size += len(chunk)
                if size > options.max_bytes:
                    raise permanent(f"too large: more than the limit of {options.max_bytes} bytes")
                if kind is None:
                    head += chunk[: _SNIFF_BYTES - len(head)]
                    if len(head) >= _SNIFF_BYTES or (head and not raw):
                        kind = _kind(media, head)
                if chunk:
                    digest.update(chunk)
                    _write(out, chunk)
                if not raw:
                    break
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise transient("empty response")
        assert kind is not None
        suggested = disposition_filename(header(headers, "Content-Disposition"))
        return Download(final_url, tmp, digest.hexdigest(), size, kind, suggested)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _next_chunk(
    chunks: Iterator[bytes], received: int, length: int | None, options: Options, clock: Clock
) -> bytes:
    """The next piece of the body as sent (b"" at its end), within the URL's deadline."""
    late = f"download not finished within the deadline of {options.deadline:g} s"
    if clock.passed():
        raise Failure(late, permanent=False, retry=False)
    try:
        return next(chunks, b"")
    except httpcore.TimeoutException:
        raise _timed_out(clock, late, f"no data for {options.timeout:g} s while downloading") from None
    except (httpcore.NetworkError, httpcore.ProtocolError) as error:
        if length is not None and received < length:
            raise transient(f"connection closed after {received} of {length} bytes") from None
        raise transient(f"connection failed while downloading: {type(error).__name__}") from None


def _write(out: Any, chunk: bytes) -> None:
    try:
        out.write(chunk)
    except OSError as error:  # disk full, quota: local trouble, not the URL's; downloading again won't help
        raise Failure(f"cannot write into the inbox: {error}", permanent=False, retry=False) from None


def _decoder(encoding: str) -> Any:
    """Bodies are requested uncompressed, but some servers gzip regardless; saving those bytes would
    give the readers garbage, so gzip and deflate are undone (within the size cap)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise permanent(f"unsupported content encoding {encoding!r}")


def _decode(decoder: Any, raw: bytes, limit: int) -> bytes:
    if decoder is None:
        return raw
    try:
        # `limit` keeps a compression bomb from expanding in memory: one byte over the cap suffices to refuse.
        return decoder.decompress(raw, limit) if raw else decoder.flush()
    except zlib.error as error:
        raise transient(f"corrupt compressed body: {error}") from None


def _kind(media: str, head: bytes) -> str:
    """What the bytes are: the declared type, corrected by the first bytes when servers get it wrong
    (PDFs served as text/html, HTML error pages served as application/pdf, octet-stream for anything)."""
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n\x0c")
    if body.startswith(b"%PDF-") or (media in _SNIFFED_MEDIA and b"%PDF-" in head):
        return "pdf"
    lower = body.lower()
    looks_html = lower.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")) or (
        b"<html" in lower
    )
    declared = _DECLARED_KIND.get(media)
    if declared == "pdf" and looks_html:
        return "html"
    if declared:
        return declared
    if looks_html:
        return "html"
    shown = media or "no content type"
    raise permanent(f"unsupported content type {shown!r}: neither a PDF nor an HTML page")


def _new_partial(partial: Path) -> Path:
    # os.open with 0o666 (not mkstemp's 0o600) so the final file gets the permissions the umask allows.
    for _ in range(100):
        path = partial / f"fetch-{secrets.token_hex(8)}.part"
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return path
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file in {partial}")

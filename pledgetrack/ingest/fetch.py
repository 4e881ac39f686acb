"""Download report pages and PDFs into an inbox folder, safely enough to run unattended.

The URLs come from a sources file that the scheduled flow fetches every day, from government web servers
that are slow, flaky or misconfigured, and whatever they send lands in a folder the ingest stage trusts.
So a download must never hang a run (a timeout per connect and read, plus one overall deadline per URL
that covers redirects, body, retries and the waits between them), never fill the disk (a size cap enforced
while streaming, on the decompressed bytes too), never leave a half-written file for the ingest stage to
read (bytes go to `inbox/.partial/` and are renamed into place only when complete), never write outside
the inbox whatever name the server suggests, never overwrite a file, and never add the same report twice
(sha256 index in `inbox/.fetched.json`). Only transient failures are retried; permanent ones are reported
at once so the run moves on to the next URL.

Nor may a URL reach into the machine's own networks (SSRF): a sources file, a manifest or a redirect
naming `http://169.254.169.254/` or `http://10.0.0.5/admin` is refused unless the operator allows that
network (`allow_networks`; the `fetch_allow` setting). Every address a host name resolves to must be
public, and the connection is then made to those checked addresses only, so DNS answering differently
between the check and the connection (rebinding) cannot slip a private address in. Every redirect hop
is checked the same way, before anything is sent to it.

No Prefect here: `flows/` calls `fetch_all` and `read_sources`. HTTP is httpx (requests, responses,
HTTP/1.1 through httpcore, verified TLS, http(s) proxies) over a transport of our own, `_Transport`,
because httpx's stock transport takes no network backend and ours, `_Backend`, is where the two rules
that httpx cannot enforce live: connecting only to checked addresses, and clipping every connect, TLS
handshake, read and write to what is left of the URL's deadline (httpx's timeouts are per read: a server
dripping a byte at a time never trips them). Redirects are not followed by httpx: each is followed here,
one at a time, after checking its target. Proxies come from the usual `http_proxy` / `https_proxy` /
`no_proxy` variables, read the standard library's way (httpx's `trust_env` only applies to its own
transport); through a proxy, which resolves names itself, addresses and names our DNS resolves are
checked, and names only the proxy can resolve are left to the proxy's own rules.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import functools
import hashlib
import ipaddress
import json
import logging
import os
import re
import secrets
import socket
import ssl
import threading
import time
import unicodedata
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Any, Literal

import httpcore
import httpx

from pledgetrack.model import Source

log = logging.getLogger(__name__)


DEFAULT_USER_AGENT = "pledgetrack/0.1 (+accountability research)"
INDEX_NAME = ".fetched.json"  # hidden, and in inbox._IGNORED_NAMES: never ingested
PARTIAL_DIR = ".partial"  # hidden: inbox.list_inbox skips it, so a download in progress is never read

ALLOWED_SCHEMES = frozenset({"http", "https"})
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# A server asking for a longer pause than this gets it from the next scheduled run instead of a blocked run.
MAX_RETRY_AFTER = 60.0
# The deadline of one URL when none is given, in timeouts: 5 minutes with the default timeout of 30 s, for a
# 50 MB report from a slow server, and as long as one attempt was allowed before the deadline covered retries.
DEADLINE_FACTOR = 10

_SNIFF_BYTES = 1024
_MAX_NAME_BYTES = 180  # UTF-8 bytes; file systems allow 255: room for "-NN" and an added extension
_STALE_PARTIAL_SECONDS = 24 * 3600
_DEADLINE_SLACK = 0.05  # seconds: a socket timeout clipped to the deadline may fire a hair before it
_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1"

# What the readers can read, by kind, and the extensions that tell them (the first is the one we add).
_KIND_EXTENSIONS = {"html": (".html", ".htm"), "pdf": (".pdf",), "text": (".txt", ".md")}
_KIND_MEDIA = {"html": "text/html", "pdf": "application/pdf", "text": "text/plain"}
_DECLARED_KIND = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "text/plain": "text",
}
_SNIFFED_MEDIA = frozenset({"application/octet-stream", ""})  # "" = no Content-Type at all
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
)

_sleep = time.sleep  # tests replace this to observe the backoff without waiting for it


class FetchError(Exception):
    """A URL that could not be downloaded.

    `permanent` says whether trying the same URL again later can help: a 404, a refused scheme or an
    oversized file will fail the same way tomorrow, a timeout or a 503 may not. `str()` starts with the
    URL because the pipeline logs errors on their own.
    """

    def __init__(self, reason: str, *, url: str = "", permanent: bool = False, status: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.url = url
        self.permanent = permanent
        self.status = status

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}" if self.url else self.reason

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only arguments do not survive the default exception pickling (Prefect may pickle results).
        return (_restore_error, (self.reason, self.url, self.permanent, self.status))


def _restore_error(reason: str, url: str, permanent: bool, status: int | None) -> FetchError:
    return FetchError(reason, url=url, permanent=permanent, status=status)


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


class _Failure(Exception):
    """Internal: a failed attempt. `retry` decides the loop in `fetch`, `permanent` the FetchError."""

    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        retry: bool,
        status: int | None = None,
        retry_after: float | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.retry = retry
        self.status = status
        self.retry_after = retry_after


def _permanent(message: str, status: int | None = None) -> _Failure:
    return _Failure(message, permanent=True, retry=False, status=status)


def _transient(message: str, status: int | None = None, retry_after: float | None = None) -> _Failure:
    return _Failure(message, permanent=False, retry=True, status=status, retry_after=retry_after)


@dataclass(frozen=True)
class _Options:
    timeout: float
    deadline: float
    max_bytes: int
    max_redirects: int
    user_agent: str


@dataclass
class _Download:
    final_url: str
    tmp: Path
    sha256: str
    size: int
    kind: str  # 'html' | 'pdf' | 'text'
    suggested_name: str | None  # from Content-Disposition


# --------------------------------------------------------------------------------------------- public API


def fetch(
    url: str,
    inbox: Path,
    *,
    timeout: float = 30,
    retries: int = 3,
    backoff: float = 1.0,
    max_bytes: int = 50 * 2**20,
    max_redirects: int = 5,
    user_agent: str = DEFAULT_USER_AGENT,
    deadline: float | None = None,
    allow_networks: Iterable[str] = (),
) -> FetchResult:
    """Download `url` into the folder `inbox` (created if missing), unless the same bytes are already there.

    `timeout` bounds connecting and each read. `deadline` (default 10 x timeout, so 5 minutes by default)
    bounds everything for this URL: redirects, headers, body, retries and the waits between them, so a
    server dripping a byte at a time cannot hold a scheduled run longer than that. `retries` is the number
    of extra attempts after the first, for transient failures only, waiting `backoff` x 2^n seconds (or the
    server's Retry-After, when it asks for at most a minute), unless the wait would outlast the deadline.
    The host must resolve to public addresses only, on every redirect hop; `allow_networks` names networks
    that may be fetched from all the same (CIDR strings such as "10.1.2.0/24"; ValueError for a bad one).
    Raises FetchError (`.permanent` tells whether a later retry can help); never leaves a partial file.
    """
    if timeout <= 0 or retries < 0 or backoff < 0 or max_bytes <= 0 or max_redirects < 0:
        raise ValueError("fetch: timeout and max_bytes must be > 0; retries, backoff and max_redirects >= 0")
    if deadline is not None and deadline <= 0:
        raise ValueError("fetch: deadline must be > 0")
    options = _Options(
        timeout=float(timeout),
        deadline=float(deadline) if deadline is not None else DEADLINE_FACTOR * timeout,
        max_bytes=int(max_bytes),
        max_redirects=int(max_redirects),
        user_agent=user_agent,
    )
    guard = _Guard(_networks(allow_networks))
    clock = _Clock(options.deadline)
    try:
        request_url = _check_url(url)
    except _Failure as failure:
        raise FetchError(failure.message, url=url, permanent=True) from None
    try:
        root, partial = _prepare_inbox(Path(inbox))
    except OSError as error:
        raise FetchError(f"cannot use the inbox {inbox}: {error}", url=url) from error

    download: _Download | None = None
    with _Transport(clock, guard) as transport:
        for attempt in range(retries + 1):
            try:
                download = _attempt(transport, request_url, partial, options, clock)
                break
            except _Failure as failure:
                if not failure.retry:
                    raise FetchError(
                        failure.message, url=url, permanent=failure.permanent, status=failure.status
                    ) from None
                tries = f"{attempt + 1} attempt{'s' if attempt else ''}"
                delay = backoff * 2**attempt
                if failure.retry_after is not None:
                    delay = max(delay, failure.retry_after)
                if attempt == retries:
                    reason = f"{failure.message} (gave up after {tries})"
                elif failure.retry_after is not None and failure.retry_after > MAX_RETRY_AFTER:
                    reason = f"{failure.message}; the server asks to retry after {failure.retry_after:.0f} s"
                elif delay >= clock.remaining():
                    reason = (
                        f"{failure.message} (gave up after {tries}: waiting {delay:g} s for another "
                        f"would pass the deadline of {options.deadline:g} s)"
                    )
                else:
                    log.info("fetch %s: %s; retrying in %.2f s", url, failure.message, delay)
                    _sleep(delay)
                    continue
                raise FetchError(reason, url=url, status=failure.status) from None
    assert download is not None
    try:
        return _store(download, url, root)
    except _Failure as failure:
        raise FetchError(failure.message, url=url, permanent=failure.permanent) from None
    except OSError as error:
        raise FetchError(f"cannot save into the inbox {root}: {error}", url=url) from error
    finally:
        download.tmp.unlink(missing_ok=True)


def fetch_all(urls: Iterable[str], inbox: Path, **opts: Any) -> list[FetchResult | FetchError]:
    """Fetch every URL in order, one result or error per URL, so one bad source never stops the rest.

    Options are those of `fetch` (`allow_networks` among them). Only FetchError is collected: a wrong
    option is a bug and is raised (a bad network in `allow_networks` before any URL is fetched).
    """
    _networks(opts.get("allow_networks", ()))
    results: list[FetchResult | FetchError] = []
    for url in urls:
        try:
            results.append(fetch(url, inbox, **opts))
        except FetchError as error:
            log.info("fetch failed: %s", error)  # callers report errors; a library must not print them twice
            results.append(error)
    return results


def fetched_files(inbox: Path) -> dict[str, str]:
    """URL → the file (absolute path) it was saved as in this inbox, from the inbox's `.fetched.json`; a
    file since removed is left out. (A manifest names a fetched report by its URL.)"""
    return {source.url: path for path, source in fetched_sources(inbox).items()}


def fetched_sources(inbox: Path) -> dict[str, Source]:
    """The file (absolute path) → the URL it was downloaded from and when, from the inbox's `.fetched.json`;
    files put into the inbox by hand, or since removed, are left out."""
    root = Path(inbox).resolve()
    index = _Index.load(root)
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
            _check_url(entry)
        except _Failure as failure:
            raise ValueError(f"{path}, line {number}: {failure.message}: {entry!r}") from None
        urls.append(entry)
    return urls


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
    stem, ext = _split_ext(text)
    if stem.upper() in _WINDOWS_RESERVED:
        text = f"_{text}"
    return _limit_length(text)


# ------------------------------------------------------------------------------------------ URLs & HTTP


# RFC 3986 pchar plus '/', and '%' so octets the URL already escapes stay as they are.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


def _check_url(url: str) -> str:
    """The URL as sent on the wire, or _Failure(permanent) saying why it is refused.

    http(s) only; no credentials in the URL (they would end up in logs and the index); host IDNA-encoded;
    non-ASCII and spaces in path and query percent-encoded, since reports are often linked as
    https://…/政府工作报告.pdf; the fragment dropped (never sent).
    """
    text = url.strip()
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in text):
        raise _permanent("refused: the URL contains control characters")
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise _permanent(f"refused: invalid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        what = f"a {scheme}: URL" if scheme else "a URL without a scheme"
        raise _permanent(f"refused: only http and https URLs are fetched, not {what}")
    if parts.username is not None or parts.password is not None:
        raise _permanent("refused: credentials in the URL are not supported")
    host = parts.hostname
    if not host:
        raise _permanent("refused: the URL has no host")
    try:
        host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        raise _permanent(f"refused: invalid host name {parts.hostname!r}") from None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    path = urllib.parse.quote(parts.path or "/", safe=_PATH_SAFE)
    query = urllib.parse.quote(parts.query, safe=_QUERY_SAFE)
    return urllib.parse.urlunsplit((scheme, netloc, path, query, ""))


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """Certificate-verifying TLS settings from the system's CA store, built once (~50 ms a call)."""
    return ssl.create_default_context()


# ------------------------------------------------------------------------------------ public addresses

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_PRIVATE = tuple(map(ipaddress.ip_network, ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_BROADCAST = ipaddress.ip_address("255.255.255.255")


def _networks(texts: Iterable[str]) -> tuple[_Network, ...]:
    """The networks of `allow_networks`; ValueError naming the first that is not an address or CIDR."""
    networks = []
    for text in [texts] if isinstance(texts, str) else texts:
        try:
            networks.append(ipaddress.ip_network(str(text).strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"not a network: {text!r} (allow an address, or a CIDR network such as 10.1.2.0/24)"
            ) from None
    return tuple(networks)


def _embedded_ipv4(ip: _Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for: IPv4-mapped (::ffff:a.b.c.d), 6to4 (2002::/16) or
    NAT64 (64:ff9b::/96, what DNS64 answers on IPv6-only networks); None for a plain IPv6 address."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.ipv4_mapped or ip.sixtofour


def _not_public(ip: _Address) -> str | None:
    """What kind of non-public address `ip` is ("a loopback address", …), or None for a public one."""
    ip = _embedded_ipv4(ip) or ip
    checks: tuple[tuple[bool, str], ...] = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip == _BROADCAST, "the broadcast address"),
        (ip in _CGNAT, "a carrier-grade NAT (shared) address"),
        (any(ip in network for network in _PRIVATE), "a private address"),
        (not ip.is_global, "a reserved, non-public address"),
    )
    return next((kind for refused, kind in checks if refused), None)


class _Refused(Exception):
    """Internal: `host` is, or resolves to, an address pledgetrack must not connect to."""

    def __init__(self, host: str, ip: _Address, kind: str):
        super().__init__(f"{host}: {ip} is {kind}")
        self.host, self.ip, self.kind = host, ip, kind

    def message(self, url: str) -> str:
        ip = getattr(self.ip, "ipv4_mapped", None) or self.ip  # allowing 127.0.0.1 allows ::ffff:127.0.0.1
        address = str(ip).partition("%")[0]  # no IPv6 zone in a network
        network = "127.0.0.0/8" if ip.version == 4 and ip.is_loopback else f"{address}/{ip.max_prefixlen}"
        subject = f"{self.host} is" if _is_ip(self.host) else f"{self.host} resolves to {self.ip},"
        return (
            f"refused: {subject} {self.kind} ({url}); pledgetrack fetches public sites only — allow a "
            f'network with fetch_allow = ["{network}"] in pledgetrack.toml or --allow-network'
        )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


class _Guard:
    """Public addresses only, and those of the networks the operator allows."""

    def __init__(self, allowed: tuple[_Network, ...]):
        self.allowed = allowed

    def check(self, host: str, addresses: Iterable[str]) -> None:
        """_Refused unless every one of `host`'s addresses may be connected to."""
        for text in addresses:
            ip = ipaddress.ip_address(text)
            kind = _not_public(ip)
            if kind is not None and not self._allowed(ip):
                raise _Refused(host, ip, kind)

    def _allowed(self, ip: _Address) -> bool:
        mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
        return any(ip in net or (mapped is not None and mapped in net) for net in self.allowed)


def _getaddrinfo(host: str, port: int) -> list[str]:
    """The addresses DNS (or /etc/hosts) gives for `host`: the seam tests replace to fake DNS answers."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _resolve(host: str, port: int, limit: float) -> list[str]:
    """`host` itself when it is an IP address, else its addresses, waited for at most `limit` seconds:
    getaddrinfo cannot be interrupted, so it runs in a thread that is abandoned when it takes too long."""
    if _is_ip(host):
        return [host.strip("[]")]
    answer: list[Any] = []

    def lookup() -> None:
        try:
            answer.append(_getaddrinfo(host, port))
        except Exception as error:  # raised in the caller's thread, below
            answer.append(error)

    worker = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(limit)
    if not answer:
        raise httpcore.ConnectTimeout(f"looking up {host} took more than {limit:.3g} s")
    if isinstance(answer[0], Exception) or not answer[0]:
        raise httpcore.ConnectError(f"cannot resolve {host}: {answer[0] or 'no address'}")
    return answer[0]


# ------------------------------------------------------------------------------------ transport & HTTP


class _Clock:
    """One URL's deadline: the time left, and the timeouts of connects, reads and writes clipped to it."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self._end - time.monotonic()

    def passed(self) -> bool:
        return self.remaining() <= _DEADLINE_SLACK

    def clip(self, timeout: float | None) -> float:
        left = self.remaining()
        if left <= 0:
            raise httpcore.ReadTimeout(f"the deadline of {self.seconds:g} s has passed")
        return left if timeout is None else min(timeout, left)


class _Backend(httpcore.SyncBackend):
    """httpcore's sockets with our two rules. A host is resolved here, once, its addresses checked, and the
    socket connected to one of those very addresses (TLS still verifies the certificate against the host
    name, which httpcore passes to `start_tls`): DNS cannot answer differently between check and connect.
    And no connect, handshake, read or write outlasts the deadline. For the proxy's connections (no guard)
    only the deadline: the proxy is the operator's, and the guard checks the target in `_Transport`."""

    def __init__(self, clock: _Clock, guard: _Guard | None):
        self._clock, self._guard = clock, guard

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = [host]
        if self._guard is not None:
            addresses = _resolve(host, port, self._clock.clip(timeout))
            self._guard.check(host, addresses)
        failure: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(
                    address, port, self._clock.clip(timeout), local_address, socket_options
                )
            except httpcore.ConnectError as error:  # the next address may answer
                failure = error
                continue
            return _Stream(stream, self._clock)
        assert failure is not None
        raise failure


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, clock: _Clock):
        self._inner, self._clock = inner, clock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._clock.clip(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._clock.clip(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._clock.clip(timeout))
        return _Stream(inner, self._clock)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Transport(httpx.BaseTransport):
    """httpx's requests onto httpcore connection pools built on `_Backend`: one direct, one per proxy."""

    def __init__(self, clock: _Clock, guard: _Guard):
        self._clock, self._guard = clock, guard
        self._pools: dict[str, httpcore.ConnectionPool] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        host = url.raw_host.decode("ascii")
        proxy = _proxy_for(url.scheme, host, url.port)
        if proxy is not None:
            # The proxy resolves the name: refuse what can be seen from here, an address or a name our DNS
            # resolves to refused addresses; a name only the proxy knows is left to the proxy's rules.
            port = url.port or (443 if url.scheme == "https" else 80)
            limit = self._clock.clip(request.extensions.get("timeout", {}).get("connect"))
            try:
                addresses = _resolve(host, port, limit)
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                addresses = []
            self._guard.check(host, addresses)
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        response = self._pool(proxy).handle_request(core)
        return httpx.Response(
            response.status, headers=response.headers, stream=_Body(response), extensions=response.extensions
        )

    def _pool(self, proxy: str | None) -> httpcore.ConnectionPool:
        key = proxy or ""
        if key not in self._pools:
            if proxy is None:
                backend = _Backend(self._clock, self._guard)
                self._pools[key] = httpcore.ConnectionPool(
                    ssl_context=_tls_context(), network_backend=backend
                )
            else:
                self._pools[key] = _proxy_pool(proxy, _Backend(self._clock, None))
        return self._pools[key]

    def close(self) -> None:
        for pool in self._pools.values():
            pool.close()


class _Body(httpx.SyncByteStream):
    def __init__(self, response: httpcore.Response):
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        yield from self._response.iter_stream()

    def close(self) -> None:
        self._response.close()


def _proxy_for(scheme: str, host: str, port: int | None) -> str | None:
    """The proxy the environment names for this URL (http_proxy / https_proxy, unless no_proxy), or None."""
    proxy = urllib.request.getproxies().get(scheme)
    name = f"[{host}]" if ":" in host else host
    if not proxy or urllib.request.proxy_bypass(name if port is None else f"{name}:{port}"):
        return None
    return proxy


def _proxy_pool(proxy: str, backend: _Backend) -> httpcore.ConnectionPool:
    try:
        settings = httpx.Proxy(proxy if "://" in proxy else f"http://{proxy}")
    except (ValueError, httpx.InvalidURL) as error:
        raise _permanent(f"cannot use the proxy {proxy!r} from the environment: {error}") from None
    if settings.url.scheme not in ALLOWED_SCHEMES:
        raise _permanent(f"cannot use the proxy {proxy!r} from the environment: http(s) proxies only")
    url = settings.url
    return httpcore.HTTPProxy(
        proxy_url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path),
        proxy_auth=settings.raw_auth,
        proxy_headers=settings.headers.raw,
        ssl_context=_tls_context(),
        proxy_ssl_context=_tls_context() if url.scheme == "https" else None,
        network_backend=backend,
    )


def _attempt(transport: _Transport, url: str, partial: Path, options: _Options, clock: _Clock) -> _Download:
    """One attempt: follow at most `max_redirects` redirects, then stream the body into `partial`."""
    current = url
    for hop in range(options.max_redirects + 1):
        response = _send(transport, current, options, clock)
        with contextlib.closing(response):
            status = response.status_code
            if status in REDIRECT_STATUSES:
                location = _header(response.headers, "Location")
                if not location:
                    raise _permanent(f"HTTP {status} redirect without a Location", status)
                target = urllib.parse.urljoin(current, location.strip())
                if hop == options.max_redirects:
                    raise _permanent(f"too many redirects (more than {options.max_redirects})", status)
                try:
                    current = _check_url(target)
                except _Failure as failure:
                    raise _permanent(f"redirect to {target} {failure.message}", status) from None
                continue
            if status in TRANSIENT_STATUSES:
                retry_after = _retry_after(response.headers.get("Retry-After"))
                raise _transient(f"HTTP {status} {response.reason_phrase}", status, retry_after)
            if status not in (200, 203):
                raise _permanent(f"HTTP {status} {response.reason_phrase}", status)
            return _receive(response, current, partial, options, clock)
    raise AssertionError("unreachable: the redirect loop returns or raises")


def _send(transport: _Transport, url: str, options: _Options, clock: _Clock) -> httpx.Response:
    """The response to GET `url`, headers read and body not yet, or _Failure saying why there is none.
    (Straight to the transport: an httpx.Client would prepare a request for every Location it sees,
    and fail on those that `_attempt` refuses with a clearer message.)"""
    headers = {
        "User-Agent": options.user_agent,
        "Accept": _ACCEPT,
        "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
        "Accept-Encoding": "identity",
    }
    timeout = {"timeout": httpx.Timeout(options.timeout).as_dict()}
    try:
        return transport.handle_request(httpx.Request("GET", url, headers=headers, extensions=timeout))
    except _Refused as refused:
        raise _permanent(refused.message(url)) from None
    except httpcore.TimeoutException:
        late = f"no complete response within the deadline of {options.deadline:g} s"
        raise _timed_out(clock, late, f"no response within {options.timeout:g} s") from None
    except httpcore.ConnectError as error:
        cause = error.__cause__ or error.__context__  # httpcore wraps the ssl module's error
        if isinstance(cause, ssl.SSLCertVerificationError):
            raise _permanent(f"TLS certificate not valid: {cause.verify_message}") from None
        raise _transient(f"cannot connect: {error}") from None
    except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.ProxyError) as error:
        raise _transient(f"connection failed: {type(error).__name__}: {error}") from None
    except httpx.InvalidURL as error:
        raise _permanent(f"refused: invalid URL ({error})") from None


def _timed_out(clock: _Clock, late: str, slow: str) -> _Failure:
    """A timeout: at the deadline, final (no time is left for a retry); before it, transient."""
    if clock.passed():
        return _Failure(late, permanent=False, retry=False)
    return _transient(slow)


def _receive(
    response: httpx.Response, final_url: str, partial: Path, options: _Options, clock: _Clock
) -> _Download:
    """Stream the body to a new file in `partial`, hashing as it goes; refuse unsupported or oversized
    content as early as possible (type and Content-Length before reading, the cap while reading)."""
    headers = response.headers
    media = headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if media not in _DECLARED_KIND and media not in _SNIFFED_MEDIA:
        raise _permanent(f"unsupported content type {media!r}")
    length = _content_length(headers.get("Content-Length"))
    if length is not None and length > options.max_bytes:
        raise _permanent(f"too large: Content-Length {length} bytes is over the limit of {options.max_bytes}")
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
                    raise _permanent(f"too large: more than the limit of {options.max_bytes} bytes")
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
            raise _transient("empty response")
        assert kind is not None
        suggested = _disposition_filename(_header(headers, "Content-Disposition"))
        return _Download(final_url, tmp, digest.hexdigest(), size, kind, suggested)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _next_chunk(
    chunks: Iterator[bytes], received: int, length: int | None, options: _Options, clock: _Clock
) -> bytes:
    """The next piece of the body as sent (b"" at its end), within the URL's deadline."""
    late = f"download not finished within the deadline of {options.deadline:g} s"
    if clock.passed():
        raise _Failure(late, permanent=False, retry=False)
    try:
        return next(chunks, b"")
    except httpcore.TimeoutException:
        raise _timed_out(clock, late, f"no data for {options.timeout:g} s while downloading") from None
    except (httpcore.NetworkError, httpcore.ProtocolError) as error:
        if length is not None and received < length:
            raise _transient(f"connection closed after {received} of {length} bytes") from None
        raise _transient(f"connection failed while downloading: {type(error).__name__}") from None


def _write(out: Any, chunk: bytes) -> None:
    try:
        out.write(chunk)
    except OSError as error:  # disk full, quota: local trouble, not the URL's; downloading again won't help
        raise _Failure(f"cannot write into the inbox: {error}", permanent=False, retry=False) from None


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
    raise _permanent(f"unsupported content encoding {encoding!r}")


def _decode(decoder: Any, raw: bytes, limit: int) -> bytes:
    if decoder is None:
        return raw
    try:
        # `limit` keeps a compression bomb from expanding in memory: one byte over the cap suffices to refuse.
        return decoder.decompress(raw, limit) if raw else decoder.flush()
    except zlib.error as error:
        raise _transient(f"corrupt compressed body: {error}") from None


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
    raise _permanent(f"unsupported content type {shown!r}: neither a PDF nor an HTML page")


def _content_length(value: str | None) -> int | None:
    try:
        length = int(value) if value is not None else None
    except ValueError:
        return None
    return length if length is not None and length >= 0 else None


def _retry_after(value: str | None) -> float | None:
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


def _header(headers: httpx.Headers, name: str) -> str | None:
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


def _percent_decoded(text: str) -> str:
    return _text(urllib.parse.unquote_to_bytes(text))


_DISPOSITION_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"?|[^;]*)')


def _disposition_filename(value: str | None) -> str | None:
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
                name = _percent_decoded(encoded)
            if name:
                return name
    name = params.get("filename", "")
    if re.search(r"%[0-9A-Fa-f]{2}", name):  # non-standard but common: a percent-encoded plain filename
        name = _percent_decoded(name)
    return name or None


# ------------------------------------------------------------------------------------- names & storage


def _split_ext(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if dot and stem and 1 <= len(ext) <= 10 and ext.isalnum():
        return stem, f".{ext}"
    return name, ""


def _limit_length(name: str, limit: int = _MAX_NAME_BYTES) -> str:
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, ext = _split_ext(name)
    budget = limit - len(ext.encode("utf-8"))
    encoded = stem.encode("utf-8")[:budget]
    stem = encoded.decode("utf-8", errors="ignore").rstrip(" .")
    return f"{stem}{ext}" if stem else "report" + ext


def _url_name(url: str) -> str:
    segment = urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1]
    segment = segment.split(";", 1)[0]  # ;jsessionid=… path parameters
    return _percent_decoded(segment)


def _choose_name(download: _Download, url: str) -> str:
    """Content-Disposition, else the last path segment of the final URL, else of the requested URL, else
    'report'; then the extension the readers need for this kind of content, when it is not there."""
    name = ""
    for candidate in (download.suggested_name, _url_name(download.final_url), _url_name(url)):
        name = safe_filename(candidate or "")
        if name:
            break
    name = name or "report"
    _stem, ext = _split_ext(name)
    if ext.lower() not in _KIND_EXTENSIONS[download.kind]:
        name += _KIND_EXTENSIONS[download.kind][0]
    return _limit_length(name)


def _prepare_inbox(inbox: Path) -> tuple[Path, Path]:
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


def _place(tmp: Path, root: Path, name: str) -> Path:
    """Move the complete download to `root/name` (or name-1, name-2, …): never overwrite, never outside."""
    stem, ext = _split_ext(name)
    for number in range(1000):
        candidate = name if number == 0 else _limit_length(f"{stem}-{number}{ext}")
        target = root / candidate
        if os.path.lexists(target):
            continue
        if target.resolve().parent != root or target.name != candidate:
            raise _permanent(f"refused: file name {candidate!r} would land outside the inbox")
        try:
            os.link(tmp, target)  # atomic and never clobbers: a file created meanwhile raises FileExistsError
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: check, then rename (atomic, tiny race window)
            if os.path.lexists(target):
                continue
            os.replace(tmp, target)
        return target
    raise _Failure(f"no free file name for {name!r} in the inbox", permanent=False, retry=False)


def _store(download: _Download, url: str, root: Path) -> FetchResult:
    index = _Index.load(root)
    existing = index.find(download.sha256, download.size)
    media = _KIND_MEDIA[download.kind]
    if existing is not None:
        index.save()
        return FetchResult(
            url, download.final_url, existing, download.sha256, download.size, "duplicate", media
        )
    target = _place(download.tmp, root, _choose_name(download, url))
    index.add(download.sha256, target, url)
    index.save()
    return FetchResult(url, download.final_url, target, download.sha256, download.size, "new", media)


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


class _Index:
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
    def load(cls, root: Path) -> _Index:
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

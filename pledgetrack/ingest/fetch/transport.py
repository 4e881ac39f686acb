"""The httpx transport a fetch sends its requests through: requests in, responses out, over connections
that obey the two rules httpx cannot enforce.

httpx's stock transport takes no network backend, and ours, `_Backend`, is where the rules live:
connecting only to the addresses `guard` checked, and clipping every connect, TLS handshake, read and
write to what is left of the URL's deadline (`Clock`; httpx's timeouts are per read: a server dripping a
byte at a time never trips them). Proxies come from the usual `http_proxy` / `https_proxy` / `no_proxy`
variables, read the standard library's way (httpx's `trust_env` only applies to its own transport);
through a proxy, which resolves names itself, addresses and names our DNS resolves are checked, and
names only the proxy can resolve are left to the proxy's own rules.
"""

from __future__ import annotations

import functools
import ssl
import time
import urllib.request
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore
import httpx

from pledgetrack.ingest.fetch.errors import permanent
from pledgetrack.ingest.fetch.guard import Guard, resolve
from pledgetrack.ingest.fetch.urls import ALLOWED_SCHEMES

_DEADLINE_SLACK = 0.05  # seconds: a socket timeout clipped to the deadline may fire a hair before it


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """Certificate-verifying TLS settings from the system's CA store, built once (~50 ms a call)."""
    return ssl.create_default_context()


class Clock:
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
    only the deadline: the proxy is the operator's, and the guard checks the target in `Transport`."""

    def __init__(self, clock: Clock, guard: Guard | None):
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
            addresses = resolve(host, port, self._clock.clip(timeout))
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
    def __init__(self, inner: httpcore.NetworkStream, clock: Clock):
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


class Transport(httpx.BaseTransport):
    """httpx's requests onto httpcore connection pools built on `_Backend`: one direct, one per proxy."""

    def __init__(self, clock: Clock, guard: Guard):
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
                addresses = resolve(host, port, limit)
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
        raise permanent(f"cannot use the proxy {proxy!r} from the environment: {error}") from None
    if settings.url.scheme not in ALLOWED_SCHEMES:
        raise permanent(f"cannot use the proxy {proxy!r} from the environment: http(s) proxies only")
    url = settings.url
    return httpcore.HTTPProxy(
        proxy_url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path),
        proxy_auth=settings.raw_auth,
        proxy_headers=settings.headers.raw,
        ssl_context=_tls_context(),
        proxy_ssl_context=_tls_context() if url.scheme == "https" else None,
        network_backend=backend,
    )

"""pledgetrack.ingest.fetch against real HTTP servers on 127.0.0.1 (no other network).

Each test gets a fresh `http.server.ThreadingHTTPServer` on an ephemeral port in a background thread; a
route is a function of (handler, n) where n counts the requests that path has received, so tests can
assert exactly how many requests were made (retried or not). Every handler loop is bounded, so a test
can never hang on the server side.

Its length (about 1,200 lines) is one contract, a section a concern (happy paths, traversal, redirects,
retries, size, public addresses, proxies, sources, manifests), all on the one real-server fixture at the top;
a split by section is the way to shorten it, not yet done.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import json
import pickle
import re
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from pledgetrack.ingest import fetch as fetching
from pledgetrack.ingest.fetch import (
    FetchError,
    FetchResult,
    download,
    fetch,
    fetch_all,
    guard,
    read_sources,
    safe_filename,
    transport,
)

HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>政府工作报告</title></head>"
    "<body><p>2024年地区生产总值增长5%左右。</p></body></html>"
)
HTML_BYTES = HTML.encode("utf-8")
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
LOOPBACK = ["127.0.0.0/8"]  # the test servers' network: to be allowed, like any private one
ALLOW = {"allow_networks": LOOPBACK}
FAST = {"timeout": 2.0, "retries": 2, "backoff": 0.01, **ALLOW}

Route = Callable[[BaseHTTPRequestHandler, int], None]


# ------------------------------------------------------------------------------------------ the server


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a stalled handler must not delay teardown

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.seen: list[tuple[str, dict[str, str]]] = []  # (raw request target, headers)
        self.lock = threading.Lock()

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - clients hang up on purpose
        pass

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        with self.server.lock:
            self.server.seen.append((self.path, dict(self.headers.items())))
            key = self.path if self.path in self.server.routes else self.path.split("?", 1)[0]
            self.server.hits[key] += 1
            count = self.server.hits[key]
        route = self.server.routes.get(key)
        if route is None:
            reply(self, 404, b"not found", "text/plain")
        else:
            route(self, count)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def reply(
    handler: BaseHTTPRequestHandler,
    status: int = 200,
    body: bytes = b"",
    ctype: str | None = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
    length: bool = True,
) -> None:
    handler.send_response(status)
    if ctype is not None:
        handler.send_header("Content-Type", ctype)
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    if length:
        handler.send_header("Content-Length", str(len(body)))
    else:  # body delimited by closing the connection
        handler.send_header("Connection", "close")
        handler.close_connection = True
    handler.end_headers()
    handler.wfile.write(body)


def page(body: bytes, ctype: str | None = "text/html; charset=utf-8", **headers: str) -> Route:
    return lambda h, n: reply(h, 200, body, ctype, {k.replace("_", "-"): v for k, v in headers.items()})


def raw_headers(body: bytes, ctype: str, header_lines: list[bytes]) -> Route:
    """Headers written as raw bytes, the way some servers send UTF-8 or GBK file names."""

    def route(h: BaseHTTPRequestHandler, n: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        h._headers_buffer.extend(line + b"\r\n" for line in header_lines)  # type: ignore[attr-defined]
        h.end_headers()
        h.wfile.write(body)

    return route


def status(code: int, **headers: str) -> Route:
    named = {k.replace("_", "-"): v for k, v in headers.items()}
    return lambda h, n: reply(h, code, b"error", "text/plain", named)


def redirect(location: str, code: int = 302) -> Route:
    return lambda h, n: reply(h, code, b"", "text/plain", {"Location": location})


def serving(httpd: _Server) -> Iterator[_Server]:
    """Serve `httpd` in a thread for the length of a test."""
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def server() -> Iterator[_Server]:
    yield from serving(_Server())


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """urllib honours proxy variables; the tests must reach 127.0.0.1 directly whatever the shell has."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "ftp_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the backoff delays instead of sleeping them."""
    recorded: list[float] = []
    monkeypatch.setattr(download, "_sleep", recorded.append)
    return recorded


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    path = tmp_path / "inbox"
    path.mkdir()
    return path


def report_files(inbox: Path) -> list[str]:
    """What the ingest stage would see: non-hidden files, relative to the inbox."""
    return sorted(
        p.relative_to(inbox).as_posix()
        for p in inbox.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(inbox).parts)
    )


def assert_nothing_written(inbox: Path) -> None:
    assert report_files(inbox) == []
    partial = inbox / ".partial"
    assert not partial.exists() or list(partial.iterdir()) == []


def all_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


# ---------------------------------------------------------------------------------------- happy paths


def test_fetch_html_page_and_index(server: _Server, inbox: Path) -> None:
    server.routes["/zhengce/content_6939153.htm"] = page(HTML_BYTES)
    url = server.url("/zhengce/content_6939153.htm")
    result = fetch(url, inbox, **FAST)
    assert isinstance(result, FetchResult)
    assert (result.status, result.content_type, result.size) == ("new", "text/html", len(HTML_BYTES))
    assert result.url == result.final_url == url
    assert result.path == inbox.resolve() / "content_6939153.htm"
    assert result.path.read_bytes() == HTML_BYTES
    index = json.loads((inbox / ".fetched.json").read_text(encoding="utf-8"))
    assert index["files"][result.sha256]["name"] == "content_6939153.htm"
    assert index["files"][result.sha256]["url"] == url
    assert list((inbox / ".partial").iterdir()) == []  # the temporary file was moved, not copied
    _, headers = server.seen[0]
    assert headers["User-Agent"] == "pledgetrack/0.1 (+accountability research)"


@pytest.mark.parametrize(
    ("path", "route", "expected_name", "expected_type"),
    [
        ("/docs/report.pdf", page(PDF_BYTES, "application/pdf"), "report.pdf", "application/pdf"),
        ("/download?id=7", page(PDF_BYTES, "application/octet-stream"), "download.pdf", "application/pdf"),
        ("/file", page(PDF_BYTES, None), "file.pdf", "application/pdf"),  # no Content-Type: sniffed
        (
            "/blob",
            page(b"\n<html><body>x</body></html>", "application/octet-stream"),
            "blob.html",
            "text/html",
        ),
        ("/misnamed.html", page(PDF_BYTES, "text/html"), "misnamed.html.pdf", "application/pdf"),
        ("/notes.txt", page("经济增长5%".encode(), "text/plain; charset=utf-8"), "notes.txt", "text/plain"),
        ("/notes", page("经济增长5%".encode(), "text/plain"), "notes.txt", "text/plain"),
        ("/page.xhtml", page(HTML_BYTES, "application/xhtml+xml"), "page.xhtml.html", "text/html"),
        ("/", page(HTML_BYTES), "report.html", "text/html"),
        ("/a/b/", page(HTML_BYTES), "report.html", "text/html"),
        (
            "/%E8%99%B9%E5%8F%A3%E5%8C%BA%E6%94%BF%E5%BA%9C%E5%B7%A5%E4%BD%9C%E6%8A%A5%E5%91%8A",
            page(HTML_BYTES),
            "虹口区政府工作报告.html",
            "text/html",
        ),
        ("/%BA%E7%BF%DA.pdf", page(PDF_BYTES, "application/pdf"), "虹口.pdf", "application/pdf"),  # GBK URL
        (
            "/report.pdf;jsessionid=ABC123",
            page(PDF_BYTES, "application/pdf"),
            "report.pdf",
            "application/pdf",
        ),
        ("/gz.html", page(gzip.compress(HTML_BYTES), Content_Encoding="gzip"), "gz.html", "text/html"),
    ],
)
def test_names_and_types(
    server: _Server, inbox: Path, path: str, route: Route, expected_name: str, expected_type: str
) -> None:
    server.routes[path.split("?")[0]] = route
    result = fetch(server.url(path), inbox, **FAST)
    assert result.path is not None
    assert (result.path.name, result.content_type, result.status) == (expected_name, expected_type, "new")
    assert result.path.parent == inbox.resolve()
    assert report_files(inbox) == [expected_name]
    if path == "/gz.html":
        assert result.path.read_bytes() == HTML_BYTES  # stored decoded


def test_non_ascii_url_is_percent_encoded_on_the_wire(server: _Server, inbox: Path) -> None:
    server.routes["/%E6%8A%A5%E5%91%8A%202024.html"] = page(HTML_BYTES)
    result = fetch(server.url("/报告 2024.html"), inbox, **FAST)
    assert server.seen[0][0] == "/%E6%8A%A5%E5%91%8A%202024.html"
    assert result.path is not None and result.path.name == "报告 2024.html"


@pytest.mark.parametrize(
    ("disposition", "expected"),
    [
        ('attachment; filename="plain.pdf"', "plain.pdf"),
        ("attachment; filename=bare.pdf", "bare.pdf"),
        ("attachment; filename*=UTF-8''%E8%99%B9%E5%8F%A3%E5%8C%BA2024%E5%B9%B4.pdf", "虹口区2024年.pdf"),
        ("attachment; filename=\"fallback.pdf\"; filename*=utf-8''%E6%8A%A5%E5%91%8A.pdf", "报告.pdf"),
        ("inline; filename*=UTF-8'zh-CN'%E6%8A%A5%E5%91%8A", "报告.pdf"),  # extension added
        ('attachment; filename="%E6%8A%A5%E5%91%8A.pdf"', "报告.pdf"),  # non-standard, but seen in the wild
        ('attachment; filename="a \\"quoted\\" name.pdf"', "a _quoted_ name.pdf"),
        ("attachment", "from-url.pdf"),  # no file name: the URL's
        ('attachment; filename=""', "from-url.pdf"),
        ('attachment; filename="..."', "from-url.pdf"),
    ],
)
def test_content_disposition(server: _Server, inbox: Path, disposition: str, expected: str) -> None:
    server.routes["/from-url"] = page(PDF_BYTES, "application/pdf", Content_Disposition=disposition)
    result = fetch(server.url("/from-url"), inbox, **FAST)
    assert result.path is not None and result.path.name == expected
    assert report_files(inbox) == [expected]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('attachment; filename="虹口区.pdf"'.encode(), "虹口区.pdf"),  # raw UTF-8 bytes in the header
        ('attachment; filename="虹口区.pdf"'.encode("gbk"), "虹口区.pdf"),  # raw GBK bytes
    ],
)
def test_raw_non_ascii_content_disposition(server: _Server, inbox: Path, raw: bytes, expected: str) -> None:
    server.routes["/x"] = raw_headers(PDF_BYTES, "application/pdf", [b"Content-Disposition: " + raw])
    result = fetch(server.url("/x"), inbox, **FAST)
    assert result.path is not None and result.path.name == expected


# -------------------------------------------------------------------------------------- path traversal


@pytest.mark.parametrize(
    ("path", "disposition"),
    [
        ("/t", 'attachment; filename="../../evil.txt"'),
        ("/t", 'attachment; filename="/etc/passwd"'),
        ("/t", 'attachment; filename="..\\..\\x"'),
        ("/t", "attachment; filename*=UTF-8''..%2F..%2Fevil.txt"),
        ("/t", 'attachment; filename="C:\\Windows\\evil.txt"'),
        ("/t", 'attachment; filename=".bashrc"'),
        ("/t", 'attachment; filename=".."'),
        ("/t", 'attachment; filename="evil\u202etxt.exe"'),  # bidi override hiding the extension
        ("/%2e%2e/%2e%2e/x", None),
        ("/a/..%2F..%2Fevil.txt", None),
        ("/a/%2e%2e", None),
        ("/%2Fetc%2Fpasswd", None),
    ],
)
def test_never_writes_outside_the_inbox(
    server: _Server, tmp_path: Path, inbox: Path, path: str, disposition: str | None
) -> None:
    if disposition and not disposition.isascii():  # real servers send such names as raw UTF-8 bytes
        line = b"Content-Disposition: " + disposition.encode("utf-8")
        server.routes[path] = raw_headers(b"evil content", "text/plain", [line])
    else:
        headers = {"Content_Disposition": disposition} if disposition else {}
        server.routes[path] = page(b"evil content", "text/plain", **headers)
    before = all_files(tmp_path)
    result = fetch(server.url(path), inbox, **FAST)
    assert result.path is not None
    assert result.path.parent == inbox.resolve()
    name = result.path.name
    assert "/" not in name and "\\" not in name and ".." not in name and not name.startswith(".")
    assert "\u202e" not in name
    assert all_files(tmp_path) - before == {f"inbox/{name}", "inbox/.fetched.json"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../evil.txt", "evil.txt"),
        ("/etc/passwd", "passwd"),
        ("..\\..\\x", "x"),
        ("..", ""),
        ("...", ""),
        (".hidden.pdf", "hidden.pdf"),
        ("a..b.pdf", "a.b.pdf"),
        ("tab\there\x00nul.pdf", "tab herenul.pdf"),
        ('re<po>rt:"2024"|?*.pdf', "re_po_rt__2024____.pdf"),
        ("trailing. . .", "trailing"),
        ("CON.txt", "_CON.txt"),
        ("", ""),
    ],
)
def test_safe_filename(raw: str, expected: str) -> None:
    assert safe_filename(raw) == expected


def test_safe_filename_caps_length_and_keeps_extension() -> None:
    name = safe_filename("政府工作报告" * 40 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode("utf-8")) <= 180
    assert name.startswith("政府工作报告")


def test_same_name_different_content_gets_a_suffix(server: _Server, inbox: Path) -> None:
    (inbox / "report.html").write_bytes(b"<html>an older report written by hand</html>")
    server.routes["/v1/report.html"] = page(HTML_BYTES)
    server.routes["/v2/report.html"] = page(HTML_BYTES + b"<!-- corrected -->")
    first = fetch(server.url("/v1/report.html"), inbox, **FAST)
    second = fetch(server.url("/v2/report.html"), inbox, **FAST)
    assert first.path is not None and first.path.name == "report-1.html"
    assert second.path is not None and second.path.name == "report-2.html"
    assert (inbox / "report.html").read_bytes() == b"<html>an older report written by hand</html>"


# ------------------------------------------------------------------------------------------ de-duplication


def test_same_content_under_two_urls_is_a_duplicate(server: _Server, inbox: Path) -> None:
    server.routes["/a/report.pdf"] = page(PDF_BYTES, "application/pdf")
    server.routes["/mirror/copy.pdf"] = page(PDF_BYTES, "application/pdf")
    first = fetch(server.url("/a/report.pdf"), inbox, **FAST)
    second = fetch(server.url("/mirror/copy.pdf"), inbox, **FAST)
    assert (first.status, second.status) == ("new", "duplicate")
    assert second.path == first.path and second.sha256 == first.sha256
    assert report_files(inbox) == ["report.pdf"]
    again = fetch(server.url("/a/report.pdf"), inbox, **FAST)
    assert again.status == "duplicate"
    assert report_files(inbox) == ["report.pdf"]


def test_file_already_in_inbox_is_found_by_hash_and_cached(server: _Server, inbox: Path) -> None:
    (inbox / "2023").mkdir()
    (inbox / "2023" / "by-hand.pdf").write_bytes(PDF_BYTES)
    (inbox / "other.pdf").write_bytes(b"%PDF-1.4 something else entirely, and of another size")
    server.routes["/r.pdf"] = page(PDF_BYTES, "application/pdf")
    result = fetch(server.url("/r.pdf"), inbox, **FAST)
    assert result.status == "duplicate"
    assert result.path == (inbox / "2023" / "by-hand.pdf").resolve()
    index = json.loads((inbox / ".fetched.json").read_text(encoding="utf-8"))
    assert index["files"][result.sha256] == {
        "name": "2023/by-hand.pdf",
        "url": None,
        "size": len(PDF_BYTES),
        "mtime_ns": (inbox / "2023" / "by-hand.pdf").stat().st_mtime_ns,
    }
    assert len(index["files"]) == 1  # the file of another size was never hashed


def test_stale_or_corrupt_index_is_recovered(server: _Server, inbox: Path) -> None:
    server.routes["/r.pdf"] = page(PDF_BYTES, "application/pdf")
    first = fetch(server.url("/r.pdf"), inbox, **FAST)
    assert first.path is not None
    first.path.unlink()  # removed by hand: the index entry is stale, the content is fetched again
    again = fetch(server.url("/r.pdf"), inbox, **FAST)
    assert again.status == "new" and again.path is not None and again.path.exists()
    (inbox / ".fetched.json").write_text("{not json", encoding="utf-8")
    third = fetch(server.url("/r.pdf"), inbox, **FAST)
    assert third.status == "duplicate" and third.path == again.path
    assert json.loads((inbox / ".fetched.json").read_text(encoding="utf-8"))["version"] == 1


# ---------------------------------------------------------------------------------------------- redirects


def test_one_redirect_is_followed(server: _Server, inbox: Path) -> None:
    server.routes["/short"] = redirect("/real/report.pdf", 301)
    server.routes["/real/report.pdf"] = page(PDF_BYTES, "application/pdf")
    result = fetch(server.url("/short"), inbox, **FAST)
    assert result.url == server.url("/short")
    assert result.final_url == server.url("/real/report.pdf")
    assert result.path is not None and result.path.name == "report.pdf"


def test_redirect_loop_is_refused(server: _Server, inbox: Path) -> None:
    for i in range(10):
        server.routes[f"/loop/{i}"] = redirect(f"/loop/{(i + 1) % 10}")
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)") as caught:
        fetch(server.url("/loop/0"), inbox, **FAST)
    assert caught.value.permanent is True
    assert sum(server.hits.values()) == 6  # the first request and 5 redirects, not retried
    assert_nothing_written(inbox)


@pytest.mark.parametrize(
    "location",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/report.pdf",
        "data:text/html,<html>hi</html>",
        "javascript:alert(1)",
        "gopher://127.0.0.1/x",
    ],
)
def test_redirect_to_other_scheme_is_refused(server: _Server, inbox: Path, location: str) -> None:
    server.routes["/go"] = redirect(location)
    with pytest.raises(FetchError, match="only http and https") as caught:
        fetch(server.url("/go"), inbox, **FAST)
    assert caught.value.permanent is True and "redirect to" in str(caught.value)
    assert server.hits["/go"] == 1
    assert_nothing_written(inbox)


def test_max_redirects_zero_refuses_any_redirect(server: _Server, inbox: Path) -> None:
    server.routes["/short"] = redirect("/real.pdf")
    server.routes["/real.pdf"] = page(PDF_BYTES, "application/pdf")
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(server.url("/short"), inbox, **FAST, max_redirects=0)
    assert server.hits["/real.pdf"] == 0


# -------------------------------------------------------------------------------------------- bad schemes


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/report.pdf",
        "data:text/html,<html></html>",
        "javascript:alert(1)",
        "example.org/report.pdf",
        "http:///no-host",
        "http://user:secret@127.0.0.1/x",
        "http://127.0.0.1:99999/x",
        "http://127.0.0.1/a\nb",
    ],
)
def test_refused_urls_are_permanent_and_never_requested(server: _Server, inbox: Path, url: str) -> None:
    with pytest.raises(FetchError, match="refused") as caught:
        fetch(url, inbox, **FAST)
    assert caught.value.permanent is True and caught.value.url == url
    assert server.seen == []
    assert_nothing_written(inbox)


# ------------------------------------------------------------------------------------ retries and failures


def test_503_twice_then_200_is_retried_with_backoff(
    server: _Server, inbox: Path, sleeps: list[float]
) -> None:
    server.routes["/flaky.html"] = lambda h, n: (
        reply(h, 503, b"busy", "text/plain") if n <= 2 else reply(h, 200, HTML_BYTES)
    )
    result = fetch(
        server.url("/flaky.html"), inbox, timeout=2, retries=3, backoff=0.01, allow_networks=LOOPBACK
    )
    assert result.status == "new"
    assert server.hits["/flaky.html"] == 3
    assert sleeps == [0.01, 0.02]


@pytest.mark.parametrize("code", [500, 502, 503, 504, 429])
def test_transient_status_gives_up_after_the_last_retry(
    server: _Server, inbox: Path, sleeps: list[float], code: int
) -> None:
    server.routes["/down"] = status(code)
    with pytest.raises(FetchError, match=f"HTTP {code}.*gave up after 3 attempts") as caught:
        fetch(server.url("/down"), inbox, timeout=2, retries=2, backoff=0.01, **ALLOW)
    assert (caught.value.permanent, caught.value.status) == (False, code)
    assert server.hits["/down"] == 3
    assert sleeps == [0.01, 0.02]
    assert_nothing_written(inbox)


@pytest.mark.parametrize("code", [404, 403, 410, 400, 401, 204])
def test_permanent_status_is_not_retried(
    server: _Server, inbox: Path, sleeps: list[float], code: int
) -> None:
    server.routes["/gone"] = status(code)
    with pytest.raises(FetchError, match=f"HTTP {code}") as caught:
        fetch(server.url("/gone"), inbox, **FAST)
    assert (caught.value.permanent, caught.value.status) == (True, code)
    assert server.hits["/gone"] == 1
    assert sleeps == []
    assert_nothing_written(inbox)


def test_unknown_path_404_is_one_request(server: _Server, inbox: Path) -> None:
    with pytest.raises(FetchError, match="HTTP 404") as caught:
        fetch(server.url("/nothing-here.pdf"), inbox, **FAST)
    assert caught.value.permanent is True
    assert len(server.seen) == 1


def test_retry_after_is_honoured_when_small(server: _Server, inbox: Path, sleeps: list[float]) -> None:
    server.routes["/limited"] = lambda h, n: (
        reply(h, 429, b"slow down", "text/plain", {"Retry-After": "7"})
        if n == 1
        else reply(h, 200, HTML_BYTES)
    )
    assert fetch(server.url("/limited"), inbox, **FAST).status == "new"
    assert sleeps == [7.0]


def test_long_retry_after_gives_up_at_once(server: _Server, inbox: Path, sleeps: list[float]) -> None:
    server.routes["/later"] = status(503, Retry_After="3600")
    with pytest.raises(FetchError, match="retry after 3600 s") as caught:
        fetch(server.url("/later"), inbox, **FAST)
    assert caught.value.permanent is False
    assert server.hits["/later"] == 1 and sleeps == []


def test_connection_refused_is_transient(inbox: Path, sleeps: list[float]) -> None:
    probe = _Server()  # take a free port, then close it: nothing listens there any more
    url = probe.url("/x")
    probe.server_close()
    with pytest.raises(FetchError, match="cannot connect") as caught:
        fetch(url, inbox, timeout=1, retries=1, backoff=0.01, **ALLOW)
    assert caught.value.permanent is False and sleeps == [0.01]


def test_stalled_server_times_out(server: _Server, inbox: Path, sleeps: list[float]) -> None:
    def stall(h: BaseHTTPRequestHandler, n: int) -> None:
        time.sleep(2)
        reply(h, 200, HTML_BYTES)

    server.routes["/stall"] = stall
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no response within 0.5 s") as caught:
        fetch(server.url("/stall"), inbox, timeout=0.5, retries=1, backoff=0.01, **ALLOW)
    assert time.monotonic() - started < 1.8
    assert caught.value.permanent is False
    assert server.hits["/stall"] == 2  # a timeout is transient: retried once
    assert_nothing_written(inbox)


def test_dripping_server_hits_the_overall_deadline(server: _Server, inbox: Path) -> None:
    def drip(h: BaseHTTPRequestHandler, n: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "100")
        h.end_headers()
        for _ in range(10):  # bounded: 2 s at most
            h.wfile.write(b"<")
            h.wfile.flush()
            time.sleep(0.2)

    server.routes["/drip"] = drip
    started = time.monotonic()
    with pytest.raises(FetchError, match="deadline of 0.8 s") as caught:
        fetch(server.url("/drip"), inbox, timeout=0.5, deadline=0.8, retries=0, **ALLOW)
    assert time.monotonic() - started < 1.6
    assert caught.value.permanent is False
    assert_nothing_written(inbox)


def drip_headers(h: BaseHTTPRequestHandler, n: int) -> None:
    """The status line and headers one byte every 0.2 s: each read gets a byte well within any timeout."""
    data = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 6\r\n\r\n<html>"
    h.close_connection = True
    with contextlib.suppress(OSError):  # the client hangs up, as it should
        for byte in data:  # bounded: 14 s at most
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            time.sleep(0.2)


def drip_body(h: BaseHTTPRequestHandler, n: int) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100")
    h.end_headers()
    h.close_connection = True
    with contextlib.suppress(OSError):
        for _ in range(100):  # bounded: 20 s at most
            h.wfile.write(b"<")
            h.wfile.flush()
            time.sleep(0.2)


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (drip_headers, "no complete response within the deadline of 1.5 s"),
        (drip_body, "download not finished within the deadline of 1.5 s"),
    ],
)
def test_one_deadline_per_url_bounds_a_dripping_server(
    server: _Server, inbox: Path, route: Route, message: str
) -> None:
    server.routes["/drip"] = route
    started = time.monotonic()
    with pytest.raises(FetchError, match=message) as caught:
        fetch(server.url("/drip"), inbox, timeout=0.5, deadline=1.5, retries=3, backoff=0.01, **ALLOW)
    assert time.monotonic() - started < 2.5
    assert caught.value.permanent is False
    assert server.hits["/drip"] == 1  # the deadline is spent: no retry
    assert_nothing_written(inbox)


def test_retries_stop_when_the_deadline_is_spent(server: _Server, inbox: Path) -> None:
    server.routes["/busy"] = status(503)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"HTTP 503 .*would pass the deadline of 1 s") as caught:
        fetch(server.url("/busy"), inbox, timeout=0.5, deadline=1.0, retries=10, backoff=0.3, **ALLOW)
    assert time.monotonic() - started < 1.3  # waits of 0.3 and 0.6 s, and not the 1.2 s after them
    assert caught.value.permanent is False
    assert 2 <= server.hits["/busy"] <= 3


def test_a_retry_after_beyond_the_deadline_gives_up_at_once(
    server: _Server, inbox: Path, sleeps: list[float]
) -> None:
    server.routes["/later"] = status(429, Retry_After="30")
    with pytest.raises(FetchError, match="waiting 30 s for another would pass the deadline of 5 s"):
        fetch(server.url("/later"), inbox, timeout=0.5, deadline=5, retries=3, **ALLOW)
    assert server.hits["/later"] == 1 and sleeps == []


def test_the_deadline_defaults_to_ten_timeouts(server: _Server, inbox: Path, sleeps: list[float]) -> None:
    server.routes["/later"] = status(429, Retry_After="21")
    with pytest.raises(FetchError, match="deadline of 20 s"):
        fetch(server.url("/later"), inbox, timeout=2, retries=3, **ALLOW)
    assert sleeps == []


@pytest.mark.parametrize("ctype", ["text/html", "application/octet-stream", None])
def test_empty_body_is_transient(
    server: _Server, inbox: Path, sleeps: list[float], ctype: str | None
) -> None:
    server.routes["/empty"] = page(b"", ctype)
    with pytest.raises(FetchError, match="empty response") as caught:
        fetch(server.url("/empty"), inbox, timeout=2, retries=1, backoff=0.01, **ALLOW)
    assert caught.value.permanent is False and server.hits["/empty"] == 2
    assert_nothing_written(inbox)


def test_truncated_body_is_transient(server: _Server, inbox: Path, sleeps: list[float]) -> None:
    def truncated(h: BaseHTTPRequestHandler, n: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/pdf")
        h.send_header("Content-Length", str(len(PDF_BYTES) + 500))
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(PDF_BYTES)
        h.close_connection = True

    server.routes["/cut.pdf"] = truncated
    with pytest.raises(FetchError, match="connection closed after") as caught:
        fetch(server.url("/cut.pdf"), inbox, timeout=2, retries=1, backoff=0.01, **ALLOW)
    assert caught.value.permanent is False and server.hits["/cut.pdf"] == 2
    assert_nothing_written(inbox)


# ---------------------------------------------------------------------------------------- size and type


def big_body(total: int, with_length: bool) -> Route:
    def route(h: BaseHTTPRequestHandler, n: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/pdf")
        if with_length:
            h.send_header("Content-Length", str(total))
        else:
            h.send_header("Connection", "close")
            h.close_connection = True
        h.end_headers()
        block = b"%PDF-1.4\n" + b"0" * 8183
        try:
            for _ in range(total // len(block)):  # bounded
                h.wfile.write(block)
        except OSError:  # the client hung up, as it should
            pass

    return route


@pytest.mark.parametrize("with_length", [True, False])
def test_body_over_max_bytes_is_refused(
    server: _Server, inbox: Path, sleeps: list[float], with_length: bool
) -> None:
    server.routes["/huge.pdf"] = big_body(2 * 2**20, with_length)
    with pytest.raises(FetchError, match="too large") as caught:
        fetch(server.url("/huge.pdf"), inbox, **FAST, max_bytes=100_000)
    assert caught.value.permanent is True
    assert server.hits["/huge.pdf"] == 1 and sleeps == []
    if with_length:
        assert "Content-Length 2097152" in str(caught.value)
    assert_nothing_written(inbox)


def test_gzip_bomb_is_refused(server: _Server, inbox: Path) -> None:
    server.routes["/bomb.html"] = page(gzip.compress(b"<html>" + b" " * (5 * 2**20)), Content_Encoding="gzip")
    with pytest.raises(FetchError, match="too large"):
        fetch(server.url("/bomb.html"), inbox, **FAST, max_bytes=100_000)
    assert_nothing_written(inbox)


def test_body_exactly_at_the_limit_is_accepted(server: _Server, inbox: Path) -> None:
    server.routes["/exact.pdf"] = page(PDF_BYTES, "application/pdf")
    result = fetch(server.url("/exact.pdf"), inbox, **FAST, max_bytes=len(PDF_BYTES))
    assert result.size == len(PDF_BYTES)


@pytest.mark.parametrize(
    ("ctype", "body"),
    [
        ("image/png", b"\x89PNG\r\n"),
        ("application/zip", b"PK\x03\x04"),
        ("application/json", b"{}"),
        ("application/octet-stream", b"MZ\x90\x00 not a report"),
        (None, b"\x00\x01\x02 binary"),
    ],
)
def test_unsupported_content_type_is_refused(
    server: _Server, inbox: Path, sleeps: list[float], ctype: str | None, body: bytes
) -> None:
    server.routes["/thing"] = page(body, ctype)
    with pytest.raises(FetchError, match="unsupported content type") as caught:
        fetch(server.url("/thing"), inbox, **FAST)
    assert caught.value.permanent is True
    assert server.hits["/thing"] == 1 and sleeps == []
    assert_nothing_written(inbox)


# ----------------------------------------------------------------------------- public addresses only


def fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """Names resolved as `answers` says (others as usual); returns the names looked up, in order."""
    looked_up: list[str] = []
    real = guard._getaddrinfo

    def getaddrinfo(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return list(answers[host]) if host in answers else real(host, port)

    monkeypatch.setattr(guard, "_getaddrinfo", getaddrinfo)
    return looked_up


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test (not with a FetchError)."""

    def connect(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", connect)


def test_loopback_is_refused_by_default_with_a_clear_message(server: _Server, inbox: Path) -> None:
    server.routes["/x"] = page(HTML_BYTES)
    url = server.url("/x")
    with pytest.raises(FetchError) as caught:
        fetch(url, inbox, timeout=2, retries=2, backoff=0.01)
    assert caught.value.reason == (
        f"refused: 127.0.0.1 is a loopback address ({url}); pledgetrack fetches public sites only — allow a "
        'network with fetch_allow = ["127.0.0.0/8"] in pledgetrack.toml or --allow-network'
    )
    assert caught.value.permanent is True
    assert server.seen == []
    assert_nothing_written(inbox)


@pytest.mark.parametrize(
    "allowed", [["127.0.0.0/8"], ["127.0.0.1"], ["10.0.0.0/8", "127.0.0.1/32"], "127.0.0.1"]
)
def test_an_allowed_network_is_fetched_from(server: _Server, inbox: Path, allowed: list[str] | str) -> None:
    server.routes["/x.html"] = page(HTML_BYTES)
    assert fetch(server.url("/x.html"), inbox, timeout=2, allow_networks=allowed).status == "new"


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("169.254.169.254", "a link-local address"),  # the cloud metadata service
        ("[::ffff:127.0.0.1]", "a loopback address"),  # IPv4-mapped IPv6
        ("[::ffff:169.254.169.254]", "a link-local address"),
        ("[::ffff:10.0.0.1]", "a private address"),
        ("[64:ff9b::7f00:1]", "a loopback address"),  # NAT64 of 127.0.0.1
        ("[2002:a00:1::1]", "a private address"),  # 6to4 of 10.0.0.1
        ("10.0.0.5", "a private address"),
        ("172.16.8.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("[fd12:3456::1]", "a private address"),
        ("100.64.0.1", "a carrier-grade NAT (shared) address"),
        ("127.0.0.2", "a loopback address"),
        ("[::1]", "a loopback address"),
        ("[fe80::1]", "a link-local address"),
        ("0.0.0.0", "an unspecified address"),
        ("[::]", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("[ff02::1]", "a multicast address"),
        ("255.255.255.255", "the broadcast address"),
        ("240.0.0.1", "a reserved, non-public address"),
        ("192.0.2.1", "a reserved, non-public address"),  # documentation
        ("127.1", "a loopback address"),  # short forms the resolver expands: checked as what they resolve to
        ("2130706433", "a loopback address"),
        ("0x7f.0.0.1", "a loopback address"),
    ],
)
def test_non_public_addresses_are_refused_without_connecting(
    inbox: Path, no_connections: None, host: str, kind: str
) -> None:
    url = f"http://{host}/latest/meta-data/"
    started = time.monotonic()
    with pytest.raises(FetchError, match=f"refused: .*{re.escape(f'{kind} ({url})')}") as caught:
        fetch(url, inbox, timeout=5, retries=3, allow_networks=["8.8.8.0/24"])
    assert time.monotonic() - started < 0.5
    assert caught.value.permanent is True
    assert_nothing_written(inbox)


def test_a_name_with_any_private_address_is_refused(
    inbox: Path, monkeypatch: pytest.MonkeyPatch, no_connections: None
) -> None:
    fake_dns(monkeypatch, {"reports.gov.example": ["93.184.216.34", "10.0.0.7"]})
    url = "http://reports.gov.example/2024.pdf"
    with pytest.raises(FetchError) as caught:
        fetch(url, inbox, **FAST)
    assert caught.value.permanent is True
    assert caught.value.reason.startswith(
        f"refused: reports.gov.example resolves to 10.0.0.7, a private address ({url}); "
    )
    assert 'fetch_allow = ["10.0.0.7/32"]' in caught.value.reason
    assert_nothing_written(inbox)


def test_a_name_is_connected_to_at_the_address_checked(
    server: _Server, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One lookup per connection, and the socket goes to that answer's address: DNS answering otherwise
    a moment later (rebinding) is never asked."""
    answers = {"reports.gov.example": ["127.0.0.1"]}
    looked_up = fake_dns(monkeypatch, answers)
    server.routes["/2024.html"] = page(HTML_BYTES)
    url = f"http://reports.gov.example:{server.server_address[1]}/2024.html"
    answers["reports.gov.example"] = ["127.0.0.1"]
    result = fetch(url, inbox, timeout=2, allow_networks=["127.0.0.1/32"])
    assert result.status == "new" and result.final_url == url
    assert looked_up == ["reports.gov.example"]
    assert server.seen[0][1]["Host"] == f"reports.gov.example:{server.server_address[1]}"


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("http://127.0.0.2:{port}/secret", "127.0.0.2 is a loopback address"),
        ("http://[::1]:{port}/secret", "::1 is a loopback address"),
        ("http://[::ffff:127.0.0.2]:{port}/secret", "::ffff:127.0.0.2 is a loopback address"),
        ("http://metadata.gov.example/latest", "metadata.gov.example resolves to 169.254.169.254,"),
        ("http://2130706434:{port}/secret", "2130706434 resolves to 127.0.0.2, a loopback address"),
    ],
)
def test_a_redirect_to_a_private_address_is_refused_at_the_hop(
    server: _Server, inbox: Path, monkeypatch: pytest.MonkeyPatch, location: str, shown: str
) -> None:
    """A public-looking site (reports.gov.example, here on 127.0.0.1, the one address allowed) redirecting
    into the private network: refused at the hop, before anything is sent there."""
    port = server.server_address[1]
    fake_dns(monkeypatch, {"reports.gov.example": ["127.0.0.1"], "metadata.gov.example": ["169.254.169.254"]})
    target = location.format(port=port)
    server.routes["/go"] = redirect(target)
    with pytest.raises(FetchError) as caught:
        fetch(f"http://reports.gov.example:{port}/go", inbox, timeout=2, allow_networks=["127.0.0.1/32"])
    assert caught.value.permanent is True
    assert caught.value.reason.startswith(f"refused: {shown}")
    assert f"({target})" in caught.value.reason
    assert [path for path, _ in server.seen] == ["/go"]
    assert_nothing_written(inbox)


def test_through_a_proxy_what_can_be_seen_is_checked(
    server: _Server, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proxy resolves names itself; addresses, and names our DNS resolves, are still checked (the
    proxy, on loopback here, is the operator's and needs no allowance)."""
    fake_dns(monkeypatch, {"intranet.gov.example": ["10.1.1.1"]})
    monkeypatch.setenv("http_proxy", server.url(""))
    for url, shown in [
        ("http://10.0.0.5/admin", "10.0.0.5 is a private address"),
        ("http://169.254.169.254/latest", "169.254.169.254 is a link-local address"),
        ("http://intranet.gov.example/x", "intranet.gov.example resolves to 10.1.1.1, a private address"),
    ]:
        with pytest.raises(FetchError, match=f"refused: {shown}"):
            fetch(url, inbox, timeout=2)
    assert server.seen == []
    server.routes["http://10.0.0.5/admin"] = page(HTML_BYTES)
    assert fetch("http://10.0.0.5/admin", inbox, timeout=2, allow_networks=["10.0.0.0/8"]).status == "new"
    assert [path for path, _ in server.seen] == ["http://10.0.0.5/admin"]


@pytest.fixture
def tls_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Server]:
    """The test server behind TLS, with a certificate for reports.gov.example only, which fetch trusts."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "reports.gov.example")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder(subject_name=name, issuer_name=name, public_key=key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("reports.gov.example")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = tmp_path / "cert.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file = tmp_path / "key.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pem, key_file)
    httpd = _Server()
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    monkeypatch.setattr(transport, "_tls_context", lambda: ssl.create_default_context(cafile=str(pem)))
    yield from serving(httpd)


def test_tls_is_verified_against_the_name_though_the_checked_address_is_connected_to(
    tls_server: _Server, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dns(monkeypatch, {"reports.gov.example": ["127.0.0.1"], "mirror.gov.example": ["127.0.0.1"]})
    tls_server.routes["/r.pdf"] = page(PDF_BYTES, "application/pdf")
    port = tls_server.server_address[1]
    result = fetch(f"https://reports.gov.example:{port}/r.pdf", inbox, timeout=2, **ALLOW)
    assert result.status == "new"
    for url, problem in [
        (f"https://mirror.gov.example:{port}/r.pdf", "Hostname mismatch"),  # same address, other name
        (f"https://127.0.0.1:{port}/r.pdf", "IP address mismatch"),
    ]:
        with pytest.raises(FetchError, match=f"TLS certificate not valid: {problem}") as caught:
            fetch(url, inbox, timeout=2, **ALLOW)
        assert caught.value.permanent is True
    assert len(tls_server.seen) == 1


@pytest.mark.parametrize("bad", ["10.1.2.0/33", "nonsense", "10.1.2", "", "fe80::/200"])
def test_a_bad_allowed_network_is_a_value_error(server: _Server, inbox: Path, bad: str) -> None:
    server.routes["/x.html"] = page(HTML_BYTES)
    with pytest.raises(ValueError, match=f"not a network: {re.escape(repr(bad))}"):
        fetch(server.url("/x.html"), inbox, allow_networks=["127.0.0.0/8", bad])
    with pytest.raises(ValueError, match="not a network"):
        fetch_all([server.url("/x.html")], inbox, allow_networks=[bad])
    assert server.seen == []


def test_fetch_command_refuses_loopback_unless_a_network_is_allowed(
    server: _Server, inbox: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.cli import main

    monkeypatch.delenv("PLEDGETRACK_FETCH_ALLOW", raising=False)
    server.routes["/x.html"] = page(HTML_BYTES)
    url = server.url("/x.html")
    assert main(["fetch", url, "--inbox", str(inbox), "--timeout", "2"]) == 1
    err = capsys.readouterr().err
    assert f"refused: 127.0.0.1 is a loopback address ({url}); pledgetrack fetches public sites only" in err
    assert 'fetch_allow = ["127.0.0.0/8"] in pledgetrack.toml or --allow-network' in err
    assert server.seen == [] and report_files(inbox) == []

    assert main(["fetch", url, "--inbox", str(inbox), "--allow-network", "nonsense"]) == 2
    assert "error: not a network: 'nonsense'" in capsys.readouterr().err

    argv = [
        "fetch",
        url,
        "--inbox",
        str(inbox),
        "--allow-network",
        "10.0.0.0/8",
        "--allow-network",
        "127.0.0.0/8",
    ]
    assert main(argv) == 0
    assert report_files(inbox) == ["x.html"]


def test_fetch_command_takes_the_allowed_networks_from_the_settings(
    server: _Server, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.cli import main

    server.routes["/x.html"] = page(HTML_BYTES)
    monkeypatch.setenv("PLEDGETRACK_FETCH_ALLOW", "127.0.0.0/8")
    assert main(["fetch", server.url("/x.html"), "--inbox", str(inbox)]) == 0
    assert report_files(inbox) == ["x.html"]


# --------------------------------------------------------------------------------- proxies, errors, all


def test_http_proxy_from_environment_is_used(
    server: _Server, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.routes["http://reports.example.invalid/2024.html"] = page(HTML_BYTES)
    monkeypatch.setenv("http_proxy", server.url(""))
    result = fetch("http://reports.example.invalid/2024.html", inbox, **FAST)
    assert server.seen[0][0] == "http://reports.example.invalid/2024.html"  # absolute URI: a proxy request
    assert result.path is not None and result.path.name == "2024.html"


def test_fetch_error_survives_pickling() -> None:
    error = FetchError("HTTP 404 Not Found", url="http://x/y", permanent=True, status=404)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.reason, copy.url, copy.permanent) == ("HTTP 404 Not Found", "http://x/y", True)
    assert copy.status == 404
    assert str(copy) == "http://x/y: HTTP 404 Not Found"


def test_fetch_all_collects_errors_and_keeps_going(server: _Server, inbox: Path) -> None:
    server.routes["/one.html"] = page(HTML_BYTES)
    server.routes["/two.pdf"] = page(PDF_BYTES, "application/pdf")
    urls = [
        server.url("/one.html"),
        server.url("/missing"),
        "file:///etc/passwd",
        server.url("/two.pdf"),
        server.url("/one.html"),
    ]
    results = fetch_all(urls, inbox, **FAST)
    assert [type(r).__name__ for r in results] == [
        "FetchResult",
        "FetchError",
        "FetchError",
        "FetchResult",
        "FetchResult",
    ]
    assert [r.status for r in results if isinstance(r, FetchResult)] == ["new", "new", "duplicate"]
    assert all(isinstance(r, FetchError) and r.permanent for r in results[1:3])
    assert report_files(inbox) == ["one.html", "two.pdf"]


def test_fetch_creates_a_missing_inbox(server: _Server, tmp_path: Path) -> None:
    server.routes["/r.pdf"] = page(PDF_BYTES, "application/pdf")
    result = fetch(server.url("/r.pdf"), tmp_path / "new" / "inbox", **FAST)
    assert result.path == (tmp_path / "new" / "inbox" / "r.pdf").resolve()


# ------------------------------------------------------------------------------------------- read_sources


def test_read_sources(tmp_path: Path) -> None:
    sources = tmp_path / "sources.txt"
    sources.write_text(
        "\ufeff# 政府工作报告 to fetch\n"
        "\n"
        "  https://www.gov.cn/zhengce/2024-03/12/content_6939153.htm  \n"
        "http://www.shhk.gov.cn/报告.pdf   # Hongkou, trailing comment\n"
        "\t# indented comment\n"
        "HTTPS://example.org/a#section\n",
        encoding="utf-8",
    )
    assert read_sources(sources) == [
        "https://www.gov.cn/zhengce/2024-03/12/content_6939153.htm",
        "http://www.shhk.gov.cn/报告.pdf",
        "HTTPS://example.org/a#section",
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("ftp://example.org/x", "not a ftp: URL"),
        ("file:///etc/passwd", "not a file: URL"),
        ("www.gov.cn/report.pdf", "without a scheme"),
        ("https://a b", "one URL per line"),
        ("javascript:alert(1)", "not a javascript: URL"),
        ("http://", "no host"),
    ],
)
def test_read_sources_names_the_bad_line(tmp_path: Path, line: str, message: str) -> None:
    sources = tmp_path / "sources.txt"
    sources.write_text(f"# header\nhttps://ok.example.org/x\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"line 3: .*{message}"):
        read_sources(sources)


# ------------------------------------------------------------------------------------ manifests' URLs


def test_fetch_command_fetches_the_manifests_urls(server: _Server, inbox: Path, tmp_path: Path) -> None:
    from flows.cli import main

    server.routes["/a.html"] = page(HTML_BYTES)
    server.routes["/b.html"] = page(HTML_BYTES.replace(b"5%", b"6%"))
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"{server.url('/a.html')},河北省保定市安新县,2024\n", encoding="utf-8")
    argv = ["fetch", server.url("/b.html"), "--manifest", str(manifest), "--inbox", str(inbox)]
    assert main([*argv, "--allow-network", "127.0.0.0/8"]) == 0
    assert report_files(inbox) == ["a.html", "b.html"]
    assert fetching.fetched_files(inbox) == {
        server.url("/a.html"): str((inbox / "a.html").resolve()),
        server.url("/b.html"): str((inbox / "b.html").resolve()),
    }
    (inbox / "a.html").unlink()  # a file since removed is no longer matched
    assert list(fetching.fetched_files(inbox)) == [server.url("/b.html")]


def test_a_run_fetches_the_url_rows_not_fetched_yet(server: _Server, inbox: Path, tmp_path: Path) -> None:
    from flows.pipeline import pipeline
    from tests.test_manifest import EXAMPLE, unnamed

    body = "".join(f"<p>{line}</p>" for line in unnamed(EXAMPLE).splitlines() if line.strip())
    server.routes["/2023.html"] = page(f"<html><body>{body}</body></html>".encode())
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"{server.url('/2023.html')},上海市杨浦区,2023,annual\n", encoding="utf-8")
    db, pages = tmp_path / "w.duckdb", tmp_path / "pages"
    run = {"inboxes": [str(inbox)], "db": str(db), "manifests": [str(manifest)], "fetch_allow": LOOPBACK}
    first = pipeline(**run, pages_dir=str(pages))
    assert len(first.fetched) == 1 and len(first.loaded) == 1 and not first.quarantined
    second = pipeline(**run)
    assert not second.fetched and server.hits["/2023.html"] == 1  # fetched once, then matched by the ledger
    # provenance: the report knows where it came from and when, and its page links there
    with duckdb.connect(str(db), read_only=True) as con:
        [(url, retrieved)] = con.execute("SELECT source_url, retrieved_at FROM reports").fetchall()
    assert url == server.url("/2023.html") and retrieved is not None
    html = (pages / "上海市杨浦区" / "2023.html").read_text(encoding="utf-8")
    assert f'<a class="source" href="{url}" rel="noopener noreferrer">原文链接</a>' in html


def test_the_index_never_reads_a_link_out_of_the_inbox(server: _Server, inbox: Path, tmp_path: Path) -> None:
    """Deduplication hashes the inbox's files of a download's size: a link to a file elsewhere (as large as
    the download) is not one of them, and its content is never read or its hash recorded."""
    secret = tmp_path / "secret.html"
    secret.write_bytes(b"x" * len(HTML_BYTES))
    (inbox / "link.html").symlink_to(secret)
    server.routes["/r.html"] = page(HTML_BYTES)
    result = fetch(server.url("/r.html"), inbox, **FAST)
    assert result.status == "new"
    index = json.loads((inbox / fetching.INDEX_NAME).read_text(encoding="utf-8"))
    recorded = json.dumps(index)
    assert hashlib.sha256(secret.read_bytes()).hexdigest() not in recorded and "link.html" not in recorded

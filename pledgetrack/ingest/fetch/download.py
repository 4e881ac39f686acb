"""`fetch` and `fetch_all`: URLs in, files in the inbox (`FetchResult`) or `FetchError`s out; the retries,
the backoff between them and the deadline that bounds them all.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pledgetrack.ingest.fetch.attempt import Download, Options, fetch_once
from pledgetrack.ingest.fetch.errors import Failure, FetchError
from pledgetrack.ingest.fetch.guard import Guard, networks
from pledgetrack.ingest.fetch.store import FetchResult, prepare_inbox, save
from pledgetrack.ingest.fetch.transport import Clock, Transport
from pledgetrack.ingest.fetch.urls import check_url

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "pledgetrack/0.1 (+accountability research)"
# A server asking for a longer pause than this gets it from the next scheduled run instead of a blocked run.
MAX_RETRY_AFTER = 60.0
# The deadline of one URL when none is given, in timeouts: 5 minutes with the default timeout of 30 s, for a
# 50 MB report from a slow server, and as long as one attempt was allowed before the deadline covered retries.
DEADLINE_FACTOR = 10

_sleep = time.sleep  # tests replace this to observe the backoff without waiting for it


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
    options = Options(
        timeout=float(timeout),
        deadline=float(deadline) if deadline is not None else DEADLINE_FACTOR * timeout,
        max_bytes=int(max_bytes),
        max_redirects=int(max_redirects),
        user_agent=user_agent,
    )
    guard = Guard(networks(allow_networks))
    clock = Clock(options.deadline)
    try:
        request_url = check_url(url)
    except Failure as failure:
        raise FetchError(failure.message, url=url, permanent=True) from None
    try:
        root, partial = prepare_inbox(Path(inbox))
    except OSError as error:
        raise FetchError(f"cannot use the inbox {inbox}: {error}", url=url) from error

    download: Download | None = None
    with Transport(clock, guard) as transport:
        for attempt in range(retries + 1):
            try:
                download = fetch_once(transport, request_url, partial, options, clock)
                break
            except Failure as failure:
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
        return save(download, url, root)
    except Failure as failure:
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
    networks(opts.get("allow_networks", ()))
    results: list[FetchResult | FetchError] = []
    for url in urls:
        try:
            results.append(fetch(url, inbox, **opts))
        except FetchError as error:
            log.info("fetch failed: %s", error)  # callers report errors; a library must not print them twice
            results.append(error)
    return results

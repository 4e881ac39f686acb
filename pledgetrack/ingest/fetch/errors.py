"""What a fetch raises: `FetchError` for callers, `Failure` inside the package.

A failed attempt is a `Failure` that says whether to retry and whether the failure is permanent;
`download.fetch` turns the last one into the FetchError its caller sees.
"""

from __future__ import annotations

from typing import Any


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


class Failure(Exception):
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


def permanent(message: str, status: int | None = None) -> Failure:
    return Failure(message, permanent=True, retry=False, status=status)


def transient(message: str, status: int | None = None, retry_after: float | None = None) -> Failure:
    return Failure(message, permanent=False, retry=True, status=status, retry_after=retry_after)

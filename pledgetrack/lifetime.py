"""Helper processes that end with the process they work for, even when it is killed (SIGKILL).

A scheduled run is killed by watchdogs, service managers and people; the kernel then closes its files and
locks, but the processes it started live on: a pool's workers wait forever for work, a local API server
keeps listening. Each helper here watches the process it serves and ends itself when that one is gone.
Linux tells at once through a pidfd; elsewhere the helper looks every half second.
"""

from __future__ import annotations

import os
import select
import signal
import threading
import time
from collections.abc import Callable

_POLL_S = 0.5


def when_gone(pid: int, then: Callable[[], None]) -> threading.Thread:
    """Call `then` (in a daemon thread) as soon as the process `pid` has ended."""
    watcher = threading.Thread(target=_wait_then, args=(pid, then), name=f"watch-{pid}", daemon=True)
    watcher.start()
    return watcher


def end_with(pid: int) -> None:
    """End this process when the process `pid` ends (a pool worker's initializer)."""
    when_gone(pid, lambda: os._exit(1))


def end_group_with(pid: int) -> None:
    """End this process and every process of its group when `pid` ends: for a helper started in a session
    of its own, whose children (a server's workers) must go with it."""

    def end_group() -> None:
        if os.getpgrp() == os.getpid():
            os.killpg(os.getpgrp(), signal.SIGKILL)
        os._exit(1)

    when_gone(pid, end_group)


def _wait_then(pid: int, then: Callable[[], None]) -> None:
    try:
        descriptor = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux, or already gone (ProcessLookupError)
        while _alive(pid):
            time.sleep(_POLL_S)
    else:
        with os.fdopen(descriptor, closefd=True) as handle:
            select.select([handle], [], [])  # readable when the process has ended
    then()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True

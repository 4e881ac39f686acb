"""A Prefect API for one command: $PREFECT_API_URL when set, else a local server that lives as long as the
command and no longer.

Prefect's own ephemeral mode starts a server subprocess that is stopped at interpreter exit, and so is
left running, listening and holding 200 MB, whenever the command is killed: a year of watchdog kills on a
scheduled job is a year of leaked servers. The server here is started through `flows.guard`, which ends it
(and its process group) as soon as the command's process ends, however it ends.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

# Neither Prefect nor httpx is imported before the server is started: importing Prefect takes this process
# about 1.7 s, and the server, which takes six seconds to start, would start that much later.

# `run`: the API alone, as Prefect's ephemeral mode serves it (no UI, no background services); --app-dir
# (where Prefect is installed) is added when it starts
_API_ONLY = [
    "uvicorn",
    "--factory",
    "prefect.server.api.server:create_app",
    "--host",
    "127.0.0.1",
    "--log-level",
    "error",
    "--lifespan",
    "on",
]
_API_ONLY_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
    # No block types registered at start: the pipeline saves no blocks, and checking whether the registry
    # changed imports every installed Prefect collection first (prefect-dask: Dask and distributed), about
    # half a second of a start that takes six (measured: ready in 6.5 s with, 5.8-6.1 s without).
    "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "0",
    "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "0",
}
# `serve`: the whole server, whose scheduler service creates the scheduled runs
_FULL_SERVER = ["prefect", "server", "start", "--host", "127.0.0.1"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _prefect_home() -> Path:
    # Prefect's own default, read without importing Prefect (a home set in a Prefect profile is not seen
    # here: only the server's log would then be elsewhere, the server itself reads its settings)
    return Path(os.environ.get("PREFECT_HOME") or Path("~") / ".prefect").expanduser()


def _healthy(api_url: str, client: httpx.Client | None = None) -> bool:
    import httpx

    try:  # the module's get makes a client for the one call
        return (client or httpx).get(f"{api_url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextlib.contextmanager
def prefect_api(
    home: Path | None = None,
    port: int | None = None,
    scheduler: bool = False,
    timeout: float = 90.0,
    meanwhile: Callable[[], object] | None = None,
) -> Iterator[str]:
    """Yield the URL of a Prefect API, set as this process's PREFECT_API_URL meanwhile: the configured one,
    or a local server started here (its database in `home`, default Prefect's own) and stopped on leaving.
    `scheduler`: the full server with its services, which schedules need (`serve`); else the API alone.
    `meanwhile`: the caller's own preparation, done while the server starts (about six seconds, spent
    importing Prefect's server): a `run` checks its settings and imports the pipeline then, not before."""
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        if meanwhile is not None:
            meanwhile()
        yield configured
        return
    port = port or _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    if home is not None:
        home.mkdir(parents=True, exist_ok=True)
        env["PREFECT_HOME"] = str(home)
    if scheduler:
        command = [*_FULL_SERVER, "--port", str(port)]
        # the scheduler looks for due runs every minute by default; short schedules (tests, demos) need less
        env.setdefault("PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS", "5")
    else:
        installed = Path(importlib.util.find_spec("prefect").origin).parent.parent
        command = [*_API_ONLY, "--app-dir", str(installed), "--port", str(port)]
        env.update(_API_ONLY_ENV)
    log_path = (home or _prefect_home()) / "server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "flows.guard", str(os.getpid()), *command],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: ended whole, here or by the guard
        )
    try:
        if meanwhile is not None:
            meanwhile()
        import httpx
        from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

        deadline = time.monotonic() + timeout
        # One client for every poll: a new one (`httpx.get`) builds an SSL context each time, 50 ms of CPU
        # taken from the starting server on every poll (measured: 52 ms a call, 0.4 ms with one client).
        with httpx.Client(timeout=2) as client:
            while not _healthy(api_url, client):
                if server.poll() is not None:
                    raise RuntimeError(f"the Prefect server exited with {server.returncode}; see {log_path}")
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the Prefect server did not answer within {timeout:.0f} s; see {log_path}"
                    )
                time.sleep(0.1)
        updates: dict = {PREFECT_API_URL: api_url}
        if not scheduler:
            # A flow run's heartbeats let a lasting server tell a crashed run from a long one; this server
            # ends with the command, so nobody reads them, and stopping their thread held every run's end
            # up to a second (it sleeps in whole seconds): a third of a run that adds ten reports to a full
            # warehouse.
            updates[PREFECT_FLOWS_HEARTBEAT_FREQUENCY] = None
        with temporary_settings(updates=updates):
            os.environ["PREFECT_API_URL"] = api_url  # for the processes this one starts
            try:
                yield api_url
            finally:
                _drain_prefect()
                os.environ.pop("PREFECT_API_URL", None)
    finally:
        _stop(server)


def _drain_prefect() -> None:
    """Send what Prefect's background workers still hold (logs, events) while the server is up: stopped
    first, they retried it at exit for a minute or more before the command could end."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):  # a worker that cannot deliver must not fail a finished run
            worker.drain_all(timeout=10)


def _stop(server: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()

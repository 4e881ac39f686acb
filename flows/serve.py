"""`pledgetrack serve`: the pipeline as a scheduled Prefect deployment.

Schedules need a Prefect API (ephemeral mode cannot run them). With $PREFECT_API_URL set we use that
server; otherwise we start `prefect server start` on 127.0.0.1 ourselves, with its database beside the
warehouse, wait until it answers, serve, and stop it when serving ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from pledgetrack.config import Settings, side_folder

DEPLOYMENT_NAME = "scheduled"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def prefect_api(home: Path, port: int | None = None, timeout: float = 90.0) -> Iterator[str]:
    """Yield the URL of a Prefect API: $PREFECT_API_URL, or a local server started (and stopped) here."""
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        yield configured
        return
    port = port or _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # The scheduler service looks for due runs every minute by default; a short interval makes
        # short schedules (tests, demos) start on time. Users can still override it.
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": os.environ.get(
            "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS", "5"
        ),
    }
    log = (home / "server.log").open("ab")
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(api_url):
            if server.poll() is not None:
                raise RuntimeError(
                    f"the Prefect server exited with {server.returncode}; see {home / 'server.log'}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"the Prefect server did not answer within {timeout:.0f} s; see {home / 'server.log'}"
                )
            time.sleep(0.5)
        yield api_url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def serve(
    settings: Settings,
    interval: float | None = None,
    prefect_home: Path | None = None,
    port: int | None = None,
    first_run: bool = True,
) -> None:
    """Serve the pipeline on the settings' cron schedule (or every `interval` seconds) until interrupted
    (Ctrl-C or SIGTERM). `port`: the local Prefect server's (default: a free one). `first_run`: run once at
    start, so a new schedule does not wait a whole interval (a day, by default) before its first run."""
    home = prefect_home or side_folder(Path(settings.db).resolve(), "prefect")  # the db's own, like its pages
    with prefect_api(home, port) as api_url:
        from prefect.runner import Runner
        from prefect.settings import PREFECT_API_URL, temporary_settings

        from flows.pipeline import pipeline

        print(f"Prefect API: {api_url}  (UI: {api_url.removesuffix('/api')})", flush=True)
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            schedule = {"interval": timedelta(seconds=interval)} if interval else {"cron": settings.schedule}
            deployment = pipeline.to_deployment(
                name=DEPLOYMENT_NAME,
                parameters={
                    "inboxes": [str(Path(p).resolve()) for p in settings.inbox],
                    "db": str(Path(settings.db).resolve()),
                    "sources": str(Path(settings.sources).resolve()) if settings.sources else None,
                    "batch_size": settings.batch_size,
                    "fetch_timeout": settings.fetch_timeout,
                    "fetch_max_mb": settings.fetch_max_mb,
                    "tolerance": {"tol_points": settings.tol_points, "tol_relative": settings.tol_relative},
                    "pages_dir": str(settings.pages_dir.resolve()),
                    "workers": settings.workers,
                    "dask_address": settings.dask_address,
                    "manifests": [str(Path(p).resolve()) for p in settings.manifest],
                },
                **schedule,
            )
            if first_run:  # a flow run of the API's like the scheduled ones, before the schedule takes over
                print("first run at start", flush=True)
                pipeline(**deployment.parameters)
            print(
                f"serving {pipeline.name}/{DEPLOYMENT_NAME}: "
                f"{f'every {interval:g} s' if interval else 'cron ' + settings.schedule}",
                flush=True,
            )
            class _Runner(Runner):
                def handle_sigterm(self, *args: object, **kwargs: object) -> None:
                    # a service manager's stop, taken as Ctrl-C: Prefect's own handler calls its async stop
                    # without awaiting it and leaves the process hanging on its loop
                    raise KeyboardInterrupt

            runner = _Runner(pause_on_shutdown=True)
            runner.add_deployment(deployment)
            with contextlib.suppress(KeyboardInterrupt):
                asyncio.run(runner.start())
            print("stopped", flush=True)

"""`pledgetrack serve`: the pipeline as a scheduled Prefect deployment.

Schedules need a Prefect API (ephemeral mode cannot run them). With $PREFECT_API_URL set we use that
server; otherwise we start `prefect server start` on 127.0.0.1 ourselves (flows.local_api), with its
database beside the warehouse, wait until it answers, serve, and stop it when serving ends, or when this
process is killed.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta
from pathlib import Path

from flows.local_api import prefect_api
from pledgetrack.config import Settings, side_folder

DEPLOYMENT_NAME = "scheduled"


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
    with prefect_api(home, port, scheduler=True) as api_url:
        from prefect.runner import Runner
        from prefect.settings import PREFECT_API_URL, temporary_settings

        from flows.pipeline import pipeline, pipeline_parameters

        print(f"Prefect API: {api_url}  (UI: {api_url.removesuffix('/api')})", flush=True)
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            schedule = {"interval": timedelta(seconds=interval)} if interval else {"cron": settings.schedule}
            deployment = pipeline.to_deployment(
                name=DEPLOYMENT_NAME,
                parameters=pipeline_parameters(settings),
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

"""Prefect flows and tasks (thin: each task calls one function of the `pledgetrack` package) and the CLI."""

import os

# pledgetrack runs on machines without general network access; Prefect's telemetry would fail and log an
# ERROR on every run. Users who want it can set the variable themselves.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

"""The `pledgetrack` command: `main(argv)`, for the `pledgetrack` script and `python -m flows.cli`.

In: the command line, with defaults from pledgetrack.toml and PLEDGETRACK_* variables (pledgetrack.config).
Out: what the command prints, and its exit code: 0 done; 1 part of the work failed (fetch: a URL;
load-results: the gate refused the file); 2 a usage error or bad input (an option, a setting, a path, SQL);
3 another run holds the warehouse; 4 a query was stopped; 130 interrupted.

Each command is one function with its options declared on it (typer): flows.cli_pipeline (run, serve,
fetch) and flows.cli_warehouse (the rest), on the app of flows.cli_common, which turns their errors into
exit codes (`exit_codes`). The domain package (pandas,
DuckDB, Prefect) is imported inside the commands, so `--help` and a usage error answer in about half a
second instead of four. The README's command reference is made from these declarations (flows.cli_docs).
"""

from __future__ import annotations

import os
import sys

import typer

from flows import cli_pipeline, cli_warehouse  # noqa: F401  (registers the commands, in this order)
from flows.cli_common import app


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit code (the `pledgetrack` script exits with it)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    try:
        code = typer.main.get_command(app).main(args=argv, prog_name="pledgetrack", standalone_mode=False)
    except typer.TyperException as error:  # a usage error: the usage line and what is wrong, exit 2
        if hasattr(error, "show"):
            error.show()
        else:
            print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    return code or 0  # `--help` returns None


if __name__ == "__main__":
    sys.exit(main())

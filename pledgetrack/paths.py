"""Where the project's own data lives: the SQL of the warehouse (sql/: migrations and models), the Great
Expectations suites.

In a source checkout (the supported install: `uv sync` makes it editable) they sit beside the package;
a wheel carries them inside the package under `_data/` (see pyproject's force-include).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _project_dir(name: str) -> Path:
    for candidate in (PACKAGE.parent / name, PACKAGE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"pledgetrack's {name}/ folder is missing (looked beside {PACKAGE})")


def sql_dir() -> Path:
    return _project_dir("sql")


def expectations_dir() -> Path:
    return _project_dir("expectations")

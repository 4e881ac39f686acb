"""Settings: command-line flags over environment variables over a config file over defaults.

The config file is TOML, `pledgetrack.toml` in the working directory or the file named by
$PLEDGETRACK_CONFIG, with the keys below under a `[pledgetrack]` table:

    [pledgetrack]
    db = "warehouse/pledgetrack.duckdb"   # PLEDGETRACK_DB
    inbox = ["inbox"]                      # PLEDGETRACK_INBOX (several: separated by os.pathsep, ':' here)
    sources = "sources.txt"                # PLEDGETRACK_SOURCES: URLs the scheduled flow fetches
    schedule = "0 6 * * *"                 # PLEDGETRACK_SCHEDULE: cron for `pledgetrack serve`
    batch_size = 1000                      # PLEDGETRACK_BATCH_SIZE: reports per task per stage
    fetch_timeout = 30                     # PLEDGETRACK_FETCH_TIMEOUT (seconds)
    fetch_max_mb = 50                      # PLEDGETRACK_FETCH_MAX_MB
    tol_points = 0.5                       # PLEDGETRACK_TOL_POINTS: 左右 tolerance for % targets
    tol_relative = 0.05                    # PLEDGETRACK_TOL_RELATIVE: 左右 tolerance, share of other targets
    pages = "warehouse/site"               # PLEDGETRACK_PAGES: accountability pages (default: <db>.pages)
    workers = 2                            # PLEDGETRACK_WORKERS: parse/extract processes (default: all)
    dask_address = "tcp://10.0.0.5:8786"   # PLEDGETRACK_DASK_ADDRESS: extract on this Dask cluster instead
    manifest = ["manifest.csv"]            # PLEDGETRACK_MANIFEST (several: separated by os.pathsep): the
                                           # region and year of reports that do not name themselves

The tolerances are written to the warehouse's `verdict_settings` table by `run` (and each scheduled run)
when set; unset, the warehouse keeps what it has (0.5 points and 5% by default, as verdicts.md says).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_FILE = "pledgetrack.toml"


@dataclass(frozen=True)
class Settings:
    db: Path = Path("warehouse/pledgetrack.duckdb")
    inbox: tuple[Path, ...] = field(default_factory=lambda: (Path("inbox"),))
    sources: Path | None = None
    schedule: str = "0 6 * * *"
    batch_size: int = 1000
    fetch_timeout: float = 30.0
    fetch_max_mb: float = 50.0
    tol_points: float | None = None
    tol_relative: float | None = None
    pages: Path | None = None  # None: a `pages` folder beside the warehouse file
    workers: int | None = None  # None: every core this process may use
    dask_address: str | None = None  # a Dask scheduler: parse/extract there (prefect-dask), load here
    manifest: tuple[Path, ...] = ()  # CSV files naming reports' region and year (pledgetrack.manifest)

    @property
    def pages_dir(self) -> Path:
        # named after the warehouse file (warehouse/example.duckdb → warehouse/example.pages): two warehouses
        # in one folder never write into each other's pages (the demo's invented figures beside real ones)
        return self.pages if self.pages is not None else side_folder(self.db, "pages")


_ENV = {f.name: f"PLEDGETRACK_{f.name.upper()}" for f in fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    if name in ("inbox", "manifest"):
        items = value.split(os.pathsep) if isinstance(value, str) else list(value)
        return tuple(Path(v) for v in items if str(v).strip())
    if name in ("db", "sources", "pages"):
        return Path(value) if value not in (None, "") else None
    if name == "workers":
        number = int(value)
        if number < 1:
            raise ValueError("workers must be at least 1")
        return number
    if name == "batch_size":
        number = int(value)
        if number < 1:
            raise ValueError("batch_size must be at least 1")
        return number
    if name in ("fetch_timeout", "fetch_max_mb", "tol_points", "tol_relative"):
        return float(value)
    return str(value)


def load_settings(
    config_file: Path | None = None, env: dict[str, str] | None = None, **flags: Any
) -> Settings:
    """Settings from (lowest first) defaults, the config file, the environment, then non-None flags."""
    env = os.environ if env is None else env
    settings = Settings()
    path = config_file or (Path(env[_ENV_CONFIG]) if env.get(_ENV_CONFIG) else Path(DEFAULT_CONFIG_FILE))
    if path.is_file():
        with path.open("rb") as handle:
            table = tomllib.load(handle).get("pledgetrack", {})
        unknown = set(table) - set(_ENV)
        if unknown:
            raise ValueError(f"{path}: unknown settings {sorted(unknown)}; known: {sorted(_ENV)}")
        settings = replace(settings, **{k: _coerce(k, v) for k, v in table.items()})
    elif config_file is not None:
        raise FileNotFoundError(f"config file {config_file} not found")
    from_env = {name: _coerce(name, env[var]) for name, var in _ENV.items() if env.get(var)}
    settings = replace(settings, **from_env)
    from_flags = {k: _coerce(k, v) for k, v in flags.items() if v not in (None, [], ())}
    return replace(settings, **from_flags)


_ENV_CONFIG = "PLEDGETRACK_CONFIG"


def side_folder(db: Path | str, kind: str) -> Path:
    """A folder that belongs to one warehouse file, beside it and named after it: `x.duckdb` → `x.<kind>`."""
    db = Path(db)
    return db.with_name(f"{db.stem}.{kind}")

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
    fetch_allow = ["10.1.0.0/16"]          # PLEDGETRACK_FETCH_ALLOW (several: separated by commas): networks
                                           # `fetch` may reach although they are private or loopback
    query_timeout = 30                     # PLEDGETRACK_QUERY_TIMEOUT: seconds a `query` may take
    indicators = ["my-indicators.csv"]     # PLEDGETRACK_INDICATORS (several: separated by os.pathsep): rows
                                           # added to the indicator catalogue (pledgetrack.indicators)
    regions = ["my-regions.csv"]           # PLEDGETRACK_REGIONS (several: separated by os.pathsep): rows
                                           # added to the catalogue of divisions (pledgetrack.regions)

Every value is checked when read (type, finite, in range): a wrong one is a one-line error naming the
setting and where it came from, before any work starts.

The tolerances are written to the warehouse's `verdict_settings` table by `run` (and each scheduled run)
when set; unset, the warehouse keeps what it has (0.5 points and 5% by default, as verdicts.md says).
"""

from __future__ import annotations

import ipaddress
import math
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
    dask_address: str | None = None  # a Dask scheduler: parse/extract there, load here
    manifest: tuple[Path, ...] = ()  # CSV files naming reports' region and year (ingest.manifest)
    fetch_allow: tuple[str, ...] = ()  # networks `fetch` may reach although private (CIDR, ingest.fetch)
    query_timeout: float = 30.0  # a `query` is interrupted after this many seconds
    indicators: tuple[Path, ...] = ()  # CSV files extending the indicator catalogue
    regions: tuple[Path, ...] = ()  # CSV files extending the catalogue of administrative divisions

    @property
    def pages_dir(self) -> Path:
        # named after the warehouse file (warehouse/example.duckdb → warehouse/example.pages): two warehouses
        # in one folder never write into each other's pages (the demo's invented figures beside real ones)
        return self.pages if self.pages is not None else side_folder(self.db, "pages")


_ENV = {f.name: f"PLEDGETRACK_{f.name.upper()}" for f in fields(Settings)}


class SettingError(ValueError):
    """A setting of the wrong type or out of its range: the message names it and says what it takes."""


# name -> (kind, smallest, largest): numbers are checked to be finite and within these bounds (inclusive)
_NUMBERS: dict[str, tuple[type, float, float]] = {
    "batch_size": (int, 1, 1_000_000),
    "workers": (int, 1, 1024),
    "fetch_timeout": (float, 0.1, 3600),
    "fetch_max_mb": (float, 0.001, 10_000),
    "tol_points": (float, 0, 100),
    "tol_relative": (float, 0, 1),
    "query_timeout": (float, 0.1, 86_400),
}
_PATH_LISTS = ("inbox", "manifest", "indicators", "regions")
_PATHS = ("db", "sources", "pages")


def _coerce(name: str, value: Any) -> Any:
    """The setting `name` from a TOML value, an environment string or a flag, or SettingError saying what
    is wrong with the value (`_coerced` says which setting, and where it came from)."""
    if name in _PATH_LISTS:
        items = value.split(os.pathsep) if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(v, str | Path) for v in items):
            raise SettingError(f"expected a path or a list of paths, got {value!r}")
        return tuple(Path(v) for v in items if str(v).strip())
    if name in _PATHS:
        if value in (None, ""):
            return None
        if not isinstance(value, str | Path):
            raise SettingError(f"expected a path, got {value!r}")
        return Path(value)
    if name in _NUMBERS:
        return _number(value, *_NUMBERS[name])
    if name == "fetch_allow":
        return _networks(value)
    if not isinstance(value, str):
        raise SettingError(f"expected text, got {value!r}")
    return value


def _number(value: Any, kind: type, low: float, high: float) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise SettingError(f"expected a number, got {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise SettingError(f"expected a number, got {value!r}") from None
    if not math.isfinite(number):
        raise SettingError(f"expected a finite number, got {value!r}")
    if kind is int:
        if number != int(number):  # 3.7 reports is no batch size; it never silently becomes 3
            raise SettingError(f"expected a whole number, got {value!r}")
        number = int(number)
    if not low <= number <= high:
        raise SettingError(f"{value!r} is out of range; it must be between {low:g} and {high:g}")
    return number


def _networks(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise SettingError(f"expected a list of networks like 10.0.0.0/8, got {value!r}")
    networks = []
    for item in items:
        text = str(item).strip() if isinstance(item, str) else None
        if text is None:
            raise SettingError(f"expected a network like 10.0.0.0/8, got {item!r}")
        if not text:
            continue
        try:
            networks.append(str(ipaddress.ip_network(text, strict=False)))
        except ValueError:
            raise SettingError(f"{text!r} is not a network like 10.0.0.0/8 or ::1/128") from None
    return tuple(networks)


def load_settings(
    config_file: Path | None = None, env: dict[str, str] | None = None, **flags: Any
) -> Settings:
    """Settings from (lowest first) defaults, the config file, the environment, then non-None flags."""
    env = os.environ if env is None else env
    settings = Settings()
    path = config_file or (Path(env[_ENV_CONFIG]) if env.get(_ENV_CONFIG) else Path(DEFAULT_CONFIG_FILE))
    if path.is_file():
        settings = replace(settings, **_coerced(_config_table(path), f"{path}: "))
    elif config_file is not None:
        raise FileNotFoundError(f"config file {config_file} not found")
    from_env = {name: env[var] for name, var in _ENV.items() if env.get(var)}
    settings = replace(settings, **_coerced(from_env, "", names=_ENV))
    from_flags = {k: v for k, v in flags.items() if v not in (None, [], ())}
    return replace(settings, **_coerced(from_flags, "option "))


def _config_table(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            table = tomllib.load(handle).get("pledgetrack", {})
    except tomllib.TOMLDecodeError as error:
        raise SettingError(f"{path}: not valid TOML: {error}") from None
    if not isinstance(table, dict):
        raise SettingError(f"{path}: [pledgetrack] must be a table of settings")
    unknown = set(table) - set(_ENV)
    if unknown:
        raise SettingError(f"{path}: unknown settings {sorted(unknown)}; known: {sorted(_ENV)}")
    return table


def _coerced(values: dict[str, Any], where: str, names: dict[str, str] | None = None) -> dict[str, Any]:
    # `names`: how each setting is called where it came from (the environment variable), for the message
    coerced = {}
    for name, value in values.items():
        try:
            coerced[name] = _coerce(name, value)
        except SettingError as error:
            label = names[name] if names else name
            raise SettingError(f"{where}{label}: {error}") from None
    return coerced


_ENV_CONFIG = "PLEDGETRACK_CONFIG"


def side_folder(db: Path | str, kind: str) -> Path:
    """A folder that belongs to one warehouse file, beside it and named after it: `x.duckdb` → `x.<kind>`."""
    db = Path(db)
    return db.with_name(f"{db.stem}.{kind}")


def use_catalogues(settings: Settings) -> None:
    """Make the catalogue files the settings name this process's catalogues (checked now: a bad file is an
    error before any work). Worker processes get them from `batch` as they start."""
    from pledgetrack import indicators, regions

    indicators.configure(settings.indicators)
    regions.configure(settings.regions)

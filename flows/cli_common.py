"""What the commands of `pledgetrack` share: the typer app they are registered on, the options several of
them take, and their settings.

In: nothing at import but typer (the domain package is imported by the commands when they run). Out: `app`,
the `command(name)` decorator, `option()`, the shared option types (Db, Config, Inboxes, ...), the groups of
options (`Output`; `with_groups`) and `settings()`, for flows.cli_pipeline and flows.cli_warehouse, whose
functions are the commands.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, get_type_hints

import typer

if TYPE_CHECKING:
    from pledgetrack.config import Settings

DESCRIPTION = (
    "Extract the targets of government work reports (政府工作报告), judge them against next year's results, "
    "and keep the evidence in a DuckDB warehouse."
)

app = typer.Typer(
    name="pledgetrack",
    help=DESCRIPTION,
    add_completion=False,
    rich_markup_mode=None,  # help texts are plain: `[, kind]` and `%` print as written, no rich markup
    context_settings={"help_option_names": ["-h", "--help"]},
)

Command = TypeVar("Command", bound=Callable[..., int])


def command(name: str) -> Callable[[Command], Command]:
    """Register a command; the first paragraph of its docstring is its line in `pledgetrack --help`, what
    it raises is said in one line with its exit code (`exit_codes`), and a parameter whose type is a group of
    options stands for them (`with_groups`)."""

    def register(function: Command) -> Command:
        summary = inspect.cleandoc(function.__doc__ or "").split("\n\n")[0]
        app.command(name, short_help=" ".join(summary.split()))(exit_codes(with_groups(function)))
        return function

    return register


def exit_codes(function: Command) -> Command:
    """`function` with its errors said in one line on stderr and turned into exit codes: 2 for bad input (a
    missing file, a bad setting or value), 3 when another run holds the warehouse; a reader that goes away
    (`pledgetrack verdicts | head`) is no error."""

    @functools.wraps(function)  # typer reads the options from the signature, which this keeps
    def run(*args: Any, **kwargs: Any) -> int:
        try:
            return function(*args, **kwargs)
        except (FileNotFoundError, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        except BrokenPipeError:
            # nothing to say; stdout is pointed at /dev/null so that Python's flush at exit does not raise
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except RuntimeError as error:
            from pledgetrack.warehouse.store import WarehouseBusy  # imported already if it is this

            if not isinstance(error, WarehouseBusy):
                raise
            print(f"busy: {error}", file=sys.stderr)
            return 3

    return run  # type: ignore[return-value]


def option(*names: str, **kwargs: Any) -> Any:
    """typer.Option with the default left out of the help: each help text says its default itself (most come
    from the settings, not from the declaration)."""
    return typer.Option(*names, show_default=False, **kwargs)


# The options that several commands share, declared once.
Db = Annotated[
    Path | None,
    option(
        metavar="FILE",
        help="the DuckDB warehouse file (default: warehouse/pledgetrack.duckdb, or PLEDGETRACK_DB, or `db` "
        "in pledgetrack.toml)",
    ),
]
Config = Annotated[
    Path | None,
    option(metavar="FILE", help="a TOML config file (default: ./pledgetrack.toml or PLEDGETRACK_CONFIG)"),
]
Inboxes = Annotated[
    list[Path] | None,
    option(
        "--inbox",
        metavar="DIR",
        help="a folder of report files (.txt .md .html .htm .pdf); repeat for several (default: ./inbox, or "
        "PLEDGETRACK_INBOX)",
    ),
]
Manifests = Annotated[
    list[Path] | None,
    option(
        "--manifest",
        metavar="FILE",
        help="a CSV of `path or url, region, year[, kind]` naming reports that do not name themselves; what "
        "it says wins over detection; repeat for several (default: PLEDGETRACK_MANIFEST; a manifest.csv in "
        "an inbox folder is always read)",
    ),
]
Indicators = Annotated[
    list[Path] | None,
    option(
        "--indicators",
        metavar="FILE",
        help="a CSV of indicators added to the catalogue (id, name, aliases, direction, kinds, units); "
        "repeat for several (default: the setting `indicators`, or PLEDGETRACK_INDICATORS)",
    ),
]
Regions = Annotated[
    list[Path] | None,
    option(
        "--regions",
        metavar="FILE",
        help="a CSV of administrative divisions added to the catalogue (name, parent, …); repeat for several "
        "(default: the setting `regions`, or PLEDGETRACK_REGIONS)",
    ),
]
Dask = Annotated[
    str | None,
    option(
        "--dask",
        metavar="ADDRESS",
        help="parse and extract on this Dask scheduler (tcp://host:8786; workers must see the inbox paths); "
        "loading stays in this process (default: PLEDGETRACK_DASK_ADDRESS, else a local process pool)",
    ),
]
TolPoints = Annotated[
    float | None,
    option(
        metavar="POINTS",
        help="tolerance of a 左右 target in % units, in percentage points (stored; default 0.5)",
    ),
]
TolRelative = Annotated[
    float | None,
    option(
        metavar="SHARE",
        help="tolerance of a 左右 target in other units, as a share of it (stored; default 0.05)",
    ),
]
Region = Annotated[
    str | None, option(metavar="NAME", help="full name (上海市虹口区) or a short one (虹口区); default: all")
]
Year = Annotated[int | None, option(metavar="YEAR", help="the year the targets were set for; default: all")]
Format = Annotated[
    Literal["table", "csv", "json"],
    option("--format", metavar="table|csv|json", help="output format (default: table)"),
]
Bom = Annotated[bool, option("--bom", help="with --format csv: start with a byte-order mark (for Excel)")]


# Groups of options: a command's parameter whose type is a dataclass stands for the options its fields declare
# (`with_groups`), so options that go together are declared once and reach the command as one value.


@dataclass(frozen=True)
class Output:
    """How a command that prints rows prints them (`verdicts`, `scorecard`, `review`, `query`)."""

    fmt: Format = "table"
    bom: Bom = False


DEFAULT_OUTPUT = Output()  # a table: a command's default when it is called as a function


def with_groups(function: Command) -> Command:
    """`function` as typer is to read it: each parameter whose type is a dataclass (a group: `Output`) is the
    options its fields declare, in its place of the signature, gathered into one value when typer calls it; a
    function without one is itself."""
    own = inspect.signature(function, eval_str=True)  # typer reads the annotations themselves
    groups = {p.name: p.annotation for p in own.parameters.values() if _is_group(p.annotation)}
    if not groups:
        return function
    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters: list[inspect.Parameter] = []
    for parameter in own.parameters.values():
        if parameter.name not in groups:
            parameters.append(parameter.replace(kind=keyword))
            continue
        declared = get_type_hints(groups[parameter.name], include_extras=True)
        parameters += [
            inspect.Parameter(field.name, keyword, default=field.default, annotation=declared[field.name])
            for field in fields(groups[parameter.name])
        ]

    @functools.wraps(function)
    def call(**options: Any) -> int:
        for name, group in groups.items():
            options[name] = group(**{field.name: options.pop(field.name) for field in fields(group)})
        return function(**options)

    call.__signature__ = own.replace(parameters=parameters)  # type: ignore[attr-defined]
    return call  # type: ignore[return-value]


def _is_group(annotation: Any) -> bool:
    return isinstance(annotation, type) and is_dataclass(annotation)


def settings(config: Path | None, **flags: Any) -> Settings:
    """The settings of a command: its options (those given) over the environment, the config file, the
    defaults."""
    from pledgetrack.config import load_settings

    return load_settings(config, **flags)

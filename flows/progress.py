"""The progress bar of `pledgetrack run`: reports done of the run's new or changed ones, the rate and the time
left, drawn with rich on the terminal.

In: `run_progress()` looks at the terminal. Out: it yields a function `progress(done, total)` for the
pipeline flow (flows.pipeline calls it, in this process, once the new or changed reports are counted and
after each batch), or None when stdout or stderr is not a terminal (a scheduled job, a pipe, a test): then
nothing is drawn and the run's output is what it was. The bar is drawn on stderr, so the summary on stdout
stays as it is; the log lines of this process's handlers (Prefect's), also on stderr, are printed above the
bar rather than through it.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

Callback = Callable[[int, int], None]


def is_terminal(stream: IO[str]) -> bool:
    """Whether `stream` is a terminal (a pytest capture or a StringIO has no file descriptor: it is not)."""
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def wanted() -> bool:
    """A bar only for a person at a terminal: stdout and stderr both terminals, and not a dumb one."""
    return is_terminal(sys.stdout) and is_terminal(sys.stderr) and os.environ.get("TERM") != "dumb"


class RateColumn(ProgressColumn):
    """Reports a second over the run so far, as of the last batch. Rich's own speed averages the updates of
    the last 30 seconds, and batches end minutes apart: it would most often be unknown."""

    def render(self, task: Task) -> Text:
        rate = task.fields.get("rate")
        return Text("… reports/s" if rate is None else f"{rate:.1f} reports/s", style="progress.data.speed")


class LeftColumn(ProgressColumn):
    """The time left at the rate so far, counting down between batches."""

    def render(self, task: Task) -> Text:
        finish = task.fields.get("finish")
        if finish is None:
            return Text("-:--:-- left", style="progress.remaining")
        seconds = max(0, round(finish - task.get_time()))
        hours, rest = divmod(seconds, 3600)
        return Text(f"{hours}:{rest // 60:02d}:{rest % 60:02d} left", style="progress.remaining")


def make_progress(console: Console, get_time: Callable[[], float] | None = None) -> Progress:
    """The bar's columns: what is counted, the bar, done/total, the rate, the time taken and the time left.
    `get_time`: the clock (default: the console's, monotonic)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        LeftColumn(),
        console=console,
        get_time=get_time,
        refresh_per_second=2,  # a bar that moves per batch: redrawing it ten times a second is for nothing
    )


def tracker(progress: Progress) -> Callback:
    """The callback for the pipeline: `progress(done, total)` moves the bar. The clock starts at the first
    call (the reports counted), so the time spent fetching and listing the inboxes is not in the rate."""
    task = progress.add_task("looking for new or changed reports", total=None)
    started: list[float] = []

    def advance(done: int, total: int) -> None:
        now = progress.get_time()
        if not started:
            started.append(now)
            progress.reset(task, total=total, description="reports")
        took = now - started[0]
        rate = done / took if done and took > 0 else None
        finish = now + (total - done) / rate if rate else None
        progress.update(task, completed=done, total=total, rate=rate, finish=finish)

    return advance


@contextmanager
def run_progress(console: Console | None = None) -> Iterator[Callback | None]:
    """The bar for one run, for the length of the `with` (None where it is not `wanted()`, unless a console
    is given). A run that found nothing new leaves no bar behind; one that did leaves its last state."""
    if console is None:
        if not wanted():
            yield None
            return
        console = Console(stderr=True)
    drawn_on, progress = console.file, make_progress(console)
    above = LinesAbove(console)
    with progress, ExitStack() as restore:
        restore.callback(above.close)
        for handler in _handlers_writing_to(drawn_on):
            restore.callback(_reroute(handler, above))
        callback = tracker(progress)
        try:
            yield callback
        finally:
            if not any(task.total for task in progress.tasks):
                for task in list(progress.tasks):
                    progress.remove_task(task.id)


class LinesAbove(io.TextIOBase):
    """A stream for the log handlers while the bar is drawn: each whole line written is printed above the
    bar, its colours kept. Rich's own stand-in (the FileProxy Live puts in sys.stderr) does not serve: a
    rich console that is given it writes past it, to the file behind, and Prefect's handler prints through
    a rich console."""

    def __init__(self, console: Console) -> None:
        super().__init__()
        self._console = console
        self._partial = ""

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return True  # the handlers' consoles keep writing their colours, which `write` decodes

    def write(self, text: str) -> int:
        *lines, self._partial = (self._partial + text).split("\n")
        for line in lines:
            self._console.print(Text.from_ansi(line), soft_wrap=True)
        return len(text)

    def close(self) -> None:
        if self._partial:  # a last line without its newline
            self.write("\n")
        super().close()


def _handlers_writing_to(stream: IO[str]) -> list[logging.Handler]:
    """The log handlers that write to `stream`, the bar's terminal (Prefect's console handler, through a
    rich console of its own): written past the bar, their lines would land in the middle of it."""
    loggers = [logging.getLogger(), *(v for v in logging.Logger.manager.loggerDict.values()
                                      if isinstance(v, logging.Logger))]  # fmt: skip
    found = []
    for handler in {h for logger in loggers for h in logger.handlers}:
        console = getattr(handler, "console", None)
        if getattr(handler, "stream", None) is stream or (
            isinstance(console, Console) and console.file is stream
        ):
            found.append(handler)
    return found


def _reroute(handler: logging.Handler, stream: IO[str]) -> Callable[[], None]:
    """Point `handler` (and its rich console, if it has one) at `stream`; returns what undoes it."""
    console = getattr(handler, "console", None)
    before_console = console.file if isinstance(console, Console) else None
    before_stream = handler.setStream(stream) if isinstance(handler, logging.StreamHandler) else None
    if isinstance(console, Console):
        console.file = stream

    def undo() -> None:
        if isinstance(handler, logging.StreamHandler) and before_stream is not None:
            handler.setStream(before_stream)
        if isinstance(console, Console):
            console.file = before_console

    return undo

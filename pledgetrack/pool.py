"""The process pool the CPU-bound stages run on: reading, parsing and extraction, and the evidence lookup.

In: a function of one item and a list of items (plain, picklable data). Out: the function's results, in
order, computed on `workers` processes kept for the life of this process (each loads the catalogues and
jieba once), or in this process for a small list. The flow submits batches ahead of the one it is loading,
from threads of their own; `Turn` keeps them in the pool's queue in the order the flow submits them. Each
worker reads the catalogues this process was given (`indicators.configure`, `regions.configure`): a stage
gives the same rows on the pool as in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pledgetrack import indicators, lifetime, regions

# Below this many items a batch runs in this process: starting workers costs more than it saves.
POOL_MIN_ITEMS = 16
POOL_CHUNK = 16  # items a worker takes at a time
# one pool per number of workers and catalogue files (a `serve` process may be given others between runs)
_POOLS: dict[tuple, ProcessPoolExecutor] = {}
# The flow submits a batch or two ahead, each from a thread of its own: without the lock both threads found
# no pool and each started one, so twice the workers shared the cores and the first batch came back only
# with the second.
_POOLS_LOCK = threading.Lock()


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@dataclass
class Turn:
    """A batch's place in the pool's queue. The flow submits a batch or two ahead, each from a thread of
    its own; the pool runs chunks in the order they were submitted, so two batches submitted at once were
    interleaved and the first came back only with the second, the flow idle all the while. A batch
    submits its chunks once the batch before it (`after`) has, and then sets `submitted`."""

    after: threading.Event | None = None
    submitted: threading.Event = field(default_factory=threading.Event)


class Turns:
    """The flow's queue of turns: each new one comes after the last one handed out."""

    def __init__(self) -> None:
        self._last = Turn()
        self._last.submitted.set()
        self._lock = threading.Lock()

    def next(self) -> Turn:
        with self._lock:
            turn = Turn(after=self._last.submitted)
            self._last = turn
            return turn


def catalogues() -> tuple[tuple, tuple]:
    """The catalogue files this process was given (indicators, regions), as a worker must be given them."""
    return indicators.configured(), regions.configured()


def _configure(given: tuple[tuple, tuple]) -> None:
    """Read the catalogue files `catalogues()` named in the process that sent the work."""
    indicator_files, region_files = given
    if indicators.configured() != indicator_files:
        indicators.configure(indicator_files)
    if regions.configured() != region_files:
        regions.configure(region_files)


def with_catalogues(given: tuple[tuple, tuple], function: Callable, *args: Any) -> Any:
    """`function(*args)` in a worker this process did not start (a Dask worker, whose process may serve
    several runs): with the catalogues the sender was given, so a stage gives the same rows there as here.
    The files must be readable at the same paths on the worker's machine."""
    _configure(given)
    return function(*args)


def _start_worker(parent: int, given: tuple[tuple, tuple]) -> None:
    # each worker ends when this process does, even killed: none waits forever for work
    lifetime.end_with(parent)
    _configure(given)


def run(function: Callable, items: list, workers: int, turn: Turn | None = None) -> list:
    """`function` over `items` in order: in this process, or on a pool of `workers` processes kept for the
    life of this process. Workers are started with 'forkserver', never forked from this multi-threaded
    process."""
    try:
        if turn is not None and turn.after is not None:
            turn.after.wait()
        if workers <= 1 or len(items) < POOL_MIN_ITEMS:
            if turn is not None:
                turn.submitted.set()
            return [function(item) for item in items]
        given = catalogues()
        with _POOLS_LOCK:
            pool = _POOLS.get((workers, given))
            if pool is None:
                pool = _POOLS[(workers, given)] = ProcessPoolExecutor(
                    workers,
                    mp_context=multiprocessing.get_context("forkserver"),
                    initializer=_start_worker,
                    initargs=(os.getpid(), given),
                )
        # Small chunks: the workers finish a batch within a chunk of each other, and a chunk of 16 reports
        # (a third of a second) leaves a core idle for far less than a quarter of a batch would.
        chunk = max(1, min(POOL_CHUNK, len(items) // (workers * 4)))
        results = pool.map(function, items, chunksize=chunk)  # every chunk is submitted here
    finally:
        if turn is not None:
            turn.submitted.set()  # also when this batch failed: the next one must not wait forever
    return list(results)

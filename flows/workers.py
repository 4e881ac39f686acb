"""Where the flow's CPU-bound stages run: the process pool of this machine, or a Dask cluster.

In: a batch's inbox files (with the ledger's rows and the manifests' identities), or a batch's lookup jobs.
Out: futures of their results (`batch.Parsed` items, `judge.LookedUp` rows), submitted in the order the
flow asks for them: on the pool each batch and each lookup takes its turn (`pool.Turns`), so that a batch
submitted ahead never delays the one the flow waits for.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from prefect.utilities.annotations import quote

from flows.tasks import extract, look_up
from pledgetrack import batch as batches
from pledgetrack import judge as judging
from pledgetrack import pool
from pledgetrack.model import GivenIdentity

# On a Dask cluster a batch is cut into chunks of this many reports, one task each, so that every worker
# of the cluster gets work; on one machine a batch is one task and the process pool splits it.
DASK_CHUNK = 25


@dataclass
class Workers:
    """Submits the CPU-bound stages of a batch, each returning its futures: `extract(part, seen)` (read,
    parse, extract) and `look_up(jobs)` (the evidence lookup, `pledgetrack.judge`)."""

    extract: Callable[[list, dict], list]
    look_up: Callable[[list], list]


@contextmanager
def workers_for(workers: int, dask_address: str | None, given: dict[str, GivenIdentity]) -> Iterator[Workers]:
    """The submitters for one run: the process pool of `workers` processes of this machine, or the Dask
    cluster at `dask_address` (its client open while the run is)."""
    if not dask_address:
        # the pool runs the batches and lookups in the order they are submitted here
        turns = pool.Turns()

        def extract_local(part: list, seen: dict) -> list:
            given_part = _given_of(part, given)
            return [extract.submit(part, _seen_of(part, seen), workers, given_part, quote(turns.next()))]

        def look_up_local(jobs: list) -> list:
            return [look_up.submit(quote(jobs), workers, quote(turns.next()))]

        yield Workers(extract_local, look_up_local)
        return
    from distributed import Client

    # The workers run pledgetrack's own function, not a Prefect task: a task run on a Dask worker started a
    # temporary Prefect server in every worker process, which outlived the workers. The stage is recorded
    # here, in the flow, by its wait (`extract` in the run's stage times).
    # The catalogue files of this run go with every task (`pool.with_catalogues`): a Dask worker was not
    # started by this process and may serve runs with other settings.
    catalogues = pool.catalogues()
    with Client(dask_address) as client:

        def submit(function: Callable, *args: object) -> object:
            # named after the stage's function, as the cluster's dashboard and task stream show it
            key = f"{function.__name__}-{uuid.uuid4().hex}"
            return client.submit(pool.with_catalogues, catalogues, function, *args, key=key)

        def extract_dask(part: list, seen: dict) -> list:
            # Dask workers are daemon processes and cannot start a pool: each chunk runs serially there
            return [
                submit(batches.parse_files, chunk, _seen_of(chunk, seen), 1, _given_of(chunk, given))
                for chunk in pool.chunks(part, DASK_CHUNK)
            ]

        def look_up_dask(jobs: list) -> list:
            return [submit(judging.look_up_jobs, chunk) for chunk in pool.chunks(jobs, DASK_CHUNK)]

        yield Workers(extract_dask, look_up_dask)


def _seen_of(files: list, seen: dict) -> dict:
    return {f.path: seen[f.path] for f in files if f.path in seen}


def _given_of(files: list, given: dict[str, GivenIdentity]) -> dict[str, GivenIdentity]:
    return {f.path: given[f.path] for f in files if f.path in given}

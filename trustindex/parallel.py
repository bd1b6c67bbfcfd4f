"""Share a full recomputation's chunks among worker processes (one per core).

Used by `manage.py recompute_indices --workers N` and the benchmark. Each
process opens its own database connection; the parent closes its own before
forking so no connection is shared. Not usable inside a Celery prefork
worker (daemonic processes cannot start children).
"""

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from django.db import connections

ChunkWork = Callable[[tuple[list[tuple[int, str]], date]], tuple[int, int, int]]


def _close_connections() -> None:
    connections.close_all()


def recompute_in_processes(
    chunks: Iterable[list[tuple[int, str]]], *, today: date, workers: int, work_on: ChunkWork
) -> Iterator[tuple[int, int, int]]:
    """Results (done, failed, written) of `work_on((chunk, today))` for each chunk, in completion order.

    `work_on` must be a module-level function, so the pool can name it to its processes."""
    work = [(chunk, today) for chunk in chunks]  # read in this thread, before forking
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_close_connections) as pool:
        yield from pool.imap_unordered(work_on, work)

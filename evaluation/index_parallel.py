"""Share a full recomputation's chunks among worker processes (one per core).

Used by `manage.py recompute_indices --workers N` and the benchmark. Each
process opens its own database connection; the parent closes its own before
forking so no connection is shared. Not usable inside a Celery prefork
worker (daemonic processes cannot start children).
"""

import multiprocessing
from collections.abc import Iterable, Iterator
from datetime import date

from django.db import connections

from . import index_services


def _recompute(args: tuple[list[tuple[int, str]], date]) -> tuple[int, int, int]:
    chunk, today = args
    return index_services.recompute_chunk(chunk, today=today, config=index_services.index_config())


def _close_connections() -> None:
    connections.close_all()


def recompute_in_processes(
    chunks: Iterable[list[tuple[int, str]]], *, today: date, workers: int
) -> Iterator[tuple[int, int, int]]:
    """Results (done, failed, written) of each chunk, in completion order."""
    work = [(chunk, today) for chunk in chunks]  # read in this thread, before forking
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_close_connections) as pool:
        yield from pool.imap_unordered(_recompute, work)

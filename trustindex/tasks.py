"""Celery tasks of the trust index: thin, idempotent, safe to retry (acks_late)."""

from datetime import date

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import engine
from .models import RecomputeRun
from .pending import clear_pending

RETRY_ON = (OperationalError, InterfaceError)


@shared_task(acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=5, ignore_result=True)
def recompute_dyad_index(dyad_id: int) -> int:
    """Recompute one dyad's index series (month ends + today); returns the snapshot count.

    The dyad's "pending" mark is cleared before reading, so an edit committed
    while this runs queues one more recomputation instead of being lost.
    """
    clear_pending(dyad_id)
    return engine.recompute_dyad(dyad_id=dyad_id)


@shared_task(acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=3, ignore_result=True)
def recompute_all_indices(run_id: int | None = None) -> int:
    """Recompute every dyad's series (nightly by beat, or from the admin); returns the run's id.

    Queues one `recompute_index_chunk` per 50 dyads so all worker processes
    share the run. Given a run id (the admin creates one so it can show it at
    once) that run is used; a redelivered task restarts the same run.
    """
    run = RecomputeRun.objects.filter(pk=run_id).first() if run_id else None
    run = run or engine.start_run(trigger="beat")

    def enqueue(chunk: list[tuple[int, str]], today: date) -> None:
        recompute_index_chunk.delay(run.pk, [list(dyad) for dyad in chunk], today.isoformat())

    engine.fan_out_run(run, enqueue=enqueue)
    return run.pk


@shared_task(acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=5, ignore_result=True)
def recompute_index_chunk(run_id: int, dyads: list[list], today: str) -> None:
    """Recompute a chunk of [dyad id, slug] pairs of a full run, as of `today` (ISO date)."""
    chunk = [(int(dyad_id), str(slug)) for dyad_id, slug in dyads]
    try:
        engine.recompute_run_chunk(run_id=run_id, dyads=chunk, today=date.fromisoformat(today))
    except RETRY_ON:
        raise  # retried by Celery; the run goes on
    except Exception as error:
        engine.mark_run_failed(run_id=run_id, error=error)
        raise

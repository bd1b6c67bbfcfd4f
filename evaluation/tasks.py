"""Celery tasks of the trust index: thin, idempotent, safe to retry (acks_late)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import index_services, index_triggers

RETRY_ON = (OperationalError, InterfaceError)


@shared_task(
    acks_late=True,
    autoretry_for=RETRY_ON,
    retry_backoff=True,
    max_retries=5,
    ignore_result=True,
)
def recompute_dyad_index(dyad_id: int) -> int:
    """Recompute one dyad's index series (month ends + today); returns the snapshot count.

    The dyad's "pending" mark is cleared before reading, so an edit committed
    while this runs queues one more recomputation instead of being lost.
    """
    index_triggers.clear_pending(dyad_id)
    return index_services.recompute_dyad(dyad_id=dyad_id)


@shared_task(acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=3, ignore_result=True)
def recompute_all_indices(run_id: int | None = None) -> int:
    """Recompute every dyad's series (nightly by beat, or from the admin); returns the run's id.

    Given a run id (the admin creates one so it can show progress at once),
    that run is reused, which makes a redelivered task restart the same run.
    """
    from .models import RecomputeRun

    run = RecomputeRun.objects.filter(pk=run_id).first() if run_id else None
    run = run or index_services.start_run(trigger="beat")
    return index_services.recompute_all(run=run).pk

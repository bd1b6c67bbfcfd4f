"""Celery tasks of the trust index: thin, idempotent, safe to retry (acks_late).

Recomputations of a dyad go through the outbox in the database (pending.py):
a task recomputes what the outbox holds, and the sweep queues whatever a
lost message left there.
"""

import logging
import threading
import time
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import engine, pending, runs
from .models import RecomputeRun, RecomputeStatus

logger = logging.getLogger(__name__)
RETRY_ON = (OperationalError, InterfaceError)
# After a failed publish, web processes stop trying the broker for this long: the
# requests wait in the outbox for the sweep, and saves are not slowed by timeouts.
BROKER_RETRY_AFTER = 10.0
_broker = threading.local()


def debounce_seconds() -> float:
    """How long a queued recomputation waits, gathering later edits (eager mode ignores it)."""
    return float(settings.TRUST_INDEX.get("DEBOUNCE_SECONDS", 1.0))


def enqueue_recompute(dyad_id: int, *, countdown: float | None = None, force: bool = False) -> bool:
    """Queue `recompute_dyad_index` for the dyad; False (logged) when the broker refuses.

    Never raises: the dyad's requests are safe in the outbox and the sweep queues them
    later. After a failure this process skips the broker for BROKER_RETRY_AFTER
    seconds unless `force`d (the sweep forces: it runs on a worker that just heard
    from the broker)."""
    if not force and time.monotonic() < getattr(_broker, "retry_at", 0.0):
        return False
    countdown = debounce_seconds() if countdown is None else countdown
    try:
        recompute_dyad_index.apply_async(args=(dyad_id,), countdown=countdown, retry=False)
    except Exception as error:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise  # in-process: the task's own error, not the broker's
        _broker.retry_at = time.monotonic() + BROKER_RETRY_AFTER
        logger.warning("Recomputation of dyad %s not queued (%s); the outbox keeps it for the sweep", dyad_id, error)
        return False
    return True


@shared_task(acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=5, ignore_result=True)
def recompute_dyad_index(dyad_id: int) -> int:
    """Recompute one dyad's series for the requests its outbox holds; returns the snapshot count
    (0 when nothing waits: another task did it already).

    Requests written while this runs stay in the outbox and queue one more run."""
    claim = pending.claim(dyad_id)
    if not claim:
        return 0
    try:
        written = engine.recompute_dyad(dyad_id=dyad_id, cause=claim.cause, cause_ref=claim.cause_ref)
    except RETRY_ON:
        raise  # retried by Celery; the requests stay
    except Exception as error:
        pending.record_failure(claim, error)
        raise
    pending.finish(claim)
    if pending.has_requests(dyad_id):
        enqueue_recompute(dyad_id)
    enqueue_rank_refresh()
    return written


def enqueue_rank_refresh() -> bool:
    """Queue `refresh_index_ranks` after the debounce, so a burst of edits ranks once or
    a few times; False (logged) when the broker refuses: the next recomputation or the
    nightly run ranks again."""
    try:
        refresh_index_ranks.apply_async(countdown=debounce_seconds(), retry=False)
    except Exception as error:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise
        logger.warning("Rank refresh not queued (%s); the next recomputation queues it again", error)
        return False
    return True


@shared_task(acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=5, ignore_result=True)
def refresh_index_ranks() -> int:
    """Rank every dyad's current value again (a value moved, or a dyad was deleted)."""
    return engine.refresh_ranks()


@shared_task(ignore_result=True)
def sweep_recompute_requests() -> int:
    """Queue each dyad the outbox still holds requests for, and settle stalled full runs
    (beat, every minute; and each worker when it connects to the broker). Returns the
    number of dyads queued."""
    runs.settle_stalled_runs(enqueue_chunk=queue_chunk, enqueue_run=queue_run)
    dyads = pending.dyads_waiting(older_than=timedelta(seconds=debounce_seconds()))
    queued = sum(enqueue_recompute(dyad_id, countdown=0, force=True) for dyad_id in dyads)
    if dyads:
        logger.info("Sweep: %d dyad(s) with waiting recomputations, %d queued", len(dyads), queued)
    return queued


def queue_run(run_id: int) -> None:
    """Hand a full run (again) to the workers."""
    recompute_all_indices.delay(run_id)


def queue_chunk(run_id: int, chunk: list[tuple[int, str]], today: date) -> None:
    """Hand one chunk of a full run to the workers."""
    recompute_index_chunk.delay(run_id, [list(dyad) for dyad in chunk], today.isoformat())


@shared_task(acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=3, ignore_result=True)
def recompute_all_indices(run_id: int | None = None) -> int:
    """Recompute every dyad's series (from the admin or `recompute_indices --full --queue`;
    the nightly run is `update_all_indices`); returns the run's id.

    Queues one `recompute_index_chunk` per 50 dyads so all worker processes
    share the run. Given a run id (the admin creates one so it can show it at
    once) that run is used; delivered again, it queues only the chunks not done.
    """
    run = RecomputeRun.objects.filter(pk=run_id).first() if run_id else None
    run = run or engine.start_run(trigger="beat")
    if run.status == RecomputeStatus.RUNNING:  # delivered again after its worker died: keep what is done
        runs.resume(run, enqueue_chunk=queue_chunk, why="the run's start was delivered again")
    else:
        engine.fan_out_run(run, enqueue=lambda chunk, today: queue_chunk(run.pk, chunk, today))
    return run.pk


@shared_task(acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=3, ignore_result=True)
def update_all_indices() -> int:
    """The nightly run (beat): every dyad gets today's snapshot (and the new month end once
    one has passed); only dyads whose inputs' fingerprint changed get their history rebuilt.
    Queued in chunks like a full run; returns the run's id."""
    run = engine.start_run(trigger="beat", incremental=True)
    return recompute_all_indices(run.pk)


@shared_task(acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=5, ignore_result=True)
def recompute_index_chunk(run_id: int, dyads: list[list], today: str) -> None:
    """Recompute a chunk of [dyad id, slug] pairs of a full run, as of `today` (ISO date);
    a chunk delivered twice (its first worker died) is done and counted once."""
    chunk = [(int(dyad_id), str(slug)) for dyad_id, slug in dyads]
    try:
        runs.recompute_run_chunk_once(run_id=run_id, dyads=chunk, today=date.fromisoformat(today))
    except RETRY_ON:
        raise  # retried by Celery; the run goes on
    except Exception as error:
        engine.mark_run_failed(run_id=run_id, error=error)
        raise

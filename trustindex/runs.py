"""Queued full runs that survive their workers: each chunk counted once, stalled runs settled.

A queued run (`recompute_all_indices`) is a Celery task per chunk of dyads.
Tasks are acknowledged late, so a chunk whose worker died goes back to the
queue once the broker's visibility timeout has passed (settings:
CELERY_VISIBILITY_TIMEOUT) and another worker does it. Two guards make that
safe and make sure every run ends:

- `recompute_run_chunk_once` writes a chunk, its marker and the run's count
  in one transaction; a chunk delivered again finds its marker and does
  nothing, so `done` never passes `total` on a redelivery;
- `settle_stalled_runs` (the beat sweep, every minute) looks for runs with no
  progress for TRUST_INDEX["RUN_STALL_SECONDS"] (their messages were lost,
  e.g. a broker restarted empty): the first time it queues the chunks that
  have no marker again ("resumed"); the next time it marks the run failed,
  saying why.
"""

import logging
from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from . import engine
from .loader import dyad_id_chunks
from .models import RecomputeRun, RecomputeRunChunk, RecomputeStatus

logger = logging.getLogger(__name__)
Enqueue = Callable[[int, list[tuple[int, str]], date], None]  # (run id, chunk, today)
MAX_RESUMES = 1
UNFINISHED = (RecomputeStatus.QUEUED, RecomputeStatus.RUNNING)


def stall_seconds() -> float:
    return float(settings.TRUST_INDEX.get("RUN_STALL_SECONDS", 900))


def recompute_run_chunk_once(*, run_id: int, dyads: list[tuple[int, str]], today: date) -> bool:
    """Recompute and count one chunk of a queued run unless it was done already; the chunk
    that completes the count finishes the run. Returns False for a chunk already done."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                marker = RecomputeRunChunk.objects.create(run_id=run_id, first_dyad_id=dyads[0][0], dyads=len(dyads))
        except IntegrityError:
            logger.info("Run #%s: chunk from dyad %s was done already (delivered again)", run_id, dyads[0][0])
            return False
        incremental = RecomputeRun.objects.filter(pk=run_id).values_list("incremental", flat=True).first() or False
        done, failed, written = engine.recompute_chunk(
            dyads, today=today, config=engine.index_config(), incremental=incremental
        )
        marker.failed, marker.snapshots = failed, written
        marker.save(update_fields=["failed", "snapshots"])
        runs = RecomputeRun.objects.filter(pk=run_id)
        runs.update(
            done=F("done") + done,
            failed=F("failed") + failed,
            snapshots_written=F("snapshots_written") + written,
            progressed_at=timezone.now(),
        )
        finished = runs.filter(status=RecomputeStatus.RUNNING, done__gte=F("total")).update(
            status=RecomputeStatus.SUCCEEDED, finished_at=timezone.now()
        )
    if finished:  # the run's last chunk: every dyad's current value is in
        engine.delete_orphans()
        engine.refresh_ranks()
    return True


def stalled_runs(now=None):
    """Unfinished runs without progress (or a start) for stall_seconds()."""
    cutoff = (now or timezone.now()) - timedelta(seconds=stall_seconds())
    silent = Q(progressed_at__lte=cutoff) | Q(progressed_at__isnull=True, started_at__lte=cutoff)
    never_started = Q(started_at__isnull=True, created_at__lte=cutoff)
    return RecomputeRun.objects.filter(Q(status__in=UNFINISHED) & (silent | never_started))


def settle_stalled_runs(*, enqueue_chunk: Enqueue, enqueue_run: Callable[[int], None]) -> list[int]:
    """Resume (once) or fail every stalled run; returns their ids."""
    settled = []
    for run in stalled_runs():
        if run.resumed >= MAX_RESUMES:
            _fail_stalled(run)
        elif run.started_at is None:
            _mark_resumed(run, f"not started after {stall_seconds():.0f} s (was the broker down?): queued again")
            enqueue_run(run.pk)
        else:
            resume(run, enqueue_chunk=enqueue_chunk, why=f"no progress for {stall_seconds():.0f} s")
        settled.append(run.pk)
    return settled


def _mark_resumed(run: RecomputeRun, why: str) -> None:
    message = f"Resumed: {why}."
    logger.warning("Run #%s: %s", run.pk, message)
    RecomputeRun.objects.filter(pk=run.pk).update(
        resumed=F("resumed") + 1, progressed_at=timezone.now(), message=message
    )


def resume(run: RecomputeRun, *, enqueue_chunk: Enqueue, why: str) -> int:
    """Queue again the chunks of `run` that have no marker; the counts restart from the
    markers. Returns the number of chunks queued."""
    chunks = list(dyad_id_chunks(engine.chunk_size_for(run)))
    finished = set(run.chunks.values_list("first_dyad_id", flat=True))
    missing = [chunk for chunk in chunks if chunk[0][0] not in finished]
    counted = run.chunks.aggregate(done=Sum("dyads"), failed=Sum("failed"), written=Sum("snapshots"))
    RecomputeRun.objects.filter(pk=run.pk).update(
        total=sum(len(chunk) for chunk in chunks),
        done=counted["done"] or 0,
        failed=counted["failed"] or 0,
        snapshots_written=counted["written"] or 0,
    )
    _mark_resumed(run, f"{why}; {len(missing)} chunk(s) of {len(chunks)} queued again")
    if not missing:
        RecomputeRun.objects.filter(pk=run.pk).update(status=RecomputeStatus.SUCCEEDED, finished_at=timezone.now())
        engine.refresh_ranks()
    today = timezone.localdate()
    for chunk in missing:
        enqueue_chunk(run.pk, chunk, today)
    return len(missing)


def _fail_stalled(run: RecomputeRun) -> None:
    minutes = stall_seconds() / 60
    message = (
        f"No progress for {minutes:.0f} min, even after {run.resumed} resumption(s): "
        f"{run.done}/{run.total} dyads done. Its workers were probably lost; start a new run."
    )
    logger.error("Run #%s failed: %s", run.pk, message)
    RecomputeRun.objects.filter(pk=run.pk, status__in=UNFINISHED).update(
        status=RecomputeStatus.FAILED, message=message, finished_at=timezone.now()
    )

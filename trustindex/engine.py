"""Compute and store the trust index series of dyads (the work behind the Celery tasks).

A dyad's series is the month ends from its first month with any data up to
today, plus "today" itself (`is_month_end=False`) unless today is a month
end. Writing a series deletes every snapshot of that dyad for the current
method version and inserts the new ones in one transaction, so readers see
either the old series or the new one, never a mix; a crash part-way leaves
the old series. After the commit `index_recomputed` is sent per dyad.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import date

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from programs.models import Dyad

from . import columns, fingerprints, index_status, ranking, revisions, snapshot_writer
from .in_force import index_config
from .loader import LoadedDyad, UnknownCurrencyError, dyad_id_chunks
from .method import DyadArrays, IndexConfig
from .models import IndexSnapshot, RecomputeRun, RecomputeStatus
from .parallel import recompute_in_processes
from .series import SnapshotBatch, compute_batch
from .signals import index_recomputed, ranks_refreshed

logger = logging.getLogger(__name__)
ProgressCallback = Callable[[int, int], None]
FULL_RUN_CHUNK = 50  # dyads per transaction (and per Celery chunk task) in a full run
# An incremental run writes a snapshot or two per unchanged dyad: bigger chunks spread each
# chunk's fixed cost (a load query, the fingerprint upsert, the progress update) further.
INCREMENTAL_RUN_CHUNK = 250


def chunk_size_for(run: RecomputeRun) -> int:
    """Dyads per chunk of a run (a queued run and its resumption must agree)."""
    return INCREMENTAL_RUN_CHUNK if run.incremental else FULL_RUN_CHUNK


FULL_RUN_CAUSE = "full recompute"
NIGHTLY_CAUSE = "nightly run: the inputs changed since the last computation"


def build_series(loaded: LoadedDyad, *, today: date, config: IndexConfig) -> SnapshotBatch:
    """One dyad's snapshots, from its dataclass inputs: every month end since its first
    data (never before core.dates.EARLIEST: a series has at most ~1,000 points), and today."""
    arrays = DyadArrays.from_inputs(loaded.inputs)
    return compute_batch([(loaded.dyad_id, arrays)], today=today, config=config, computed_at=timezone.now())


def _announce(dyad_ids: Iterable[int]) -> None:
    for dyad_id in dyad_ids:
        index_recomputed.send(sender=IndexSnapshot, dyad_id=dyad_id)


def replace_series(dyad_ids: list[int], batch: SnapshotBatch, *, cause: str = "", cause_ref: str = "") -> None:
    """Replace the current method version's snapshots of these dyads, all or nothing, and
    keep a revision (with `cause`) of each published month end that moved."""
    with transaction.atomic(savepoint=False):
        before = revisions.delete_series(dyad_ids)
        snapshot_writer.insert_snapshots(batch)
        revisions.record_revisions(before, batch, cause=cause, cause_ref=cause_ref)
        transaction.on_commit(lambda: _announce(dyad_ids))


def delete_orphans() -> int:
    """Delete the snapshots of dyads that are gone (written while the dyad was being
    deleted; see IndexSnapshot.dyad), found by their "today" row through a small partial
    index rather than by reading every snapshot. Returns how many."""
    today_rows = IndexSnapshot.objects.filter(is_month_end=False).exclude(dyad_id__in=Dyad.objects.values("pk"))
    gone = list(today_rows.values_list("dyad_id", flat=True).distinct())
    if not gone:
        return 0
    deleted, _ = IndexSnapshot.objects.filter(dyad_id__in=gone).delete()
    return deleted


def refresh_ranks() -> int:
    """Rank every dyad's current value under the shared scenarios (see ranking.py)."""
    ranked = ranking.refresh_ranks(index_config())
    transaction.on_commit(lambda: ranks_refreshed.send(sender=IndexSnapshot), robust=True)
    return ranked


def recompute_dyad(*, dyad_id: int, today: date | None = None, cause: str = "", cause_ref: str = "") -> int:
    """Recompute and store one dyad's whole series; returns the number of snapshots.

    `cause` says which record changes asked for it (from the outbox, trustindex/pending.py)
    and `cause_ref` names them ("milestones.milestone:412"); both go into any revision.
    Ranks are not refreshed here (they compare all dyads): the task queues that.
    A dyad deleted meanwhile is skipped (returns 0): there is nothing left to index.
    """
    arrays = columns.load_arrays([dyad_id]).get(dyad_id)
    if arrays is None:
        logger.info("Dyad %s no longer exists; nothing to index", dyad_id)
        return 0
    if isinstance(arrays, UnknownCurrencyError):
        logger.error("Trust index not computed: %s", arrays)
        index_status.record_outcomes(failed={dyad_id: str(arrays)})
        return 0
    today = today or timezone.localdate()
    config = index_config()
    snapshots = compute_batch([(dyad_id, arrays)], today=today, config=config, computed_at=timezone.now())
    with transaction.atomic():
        replace_series([dyad_id], snapshots, cause=cause, cause_ref=cause_ref)
        fingerprints.store({dyad_id: fingerprints.fingerprint(arrays, config)}, computed_on=today)
    index_status.record_outcomes(succeeded=[dyad_id])
    logger.debug("Dyad %s indexed: %d snapshots (%s)", dyad_id, len(snapshots), cause or "no cause given")
    return len(snapshots)


def start_run(*, trigger: str, incremental: bool = False) -> RecomputeRun:
    """Record a queued run over every dyad (shown in the admin until it finishes): a full
    rebuild, or an incremental (nightly) one."""
    return RecomputeRun.objects.create(trigger=trigger, total=Dyad.objects.count(), incremental=incremental)


def recompute_chunk(
    dyads: list[tuple[int, str]],
    *,
    today: date,
    config: IndexConfig,
    cause: str | None = None,
    incremental: bool = False,
) -> tuple[int, int, int]:
    """Recompute a chunk of dyads; returns (dyads done, dyads failed, snapshots written).

    A full run rebuilds every series. An incremental run (the nightly one) rebuilds only
    the series whose inputs' fingerprint changed (fingerprints.py) and, for the others,
    adds the dates new since they were computed: today, and a month end once one has
    passed (`add_new_dates`)."""
    loaded = columns.load_arrays([dyad_id for dyad_id, _slug in dyads])
    failures: dict[int, str] = {}
    for dyad_id, arrays in loaded.items():
        if isinstance(arrays, UnknownCurrencyError):
            failures[dyad_id] = str(arrays)
            logger.error("Trust index not computed: %s", arrays)
    computable = {dyad_id: arrays for dyad_id, arrays in loaded.items() if isinstance(arrays, DyadArrays)}
    prints = {dyad_id: fingerprints.fingerprint(arrays, config) for dyad_id, arrays in computable.items()}
    since: dict[int, date] = {}
    if incremental:
        for dyad_id, (stored_print, computed_on) in fingerprints.stored(list(computable)).items():
            if stored_print == prints[dyad_id] and computed_on <= today:
                since[dyad_id] = computed_on
    rebuilt = [(dyad_id, arrays) for dyad_id, arrays in computable.items() if dyad_id not in since]
    kept = [(dyad_id, arrays) for dyad_id, arrays in computable.items() if since.get(dyad_id, today) < today]
    now = timezone.now()
    written = 0
    with transaction.atomic():
        if rebuilt:
            batch = compute_batch(rebuilt, today=today, config=config, computed_at=now)
            why = cause or (NIGHTLY_CAUSE if incremental else FULL_RUN_CAUSE)
            replace_series([dyad_id for dyad_id, _ in rebuilt], batch, cause=why)
            written += len(batch)
        if kept:
            batch = compute_batch(kept, today=today, config=config, computed_at=now, after=since)
            add_new_dates({dyad_id: since[dyad_id] for dyad_id, _ in kept}, batch)
            written += len(batch)
        fingerprints.store(prints, computed_on=today)
    index_status.record_outcomes(succeeded=list(computable), failed=failures)
    return len(dyads), len(failures), written


def add_new_dates(since: dict[int, date], batch: SnapshotBatch) -> None:
    """Store the snapshots of dates later than each dyad's `since` (a series otherwise
    unchanged): drop its old "today" (not a month end) and anything after `since`, then
    insert. Published month ends are untouched, so there is nothing to revise."""
    stale = Q()
    for day, ids in _by_day(since).items():
        stale |= Q(dyad_id__in=ids) & (Q(is_month_end=False) | Q(as_of__gt=day))
    with transaction.atomic(savepoint=False):
        IndexSnapshot.objects.filter(stale, method_version=batch.method_version).delete()
        snapshot_writer.insert_snapshots(batch)
        transaction.on_commit(lambda: _announce(list(since)))


def _by_day(since: dict[int, date]) -> dict[date, list[int]]:
    out: dict[date, list[int]] = {}
    for dyad_id, day in since.items():
        out.setdefault(day, []).append(dyad_id)
    return out


def _recompute_chunk_in_process(args: tuple[list[tuple[int, str]], date]) -> tuple[int, int, int]:
    """One chunk of a full run in a worker process of `recompute_in_processes`."""
    chunk, today = args
    return recompute_chunk(chunk, today=today, config=index_config())


def _update_chunk_in_process(args: tuple[list[tuple[int, str]], date]) -> tuple[int, int, int]:
    """One chunk of an incremental run in a worker process of `recompute_in_processes`."""
    chunk, today = args
    return recompute_chunk(chunk, today=today, config=index_config(), incremental=True)


def recompute_all(
    *,
    run: RecomputeRun | None = None,
    today: date | None = None,
    chunk_size: int | None = None,
    workers: int = 1,
    progress: ProgressCallback | None = None,
) -> RecomputeRun:
    """Recompute every dyad's series, chunk by chunk, recording progress on `run`: rebuild
    them all, or, when `run.incremental` (the nightly run), rebuild the changed ones and
    add today's snapshot (and a new month end) to the others. Ranks are refreshed at the end.

    Each chunk is written in its own transaction, so a crash keeps the chunks
    already done and leaves every other dyad's previous series whole. With
    workers > 1 the chunks are shared among that many processes (not from
    inside a Celery prefork worker, whose processes cannot have children).
    """
    run = run or start_run(trigger="service")
    today = today or timezone.localdate()
    RecomputeRun.objects.filter(pk=run.pk).update(
        status=RecomputeStatus.RUNNING,
        started_at=timezone.now(),
        total=Dyad.objects.count(),
        done=0,
        failed=0,
        snapshots_written=0,
    )
    run.refresh_from_db()
    try:
        incremental = run.incremental
        chunk_size = chunk_size or chunk_size_for(run)
        if workers > 1:
            work = _update_chunk_in_process if incremental else _recompute_chunk_in_process
            results = recompute_in_processes(dyad_id_chunks(chunk_size), today=today, workers=workers, work_on=work)
        else:
            config = index_config()
            results = (
                recompute_chunk(chunk, today=today, config=config, incremental=incremental)
                for chunk in dyad_id_chunks(chunk_size)
            )
        for done, failed, written in results:
            _record_progress(run, done, failed, written, progress)
        delete_orphans()
        refresh_ranks()
    except BaseException as error:
        _finish(run, RecomputeStatus.FAILED, message=f"{type(error).__name__}: {error}")
        raise
    _finish(run, RecomputeStatus.SUCCEEDED, message=f"{run.failed} dyad(s) failed" if run.failed else "")
    return run


def _record_progress(run, done: int, failed: int, written: int, progress: ProgressCallback | None) -> None:
    RecomputeRun.objects.filter(pk=run.pk).update(
        done=F("done") + done,
        failed=F("failed") + failed,
        snapshots_written=F("snapshots_written") + written,
        progressed_at=timezone.now(),
    )
    run.done, run.failed = run.done + done, run.failed + failed
    run.snapshots_written += written
    if progress:
        progress(run.done, run.total)


def _finish(run: RecomputeRun, status: str, *, message: str) -> None:
    run.status, run.message, run.finished_at = status, message, timezone.now()
    RecomputeRun.objects.filter(pk=run.pk).update(status=status, message=message, finished_at=run.finished_at)


def fan_out_run(run: RecomputeRun, *, enqueue: Callable[[list[tuple[int, str]], date], None]) -> None:
    """Start `run` and hand each chunk of dyads to `enqueue` (a Celery task per chunk, so a
    worker's processes share the run); the chunk that completes the count finishes it."""
    today = timezone.localdate()
    chunks = list(dyad_id_chunks(chunk_size_for(run)))  # ids only; the total must match what is queued
    total = sum(len(chunk) for chunk in chunks)
    RecomputeRun.objects.filter(pk=run.pk).update(
        status=RecomputeStatus.RUNNING, started_at=timezone.now(), total=total, done=0, failed=0, snapshots_written=0
    )
    if total == 0:
        _finish(run, RecomputeStatus.SUCCEEDED, message="")
    for chunk in chunks:
        enqueue(chunk, today)


def mark_run_failed(*, run_id: int, error: BaseException) -> None:
    """Record that a run stopped on an error (the log has the traceback)."""
    RecomputeRun.objects.filter(pk=run_id).update(
        status=RecomputeStatus.FAILED, message=f"{type(error).__name__}: {error}", finished_at=timezone.now()
    )

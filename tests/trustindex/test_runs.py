"""Queued full runs end: a chunk delivered twice counts once, a stalled run is resumed, then failed."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.factories import DyadFactory, state
from tests.trustindex.index_fixtures import worked_example_dyad
from trustindex import engine, runs, tasks
from trustindex.loader import dyad_id_chunks
from trustindex.models import IndexSnapshot, RecomputeRun, RecomputeStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_dyads(monkeypatch):
    monkeypatch.setattr(engine, "FULL_RUN_CHUNK", 2)
    worked_example_dyad()
    DyadFactory(state_a=state("IR"), state_b=state("SA"))
    DyadFactory(state_a=state("CO"), state_b=state("VE"))
    return list(dyad_id_chunks(2))


def running_run(chunks) -> RecomputeRun:
    run = engine.start_run(trigger="beat")
    engine.fan_out_run(run, enqueue=lambda chunk, today: None)  # the messages are lost
    run.refresh_from_db()
    return run


def silent_for(run: RecomputeRun, seconds: float) -> None:
    RecomputeRun.objects.filter(pk=run.pk).update(
        started_at=timezone.now() - timedelta(seconds=seconds), progressed_at=None
    )


def test_a_chunk_delivered_twice_is_written_and_counted_once(three_dyads):
    run = running_run(three_dyads)
    today = timezone.localdate()
    assert runs.recompute_run_chunk_once(run_id=run.pk, dyads=three_dyads[0], today=today) is True
    snapshots = IndexSnapshot.objects.count()
    assert runs.recompute_run_chunk_once(run_id=run.pk, dyads=three_dyads[0], today=today) is False
    run.refresh_from_db()
    assert (run.done, run.status, IndexSnapshot.objects.count()) == (2, RecomputeStatus.RUNNING, snapshots)
    runs.recompute_run_chunk_once(run_id=run.pk, dyads=three_dyads[1], today=today)
    run.refresh_from_db()
    assert (run.done, run.total, run.status) == (3, 3, RecomputeStatus.SUCCEEDED)


def test_a_run_that_stopped_progressing_is_resumed_with_only_its_missing_chunks(three_dyads, settings):
    run = running_run(three_dyads)
    runs.recompute_run_chunk_once(run_id=run.pk, dyads=three_dyads[0], today=timezone.localdate())
    silent_for(run, settings.TRUST_INDEX["RUN_STALL_SECONDS"] + 1)
    RecomputeRun.objects.filter(pk=run.pk).update(progressed_at=timezone.now() - timedelta(hours=1))
    queued = []
    runs.settle_stalled_runs(enqueue_chunk=lambda run_id, chunk, today: queued.append(chunk), enqueue_run=print)
    run.refresh_from_db()
    assert queued == [three_dyads[1]] and run.resumed == 1 and run.done == 2
    assert run.status == RecomputeStatus.RUNNING and "1 chunk(s) of 2 queued again" in run.message
    tasks.queue_chunk(run.pk, queued[0], timezone.localdate())  # a worker takes it (eager here)
    run.refresh_from_db()
    assert (run.status, run.done) == (RecomputeStatus.SUCCEEDED, 3)


def test_a_run_still_silent_after_its_resumption_fails_with_the_reason(three_dyads, settings):
    run = running_run(three_dyads)
    RecomputeRun.objects.filter(pk=run.pk).update(
        resumed=1, progressed_at=timezone.now() - timedelta(seconds=settings.TRUST_INDEX["RUN_STALL_SECONDS"] + 1)
    )
    runs.settle_stalled_runs(enqueue_chunk=lambda *args: None, enqueue_run=print)
    run.refresh_from_db()
    assert run.status == RecomputeStatus.FAILED and run.finished_at is not None
    assert "No progress for" in run.message and "workers were probably lost" in run.message


def test_a_run_that_never_started_is_queued_again(three_dyads, settings):
    run = engine.start_run(trigger="admin:root")  # the broker was down when the admin clicked
    RecomputeRun.objects.filter(pk=run.pk).update(
        created_at=timezone.now() - timedelta(seconds=settings.TRUST_INDEX["RUN_STALL_SECONDS"] + 1)
    )
    again = []
    runs.settle_stalled_runs(enqueue_chunk=lambda *args: None, enqueue_run=again.append)
    assert again == [run.pk]


def test_a_progressing_run_is_left_alone(three_dyads):
    run = running_run(three_dyads)
    assert runs.settle_stalled_runs(enqueue_chunk=lambda *args: None, enqueue_run=print) == []
    run.refresh_from_db()
    assert run.status == RecomputeStatus.RUNNING and run.resumed == 0


def test_the_beat_sweep_settles_stalled_runs(three_dyads, settings):
    run = running_run(three_dyads)
    silent_for(run, settings.TRUST_INDEX["RUN_STALL_SECONDS"] + 1)
    tasks.sweep_recompute_requests()  # eager: the resumed chunks run at once
    run.refresh_from_db()
    assert (run.status, run.done, run.resumed) == (RecomputeStatus.SUCCEEDED, 3, 1)


def test_the_command_following_a_failed_run_exits_with_its_reason(monkeypatch):
    worked_example_dyad()

    def a_worker_fails_it(run_id):
        engine.mark_run_failed(run_id=run_id, error=RuntimeError("disk full"))

    monkeypatch.setattr(tasks.recompute_all_indices, "delay", a_worker_fails_it)
    with pytest.raises(CommandError, match="failed: RuntimeError: disk full"):
        call_command("recompute_indices", "--queue", stdout=StringIO(), stderr=StringIO())


def test_a_run_start_delivered_again_queues_only_the_chunks_not_done(three_dyads, monkeypatch):
    run = running_run(three_dyads)
    runs.recompute_run_chunk_once(run_id=run.pk, dyads=three_dyads[0], today=timezone.localdate())
    queued = []
    monkeypatch.setattr(tasks, "queue_chunk", lambda run_id, chunk, today: queued.append(chunk))
    tasks.recompute_all_indices(run.pk)  # its first worker died after fanning out
    run.refresh_from_db()
    assert queued == [three_dyads[1]] and (run.done, run.total) == (2, 3)

"""The full-run task splits the dyads into chunk tasks and finishes the run (eager mode here)."""

import pytest

from tests.factories import DyadFactory, state
from tests.trustindex.index_fixtures import worked_example_dyad
from trustindex import engine
from trustindex.models import RecomputeRun, RecomputeStatus
from trustindex.selectors import current_snapshots
from trustindex.tasks import recompute_all_indices, recompute_index_chunk

pytestmark = pytest.mark.django_db


def test_full_run_task_recomputes_every_dyad_in_chunks(monkeypatch):
    dyads = [worked_example_dyad(), DyadFactory(), DyadFactory(state_a=state("CO"), state_b=state("VE"))]
    chunks = []
    real = recompute_index_chunk.delay
    monkeypatch.setattr(recompute_index_chunk, "delay", lambda *args: (chunks.append(args[1]), real(*args)))
    monkeypatch.setattr(engine, "FULL_RUN_CHUNK", 2)
    run = RecomputeRun.objects.get(pk=recompute_all_indices.delay().get())
    assert (run.status, run.trigger, run.done, run.total, run.failed) == (RecomputeStatus.SUCCEEDED, "beat", 3, 3, 0)
    assert run.finished_at is not None
    assert [len(chunk) for chunk in chunks] == [2, 1]
    assert {s.dyad_id for s in current_snapshots()} == {d.pk for d in dyads}


def test_full_run_task_reuses_the_run_the_admin_created():
    worked_example_dyad()
    run = engine.start_run(trigger="admin:root")
    assert recompute_all_indices.delay(run.pk).get() == run.pk
    run.refresh_from_db()
    assert (run.status, run.done) == (RecomputeStatus.SUCCEEDED, 1)


def test_full_run_without_dyads_finishes_at_once():
    run = RecomputeRun.objects.get(pk=recompute_all_indices.delay().get())
    assert (run.status, run.total, run.done) == (RecomputeStatus.SUCCEEDED, 0, 0)


def test_a_failing_chunk_marks_the_run_failed(monkeypatch):
    worked_example_dyad()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(engine, "recompute_chunk", broken)
    run = engine.start_run(trigger="beat")
    with pytest.raises(RuntimeError):
        recompute_all_indices.delay(run.pk)
    run.refresh_from_db()
    assert (run.status, run.message) == (RecomputeStatus.FAILED, "RuntimeError: disk full")

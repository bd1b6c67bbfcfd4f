"""The index tasks on a real Celery worker and a real Redis broker.

The worker runs in this process (celery.contrib.testing), on the Redis
database of TEST_REDIS_URL; the keys it creates are deleted afterwards.
Data must be committed for the worker's thread to see it, hence
transactional tests.
"""

import os
import threading
import time
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection

from milestones.models import Milestone, MilestoneStatus
from tests.trustindex.conftest import Recomputes
from tests.trustindex.index_fixtures import worked_example_dyad
from trustindex import engine, snapshot_writer, triggers
from trustindex.models import RecomputeRequest
from trustindex.selectors import current_snapshot, index_history

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]
WAIT_SECONDS = 30


@pytest.fixture
def celery_worker(settings, recomputes):
    """A real worker thread consuming from Redis; restores the eager app afterwards."""
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("needs a real Redis: set TEST_REDIS_URL=redis://127.0.0.1:6379/<db>")
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's shared in-memory test database locks tables across threads")
    import redis
    from celery.contrib.testing.worker import start_worker

    from trackerproj.celery import app

    client = redis.Redis.from_url(redis_url)
    keys_before = set(client.keys("*"))
    names = ("broker_url", "result_backend", "task_always_eager", "task_ignore_result")
    saved = {name: app.conf[name] for name in names}
    app.conf.update(broker_url=redis_url, result_backend=None, task_always_eager=False, task_ignore_result=True)
    reset_broker_pools(app)
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "DEBOUNCE_SECONDS": 0.5}
    cache.clear()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=15):
            yield app
    finally:
        app.conf.update(saved)
        reset_broker_pools(app)
        cache.clear()
        created = set(client.keys("*")) - keys_before
        if created:
            client.delete(*created)


def reset_broker_pools(app) -> None:
    """Forget the connection and producer pools made for the previous broker (eager
    mode makes them on the in-memory transport), as Celery does after a fork."""
    app._pool = None
    if "amqp" in app.__dict__:
        app.__dict__["amqp"]._producer_pool = None


def wait_until(condition, message: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {message}")


def wait_idle(recomputes: Recomputes, dyad_id: int) -> None:
    """Until no recomputation of the dyad is queued or running."""

    def idle() -> bool:
        is_pending = RecomputeRequest.objects.filter(dyad_id=dyad_id, attempts=0).exists()
        return not is_pending and recomputes.started == recomputes.finished

    wait_until(idle, "the worker to go idle")
    time.sleep(0.2)
    wait_until(idle, "the worker to go idle")


def test_editing_a_milestone_leads_to_a_new_snapshot(celery_worker, recomputes):
    dyad = worked_example_dyad()
    wait_until(lambda: current_snapshot(dyad) is not None, "the first snapshot")
    wait_idle(recomputes, dyad.pk)
    before = current_snapshot(dyad)
    milestone = Milestone.objects.get(program__dyad=dyad, due_date=date(2025, 12, 15))
    milestone.status, milestone.achieved_date = MilestoneStatus.ACHIEVED, date(2025, 12, 16)
    milestone.save()
    wait_until(lambda: current_snapshot(dyad).computed_at > before.computed_at, "a new snapshot")
    after = current_snapshot(dyad)
    assert after.components["delivery"]["value"] > before.components["delivery"]["value"]


def test_a_job_killed_while_writing_leaves_the_previous_series_intact(celery_worker, recomputes, monkeypatch):
    dyad = worked_example_dyad()
    wait_until(lambda: current_snapshot(dyad) is not None, "the first snapshot")
    wait_idle(recomputes, dyad.pk)
    before = [(s.as_of, s.value, s.computed_at) for s in index_history(dyad)]
    crashed = threading.Event()
    real_insert = snapshot_writer.insert_snapshots

    def killed_half_way(snapshots):
        real_insert(snapshots[: len(snapshots) // 2])
        crashed.set()
        raise SystemExit("worker killed during the write")

    monkeypatch.setattr(snapshot_writer, "insert_snapshots", killed_half_way)
    triggers.schedule_recompute(dyad.pk, cause="asked by the test")
    assert crashed.wait(WAIT_SECONDS)
    wait_until(lambda: recomputes.started == recomputes.finished, "the crashed task to end")
    assert [(s.as_of, s.value, s.computed_at) for s in index_history(dyad)] == before
    assert RecomputeRequest.objects.filter(dyad=dyad).count() == 1  # kept for the next try


def test_a_burst_of_a_hundred_saves_is_recomputed_only_a_few_times(celery_worker, recomputes, settings):
    # A debounce window longer than the burst, even on a loaded machine (each save
    # also writes a history row): the burst is then indexed once or twice.
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "DEBOUNCE_SECONDS": 3.0}
    dyad = worked_example_dyad()
    wait_until(lambda: current_snapshot(dyad) is not None, "the first snapshot")
    wait_idle(recomputes, dyad.pk)
    started_before = recomputes.started
    milestone = Milestone.objects.get(program__dyad=dyad, due_date=date(2025, 12, 15))
    for n in range(100):
        milestone.title = f"Renamed {n}"
        milestone.save()  # each save is its own committed transaction
    saved_at = time.monotonic()
    time.sleep(3.5)  # past the debounce window, so every queued recompute has become due
    wait_idle(recomputes, dyad.pk)
    assert time.monotonic() - saved_at < 3.0 + WAIT_SECONDS
    assert 1 <= recomputes.started - started_before <= 3


def test_the_full_run_task_is_shared_out_and_finished_by_the_worker(celery_worker, recomputes):
    from trustindex.models import RecomputeRun, RecomputeStatus
    from trustindex.tasks import recompute_all_indices

    dyad = worked_example_dyad()
    wait_idle(recomputes, dyad.pk)
    run = engine.start_run(trigger="admin:root")
    recompute_all_indices.delay(run.pk)
    wait_until(lambda: RecomputeRun.objects.get(pk=run.pk).status == RecomputeStatus.SUCCEEDED, "the run to finish")
    run.refresh_from_db()
    assert (run.done, run.total, run.snapshots_written) == (1, 1, index_history(dyad).count())

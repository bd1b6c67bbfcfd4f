"""Beat updates every index nightly, incrementally, with a task the worker knows."""

from celery.schedules import crontab
from django.conf import settings

from trackerproj.celery import app


def test_beat_runs_the_incremental_update_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["update-trust-indices-nightly"]
    assert entry["task"] == "trustindex.tasks.update_all_indices"
    assert isinstance(entry["schedule"], crontab)
    import trustindex.tasks  # noqa: F401  (what the worker's autodiscovery imports)

    assert entry["task"] in app.tasks


def test_index_tasks_are_acknowledged_late_so_a_crashed_worker_redelivers_them():
    from trustindex.tasks import recompute_all_indices, recompute_dyad_index

    assert recompute_dyad_index.acks_late and recompute_all_indices.acks_late

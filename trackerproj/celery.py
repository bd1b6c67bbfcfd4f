"""The Celery app. Configuration comes from Django settings (CELERY_* keys)."""

import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackerproj.settings")

app = Celery("trackerproj")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class SweepOutboxOnConnect(bootsteps.StartStopStep):
    """Each time a worker (re)connects to the broker, it queues the recomputations the
    outbox still holds: saves made while the broker was down are indexed as soon as
    a worker is back, without waiting for beat's next sweep."""

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def start(self, consumer) -> None:
        consumer.app.send_task("trustindex.tasks.sweep_recompute_requests")


app.steps["consumer"].add(SweepOutboxOnConnect)

"""The Celery app. Configuration comes from Django settings (CELERY_* keys)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackerproj.settings")

app = Celery("trackerproj")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

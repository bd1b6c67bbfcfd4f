"""Celery tasks of the milestones app: thin wrappers around services."""

from celery import shared_task

from .reminders import send_milestone_reminders as send_reminders


@shared_task(name="milestones.tasks.send_milestone_reminders")
def send_milestone_reminders() -> int:
    """Morning job (CELERY_BEAT_SCHEDULE): mail due-soon and overdue milestone reminders; safe to rerun."""
    return send_reminders()

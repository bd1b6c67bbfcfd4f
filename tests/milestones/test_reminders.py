"""Morning reminders: owning ministries' staff hear about milestones due soon and overdue, never twice a day."""

from datetime import date

import pytest
from django.db import IntegrityError

from milestones.models import MilestoneStatus, ReminderKind, ReminderSent
from milestones.reminders import send_milestone_reminders
from milestones.tasks import send_milestone_reminders as reminder_task
from tests.factories import MilestoneFactory
from tests.people import staff

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 20)


@pytest.fixture
def owner(program):
    user = staff("IR")
    program.ministry_a = user.profile.ministry
    program.save()
    return user


def test_staff_of_the_owning_ministry_hear_about_a_milestone_due_in_14_days(program, owner, mailoutbox):
    MilestoneFactory(program=program, title="Opening", due_date=date(2025, 4, 3))
    assert send_milestone_reminders(today=TODAY) == 1
    assert mailoutbox[0].to == [owner.email]
    assert "Opening" in mailoutbox[0].body and "due in 14 days" in mailoutbox[0].body


def test_overdue_milestones_are_reminded(program, owner, mailoutbox):
    MilestoneFactory(program=program, title="Late", due_date=date(2025, 3, 1))
    send_milestone_reminders(today=TODAY)
    assert "overdue by 19 days" in mailoutbox[0].body


def test_a_second_run_the_same_day_sends_nothing(program, owner, mailoutbox):
    MilestoneFactory(program=program, due_date=date(2025, 3, 1))
    send_milestone_reminders(today=TODAY)
    assert send_milestone_reminders(today=TODAY) == 0
    assert len(mailoutbox) == 1


def test_overdue_reminders_repeat_weekly_not_daily(program, owner, mailoutbox):
    MilestoneFactory(program=program, due_date=date(2025, 3, 1))
    sent = [send_milestone_reminders(today=date(2025, 3, day)) for day in range(20, 28)]
    assert sent == [1, 0, 0, 0, 0, 0, 0, 1]


def test_achieved_and_far_milestones_are_not_reminded(program, owner, mailoutbox):
    MilestoneFactory(program=program, status=MilestoneStatus.ACHIEVED, achieved_date=date(2025, 3, 1))
    MilestoneFactory(program=program, due_date=date(2025, 6, 1))
    assert send_milestone_reminders(today=TODAY) == 0


def test_other_ministries_staff_are_not_mailed(program, owner, mailoutbox):
    staff("IR")  # another Iranian ministry, not the owner
    MilestoneFactory(program=program, due_date=date(2025, 3, 25))
    send_milestone_reminders(today=TODAY)
    assert [m.to for m in mailoutbox] == [[owner.email]]


def test_the_log_refuses_a_second_row_for_the_same_day_and_kind(program):
    milestone = MilestoneFactory(program=program)
    ReminderSent.objects.create(milestone=milestone, day=TODAY, kind=ReminderKind.OVERDUE)
    with pytest.raises(IntegrityError):
        ReminderSent.objects.create(milestone=milestone, day=TODAY, kind=ReminderKind.OVERDUE)


def test_the_task_is_scheduled_each_morning(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["milestone-reminders"]
    assert entry["task"] == reminder_task.name
    assert entry["schedule"].hour == {6}

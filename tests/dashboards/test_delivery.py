"""How milestones count in the delivery chart and the program timeline."""

from datetime import date

import pytest

from dashboards.queries import QuarterDelivery, delivery_by_quarter
from dashboards.timeline import milestone_outcome
from milestones.models import MilestoneStatus
from tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db
TODAY = date(2025, 12, 31)


def milestone(program, due, status=MilestoneStatus.PLANNED, achieved=None, **extra):
    return MilestoneFactory(program=program, due_date=due, status=status, achieved_date=achieved, **extra)


def test_quarter_counts_on_time_late_and_missed(program):
    milestone(program, date(2025, 2, 1), MilestoneStatus.ACHIEVED, date(2025, 1, 20))
    milestone(program, date(2025, 2, 2), MilestoneStatus.ACHIEVED, date(2025, 3, 20))
    milestone(program, date(2025, 2, 3), MilestoneStatus.MISSED)
    milestone(program, date(2025, 2, 4))  # still open after its due date
    milestone(program, date(2025, 2, 5), MilestoneStatus.CANCELLED)  # cancelled by one side
    assert delivery_by_quarter(program.dyad, today=TODAY) == [QuarterDelivery(date(2025, 1, 1), 1, 1, 3)]


def test_jointly_cancelled_and_not_yet_due_milestones_are_left_out(program):
    milestone(program, date(2025, 5, 1), MilestoneStatus.CANCELLED, cancelled_jointly=True)
    milestone(program, date(2026, 2, 1))
    assert delivery_by_quarter(program.dyad, today=TODAY) == []


@pytest.mark.parametrize(
    ("status", "achieved", "jointly", "outcome"),
    [
        (MilestoneStatus.ACHIEVED, date(2025, 3, 1), False, "on_time"),
        (MilestoneStatus.ACHIEVED, date(2025, 3, 2), False, "late"),
        (MilestoneStatus.MISSED, None, False, "missed"),
        (MilestoneStatus.IN_PROGRESS, None, False, "missed"),
        (MilestoneStatus.CANCELLED, None, True, "other"),
        (MilestoneStatus.CANCELLED, None, False, "missed"),
    ],
)
def test_timeline_outcome_of_a_milestone_due_1_march(program, status, achieved, jointly, outcome):
    m = milestone(program, date(2025, 3, 1), status, achieved, cancelled_jointly=jointly)
    assert milestone_outcome(m, TODAY) == outcome


def test_timeline_outcome_of_a_milestone_not_yet_due_is_open(program):
    assert milestone_outcome(milestone(program, date(2026, 3, 1)), TODAY) == "open"

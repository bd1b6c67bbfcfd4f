from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from milestones.models import MilestoneStatus
from tests.factories import MilestoneFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def test_achieved_milestone_needs_an_achieved_date():
    milestone = MilestoneFactory.build(program=ProgramFactory(), status=MilestoneStatus.ACHIEVED)
    with pytest.raises(ValidationError, match="needs the date it was achieved"):
        milestone.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        milestone.save()


def test_achieved_date_cannot_be_in_the_future():
    tomorrow = timezone.localdate() + timedelta(days=1)
    milestone = MilestoneFactory.build(
        program=ProgramFactory(), status=MilestoneStatus.ACHIEVED, achieved_date=tomorrow
    )
    with pytest.raises(ValidationError, match="cannot be in the future"):
        milestone.full_clean()


def test_due_date_must_fall_within_the_program():
    program = ProgramFactory(start_date=date(2024, 1, 1), end_date=date(2024, 12, 31))
    milestone = MilestoneFactory.build(program=program, due_date=date(2025, 2, 1))
    with pytest.raises(ValidationError, match="within the program's start and end dates"):
        milestone.full_clean()


def test_only_a_cancelled_milestone_is_cancelled_jointly():
    milestone = MilestoneFactory.build(program=ProgramFactory(), cancelled_jointly=True)
    with pytest.raises(ValidationError, match="Only a cancelled milestone"):
        milestone.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        milestone.save()


def test_evidence_is_a_link_or_a_document():
    milestone = MilestoneFactory.build(program=ProgramFactory())
    assert not milestone.has_evidence
    milestone.evidence_url = "https://example.org/report"
    assert milestone.has_evidence


def test_open_milestone_past_its_due_date_is_overdue():
    milestone = MilestoneFactory.build(due_date=date(2025, 1, 1), status=MilestoneStatus.IN_PROGRESS)
    assert milestone.is_overdue(today=date(2025, 1, 2))
    assert not milestone.is_overdue(today=date(2025, 1, 1))

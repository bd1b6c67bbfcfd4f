"""Milestone services: log, achieve with evidence, mark missed, joint cancellation, publish."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from milestones import services
from milestones.models import MilestoneStatus, ProposalStatus
from tests.factories import MilestoneFactory
from tests.people import coordinator, evaluator, staff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_staff_log_an_unpublished_planned_milestone(program):
    user = staff("IR")
    milestone = services.create_milestone(user=user, program=program, title="Exhibition", due_date=date(2026, 5, 1))
    assert milestone.status == MilestoneStatus.PLANNED and not milestone.is_published
    assert milestone.created_by == user


def test_a_due_date_before_the_program_starts_is_rejected(program):
    with pytest.raises(ValidationError) as err:
        services.create_milestone(user=staff("IR"), program=program, title="Early", due_date=date(2020, 1, 1))
    assert "due_date" in err.value.message_dict


def test_evaluators_cannot_log_milestones(program):
    with pytest.raises(PermissionDenied):
        services.create_milestone(user=evaluator(), program=program, title="X", due_date=date(2026, 5, 1))


def test_achieving_with_an_uploaded_pdf_stores_the_evidence(program):
    milestone = MilestoneFactory(program=program)
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    services.update_milestone_status(
        user=staff("IR"),
        milestone=milestone,
        status=MilestoneStatus.ACHIEVED,
        achieved_date=date(2025, 3, 30),
        evidence_document=upload,
    )
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.ACHIEVED
    assert milestone.evidence_document.name.endswith(".pdf")


def test_achieving_without_evidence_is_refused(program):
    milestone = MilestoneFactory(program=program)
    with pytest.raises(ValidationError) as err:
        services.update_milestone_status(
            user=staff("IR"), milestone=milestone, status=MilestoneStatus.ACHIEVED, achieved_date=date(2025, 3, 30)
        )
    assert "evidence_url" in err.value.message_dict


def test_a_fake_pdf_is_refused(program):
    milestone = MilestoneFactory(program=program)
    upload = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as err:
        services.update_milestone_status(
            user=staff("IR"),
            milestone=milestone,
            status=MilestoneStatus.ACHIEVED,
            achieved_date=date(2025, 3, 30),
            evidence_document=upload,
        )
    assert "evidence_document" in err.value.message_dict


def test_achieving_with_a_link_and_a_future_date_is_refused(program):
    milestone = MilestoneFactory(program=program)
    with pytest.raises(ValidationError) as err:
        services.update_milestone_status(
            user=staff("IR"),
            milestone=milestone,
            status=MilestoneStatus.ACHIEVED,
            achieved_date=timezone.localdate() + timedelta(days=3),
            evidence_url="https://example.org/report",
        )
    assert "achieved_date" in err.value.message_dict


def test_missed_only_after_the_due_date(program):
    milestone = MilestoneFactory(program=program, due_date=date(2025, 3, 31))
    with pytest.raises(ValidationError):
        services.mark_missed(user=staff("IR"), milestone=milestone, today=date(2025, 3, 31))
    services.mark_missed(user=staff("IR"), milestone=milestone, today=date(2025, 4, 1))
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.MISSED


def test_the_other_side_confirms_a_joint_cancellation(program):
    milestone = MilestoneFactory(program=program)
    proposal = services.propose_cancellation(user=staff("IR"), milestone=milestone, reason="Venue closed.")
    proposal = services.decide_cancellation(user=staff("SA"), proposal=proposal, confirm=True)
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.CANCELLED and milestone.cancelled_jointly
    assert proposal.status == ProposalStatus.CONFIRMED


def test_the_proposing_side_cannot_confirm_its_own_cancellation(program):
    milestone = MilestoneFactory(program=program)
    proposal = services.propose_cancellation(user=staff("IR"), milestone=milestone, reason="Venue closed.")
    with pytest.raises(PermissionDenied):
        services.decide_cancellation(user=staff("IR"), proposal=proposal, confirm=True)
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.PLANNED


def test_a_declined_cancellation_leaves_the_milestone_open(program):
    milestone = MilestoneFactory(program=program)
    proposal = services.propose_cancellation(user=staff("IR"), milestone=milestone, reason="Venue closed.")
    services.decide_cancellation(user=staff("SA"), proposal=proposal, confirm=False)
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.PLANNED and proposal.status == ProposalStatus.DECLINED


def test_only_one_pending_cancellation_per_milestone(program):
    milestone = MilestoneFactory(program=program)
    services.propose_cancellation(user=staff("IR"), milestone=milestone, reason="One.")
    with pytest.raises(ValidationError):
        services.propose_cancellation(user=staff("SA"), milestone=milestone, reason="Two.")


def test_the_proposer_withdraws_a_pending_cancellation(program):
    milestone = MilestoneFactory(program=program)
    proposal = services.propose_cancellation(user=staff("IR"), milestone=milestone, reason="One.")
    with pytest.raises(PermissionDenied):
        services.withdraw_cancellation(user=staff("SA"), proposal=proposal)
    services.withdraw_cancellation(user=staff("IR"), proposal=proposal)
    assert proposal.status == ProposalStatus.WITHDRAWN


def test_cancelled_is_not_a_direct_status(program):
    milestone = MilestoneFactory(program=program)
    with pytest.raises(ValidationError):
        services.update_milestone_status(user=staff("IR"), milestone=milestone, status=MilestoneStatus.CANCELLED)


def test_coordinator_publishes_a_milestone(program):
    milestone = MilestoneFactory(program=program, is_published=False)
    with pytest.raises(PermissionDenied):
        services.set_milestone_published(user=staff("IR"), milestone=milestone)
    services.set_milestone_published(user=coordinator(program.dyad), milestone=milestone)
    milestone.refresh_from_db()
    assert milestone.is_published

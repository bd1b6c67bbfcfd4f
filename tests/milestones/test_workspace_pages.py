"""Workspace pages for milestones: log, update with evidence upload, missed, joint cancellation, publish."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from milestones.models import Milestone, MilestoneStatus, ProposalStatus
from tests.factories import MilestoneFactory
from tests.people import coordinator, evaluator, staff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_staff_log_a_milestone(client, program):
    client.force_login(staff("IR"))
    response = client.post(
        reverse("workspace:milestone_new", args=[program.pk]),
        {"title": "Exhibition opens", "due_date": "2026-06-01", "description": ""},
    )
    assert response.status_code == 302
    assert Milestone.objects.get(title="Exhibition opens").program == program


def test_a_due_date_outside_the_program_is_shown_on_the_form(client, program):
    client.force_login(staff("IR"))
    response = client.post(
        reverse("workspace:milestone_new", args=[program.pk]), {"title": "Too early", "due_date": "2020-01-01"}
    )
    assert response.status_code == 200 and "due_date" in response.context["form"].errors


def test_evaluators_get_a_403_when_logging_milestones(client, program):
    client.force_login(evaluator())
    assert client.get(reverse("workspace:milestone_new", args=[program.pk])).status_code == 403


def test_achieve_with_an_uploaded_pdf(client, program):
    milestone = MilestoneFactory(program=program)
    client.force_login(staff("SA"))
    upload = SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("workspace:milestone_update", args=[milestone.pk]),
        {"status": "achieved", "achieved_date": "2025-03-30", "evidence_document": upload, "version": 1},
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.ACHIEVED and milestone.evidence_document


def test_an_upload_of_the_wrong_type_is_refused_on_the_form(client, program):
    milestone = MilestoneFactory(program=program)
    client.force_login(staff("SA"))
    upload = SimpleUploadedFile("evidence.pdf", b"#!/bin/sh\nrm -rf /\n")
    response = client.post(
        reverse("workspace:milestone_update", args=[milestone.pk]),
        {"status": "achieved", "achieved_date": "2025-03-30", "evidence_document": upload, "version": 1},
    )
    assert response.status_code == 200
    assert "not a valid .pdf" in str(response.context["form"].errors["evidence_document"])
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.PLANNED


def test_an_oversized_upload_is_refused(client, program, settings):
    settings.UPLOAD_MAX_BYTES = 20
    milestone = MilestoneFactory(program=program)
    client.force_login(staff("SA"))
    upload = SimpleUploadedFile("evidence.pdf", PDF)
    response = client.post(
        reverse("workspace:milestone_update", args=[milestone.pk]),
        {"status": "achieved", "achieved_date": "2025-03-30", "evidence_document": upload, "version": 1},
    )
    assert "too large" in str(response.context["form"].errors["evidence_document"])


def test_achieved_without_evidence_is_refused_on_the_form(client, program):
    milestone = MilestoneFactory(program=program)
    client.force_login(staff("SA"))
    response = client.post(
        reverse("workspace:milestone_update", args=[milestone.pk]),
        {"status": "achieved", "achieved_date": "2025-03-30", "version": 1},
    )
    assert response.status_code == 200 and "evidence_url" in response.context["form"].errors


def test_mark_an_overdue_milestone_missed(client, program):
    milestone = MilestoneFactory(program=program, due_date=date(2025, 3, 31))
    client.force_login(staff("IR"))
    client.post(reverse("workspace:milestone_missed", args=[milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.MISSED


def test_joint_cancellation_through_the_pages(client, program):
    milestone = MilestoneFactory(program=program)
    client.force_login(staff("IR"))
    client.post(reverse("workspace:cancellation_propose", args=[milestone.pk]), {"reason": "Venue closed."})
    proposal = milestone.cancellation_proposals.get()
    client.force_login(staff("SA"))
    page = client.get(reverse("workspace:milestone", args=[milestone.pk])).content.decode()
    assert "Confirm joint cancellation" in page
    client.post(reverse("workspace:cancellation_decide", args=[proposal.pk]), {"action": "confirm"})
    milestone.refresh_from_db()
    proposal.refresh_from_db()
    assert milestone.cancelled_jointly and proposal.status == ProposalStatus.CONFIRMED


def test_the_proposer_confirming_gets_a_403(client, program):
    milestone = MilestoneFactory(program=program)
    client.force_login(staff("IR"))
    client.post(reverse("workspace:cancellation_propose", args=[milestone.pk]), {"reason": "Venue closed."})
    proposal = milestone.cancellation_proposals.get()
    response = client.post(reverse("workspace:cancellation_decide", args=[proposal.pk]), {"action": "confirm"})
    assert response.status_code == 403 and b"other state" in response.content


def test_coordinator_publishes_a_milestone(client, program):
    milestone = MilestoneFactory(program=program, is_published=False)
    client.force_login(coordinator(program.dyad))
    client.post(reverse("workspace:milestone_publish", args=[milestone.pk]), {"published": "1"})
    milestone.refresh_from_db()
    assert milestone.is_published


def test_the_milestone_page_lists_its_history(client, program):
    milestone = MilestoneFactory(program=program)
    user = staff("SA")
    client.force_login(user)
    client.post(reverse("workspace:milestone_update", args=[milestone.pk]), {"status": "in_progress", "version": 1})
    history = client.get(reverse("workspace:milestone", args=[milestone.pk])).context["history"]
    assert history[0].who == user.username
    assert [(c.old, c.new) for c in history[0].changes] == [("Planned", "In progress")]


def test_publish_redirects_only_to_local_pages(client, program):
    milestone = MilestoneFactory(program=program, is_published=False)
    client.force_login(coordinator(program.dyad))
    response = client.post(
        reverse("workspace:milestone_publish", args=[milestone.pk]), {"published": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("workspace:milestone", args=[milestone.pk])


def test_a_decision_without_an_action_changes_nothing(client, program):
    milestone = MilestoneFactory(program=program)
    client.force_login(staff("IR"))
    client.post(reverse("workspace:cancellation_propose", args=[milestone.pk]), {"reason": "Venue closed."})
    proposal = milestone.cancellation_proposals.get()
    client.force_login(staff("SA"))
    assert client.post(reverse("workspace:cancellation_decide", args=[proposal.pk])).status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING

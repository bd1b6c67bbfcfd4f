"""Writes through the API follow the workflows' rules: same services, same object-level permissions."""

import io
from datetime import date, timedelta

import pytest
from rest_framework.test import APIClient

from evaluation.models import Evaluation
from milestones.models import MilestoneStatus
from programs.models import Program
from tests.api.conftest import token_client
from tests.factories import (
    DyadFactory,
    EvaluationFactory,
    EvaluatorAssignmentFactory,
    MilestoneFactory,
    ProgramFactory,
    UserFactory,
    state,
)
from tests.people import coordinator, evaluator, staff

pytestmark = pytest.mark.django_db

API = "/api/v1"
NEW_PROGRAM = {
    "dyad": "ir-sa",
    "title": "Joint archaeology field school",
    "domain": "cultural",
    "start_date": "2026-01-01",
    "body_a": "University of Tehran",
    "body_b": "King Saud University",
    "contribution_a": "150000.00",
    "contribution_b": "150000.00",
}


def error(response, status: int) -> dict:
    assert response.status_code == status, response.content
    return response.json()["error"]


# --- programs -----------------------------------------------------------------


def test_ministry_staff_propose_a_draft_program_of_their_dyad(dyad):
    response = token_client(staff("SA")).post(f"{API}/programs/", NEW_PROGRAM, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["is_published"] is False and body["dyad"] == "ir-sa"
    assert Program.objects.get(pk=body["id"]).created_by.profile.ministry.state_id == "SA"


def test_staff_of_a_third_state_may_not_propose_a_program(dyad):
    response = token_client(staff("FR")).post(f"{API}/programs/", NEW_PROGRAM, format="json")
    assert "ministry staff of either state" in error(response, 403)["message"]
    assert not Program.objects.exists()


def test_a_program_with_an_unknown_dyad_or_bad_dates_is_refused_field_by_field(dyad):
    client = token_client(staff("SA"))
    unknown = error(client.post(f"{API}/programs/", {**NEW_PROGRAM, "dyad": "xx-yy"}, format="json"), 400)
    assert unknown["fields"]["dyad"] == ["Unknown dyad 'xx-yy'. See /api/v1/dyads/ for the list."]
    reversed_dates = {**NEW_PROGRAM, "end_date": "2025-01-01"}
    assert "end_date" in error(client.post(f"{API}/programs/", reversed_dates, format="json"), 400)["fields"]


def test_staff_edit_their_side_but_not_the_other_sides_details(program):
    client = token_client(staff("SA"))  # SA is side B of ir-sa
    assert client.patch(f"{API}/programs/{program.id}/", {"body_b": "New B"}, format="json").json()["body_b"] == "New B"
    refused = client.patch(f"{API}/programs/{program.id}/", {"body_a": "Not mine"}, format="json")
    assert "other side" in error(refused, 403)["message"]
    program.refresh_from_db()
    assert program.body_a == "Body A"


def test_the_dyad_of_a_program_cannot_change(program):
    DyadFactory(state_a=state("JP"), state_b=state("KR"))
    client = token_client(staff("SA"))
    client.patch(f"{API}/programs/{program.id}/", {"dyad": "jp-kr"}, format="json")
    program.refresh_from_db()
    assert program.dyad.slug == "ir-sa"


def test_only_the_dyads_coordinator_publishes_a_program(program):
    draft = ProgramFactory(dyad=program.dyad, is_published=False)
    url = f"{API}/programs/{draft.id}/publish/"
    assert "coordinator" in error(token_client(staff("SA")).post(url, {}, format="json"), 403)["message"]
    response = token_client(coordinator(program.dyad)).post(url, {"published": True}, format="json")
    assert response.status_code == 200 and response.json()["is_published"] is True


def test_writes_on_records_the_user_cannot_see_are_404(program):
    elsewhere = ProgramFactory(dyad=DyadFactory(state_a=state("JP"), state_b=state("KR")), is_published=False)
    client = token_client(staff("SA"))
    assert error(client.patch(f"{API}/programs/{elsewhere.id}/", {"title": "x"}, format="json"), 404)


def test_put_is_not_offered(program):
    response = token_client(staff("SA")).put(f"{API}/programs/{program.id}/", NEW_PROGRAM, format="json")
    assert error(response, 405)["code"] == "method_not_allowed"


def test_coordinators_assign_independent_evaluators_only(program):
    client = token_client(coordinator(program.dyad))
    independent, conflicted = evaluator("NO"), evaluator("IR")
    url = f"{API}/programs/{program.id}/evaluators/"
    response = client.post(url, {"evaluator": independent.username}, format="json")
    assert response.status_code == 201 and response.json()["evaluator"] == independent.username
    refused = client.post(url, {"evaluator": conflicted.username}, format="json")
    assert "party to this dyad" in error(refused, 400)["fields"]["evaluator"][0]
    by_staff = token_client(staff("SA")).post(url, {"evaluator": independent.username}, format="json")
    assert error(by_staff, 403)


# --- milestones ---------------------------------------------------------------


def test_staff_log_a_milestone_within_the_programs_dates(program):
    client = token_client(staff("IR"))
    payload = {"program": program.id, "title": "Exchange cohort", "due_date": "2026-06-30"}
    response = client.post(f"{API}/milestones/", payload, format="json")
    assert response.status_code == 201 and response.json()["is_published"] is False
    early = client.post(f"{API}/milestones/", {**payload, "due_date": "2020-01-01"}, format="json")
    assert "due_date" in error(early, 400)["fields"]


def test_a_milestone_for_an_invisible_program_is_refused_as_unknown(program):
    hidden = ProgramFactory(dyad=DyadFactory(state_a=state("JP"), state_b=state("KR")), is_published=False)
    response = token_client(staff("IR")).post(
        f"{API}/milestones/", {"program": hidden.id, "title": "x", "due_date": "2026-01-01"}, format="json"
    )
    assert "program" in error(response, 400)["fields"]


def test_achieving_a_milestone_needs_evidence(program):
    milestone = MilestoneFactory(program=program, due_date=date(2025, 3, 31))
    client, url = token_client(staff("IR")), f"{API}/milestones/{milestone.id}/status/"
    done = {"status": "achieved", "achieved_date": "2025-03-20"}
    assert "evidence" in error(client.post(url, done, format="json"), 400)["message"]
    response = client.post(url, {**done, "evidence_url": "https://example.org/report"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "achieved"


def test_evidence_can_be_uploaded_as_a_document(program, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    milestone = MilestoneFactory(program=program, due_date=date(2025, 3, 31))
    document = io.BytesIO(b"Joint communique, signed by both ministers.\n")
    document.name = "communique.txt"
    response = token_client(staff("IR")).post(
        f"{API}/milestones/{milestone.id}/status/",
        {"status": "achieved", "achieved_date": "2025-03-20", "evidence_document": document},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["has_evidence"] is True
    assert body["evidence_document"] == f"http://testserver/files/milestones/{milestone.id}/evidence/"
    milestone.refresh_from_db()
    assert "communique" not in milestone.evidence_document.name  # stored under a random name
    download = APIClient().get(body["evidence_document"])
    assert b"".join(download.streaming_content) == b"Joint communique, signed by both ministers.\n"


def test_a_forbidden_status_is_refused_with_the_allowed_ones(program):
    milestone = MilestoneFactory(program=program)
    response = token_client(staff("IR")).post(
        f"{API}/milestones/{milestone.id}/status/", {"status": "cancelled"}, format="json"
    )
    assert "status" in error(response, 400)["fields"]


def test_an_overdue_milestone_is_marked_missed(program):
    milestone = MilestoneFactory(program=program, due_date=date.today() - timedelta(days=3))
    response = token_client(staff("SA")).post(f"{API}/milestones/{milestone.id}/missed/")
    assert response.status_code == 200 and response.json()["status"] == MilestoneStatus.MISSED


def test_a_joint_cancellation_needs_the_other_side(program):
    milestone = MilestoneFactory(program=program, due_date=date(2026, 6, 30))
    ir, sa = token_client(staff("IR")), token_client(staff("SA"))
    proposed = ir.post(f"{API}/milestones/{milestone.id}/cancellation/", {"reason": "Merged"}, format="json")
    assert proposed.status_code == 201 and proposed.json()["proposing_state"] == "IR"
    decision = f"{API}/milestones/{milestone.id}/cancellation/decision/"
    assert error(ir.post(decision, {"confirm": True}, format="json"), 403)
    assert sa.post(decision, {"confirm": True}, format="json").json()["status"] == "confirmed"
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.CANCELLED and milestone.cancelled_jointly


def test_only_coordinators_publish_milestones(program):
    milestone = MilestoneFactory(program=program, is_published=False)
    url = f"{API}/milestones/{milestone.id}/publish/"
    assert error(token_client(staff("IR")).post(url), 403)
    assert token_client(coordinator(is_global=True)).post(url).json()["is_published"] is True


# --- evaluations --------------------------------------------------------------


@pytest.fixture
def assigned(program):
    user = evaluator()
    EvaluatorAssignmentFactory(program=program, evaluator=user)
    return user


def test_an_assigned_evaluator_files_submits_and_a_coordinator_publishes(program, assigned):
    client = token_client(assigned)
    draft = client.post(f"{API}/evaluations/", {"program": program.id, "relevance": 3, "impact": 2}, format="json")
    assert draft.status_code == 201 and draft.json()["is_submitted"] is False
    evaluation_id = draft.json()["id"]
    changed = client.patch(f"{API}/evaluations/{evaluation_id}/", {"summary": "Solid."}, format="json")
    assert changed.json()["summary"] == "Solid."
    unsigned = client.post(f"{API}/evaluations/{evaluation_id}/submit/", {"declaration_signed": False}, format="json")
    assert "declaration" in error(unsigned, 400)["message"]
    submitted = client.post(f"{API}/evaluations/{evaluation_id}/submit/", {"declaration_signed": True}, format="json")
    assert submitted.json()["is_submitted"] is True and submitted.json()["independence_declared"] is True
    frozen = client.patch(f"{API}/evaluations/{evaluation_id}/", {"summary": "Later"}, format="json")
    assert error(frozen, 403)
    publisher = token_client(coordinator(program.dyad))
    assert publisher.post(f"{API}/evaluations/{evaluation_id}/publish/").json()["is_published"] is True


def test_ratings_out_of_range_are_refused_per_criterion(program, assigned):
    response = token_client(assigned).post(
        f"{API}/evaluations/", {"program": program.id, "relevance": 5, "impact": 0}, format="json"
    )
    fields = error(response, 400)["fields"]
    assert fields["relevance"] == ["Ratings run from 1 to 4; 4 is the highest."]
    assert fields["impact"] == ["Ratings run from 1 to 4; 1 is the lowest."]
    assert not Evaluation.objects.exists()


def test_unassigned_evaluators_and_ministry_staff_cannot_file(program):
    for user in (evaluator(), staff("IR")):
        response = token_client(user).post(
            f"{API}/evaluations/", {"program": program.id, "relevance": 3}, format="json"
        )
        assert "assigned" in error(response, 403)["message"]


def test_an_unsubmitted_evaluation_cannot_be_published(program, assigned):
    evaluation = EvaluationFactory(
        program=program, evaluator=assigned, is_submitted=False, is_published=False, independence_declared=False
    )
    response = token_client(coordinator(program.dyad)).post(f"{API}/evaluations/{evaluation.id}/publish/")
    assert "submitted" in error(response, 400)["message"]


# --- sessions -----------------------------------------------------------------


def test_a_browser_session_write_needs_the_csrf_token(program):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(staff("SA"))
    response = client.patch(f"{API}/programs/{program.id}/", {"body_b": "x"}, format="json")
    assert "CSRF" in error(response, 403)["message"]


def test_a_user_without_a_role_cannot_write(program):
    response = token_client(UserFactory()).post(f"{API}/programs/", NEW_PROGRAM, format="json")
    assert error(response, 403)

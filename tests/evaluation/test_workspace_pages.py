"""Workspace pages for evaluations: inbox, draft, signed submission, coordinator pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluation.models import Evaluation, EvaluatorAssignment
from tests.factories import EvaluationFactory, EvaluatorAssignmentFactory, ProgramFactory
from tests.people import coordinator, evaluator, staff

pytestmark = pytest.mark.django_db

RATINGS = {"relevance": "3", "coherence": "2", "effectiveness": "3", "efficiency": "", "impact": "3"}


def evaluation_form(**extra):
    return {"date": "2025-06-01", **RATINGS, "sustainability": "4", "summary": "Solid.", **extra}


@pytest.fixture
def assigned(program):
    user = evaluator("NO")
    EvaluatorAssignmentFactory(program=program, evaluator=user)
    return user


def test_the_inbox_lists_assigned_programs_only(client, program, assigned):
    other = ProgramFactory(dyad=program.dyad, title="Not mine")
    client.force_login(assigned)
    page = client.get(reverse("workspace:inbox")).content.decode()
    assert program.title in page and other.title not in page


def test_the_inbox_runs_a_constant_number_of_queries(client, dyad, assigned, django_assert_max_num_queries):
    for _ in range(6):
        program = ProgramFactory(dyad=dyad)
        EvaluatorAssignmentFactory(program=program, evaluator=assigned)
        EvaluationFactory(program=program, evaluator=assigned)
    client.force_login(assigned)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("workspace:inbox"))
    assert len(response.context["assignments"]) == 7


def test_save_a_draft(client, program, assigned):
    client.force_login(assigned)
    response = client.post(reverse("workspace:evaluation_new", args=[program.pk]), evaluation_form(action="draft"))
    evaluation = Evaluation.objects.get(evaluator=assigned)
    assert response["Location"] == reverse("workspace:evaluation", args=[evaluation.pk])
    assert not evaluation.is_submitted and evaluation.efficiency is None


def test_submit_without_signing_keeps_a_draft_and_says_why(client, program, assigned):
    client.force_login(assigned)
    response = client.post(
        reverse("workspace:evaluation_new", args=[program.pk]), evaluation_form(action="submit"), follow=True
    )
    evaluation = Evaluation.objects.get(evaluator=assigned)
    assert not evaluation.is_submitted
    assert "Sign the conflict-of-interest declaration" in response.content.decode()


def test_submit_with_the_signed_declaration(client, program, assigned):
    client.force_login(assigned)
    client.post(
        reverse("workspace:evaluation_new", args=[program.pk]),
        evaluation_form(action="submit", sign_declaration="on"),
    )
    evaluation = Evaluation.objects.get(evaluator=assigned)
    assert evaluation.is_submitted and evaluation.independence_declared and evaluation.declared_at


def test_a_submitted_evaluation_cannot_be_edited(client, program, assigned):
    evaluation = EvaluationFactory(program=program, evaluator=assigned, is_published=False)
    client.force_login(assigned)
    assert client.get(reverse("workspace:evaluation_edit", args=[evaluation.pk])).status_code == 403


def test_an_unassigned_evaluator_gets_a_403(client, program):
    client.force_login(evaluator())
    response = client.get(reverse("workspace:evaluation_new", args=[program.pk]))
    assert response.status_code == 403 and b"assigned evaluator" in response.content


def test_ministry_staff_cannot_see_an_unpublished_evaluation(client, program):
    evaluation = EvaluationFactory(program=program, is_published=False)
    client.force_login(staff("IR"))
    assert client.get(reverse("workspace:evaluation", args=[evaluation.pk])).status_code == 404
    page = client.get(reverse("workspace:program", args=[program.pk])).content.decode()
    assert reverse("workspace:evaluation", args=[evaluation.pk]) not in page


def test_coordinator_assigns_an_independent_evaluator(client, program):
    user = evaluator("CH")
    client.force_login(coordinator(program.dyad))
    response = client.post(reverse("workspace:assignments", args=[program.pk]), {"evaluator": user.pk})
    assert response.status_code == 302
    assert EvaluatorAssignment.objects.filter(program=program, evaluator=user).exists()


def test_assigning_an_evaluator_from_a_party_state_shows_a_clear_error(client, program):
    user = evaluator("IR")
    client.force_login(coordinator(program.dyad))
    response = client.post(reverse("workspace:assignments", args=[program.pk]), {"evaluator": user.pk})
    assert response.status_code == 200
    assert "a party to this dyad" in str(response.context["form"].errors["evaluator"])
    assert not EvaluatorAssignment.objects.filter(evaluator=user).exists()


def test_staff_get_a_403_on_the_assignment_page(client, program):
    client.force_login(staff("IR"))
    assert client.get(reverse("workspace:assignments", args=[program.pk])).status_code == 403


def test_coordinator_publishes_a_submitted_evaluation_from_the_queue(client, program):
    evaluation = EvaluationFactory(program=program, is_published=False)
    user = coordinator(program.dyad)
    client.force_login(user)
    queue = client.get(reverse("workspace:coordinator")).context["submitted_evaluations"]
    assert list(queue) == [evaluation]
    client.post(reverse("workspace:evaluation_publish", args=[evaluation.pk]), {"published": "1"})
    evaluation.refresh_from_db()
    assert evaluation.is_published


def test_the_coordinator_page_is_a_403_for_others(client):
    client.force_login(evaluator())
    response = client.get(reverse("workspace:coordinator"))
    assert response.status_code == 403 and b"Only coordinators" in response.content


def test_the_evaluation_page_shows_the_declaration_in_its_history(client, program, assigned):
    client.force_login(assigned)
    client.post(
        reverse("workspace:evaluation_new", args=[program.pk]),
        evaluation_form(action="submit", sign_declaration="on"),
    )
    evaluation = Evaluation.objects.get(evaluator=assigned)
    history = client.get(reverse("workspace:evaluation", args=[evaluation.pk])).context["history"]
    changed = {c.field for c in history[0].changes}
    assert {"conflict-of-interest declaration signed", "is submitted"} <= changed


def test_an_evaluation_carries_its_report_document(client, program, assigned, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.force_login(assigned)
    client.post(reverse("workspace:evaluation_new", args=[program.pk]), evaluation_form(report_document=report))
    evaluation = Evaluation.objects.get(program=program)
    assert evaluation.report_document.name.endswith(".pdf")
    page = client.get(reverse("workspace:evaluation", args=[evaluation.pk])).content.decode()
    assert evaluation.report_download_url in page


def test_a_report_that_is_not_what_it_claims_is_refused(client, program, assigned, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    client.force_login(assigned)
    response = client.post(
        reverse("workspace:evaluation_new", args=[program.pk]), evaluation_form(report_document=fake)
    )
    assert response.status_code == 200
    assert not Evaluation.objects.filter(program=program).exists()
    assert "report_document" in response.context["form"].errors

"""Coordinators return evaluations for changes; submissions, returns and publications are notified."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from evaluation import services
from notifications.models import Kind, Notification
from tests.factories import EvaluationFactory, EvaluatorAssignmentFactory
from tests.people import coordinator, evaluator, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(program):
    user = evaluator("NO")
    EvaluatorAssignmentFactory(program=program, evaluator=user)
    return EvaluationFactory(
        program=program, evaluator=user, organisation=user.profile.organisation, is_published=False
    )


def test_returning_makes_it_the_evaluators_draft_again_and_tells_them(submitted, django_capture_on_commit_callbacks):
    boss = coordinator(submitted.program.dyad)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_evaluation(user=boss, evaluation=submitted, reason="Rate sustainability too.")
    submitted.refresh_from_db()
    assert submitted.is_returned and not submitted.independence_declared and submitted.declared_at is None
    note = Notification.objects.get(user=submitted.evaluator)
    assert note.kind == Kind.RETURN and "Rate sustainability too." in note.text
    assert note.link == reverse("workspace:evaluation_edit", args=[submitted.pk])


def test_a_returned_evaluation_is_resubmitted_with_a_new_declaration(submitted):
    services.return_evaluation(user=coordinator(is_global=True), evaluation=submitted, reason="Add a summary.")
    services.save_evaluation_draft(
        user=submitted.evaluator, program=submitted.program, evaluation=submitted, data={"summary": "Now summarised."}
    )
    services.submit_evaluation(user=submitted.evaluator, evaluation=submitted, declaration_signed=True)
    assert submitted.is_submitted and not submitted.is_returned and submitted.declared_at is not None


def test_only_a_submitted_unpublished_evaluation_can_be_returned_with_a_reason(submitted):
    boss = coordinator(is_global=True)
    with pytest.raises(ValidationError, match="Say what the evaluator should change"):
        services.return_evaluation(user=boss, evaluation=submitted, reason="  ")
    submitted.is_published = True
    submitted.save()
    with pytest.raises(ValidationError, match="not public"):
        services.return_evaluation(user=boss, evaluation=submitted, reason="Too late.")
    with pytest.raises(PermissionDenied):
        services.return_evaluation(user=staff("IR"), evaluation=submitted, reason="Not mine to return.")


def test_the_return_page_asks_for_the_reason(client, submitted):
    client.force_login(coordinator(is_global=True))
    url = reverse("workspace:evaluation_return", args=[submitted.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert client.post(url, {"reason": "Rate impact."})["Location"] == reverse(
        "workspace:evaluation", args=[submitted.pk]
    )
    submitted.refresh_from_db()
    assert submitted.return_reason == "Rate impact."
    client.force_login(submitted.evaluator)
    assert "Rate impact." in client.get(reverse("workspace:evaluation_edit", args=[submitted.pk])).content.decode()


def test_a_submission_tells_the_dyads_coordinators(program, django_capture_on_commit_callbacks):
    user = evaluator("NO")
    EvaluatorAssignmentFactory(program=program, evaluator=user)
    mine, global_one, elsewhere = coordinator(program.dyad), coordinator(is_global=True), coordinator()
    draft = services.save_evaluation_draft(user=user, program=program, data={"impact": 3})
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_evaluation(user=user, evaluation=draft, declaration_signed=True)
    assert set(Notification.objects.values_list("user", flat=True)) == {mine.pk, global_one.pk}
    assert elsewhere.pk not in set(Notification.objects.values_list("user", flat=True))


def test_publication_tells_the_evaluator_and_the_programs_staff(submitted, django_capture_on_commit_callbacks):
    program = submitted.program
    iran = staff("IR")
    program.ministry_a = iran.profile.ministry
    program.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_evaluation_published(user=coordinator(is_global=True), evaluation=submitted)
    told = set(Notification.objects.filter(kind=Kind.PUBLICATION).values_list("user", flat=True))
    assert {submitted.evaluator_id, iran.pk} <= told

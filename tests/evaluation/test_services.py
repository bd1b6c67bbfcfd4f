"""Evaluation services: independent assignment, drafts, signed submission, publication."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluation import services
from tests.factories import EvaluationFactory, EvaluatorAssignmentFactory
from tests.people import coordinator, evaluator, staff

pytestmark = pytest.mark.django_db

RATINGS = {"relevance": 3, "coherence": 2, "effectiveness": 3, "efficiency": 2, "impact": 3, "sustainability": 4}


@pytest.fixture
def assigned(program):
    user = evaluator("NO")
    EvaluatorAssignmentFactory(program=program, evaluator=user)
    return user


def test_coordinator_assigns_an_independent_evaluator(program):
    user = evaluator("CH")
    assignment = services.assign_evaluator(user=coordinator(program.dyad), program=program, evaluator=user)
    assert assignment.assigned_by is not None and assignment.evaluator == user


def test_an_evaluator_based_in_a_party_state_cannot_be_assigned(program):
    with pytest.raises(ValidationError, match="a party to this dyad"):
        services.assign_evaluator(user=coordinator(program.dyad), program=program, evaluator=evaluator("SA"))
    assert not program.evaluator_assignments.exists()


def test_an_evaluator_listed_on_the_program_cannot_be_assigned(program):
    user = evaluator("NO")
    program.created_by = user
    program.save()
    with pytest.raises(ValidationError, match="listed on the program"):
        services.assign_evaluator(user=coordinator(program.dyad), program=program, evaluator=user)


def test_a_second_identical_assignment_is_refused(program, assigned):
    with pytest.raises(ValidationError, match="already assigned"):
        services.assign_evaluator(user=coordinator(program.dyad), program=program, evaluator=assigned)


def test_ministry_staff_cannot_assign(program):
    with pytest.raises(PermissionDenied):
        services.assign_evaluator(user=staff("IR"), program=program, evaluator=evaluator())


def test_assigned_evaluator_saves_a_draft_with_their_organisation(program, assigned):
    draft = services.save_evaluation_draft(user=assigned, program=program, data=RATINGS)
    assert not draft.is_submitted and not draft.is_published
    assert draft.organisation == assigned.profile.organisation


def test_an_unassigned_evaluator_cannot_file(program):
    with pytest.raises(PermissionDenied):
        services.save_evaluation_draft(user=evaluator(), program=program, data=RATINGS)


def test_submitting_needs_the_signed_declaration(program, assigned):
    draft = services.save_evaluation_draft(user=assigned, program=program, data=RATINGS)
    with pytest.raises(ValidationError, match="declaration"):
        services.submit_evaluation(user=assigned, evaluation=draft, declaration_signed=False)
    services.submit_evaluation(user=assigned, evaluation=draft, declaration_signed=True)
    draft.refresh_from_db()
    assert draft.is_submitted and draft.independence_declared and draft.declared_at is not None


def test_submitting_needs_at_least_one_rating(program, assigned):
    draft = services.save_evaluation_draft(user=assigned, program=program, data={"summary": "Nothing yet."})
    with pytest.raises(ValidationError, match="at least one"):
        services.submit_evaluation(user=assigned, evaluation=draft, declaration_signed=True)


def test_a_submitted_evaluation_is_frozen(program, assigned):
    draft = services.save_evaluation_draft(user=assigned, program=program, data=RATINGS)
    services.submit_evaluation(user=assigned, evaluation=draft, declaration_signed=True)
    with pytest.raises(PermissionDenied):
        services.save_evaluation_draft(user=assigned, program=program, evaluation=draft, data={"impact": 1})


def test_another_evaluator_cannot_edit_a_draft(program, assigned):
    draft = services.save_evaluation_draft(user=assigned, program=program, data=RATINGS)
    other = evaluator("CH")
    EvaluatorAssignmentFactory(program=program, evaluator=other)
    with pytest.raises(PermissionDenied):
        services.save_evaluation_draft(user=other, program=program, evaluation=draft, data={"impact": 1})


def test_coordinator_publishes_only_submitted_evaluations(program, assigned):
    draft = services.save_evaluation_draft(user=assigned, program=program, data=RATINGS)
    boss = coordinator(program.dyad)
    with pytest.raises(ValidationError, match="submitted"):
        services.set_evaluation_published(user=boss, evaluation=draft)
    services.submit_evaluation(user=assigned, evaluation=draft, declaration_signed=True)
    services.set_evaluation_published(user=boss, evaluation=draft)
    draft.refresh_from_db()
    assert draft.is_published


def test_staff_cannot_publish_evaluations(program):
    evaluation = EvaluationFactory(program=program, is_published=False)
    with pytest.raises(PermissionDenied):
        services.set_evaluation_published(user=staff("IR"), evaluation=evaluation)

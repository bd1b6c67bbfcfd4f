"""The core rules of the permission layer; the full role × action matrix lives with the workflows."""

import pytest
from django.contrib.auth.models import AnonymousUser

from evaluation import permissions as evaluation_permissions
from milestones import permissions as milestone_permissions
from programs import permissions
from programs.choices import Role
from tests.factories import (
    EvaluationFactory,
    EvaluatorAssignmentFactory,
    MilestoneFactory,
    ProfileFactory,
    ProgramFactory,
    UserFactory,
)
from tests.people import evaluator, staff

pytestmark = pytest.mark.django_db


def test_staff_of_either_state_may_edit_the_program_but_not_third_states(program):
    assert permissions.can_edit_program(staff("IR"), program)
    assert permissions.can_edit_program(staff("SA"), program)
    assert not permissions.can_edit_program(staff("FR"), program)
    assert not permissions.can_edit_program(AnonymousUser(), program)


def test_staff_edit_only_their_own_side_unless_their_ministry_co_owns(program):
    user = staff("SA")
    assert permissions.editable_sides(user, program) == {"b"}
    assert "body_a" in permissions.forbidden_side_fields(user, program)
    program.co_owners.add(user.profile.ministry)
    assert permissions.editable_sides(user, program) == {"a", "b"}


def test_evaluator_based_in_a_party_state_is_not_independent(program):
    assert evaluation_permissions.independence_conflict(evaluator("IR"), program) is not None
    assert evaluation_permissions.independence_conflict(evaluator("NO"), program) is None
    assert evaluation_permissions.independence_conflict(evaluator(None), program) is None


def test_evaluator_listed_on_the_program_is_not_independent(program):
    user = evaluator("NO")
    program.created_by = user
    assert "listed on the program" in evaluation_permissions.independence_conflict(user, program)


def test_only_assigned_evaluators_file_evaluations(program):
    user = evaluator()
    assert not evaluation_permissions.can_file_evaluation(user, program)
    EvaluatorAssignmentFactory(program=program, evaluator=user)
    assert evaluation_permissions.can_file_evaluation(user, program)


def test_coordinator_publishes_only_in_their_dyads(program):
    local = ProfileFactory(role=Role.COORDINATOR, ministry=None)
    local.coordinated_dyads.add(program.dyad)
    other = ProfileFactory(role=Role.COORDINATOR, ministry=None)
    world = ProfileFactory(role=Role.COORDINATOR, ministry=None, is_global=True)
    assert permissions.can_publish(local.user, program.dyad)
    assert not permissions.can_publish(other.user, program.dyad)
    assert permissions.can_publish(world.user, program.dyad)
    assert not permissions.can_publish(staff("IR"), program.dyad)


def test_anonymous_users_see_published_records_only(program):
    draft = ProgramFactory(dyad=program.dyad, is_published=False)
    MilestoneFactory(program=program, title="public")
    MilestoneFactory(program=program, title="hidden", is_published=False)
    MilestoneFactory(program=draft, title="in a draft program")
    EvaluationFactory(program=program, summary="public")
    EvaluationFactory(program=program, summary="hidden", is_published=False)
    anonymous = AnonymousUser()
    assert list(permissions.visible_programs(anonymous)) == [program]
    assert [m.title for m in milestone_permissions.visible_milestones(anonymous)] == ["public"]
    assert [e.summary for e in evaluation_permissions.visible_evaluations(anonymous)] == ["public"]


def test_ministry_staff_see_their_dyads_drafts_but_not_unpublished_evaluations(program):
    draft = ProgramFactory(dyad=program.dyad, is_published=False)
    EvaluationFactory(program=program, is_published=False)
    user = staff("IR")
    assert set(permissions.visible_programs(user)) == {program, draft}
    assert not evaluation_permissions.visible_evaluations(user).exists()
    assert not permissions.visible_programs(staff("FR")).filter(pk=draft.pk).exists()


def test_evaluators_see_their_own_draft_evaluations():
    user = evaluator()
    mine = EvaluationFactory(evaluator=user, is_published=False, is_submitted=False)
    EvaluationFactory(is_published=False)
    assert list(evaluation_permissions.visible_evaluations(user)) == [mine]
    assert evaluation_permissions.can_edit_evaluation(user, mine)
    mine.is_submitted = True
    assert not evaluation_permissions.can_edit_evaluation(user, mine)
    assert not evaluation_permissions.can_edit_evaluation(UserFactory(), mine)


def test_global_coordinators_and_superusers_see_draft_programs_and_milestones(program):
    draft = ProgramFactory(dyad=program.dyad, is_published=False)
    hidden = MilestoneFactory(program=draft, is_published=False)
    world = ProfileFactory(role=Role.COORDINATOR, ministry=None, is_global=True).user
    for user in (world, UserFactory(is_superuser=True)):
        assert draft in permissions.visible_programs(user)
        assert hidden in milestone_permissions.visible_milestones(user)

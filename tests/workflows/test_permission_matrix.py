"""Every cell of the permission matrix in docs/permissions.md, tested through the services.

The table in the document is the specification: this module parses it, so
the document and the tests cannot drift apart.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from evaluation import permissions as evaluation_permissions
from evaluation import services as evaluation_services
from milestones import services as milestone_services
from milestones.models import CancellationProposal
from programs import permissions
from programs import services as program_services
from programs.choices import Domain
from results import permissions as result_permissions
from results import services as result_services
from results.models import ActualStatus
from tests.factories import (
    DyadFactory,
    EvaluationFactory,
    EvaluatorAssignmentFactory,
    IndicatorFactory,
    MilestoneFactory,
    PeriodFactory,
    ProgramFactory,
    ResultFactory,
    state,
)
from tests.people import coordinator, evaluator, staff, superuser

MATRIX_DOC = Path(settings.BASE_DIR) / "docs" / "permissions.md"


def read_matrix() -> dict[tuple[str, str], bool]:
    rows = [line for line in MATRIX_DOC.read_text().splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    cells = {}
    for row in rows[1:]:
        values = [cell.strip() for cell in row.strip("|").split("|")]
        for role, value in zip(header[1:], values[1:], strict=True):
            cells[(values[0], role)] = value == "✅"
    return cells


MATRIX = read_matrix()


class World:
    """One program of IR–SA with a milestone, a side-A cancellation proposal and an evaluator's draft."""

    def __init__(self):
        self.program = ProgramFactory(dyad=DyadFactory(), is_published=False)
        self.milestone = MilestoneFactory(program=self.program, is_published=False)
        self.proposal = CancellationProposal.objects.create(
            milestone=self.milestone, proposing_state=state("IR"), reason="Venue closed."
        )
        self.evaluator = evaluator("NO")
        EvaluatorAssignmentFactory(program=self.program, evaluator=self.evaluator)
        self.draft = EvaluationFactory(
            program=self.program,
            evaluator=self.evaluator,
            organisation=self.evaluator.profile.organisation,
            is_submitted=False,
            is_published=False,
            independence_declared=False,
        )
        self.submitted = EvaluationFactory(program=self.program, is_published=False)
        self.result = ResultFactory(program=self.program)
        indicator = IndicatorFactory(result=self.result)
        evidence = {"actual_value": 150, "evidence_url": "https://example.org/list"}
        self.draft_period = PeriodFactory(indicator=indicator, **evidence)
        self.submitted_period = PeriodFactory(
            indicator=indicator,
            start=date(2025, 1, 1),
            end=date(2025, 12, 31),
            status=ActualStatus.SUBMITTED,
            submitted_state=state("IR"),
            **evidence,
        )

    def user(self, role):
        if role == "co-owner B":
            user = staff("SA")
            self.program.co_owners.add(user.profile.ministry)
            return user
        makers = {
            "anonymous": AnonymousUser,
            "staff A": lambda: staff("IR"),
            "staff B": lambda: staff("SA"),
            "third-state staff": lambda: staff("FR"),
            "evaluator (assigned)": lambda: self.evaluator,
            "evaluator (not assigned)": lambda: evaluator("CH"),
            "coordinator (dyad)": lambda: coordinator(self.program.dyad),
            "coordinator (other dyad)": lambda: coordinator(DyadFactory(state_a=state("JP"), state_b=state("KR"))),
            "coordinator (global)": lambda: coordinator(is_global=True),
            "superuser": superuser,
        }
        return makers[role]()


def see_unpublished_evaluation(w, user):
    visible = evaluation_permissions.visible_evaluations(user).filter(pk__in=[w.draft.pk, w.submitted.pk])
    permissions.require(visible.exists(), "not visible")


def see_unapproved_actual(w, user):
    visible = result_permissions.visible_periods(user).filter(pk=w.submitted_period.pk, actual_visible=True)
    permissions.require(visible.exists(), "not visible")


ACTIONS: dict[str, Callable[[Any, Any], object]] = {
    "create program": lambda w, u: program_services.create_program(
        user=u,
        dyad=w.program.dyad,
        data={"title": "New", "domain": Domain.HEALTH, "start_date": date(2025, 1, 1), "body_a": "A", "body_b": "B"},
    ),
    "edit program": lambda w, u: program_services.update_program(user=u, program=w.program, data={"title": "New"}),
    "edit side A details": lambda w, u: program_services.update_program(
        user=u, program=w.program, data={"body_a": "Other body"}
    ),
    "edit side B details": lambda w, u: program_services.update_program(
        user=u, program=w.program, data={"body_b": "Other body"}
    ),
    "log milestone": lambda w, u: milestone_services.create_milestone(
        user=u, program=w.program, title="New", due_date=date(2026, 1, 1)
    ),
    "update milestone status": lambda w, u: milestone_services.update_milestone_status(
        user=u, milestone=w.milestone, status="in_progress"
    ),
    "mark milestone missed": lambda w, u: milestone_services.mark_missed(user=u, milestone=w.milestone),
    "propose joint cancellation": lambda w, u: (
        CancellationProposal.objects.all().delete(),
        milestone_services.propose_cancellation(user=u, milestone=w.milestone, reason="Flood."),
    ),
    "confirm joint cancellation": lambda w, u: milestone_services.decide_cancellation(
        user=u, proposal=w.proposal, confirm=True
    ),
    "publish program": lambda w, u: program_services.set_program_published(user=u, program=w.program),
    "publish milestone": lambda w, u: milestone_services.set_milestone_published(user=u, milestone=w.milestone),
    "assign evaluator": lambda w, u: evaluation_services.assign_evaluator(
        user=u, program=w.program, evaluator=evaluator(None)
    ),
    "file evaluation draft": lambda w, u: evaluation_services.save_evaluation_draft(
        user=u, program=w.program, data={"impact": 3}
    ),
    "edit own draft evaluation": lambda w, u: evaluation_services.save_evaluation_draft(
        user=u, program=w.program, evaluation=w.draft, data={"impact": 1}
    ),
    "submit evaluation": lambda w, u: evaluation_services.submit_evaluation(
        user=u, evaluation=w.draft, declaration_signed=True
    ),
    "publish evaluation": lambda w, u: evaluation_services.set_evaluation_published(user=u, evaluation=w.submitted),
    "see unpublished evaluation": see_unpublished_evaluation,
    "build results framework": lambda w, u: result_services.create_result(
        user=u, program=w.program, data={"title": "Trust in numbers"}
    ),
    "record actual": lambda w, u: result_services.record_actual(
        user=u, period=w.draft_period, actual_value=Decimal("160")
    ),
    "submit actual": lambda w, u: result_services.submit_actual(user=u, period=w.draft_period),
    "approve actual submitted by side A": lambda w, u: result_services.approve_actual(
        user=u, period=w.submitted_period
    ),
    "return actual submitted by side A": lambda w, u: result_services.return_actual(
        user=u, period=w.submitted_period, comment="Attach the list."
    ),
    "see unapproved actual": see_unapproved_actual,
}


def test_the_matrix_covers_every_action_and_role():
    actions = {action for action, _ in MATRIX}
    roles = {role for _, role in MATRIX}
    assert actions == set(ACTIONS)
    assert len(roles) == 11 and len(MATRIX) == len(actions) * len(roles)


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "role"), sorted(MATRIX), ids=lambda v: v.replace(" ", "-"))
def test_permission_matrix_cell(action, role):
    world = World()
    user = world.user(role)
    if MATRIX[(action, role)]:
        ACTIONS[action](world, user)
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[action](world, user)

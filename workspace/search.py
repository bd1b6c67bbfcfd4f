"""Workspace search: the records a user may see, drafts included, found by their words."""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import F

from evaluation import permissions as evaluation_permissions
from evaluation.models import Evaluation
from milestones import permissions as milestone_permissions
from milestones.models import Milestone
from programs import permissions
from programs.models import Program

RESULT_LIMIT = 25
BEST = F("search_rank").desc()  # the rank `search()` annotates


@dataclass
class Results:
    programs: list[Program]
    milestones: list[Milestone]
    evaluations: list[Evaluation]

    @property
    def count(self) -> int:
        return len(self.programs) + len(self.milestones) + len(self.evaluations)


def workspace_search(user: User, text: str) -> Results:
    """Programs, milestones and evaluations `user` may see matching `text`, best first (three queries)."""
    programs = permissions.visible_programs(user, Program.objects.search(text)).select_related(
        "dyad__state_a", "dyad__state_b"
    )
    milestones = milestone_permissions.visible_milestones(user, Milestone.objects.search(text)).select_related(
        "program__dyad__state_a", "program__dyad__state_b"
    )
    evaluations = evaluation_permissions.visible_evaluations(user, Evaluation.objects.search(text)).select_related(
        "program__dyad__state_a", "program__dyad__state_b", "organisation"
    )
    return Results(
        programs=list(programs.order_by(BEST, "title")[:RESULT_LIMIT]),
        milestones=list(milestones.order_by(BEST, "due_date")[:RESULT_LIMIT]),
        evaluations=list(evaluations.order_by(BEST, "-date")[:RESULT_LIMIT]),
    )

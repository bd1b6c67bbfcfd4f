"""Reads for the evaluator's inbox and the coordinator's queue, in a fixed number of queries."""

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet

from milestones.models import Milestone
from programs import permissions
from programs.models import Program

from .models import Evaluation, EvaluatorAssignment

QUEUE_LIMIT = 50


def evaluator_inbox(user: User) -> QuerySet[EvaluatorAssignment]:
    """The user's assignments, each program with the user's own evaluations of it (`my_evaluations`)."""
    own = Evaluation.objects.filter(evaluator=user).order_by("-date", "-id")
    return (
        EvaluatorAssignment.objects.filter(evaluator=user)
        .select_related("program__dyad__state_a", "program__dyad__state_b")
        .prefetch_related(Prefetch("program__evaluations", queryset=own, to_attr="my_evaluations"))
        .order_by("program__dyad__slug", "program__title")
    )


def coordinator_queue(user: User) -> dict:
    """Unpublished programs and milestones, submitted evaluations awaiting publication, in the user's dyads."""
    dyad_ids = permissions.coordinated_dyad_ids(user)
    programs = Program.objects.select_related("dyad__state_a", "dyad__state_b")
    milestones = Milestone.objects.select_related("program__dyad")
    evaluations = Evaluation.objects.select_related("program__dyad", "organisation", "evaluator")
    if dyad_ids is not None:
        programs = programs.filter(dyad_id__in=dyad_ids)
        milestones = milestones.filter(program__dyad_id__in=dyad_ids)
        evaluations = evaluations.filter(program__dyad_id__in=dyad_ids)
    return {
        "draft_programs": programs.filter(is_published=False).order_by("dyad__slug", "title")[:QUEUE_LIMIT],
        "draft_milestones": milestones.filter(is_published=False).order_by("due_date")[:QUEUE_LIMIT],
        "submitted_evaluations": evaluations.filter(is_submitted=True, is_published=False).order_by("date")[
            :QUEUE_LIMIT
        ],
        "programs": programs.order_by("dyad__slug", "title"),
    }

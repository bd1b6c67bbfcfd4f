"""Reads of evaluations shared by pages and the API."""

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet

from programs.models import Program

from .models import Evaluation, EvaluatorAssignment


def evaluator_inbox(user: User) -> QuerySet[EvaluatorAssignment]:
    """The user's assignments, each program with the user's own evaluations of it (`my_evaluations`)."""
    own = Evaluation.objects.filter(evaluator=user).order_by("-date", "-id")
    return (
        EvaluatorAssignment.objects.filter(evaluator=user)
        .select_related("program__dyad__state_a", "program__dyad__state_b")
        .prefetch_related(Prefetch("program__evaluations", queryset=own, to_attr="my_evaluations"))
        .order_by("program__dyad__slug", "program__title")
    )


def assignment_history(program: Program, limit: int = 25):
    """Who assigned or removed which evaluator of `program`, and when (newest first)."""
    rows = EvaluatorAssignment.history.filter(program_id=program.pk).select_related("history_user", "evaluator")
    return rows.order_by("-history_id")[:limit]

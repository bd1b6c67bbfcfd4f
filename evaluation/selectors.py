"""Reads shared by pages, the API and tasks: the trust index series, the evaluator's
inbox and the coordinator's queue, each in a fixed number of queries."""

from django.contrib.auth.models import User
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from milestones.models import Milestone
from programs import permissions
from programs.models import Dyad, Program

from .index_method import METHOD_VERSION
from .models import Evaluation, EvaluatorAssignment, IndexSnapshot

QUEUE_LIMIT = 50


# --- the trust index ----------------------------------------------------------


def _snapshots(method_version: str) -> QuerySet[IndexSnapshot]:
    return IndexSnapshot.objects.filter(method_version=method_version)


def current_snapshot(dyad: Dyad | int, *, method_version: str = METHOD_VERSION) -> IndexSnapshot | None:
    """The dyad's latest snapshot ("today"), or None before its first computation."""
    dyad_id = dyad if isinstance(dyad, int) else dyad.pk
    return _snapshots(method_version).filter(dyad_id=dyad_id).order_by("-as_of").first()


def index_history(dyad: Dyad | int, method_version: str = METHOD_VERSION) -> QuerySet[IndexSnapshot]:
    """The dyad's whole series, oldest first: every month end, then "today"."""
    dyad_id = dyad if isinstance(dyad, int) else dyad.pk
    return _snapshots(method_version).filter(dyad_id=dyad_id).order_by("as_of")


def current_snapshots(method_version: str = METHOD_VERSION) -> QuerySet[IndexSnapshot]:
    """The latest snapshot of every dyad that has one, in one query, with the dyad and
    its states joined; ordered by dyad slug (callers may re-order)."""
    newest = _snapshots(method_version).filter(dyad_id=OuterRef("pk")).order_by("-as_of").values("pk")[:1]
    latest_ids = Dyad.objects.order_by().annotate(latest=Subquery(newest)).values("latest")
    return (
        _snapshots(method_version)
        .filter(pk__in=latest_ids)
        .select_related("dyad", "dyad__state_a", "dyad__state_b")
        .order_by("dyad__slug")
    )


# --- evaluators and coordinators ----------------------------------------------


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

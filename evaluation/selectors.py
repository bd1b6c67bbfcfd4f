"""Reads of the trust index shared by the dashboards and the API."""

from django.db.models import OuterRef, QuerySet, Subquery

from programs.models import Dyad

from .index_method import METHOD_VERSION
from .models import IndexSnapshot


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

"""Reads of index snapshots for the API: a dyad's history, the current index per dyad, change stamps.

Snapshots are derived from published data only, so every reader may see
them. "Current" is a dyad's snapshot with the latest `as_of` under one
method version (by default the one the site computes now).
"""

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from programs.models import Dyad
from trackerproj.api_conditional import Stamp

from .index_method import METHOD_VERSION
from .models import IndexSnapshot


def snapshots(*, dyad: Dyad | None = None) -> QuerySet[IndexSnapshot]:
    qs = IndexSnapshot.objects.select_related("dyad")
    return qs if dyad is None else qs.filter(dyad=dyad)


def current_snapshots(method_version: str = METHOD_VERSION) -> QuerySet[IndexSnapshot]:
    """One snapshot per dyad that has one: its latest under `method_version`, in one query."""
    versioned = IndexSnapshot.objects.filter(method_version=method_version)
    latest = versioned.filter(dyad=OuterRef("dyad")).order_by("-as_of", "-computed_at", "-id")
    return snapshots().filter(method_version=method_version, pk=Subquery(latest.values("pk")[:1]))


def current_snapshot(dyad: Dyad, method_version: str = METHOD_VERSION) -> IndexSnapshot | None:
    versioned = snapshots(dyad=dyad).filter(method_version=method_version)
    return versioned.order_by("-as_of", "-computed_at", "-id").first()


def change_stamp(qs: QuerySet[IndexSnapshot]) -> Stamp:
    """What changes whenever a snapshot in `qs` is written, replaced or deleted: one aggregate query."""
    found = qs.order_by().aggregate(last=Max("computed_at"), count=Count("id"), max_id=Max("id"))
    return Stamp(last_modified=found["last"], count=found["count"], max_id=found["max_id"])

"""Reads of index snapshots for the API: all snapshots and change stamps (the current
index per dyad comes from evaluation.selectors, shared with the dashboards).

Snapshots are derived from published data only, so every reader may see
them. "Current" is a dyad's snapshot with the latest `as_of` under one
method version (by default the one the site computes now).
"""

from django.db.models import Count, Max, QuerySet

from programs.models import Dyad
from trackerproj.api_conditional import Stamp

from .models import IndexSnapshot


def snapshots(*, dyad: Dyad | None = None) -> QuerySet[IndexSnapshot]:
    qs = IndexSnapshot.objects.select_related("dyad")
    return qs if dyad is None else qs.filter(dyad=dyad)


def change_stamp(qs: QuerySet[IndexSnapshot]) -> Stamp:
    """What changes whenever a snapshot in `qs` is written, replaced or deleted: one aggregate query."""
    found = qs.order_by().aggregate(last=Max("computed_at"), count=Count("id"), max_id=Max("id"))
    return Stamp(last_modified=found["last"], count=found["count"], max_id=found["max_id"])

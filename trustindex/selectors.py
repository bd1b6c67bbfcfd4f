"""Every read of the trust index: the one meaning of "current index" and "history".

"Current" always means the method version the site computes now
(`in_force.method_version()`, 1.1 unless the settings switch to 1.2): a
dyad's current index is its snapshot with the latest `as_of` under that
version, and its history is that version's series. Older
versions' snapshots stay readable by naming the version (the API's
`method_version` parameter). Snapshots derive from published data only, so
every reader may see them.
"""

from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date, datetime

from django.db.models import Count, F, Max, OuterRef, QuerySet, Subquery, Sum

from core.api.conditional import Stamp
from programs.models import Dyad

from .in_force import method_version as version_in_force
from .models import IndexRevision, IndexSnapshot


def _snapshots(method_version: str | None) -> QuerySet[IndexSnapshot]:
    return IndexSnapshot.objects.filter(method_version=method_version or version_in_force())


def current_snapshot(dyad: Dyad | int, *, method_version: str | None = None) -> IndexSnapshot | None:
    """The dyad's latest snapshot ("today"), or None before its first computation."""
    dyad_id = dyad if isinstance(dyad, int) else dyad.pk
    return _snapshots(method_version).filter(dyad_id=dyad_id).order_by("-as_of").first()


def index_history(dyad: Dyad | int, method_version: str | None = None) -> QuerySet[IndexSnapshot]:
    """The dyad's whole series, oldest first: every month end, then "today"."""
    dyad_id = dyad if isinstance(dyad, int) else dyad.pk
    return _snapshots(method_version).filter(dyad_id=dyad_id).order_by("as_of")


def current_snapshots(method_version: str | None = None) -> QuerySet[IndexSnapshot]:
    """The latest snapshot of every dyad that has one, in one query, with the dyad and
    its states joined; ordered by dyad slug (callers may re-order). These are the
    snapshots that carry a rank interval (rank, rank_low, rank_high of ranked_dyads)."""
    newest = _snapshots(method_version).filter(dyad_id=OuterRef("pk")).order_by("-as_of").values("pk")[:1]
    latest_ids = Dyad.objects.order_by().annotate(latest=Subquery(newest)).values("latest")
    return (
        _snapshots(method_version)
        .filter(pk__in=latest_ids)
        .select_related("dyad", "dyad__state_a", "dyad__state_b")
        .order_by("dyad__slug")
    )


@dataclass(frozen=True)
class HistoryPoint:
    """The part of a snapshot a list of many dyads needs (no components or weights JSON)."""

    dyad_id: int
    as_of: date
    value: float | None
    band_low: float | None
    band_high: float | None
    method_version: str
    computed_at: datetime


def index_histories(dyad_ids: list[int] | None = None) -> dict[int, list[HistoryPoint]]:
    """Each dyad's history, oldest first, in one query of plain values (no model instances)."""
    qs = _snapshots(None).order_by("dyad_id", "as_of")
    if dyad_ids is not None:
        qs = qs.filter(dyad_id__in=dyad_ids)
    grouped: dict[int, list[HistoryPoint]] = defaultdict(list)
    for row in qs.values_list(*(f.name for f in fields(HistoryPoint))):
        point = HistoryPoint(*row)
        grouped[point.dyad_id].append(point)
    return dict(grouped)


def revisions_for(dyad: Dyad | int) -> QuerySet[IndexRevision]:
    """What changed in the dyad's published month-end values, newest first."""
    dyad_id = dyad if isinstance(dyad, int) else dyad.pk
    return IndexRevision.objects.filter(dyad_id=dyad_id).order_by("-created_at", "-id")


def snapshots(*, dyad: Dyad | None = None) -> QuerySet[IndexSnapshot]:
    """Every stored snapshot, of every method version (the API's snapshot list filters them)."""
    qs = IndexSnapshot.objects.select_related("dyad")
    return qs if dyad is None else qs.filter(dyad=dyad)


# A rank refresh rewrites rank intervals in place, with no new computed_at: a checksum of
# them (weighted by snapshot id, so two dyads swapping ranks still change it) goes into the stamp.
RANK_CHECKSUM = F("id") * (F("rank") * 1_000_003 + F("rank_low") * 1_009 + F("rank_high") * 7 + F("ranked_dyads"))


def change_stamp(qs: QuerySet[IndexSnapshot]) -> Stamp:
    """What changes whenever a snapshot in `qs` is written, replaced or deleted, or its rank
    interval refreshed: one aggregate query."""
    found = qs.order_by().aggregate(
        last=Max("computed_at"), count=Count("id"), max_id=Max("id"), ranks=Sum(RANK_CHECKSUM)
    )
    return Stamp(last_modified=found["last"], count=found["count"], max_id=found["max_id"], extra=str(found["ranks"]))

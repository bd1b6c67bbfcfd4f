"""Which dyads' indices are not being updated, and why: written as the engine finishes each dyad.

A dyad whose recomputation fails (today: a contribution in a currency with no
exchange rate) keeps its last series, so its public numbers stop moving; this
records that, so its ministries and coordinators are told "index not updated
since <date>: <reason>" in the workspace and the admin lists failing dyads.
The engine calls `record_outcomes` once per dyad or chunk it computes.
"""

from collections.abc import Iterable, Mapping

from django.db.models import Max, QuerySet
from django.utils import timezone

from .models import DyadIndexStatus, IndexSnapshot


def record_outcomes(*, succeeded: Iterable[int] = (), failed: Mapping[int, str] | None = None) -> None:
    """Mark dyads whose index was just written as up to date, and `failed` ones ({dyad id: reason}) as failing."""
    now = timezone.now()
    succeeded = list(succeeded)
    if succeeded:  # one query; a no-op for dyads that never failed
        DyadIndexStatus.objects.filter(dyad_id__in=succeeded, failing_since__isnull=False).update(
            failing_since=None, reason="", last_updated=now
        )
    for dyad_id, reason in (failed or {}).items():
        last = IndexSnapshot.objects.filter(dyad_id=dyad_id).aggregate(last=Max("computed_at"))["last"]
        status, created = DyadIndexStatus.objects.get_or_create(
            dyad_id=dyad_id, defaults={"failing_since": now, "reason": reason, "last_updated": last}
        )
        if not created:
            status.failing_since = status.failing_since or now
            status.reason, status.last_updated = reason, last
            status.save(update_fields=["failing_since", "reason", "last_updated"])


def failing(dyad_ids: Iterable[int] | None = None) -> QuerySet[DyadIndexStatus]:
    """Dyads whose index is not being updated (all, or those of `dyad_ids`), with their states."""
    statuses = DyadIndexStatus.objects.filter(failing_since__isnull=False).select_related(
        "dyad__state_a", "dyad__state_b"
    )
    if dyad_ids is not None:
        statuses = statuses.filter(dyad_id__in=list(dyad_ids))
    return statuses.order_by("dyad__slug")

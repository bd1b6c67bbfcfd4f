"""Revisions: a published month-end value that a recomputation changed, with its cause.

Written by the engine while it replaces a series (`replace_series`), in the same
transaction: the month-end values stored before are read first, then compared
with the rows written. A change of REVISION_STEP or more, or a value turning
into "insufficient data" (or back), is a revision; a month end that is no
longer in the series (its records were deleted) counts as turning null. A
dyad with no series under the current method version is compared with its
newest older version's series, with the cause "method <old> → <new>".
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from .in_force import method_version
from .models import IndexRevision, IndexSnapshot

REVISION_STEP = 0.1
CAUSE_REF_LENGTH = 200


@dataclass
class Published:
    """A dyad's stored month-end values before a recomputation, and under which version."""

    method_version: str
    values: dict[date, float | None] = field(default_factory=dict)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def published_before(dyad_ids: list[int]) -> dict[int, Published]:
    """The month-end values now stored for these dyads (current version, else their newest older one)."""
    out: dict[int, Published] = {}
    version = method_version()
    month_ends = IndexSnapshot.objects.filter(dyad_id__in=dyad_ids, is_month_end=True).order_by()
    for dyad_id, as_of, value in month_ends.filter(method_version=version).values_list("dyad_id", "as_of", "value"):
        out.setdefault(dyad_id, Published(version)).values[as_of] = value
    missing = [dyad_id for dyad_id in dyad_ids if dyad_id not in out]
    if missing:
        older: dict[int, dict[str, dict[date, float | None]]] = defaultdict(lambda: defaultdict(dict))
        rows = month_ends.filter(dyad_id__in=missing).exclude(method_version=version)
        for dyad_id, version, as_of, value in rows.values_list("dyad_id", "method_version", "as_of", "value"):
            older[dyad_id][version][as_of] = value
        for dyad_id, versions in older.items():
            newest = max(versions, key=_version_key)
            out[dyad_id] = Published(newest, versions[newest])
    return out


def _changed(old: float | None, new: float | None) -> bool:
    if old is None or new is None:
        return (old is None) != (new is None)
    return abs(new - old) >= REVISION_STEP - 1e-9


def record_revisions(
    before: dict[int, Published], written: Iterable[tuple[int, date, float | None]], *, cause: str, cause_ref: str
) -> int:
    """Store a revision for each published month end the new (dyad, as_of, value) month-end
    rows change; returns how many."""
    new_values: dict[int, dict[date, float | None]] = defaultdict(dict)
    for dyad_id, as_of, value in written:
        new_values[dyad_id][as_of] = value
    now = timezone.now()
    revisions = []
    version = method_version()
    for dyad_id, published in before.items():
        upgrade = published.method_version != version
        why = f"method {published.method_version} → {version}" if upgrade else cause
        ref = "" if upgrade else cause_ref[:CAUSE_REF_LENGTH]
        now_stored = new_values.get(dyad_id, {})
        for as_of, old in published.values.items():
            new = now_stored.get(as_of)
            if _changed(old, new):
                revisions.append(
                    IndexRevision(
                        dyad_id=dyad_id,
                        as_of=as_of,
                        method_version=version,
                        old_value=old,
                        new_value=new,
                        cause=why,
                        cause_ref=ref,
                        created_at=now,
                    )
                )
    IndexRevision.objects.bulk_create(revisions, batch_size=1000)
    return len(revisions)

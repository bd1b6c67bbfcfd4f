"""Revisions: a published month-end value that a recomputation changed, with its cause.

Written by the engine while it replaces a series (`replace_series`), in the same
transaction: deleting the old series hands back its month-end values
(`delete_series`, one DELETE … RETURNING whose rows come back packed in one
bytea on PostgreSQL), and `record_revisions` compares them with the month ends
written, as arrays. A change of REVISION_STEP or more, or a value turning into
"insufficient data" (or back), is a revision; a month end that is no longer in
the series (its records were deleted) counts as turning null. A dyad with no
series under the current method version is compared with its newest older
version's series, with the cause "method <old> → <new>".
"""

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db import connection
from django.utils import timezone

from .in_force import method_version
from .models import IndexRevision, IndexSnapshot
from .series import SnapshotBatch

REVISION_STEP = 0.1
CAUSE_REF_LENGTH = 200
_DAY0 = date(2000, 1, 1).toordinal()
_PACKED = np.dtype([("dyad", ">i8"), ("day", ">i4"), ("value", ">f8")])


@dataclass(frozen=True)
class Published:
    """Month-end values stored before a recomputation (NaN = insufficient data), and for
    each dyad compared with an older method version, that version."""

    dyad_id: np.ndarray
    as_of: np.ndarray
    value: np.ndarray
    older_versions: dict[int, str]


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def delete_series(dyad_ids: list[int]) -> Published:
    """Delete these dyads' snapshots of the current method version; return the month-end
    values they held (for a dyad that had none, those of its newest older version)."""
    current_version = method_version()
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(IndexSnapshot._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH gone AS (DELETE FROM {table} WHERE dyad_id = ANY(%s::bigint[]) AND method_version = %s "
                "RETURNING dyad_id, as_of, value, is_month_end) "
                "SELECT string_agg(int8send(dyad_id) || int4send((as_of - DATE '2000-01-01')::int4) "
                "|| float8send(COALESCE(value, 'NaN')), ''::bytea) FROM gone WHERE is_month_end",
                [list(dyad_ids), current_version],
            )
            packed = np.frombuffer(bytes(cursor.fetchone()[0] or b""), dtype=_PACKED)
        dyad, as_of, value = packed["dyad"].astype(np.int64), packed["day"] + _DAY0, packed["value"].astype(float)
    else:
        current = IndexSnapshot.objects.filter(dyad_id__in=dyad_ids, method_version=current_version)
        rows = list(current.filter(is_month_end=True).values_list("dyad_id", "as_of", "value"))
        current.delete()
        dyad, as_of, value = _arrays(rows)
    seen = set(dyad.tolist())
    missing = [dyad_id for dyad_id in dyad_ids if dyad_id not in seen]
    older_versions: dict[int, str] = {}
    if missing:
        older = IndexSnapshot.objects.filter(dyad_id__in=missing, is_month_end=True).exclude(
            method_version=current_version
        )
        newest: dict[int, str] = {}
        rows_by_version = list(older.values_list("dyad_id", "method_version", "as_of", "value"))
        for dyad_id, version, _, _ in rows_by_version:
            if dyad_id not in newest or _version_key(version) > _version_key(newest[dyad_id]):
                newest[dyad_id] = version
        chosen = [(d, day, v) for d, version, day, v in rows_by_version if newest[d] == version]
        more = _arrays(chosen)
        dyad, as_of, value = (np.concatenate([a, b]) for a, b in zip((dyad, as_of, value), more, strict=True))
        older_versions = newest
    return Published(dyad, as_of, value, older_versions)


def _arrays(rows: list[tuple[int, date, float | None]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (
        np.array([r[0] for r in rows], dtype=np.int64),
        np.array([r[1].toordinal() for r in rows], dtype=np.int64),
        np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=float),
    )


def record_revisions(before: Published, batch: SnapshotBatch, *, cause: str, cause_ref: str) -> int:
    """Store a revision for each published month end that the batch's month ends change;
    returns how many."""
    ends = batch.is_month_end
    new_keys = (batch.dyad_id[ends] << 32) + batch.as_of[ends]
    order = np.argsort(new_keys)
    new_keys, new_values = new_keys[order], batch.value[ends][order]
    old_keys = (before.dyad_id << 32) + before.as_of
    at = np.searchsorted(new_keys, old_keys).clip(max=max(len(new_keys) - 1, 0))
    found = (new_keys[at] == old_keys) if len(new_keys) else np.zeros(len(old_keys), bool)
    new = np.where(found, new_values[at] if len(new_keys) else np.nan, np.nan)
    old = before.value
    with np.errstate(invalid="ignore"):
        changed = (np.isnan(old) != np.isnan(new)) | (np.abs(new - old) >= REVISION_STEP - 1e-9)
    now = timezone.now()
    revisions = []
    current_version = method_version()
    for i in np.flatnonzero(changed).tolist():
        dyad_id = int(before.dyad_id[i])
        version = before.older_versions.get(dyad_id)
        revisions.append(
            IndexRevision(
                dyad_id=dyad_id,
                as_of=date.fromordinal(int(before.as_of[i])),
                method_version=current_version,
                old_value=None if np.isnan(old[i]) else float(old[i]),
                new_value=None if np.isnan(new[i]) else float(new[i]),
                cause=f"method {version} → {current_version}" if version else cause,
                cause_ref="" if version else cause_ref[:CAUSE_REF_LENGTH],
                created_at=now,
            )
        )
    IndexRevision.objects.bulk_create(revisions, batch_size=1000)
    return len(revisions)

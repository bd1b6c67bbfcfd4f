"""Insert many index snapshots fast: COPY on PostgreSQL, bulk_create elsewhere.

A full run writes hundreds of thousands of rows and one dyad's series a few
hundred; COPY (text format, lines formatted straight from the batch's arrays)
is several times faster than multi-row INSERTs for both; its text is formatted
from the batch's arrays a block of rows at a time (series.SnapshotBatch.copy_text). Callers own the
transaction. Ranks are left empty: trustindex/ranking.py sets them.
"""

from django.db import connection

from .inputs import METHOD_VERSION
from .models import IndexSnapshot
from .series import SnapshotBatch

COLUMNS = (
    "dyad_id",
    "as_of",
    "value",
    "band_low",
    "band_high",
    "coverage",
    "components",
    "weights",
    "aggregation",
    "method_version",
    "computed_at",
    "is_month_end",
    "thin",
    "remove_one",
)


def insert_snapshots(batch: SnapshotBatch) -> None:
    """Insert the batch's snapshots."""
    if not len(batch):
        return
    if connection.vendor == "postgresql":
        _copy(batch)
    else:
        IndexSnapshot.objects.bulk_create(_instances(batch), batch_size=1000)


def _copy(batch: SnapshotBatch) -> None:
    table = connection.ops.quote_name(IndexSnapshot._meta.db_table)
    sql = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for text in batch.copy_text():
            copy.write(text)


def _instances(batch: SnapshotBatch) -> list[IndexSnapshot]:
    def number(x: float) -> float | None:
        return None if x != x else x

    return [
        IndexSnapshot(
            dyad_id=dyad_id,
            as_of=as_of,
            value=number(value),
            band_low=number(low),
            band_high=number(high),
            coverage=coverage,
            components=components,
            weights=batch.weights,
            aggregation=batch.aggregation,
            method_version=METHOD_VERSION,
            computed_at=batch.computed_at,
            is_month_end=month_end,
            thin=thin,
            remove_one=removed,
        )
        for dyad_id, as_of, value, low, high, coverage, components, month_end, thin, removed in zip(
            batch.dyad_id.tolist(),
            batch.as_of_dates(),
            batch.value.tolist(),
            batch.band_low.tolist(),
            batch.band_high.tolist(),
            batch.coverage.tolist(),
            batch.component_dicts(),
            batch.is_month_end.tolist(),
            batch.thin.tolist(),
            batch.remove_one_dicts(),
            strict=True,
        )
    ]

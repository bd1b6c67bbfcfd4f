"""Insert many index snapshots fast: COPY on PostgreSQL, bulk_create elsewhere.

A full run writes hundreds of thousands of rows and one dyad's series a few
hundred; COPY is several times faster than multi-row INSERTs for both.
Callers own the transaction.
"""

import json

from django.db import connection

from .models import IndexSnapshot

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
IS_MONTH_END = COLUMNS.index("is_month_end")


def insert_snapshots(rows: list[tuple]) -> None:
    """Insert snapshot rows, each a tuple of the COLUMNS values (components, weights and
    remove_one as dicts); ranks are left empty (ranking.py sets them)."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy(rows)
    else:
        IndexSnapshot.objects.bulk_create(
            [IndexSnapshot(**dict(zip(COLUMNS, row, strict=True))) for row in rows], batch_size=1000
        )


def _copy(rows: list[tuple]) -> None:
    table = connection.ops.quote_name(IndexSnapshot._meta.db_table)
    sql = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
    dumps = json.dumps
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row((*row[:6], dumps(row[6]), dumps(row[7]), *row[8:13], dumps(row[13])))

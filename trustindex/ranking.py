"""Rank intervals at the current date, for every dyad at once (method 1.1, "Rank interval").

A rank compares dyads, so it is refreshed for all of them whenever any current
value may have moved: after a full run, after a dyad's recomputation (a
debounced task) and when a dyad is deleted. It always reads the stored current
snapshots (`selectors.current_snapshots`), so a dyad computed alone and one
computed in a full run get the same rank. Only current snapshots carry a rank;
any other snapshot's rank is cleared.
"""

import numpy as np
from django.db import connection, transaction

from .aggregation import rank_intervals
from .inputs import IndexConfig
from .models import IndexSnapshot
from .selectors import current_snapshots

RANK_FIELDS = ("rank", "rank_low", "rank_high", "ranked_dyads")


def refresh_ranks(config: IndexConfig) -> int:
    """Rank the dyads whose current snapshot has a value and store the intervals; returns how many."""
    rows = [
        (pk, components)
        for pk, value, components in current_snapshots().order_by().values_list("pk", "value", "components")
        if value is not None
    ]
    ids = [pk for pk, _ in rows]
    with transaction.atomic():
        IndexSnapshot.objects.filter(rank__isnull=False).exclude(pk__in=ids).update(**dict.fromkeys(RANK_FIELDS, None))
        if not rows:
            return 0
        table = np.array(
            [
                [np.nan if (v := c.get(key, {}).get("value")) is None else v for key in config.components]
                for _, c in rows
            ],
            dtype=float,
        )
        ranks = rank_intervals(table, config)
        _store(ids, ranks.rank.tolist(), ranks.low.tolist(), ranks.high.tolist(), ranks.ranked)
    return len(ids)


def _store(ids: list[int], rank: list[int], low: list[int], high: list[int], ranked: int) -> None:
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(IndexSnapshot._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS s SET rank = v.rank, rank_low = v.low, rank_high = v.high, ranked_dyads = %s "
                "FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::int[]) AS rank, unnest(%s::int[]) AS low, "
                "unnest(%s::int[]) AS high) AS v WHERE s.id = v.id",
                [ranked, ids, rank, low, high],
            )
        return
    snapshots = [
        IndexSnapshot(pk=pk, rank=r, rank_low=lo, rank_high=hi, ranked_dyads=ranked)
        for pk, r, lo, hi in zip(ids, rank, low, high, strict=True)
    ]
    IndexSnapshot.objects.bulk_update(snapshots, RANK_FIELDS, batch_size=500)

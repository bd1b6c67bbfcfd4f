"""Many dyads' series computed as one batch of arrays, ready to be written.

`compute_batch` takes each dyad's `DyadArrays`, works out its as-of dates (month
ends from its first data, never before core.dates.EARLIEST, then today), its
component table (all its dates at once), stacks the tables of every dyad and
aggregates them in one go (trustindex/aggregation.py: one matrix product per
pattern of present components). The result, a `SnapshotBatch`, holds arrays
only, one element per snapshot; the writer turns it into COPY text or model
instances, and the engine reads the month-end values back for revisions.
"""

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import date, datetime

import numpy as np

from core.dates import EARLIEST

from .aggregation import aggregate
from .inputs import METHOD_VERSION, IndexConfig
from .method import _EPOCH, _NEVER, DyadArrays, component_table, snapshot_ordinals


def _is_month_end(ordinal: int) -> bool:
    return date.fromordinal(ordinal).month != date.fromordinal(ordinal + 1).month


@dataclass(frozen=True)
class SnapshotBatch:
    """Snapshots as parallel arrays (one element per snapshot; tables have one column per
    component), with what every snapshot of the batch shares."""

    dyad_id: np.ndarray
    as_of: np.ndarray  # date ordinals
    is_month_end: np.ndarray
    components: np.ndarray  # NaN = missing
    counts: np.ndarray
    coverage: np.ndarray
    value: np.ndarray  # NaN = insufficient data
    band_low: np.ndarray
    band_high: np.ndarray
    thin: np.ndarray
    remove_one: np.ndarray
    remove_one_shown: np.ndarray
    weights: dict  # in the method version's component order (IndexConfig keeps it)
    aggregation: str
    computed_at: datetime
    method_version: str = METHOD_VERSION

    @property
    def component_keys(self) -> tuple[str, ...]:
        """The components of the batch's method version, in column order."""
        return tuple(self.weights)

    def __len__(self) -> int:
        return len(self.dyad_id)

    def __getitem__(self, part: slice) -> "SnapshotBatch":
        arrays = {f.name: getattr(self, f.name)[part] for f in fields(self) if f.name not in _SHARED}
        return replace(self, **arrays)

    def as_of_dates(self) -> list[date]:
        return [date.fromordinal(o) for o in self.as_of.tolist()]

    def component_dicts(self) -> Iterator[dict]:
        for values, counts in zip(self.components.tolist(), self.counts.tolist(), strict=True):
            yield {
                key: {"value": None if math.isnan(v) else v, "count": n}
                for key, v, n in zip(self.component_keys, values, counts, strict=True)
            }

    def remove_one_dicts(self) -> Iterator[dict]:
        for values, shown in zip(self.remove_one.tolist(), self.remove_one_shown.tolist(), strict=True):
            yield {
                key: None if math.isnan(v) else v
                for key, v, s in zip(self.component_keys, values, shown, strict=True)
                if s
            }

    def copy_text(self) -> Iterator[str]:
        """COPY text (lines in snapshot_writer.COLUMNS order), a block per kind of row.

        Rows sharing which remove-one values they show, and their month-end and thin
        flags, share a line template; every number of a row comes from one float
        array, formatted with %r (the shortest repr, as json.dumps writes floats), %d,
        or %.1f for the values already rounded to one decimal (the same text as their repr,
        and faster). NaN comes out as "nan" and is then turned into NULL (\\N) or JSON null."""
        days = (self.as_of - _EPOCH).astype("datetime64[D]")
        months = days.astype("datetime64[M]")
        year = months.astype("datetime64[Y]").astype(np.int64) + 1970
        month = months.astype(np.int64) % 12 + 1
        day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
        keys = self.component_keys
        width = len(keys)
        interleaved = np.empty((len(self), 2 * width))
        interleaved[:, 0::2], interleaved[:, 1::2] = self.components, self.counts
        numbers = np.column_stack(
            [self.dyad_id, year, month, day, self.value, self.band_low, self.band_high, self.coverage, interleaved,
             self.remove_one]
        )  # fmt: skip
        shared = "\t".join(
            (json.dumps(self.weights), self.aggregation, self.method_version, self.computed_at.isoformat())
        ).replace("%", "%%")
        components = "{" + ", ".join(f'"{key}": {{"value": %r, "count": %d}}' for key in keys) + "}"
        shown_code = self.remove_one_shown @ (1 << np.arange(width))
        kind = shown_code * 4 + self.is_month_end * 2 + self.thin
        first_removed = numbers.shape[1] - width
        for code in np.unique(kind).tolist():
            shown = [i for i in range(width) if code >> 2 >> i & 1]
            removed = "{" + ", ".join(f'"{keys[i]}": %.1f' for i in shown) + "}"
            flags = f"{'t' if code & 2 else 'f'}\t{'t' if code & 1 else 'f'}"
            template = f"%d\t%04d-%02d-%02d\t%.1f\t%.1f\t%.1f\t%r\t{components}\t{shared}\t{flags}\t{removed}\n"
            chosen = numbers[kind == code][:, [*range(first_removed), *(first_removed + i for i in shown)]]
            text = "".join(map(template.__mod__, map(tuple, chosen.tolist())))
            yield text.replace(": nan", ": null").replace("\tnan", "\t\\N")


_SHARED = frozenset({"weights", "aggregation", "computed_at", "method_version"})


def dyad_dates(arrays: DyadArrays, today: int, after: int | None = None) -> np.ndarray:
    """The as-of date ordinals of a dyad's series (never before core.dates.EARLIEST); with
    `after`, only those later than it: the month ends since, and today."""
    first = arrays.first_data
    if first >= _NEVER:
        return np.array([today], dtype=np.int64)
    first = max(first, EARLIEST.toordinal())
    if after is not None:
        first = max(first, after + 1)
    return snapshot_ordinals(first, today)


def compute_batch(
    dyads: Iterable[tuple[int, DyadArrays]],
    *,
    today: date,
    config: IndexConfig,
    computed_at: datetime,
    after: dict[int, date] | None = None,
) -> SnapshotBatch:
    """The whole series of each (dyad id, arrays), as one batch; for the dyads in `after`,
    only the dates later than the one given (see `dyad_dates`)."""
    today_ordinal = today.toordinal()
    after = after or {}
    ids, dates, tables, counts = [], [], [], []
    for dyad_id, arrays in dyads:
        since = after.get(dyad_id)
        t = dyad_dates(arrays, today_ordinal, None if since is None else since.toordinal())
        values, n = component_table(arrays, t, method_version=config.method_version)
        ids.append(np.full(len(t), dyad_id, dtype=np.int64))
        dates.append(t)
        tables.append(values)
        counts.append(n)
    return batch_from_tables(ids, dates, tables, counts, today=today, config=config, computed_at=computed_at)


def batch_from_tables(ids, dates, tables, counts, *, today: date, config: IndexConfig, computed_at) -> SnapshotBatch:
    """Aggregate stacked component tables into a batch."""
    width = len(config.components)
    as_of = np.concatenate(dates) if dates else np.zeros(0, dtype=np.int64)
    values = np.concatenate(tables) if tables else np.zeros((0, width))
    count_table = np.concatenate(counts) if counts else np.zeros((0, width), dtype=np.int64)
    agg = aggregate(values, count_table, config)
    return SnapshotBatch(
        dyad_id=np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64),
        as_of=as_of,
        is_month_end=(as_of != today.toordinal()) | _is_month_end(today.toordinal()),
        components=values,
        counts=count_table,
        coverage=agg.coverage,
        value=agg.value,
        band_low=agg.band_low,
        band_high=agg.band_high,
        thin=agg.thin,
        remove_one=agg.remove_one,
        remove_one_shown=agg.remove_one_shown,
        weights=dict(config.weights),
        aggregation=config.aggregation.value,
        computed_at=computed_at,
        method_version=config.method_version,
    )

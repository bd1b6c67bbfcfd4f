"""From component values to the published numbers, for many snapshots at once (method 1.1).

Pure numpy, no Django. Input: a table of component values (one row per
snapshot, columns in COMPONENTS order, NaN = missing) and their input counts.
Output, row by row: coverage, value, band, remove-one values and the thin flag;
and, for the dyads' current values, their rank intervals. Rows sharing a
pattern of present components are computed together: the scenario values of a
pattern are one matrix product, taken COLUMN_CHUNK rows at a time so memory
stays bounded (1,000 scenarios x 2,048 rows = 16 MB), and the band's
percentiles come from one (vectorised) sort per batch.

Decisions where the spec is silent (quoted on the method page):
  - Value: weighted mean of the present weighted components with their weights
    renormalised (w / fsum(w)), summed with compensation so it equals a
    correctly rounded sum to the last bit in practice; x 100, capped at 100,
    rounded once, half up on the shortest decimal repr (6.25 -> 6.3).
  - Band: 5th and 95th percentiles (numpy "linear") of the scenario values,
    each rounded like the value, then widened to include the value. With one
    weighted component present the band is the value.
  - Remove-one: for each present component with non-zero weight, the value
    with it left out and the other weights renormalised, rounded like the
    value; no coverage threshold (it shows how the value leans, it is not a
    published index). None when nothing would be left.
  - Thin: coverage below 0.75 (less 1e-9 of rounding noise) or delivery
    resting on fewer than 5 milestones; judged for every snapshot, also those
    without a value.
  - Rank (the current date only): under each scenario the dyads with a value
    are ranked by their unrounded scenario values, 1 = highest, tied dyads
    sharing the best rank (1 + the number of dyads strictly higher). The
    published rank is the median over the scenarios and the interval the 5th
    to 95th percentile, both "inverted CDF" percentiles (the smallest rank
    reached in at least that share of scenarios), so they are whole ranks.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from .inputs import GEOMETRIC_FLOOR, THIN_COVERAGE, THIN_MILESTONES, Aggregation, IndexConfig
from .scenarios import pattern_weights

DELIVERY = 0  # delivery is the first column under every method version
COLUMN_CHUNK = 2048
_TOLERANCE = 1e-9
RANK_PERCENTILES = (5.0, 50.0, 95.0)


def round1(x: float) -> float:
    """Half up on the float's shortest repr (6.25 -> 6.3); round() where no tie is near."""
    scaled = x * 100
    if abs(scaled - round(scaled)) < 1e-6 and round(scaled) % 10 == 5:
        return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return round(x, 1)


def round1_array(x: np.ndarray) -> np.ndarray:
    """`round1` of every element (NaN stays NaN): rint(10 x) / 10, which equals round(x, 1)
    away from ties, and the exact decimal rule for the few elements near one."""
    out = np.round(x, 1)
    with np.errstate(invalid="ignore"):
        scaled = x * 100
        whole = np.round(scaled)
        tie = (np.abs(scaled - whole) < 1e-6) & (np.mod(whole, 10) == 5)
    for i in np.flatnonzero(tie):
        out.flat[i] = round1(float(x.flat[i]))
    return out


def _row_sums(terms: np.ndarray) -> np.ndarray:
    """Row sums with Neumaier compensation (at most seven terms a row)."""
    total = terms[:, 0].copy()
    error = np.zeros_like(total)
    for i in range(1, terms.shape[1]):
        x = terms[:, i]
        t = total + x
        error += np.where(np.abs(total) >= np.abs(x), (total - t) + x, (x - t) + total)
        total = t
    return total + error


def _weighted_mean(c: np.ndarray, w: np.ndarray, geometric: bool) -> np.ndarray:
    """Weighted mean of each row of c (already floored for the geometric mean), w renormalised."""
    ws = w / math.fsum(w.tolist())
    if geometric:
        return np.exp(_row_sums(np.log(c) * ws))
    return _row_sums(c * ws)


def scenario_values(c: np.ndarray, columns: tuple[int, ...], config: IndexConfig) -> np.ndarray:
    """Index values (0..100) of rows c (present components `columns`, floored for the geometric
    mean) under every scenario: rows x scenarios, one matrix product.

    A single row is given a zero row for company: numpy computes a 1-row product with
    BLAS gemv, whose sums may differ in the last bit from gemm's; with two rows or more
    each row's values do not depend on the rows beside it (tests check it), so a dyad
    computed alone gets the very band it gets in a full run."""
    weights = pattern_weights(config, columns)
    rows = c if len(c) != 1 else np.vstack([c, np.ones_like(c)])
    geometric = config.aggregation is Aggregation.GEOMETRIC
    values = np.exp(np.log(rows) @ weights.T) if geometric else rows @ weights.T
    values *= 100.0  # in place: a block is 16 MB
    return values[: len(c)]


def row_percentiles(block: np.ndarray, percentiles: tuple[float, ...]) -> list[np.ndarray]:
    """Per row, the same numbers as np.percentile(row, p) ("linear"). Sorts `block` in place
    (the caller's scratch array): numpy's vectorised sort is several times faster than
    np.partition for 1,000 values a row."""
    last = block.shape[1] - 1
    positions = [p / 100.0 * last for p in percentiles]
    lows = [min(int(pos), last) for pos in positions]
    block.sort(axis=1)
    part = block
    out = []
    for pos, low in zip(positions, lows, strict=True):
        a, b = part[:, low], part[:, min(low + 1, last)]
        frac = pos - low
        diff = b - a
        out.append(b - diff * (1 - frac) if frac >= 0.5 else a + diff * frac)  # numpy's lerp form
    return out


def _band(c: np.ndarray, columns: tuple[int, ...], config: IndexConfig) -> tuple[np.ndarray, np.ndarray]:
    low, high = np.empty(len(c)), np.empty(len(c))
    for start in range(0, len(c), COLUMN_CHUNK):
        stop = start + COLUMN_CHUNK
        low[start:stop], high[start:stop] = row_percentiles(
            scenario_values(c[start:stop], columns, config), config.band_percentiles
        )
    return low, high


def _bits(width: int) -> np.ndarray:
    """Each column's bit in a pattern code (columns in the configuration's component order)."""
    return 1 << np.arange(width)


def _columns(code: int, width: int) -> tuple[int, ...]:
    return tuple(i for i in range(width) if code >> i & 1)


@dataclass(frozen=True)
class Aggregated:
    """Per row: coverage, value, band (NaN = no value), thin, and remove-one values
    (rows x components; NaN where the component is not weighted and present or
    nothing would be left; `remove_one_shown` says which entries exist)."""

    coverage: np.ndarray
    value: np.ndarray
    band_low: np.ndarray
    band_high: np.ndarray
    thin: np.ndarray
    remove_one: np.ndarray
    remove_one_shown: np.ndarray


def _weights(config: IndexConfig) -> np.ndarray:
    return np.array([config.weights[key] for key in config.components])


def aggregate(values: np.ndarray, counts: np.ndarray, config: IndexConfig) -> Aggregated:
    """Coverage, value, band, remove-one and thin for every row of a component table."""
    w = _weights(config)
    width = len(w)
    geometric = config.aggregation is Aggregation.GEOMETRIC
    present = ~np.isnan(values)
    used = present & (w > 0)
    present_code = present @ _bits(width)
    coverage = np.zeros(len(values))
    for code in np.unique(present_code).tolist():
        # fsum over the pattern, so 0.3 + 0.1 + 0.1 counts as 0.5; capped, weights may sum to 1 + 1e-9
        coverage[present_code == code] = min(1.0, math.fsum(w[list(_columns(code, width))].tolist()))
    has_value = used.any(axis=1) & (coverage >= config.min_coverage - _TOLERANCE)
    value, low, high = (np.full(len(values), np.nan) for _ in range(3))
    remove_one = np.full(values.shape, np.nan)
    used_code = np.where(has_value, used @ _bits(width), 0)
    for code in np.unique(used_code[has_value]).tolist():
        rows = np.flatnonzero(used_code == code)
        columns = _columns(code, width)
        c = values[np.ix_(rows, columns)]
        if geometric:
            c = np.maximum(c, GEOMETRIC_FLOOR)
        value[rows] = np.minimum(100.0, 100.0 * _weighted_mean(c, w[list(columns)], geometric))
        if len(columns) == 1:
            low[rows] = high[rows] = 100.0 * c[:, 0]
            continue
        low[rows], high[rows] = _band(c, columns, config)
        for j, column in enumerate(columns):
            rest = [k for k in range(len(columns)) if k != j]
            rest_weights = w[[columns[k] for k in rest]]
            remove_one[rows, column] = np.minimum(100.0, 100.0 * _weighted_mean(c[:, rest], rest_weights, geometric))
    value = round1_array(value)
    with np.errstate(invalid="ignore"):
        thin = (coverage < THIN_COVERAGE - _TOLERANCE) | (counts[:, DELIVERY] < THIN_MILESTONES)
    return Aggregated(
        coverage=coverage,
        value=value,
        band_low=np.fmin(round1_array(low), value),
        band_high=np.fmax(round1_array(high), value),
        thin=thin,
        remove_one=round1_array(remove_one),
        remove_one_shown=used & has_value[:, None],
    )


@dataclass(frozen=True)
class RankIntervals:
    """Per dyad given: median rank, 5th and 95th percentile ranks (1 = highest), of `ranked` dyads."""

    rank: np.ndarray
    low: np.ndarray
    high: np.ndarray
    ranked: int


def rank_intervals(values: np.ndarray, config: IndexConfig) -> RankIntervals:
    """Rank intervals of the rows of a component table, each row a dyad's current value
    (every row must have a value)."""
    n = len(values)
    w = _weights(config)
    used = ~np.isnan(values) & (w > 0)
    code = used @ _bits(len(w))
    scores = np.empty((config.draws, n))
    for pattern in np.unique(code).tolist():
        rows = np.flatnonzero(code == pattern)
        columns = _columns(pattern, len(w))
        c = values[np.ix_(rows, columns)]
        if config.aggregation is Aggregation.GEOMETRIC:
            c = np.maximum(c, GEOMETRIC_FLOOR)
        if len(columns) == 1:
            scores[:, rows] = 100.0 * c[:, 0]
        else:
            scores[:, rows] = scenario_values(c, columns, config).T
    ranks = _competition_ranks(scores)
    # "inverted CDF" percentiles of each dyad's ranks: the smallest rank reached in at least p % of scenarios
    ranks.sort(axis=0)
    low, median, high = (ranks[max(math.ceil(p / 100 * config.draws) - 1, 0)] for p in RANK_PERCENTILES)
    return RankIntervals(median.copy(), low.copy(), high.copy(), n)


def _competition_ranks(scores: np.ndarray) -> np.ndarray:
    """Per scenario (row), each dyad's rank: 1 + the number of dyads strictly higher."""
    order = np.argsort(-scores, axis=1)  # ties share a rank whatever their order
    ordered = np.take_along_axis(scores, order, axis=1)
    columns = np.arange(scores.shape[1])
    starts_tie = np.ones(scores.shape, dtype=bool)
    starts_tie[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    first_of_tie = np.maximum.accumulate(np.where(starts_tie, columns, 0), axis=1)
    ranks = np.empty(scores.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, first_of_tie + 1, axis=1)
    return ranks

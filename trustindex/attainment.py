"""Method 1.2's seventh component, indicator attainment, for many as-of dates at once (pure numpy).

Implements "Method 1.2" of docs/trust-index.md. Each approved period of a
quantitative indicator (`results.attainment.AttainmentInput`, loaded by
`results.selectors.attainment_inputs`) scores `period_attainment`: actual ÷
target (target ÷ actual when lower is better), capped to 0–1. On a date t:

  - a period counts from its end date, in (t - 1095, t], weighted
    0.5 ** ((t - end) / 365), as milestones are for delivery;
  - a cumulative indicator counts only its latest period ended by t (whose
    value already includes the earlier ones); a per-period one counts each;
  - an indicator's attainment is the decay-weighted mean over its counted
    periods, the component the plain mean over the indicators with one, so
    an indicator reported quarterly weighs no more than one reported yearly;
  - no counted period: the component is missing (NaN) and its weight goes to
    the others. input_count = indicators counted.

Decisions where the spec is silent: periods are put in a canonical order
(indicator, end, start, score) first, so the result does not depend on the
order they came in; two periods of a cumulative indicator ending the same day
count as one, the last in that order. Period dates do not move the start of a
dyad's series (a period belongs to a program, whose start comes first).
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from results.attainment import AttainmentInput

from .inputs import ATTAINMENT_HALF_LIFE_DAYS, ATTAINMENT_WINDOW_DAYS

_NEVER = np.iinfo(np.int64).max  # "never superseded"


@dataclass(frozen=True)
class AttainmentArrays:
    """A dyad's approved periods as arrays, grouped by indicator (`starts`: each group's first
    column), with each period's score and the date from which a later period of the same
    cumulative indicator has ended (`superseded`, _NEVER for per-period indicators)."""

    end: np.ndarray
    score: np.ndarray
    superseded: np.ndarray
    starts: np.ndarray

    @classmethod
    def of(cls, periods: Iterable[AttainmentInput]) -> "AttainmentArrays":
        rows = sorted(
            (p.indicator_id, p.period_end.toordinal(), p.period_start.toordinal(), p.attainment, p.cumulative)
            for p in periods
        )
        indicator = np.array([r[0] for r in rows], dtype=np.int64)
        end = np.array([r[1] for r in rows], dtype=np.int64)
        cumulative = np.array([r[4] for r in rows], dtype=bool)
        same_next = np.append(indicator[1:] == indicator[:-1], False) if rows else np.zeros(0, bool)
        next_end = np.append(end[1:], _NEVER) if rows else end
        superseded = np.where(cumulative & same_next, next_end, _NEVER)
        starts = np.flatnonzero(np.diff(indicator, prepend=-1) != 0) if rows else np.zeros(0, np.int64)
        score = np.array([r[3] for r in rows], dtype=float)
        return cls(end=end, score=score, superseded=superseded, starts=starts)


NO_PERIODS = AttainmentArrays.of(())


def attainment_component(arr: AttainmentArrays, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Attainment (NaN = missing) and the number of indicators counted, per as-of date ordinal."""
    if not arr.end.size:
        return np.full(len(t), np.nan), np.zeros(len(t), dtype=np.int64)
    age = t[:, None] - arr.end[None, :]
    counted = (age >= 0) & (age < ATTAINMENT_WINDOW_DAYS) & (t[:, None] < arr.superseded[None, :])
    weight = np.where(counted, np.exp2(-np.where(counted, age, 0) / ATTAINMENT_HALF_LIFE_DAYS), 0.0)
    per_weight = np.add.reduceat(weight, arr.starts, axis=1)
    per_score = np.add.reduceat(weight * arr.score, arr.starts, axis=1)
    indicator_counted = np.logical_or.reduceat(counted, arr.starts, axis=1)
    count = indicator_counted.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_indicator = np.where(indicator_counted, per_score / per_weight, 0.0)
        value = per_indicator.sum(axis=1) / count
    return np.where(count > 0, np.clip(value, 0.0, 1.0), np.nan), count

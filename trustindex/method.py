"""The bilateral trust index, method 1.1: plain dataclasses in, numbers out.

Implements docs/trust-index.md. No Django here: a loader turns querysets into
``DyadInputs`` and stores the ``IndexResult``. Decisions where the spec is silent (the
"method" page quotes them):

As of a date t
  - Inputs carry no creation dates: a milestone counts from its due date, an evaluation
    from its own date, a program from its start date. The loader drops drafts.
  - A milestone achieved after t is open at t. Status "achieved" without an achieved date
    is treated as not achieved; an achieved date on any other status is ignored.
  - Cancellation, cancelled_jointly, is_public, has_evidence, is_published and
    is_independent carry no dates: their current value applies to every as-of date.
  - A program is active on d when start <= d, (no end or end >= d) and not cancelled;
    a cancelled program is never active, but its milestones and evaluations still count.

Components (each clipped to [0, 1] against float noise)
  - delivery: milestones due in (t - 1095, t], jointly cancelled ones excluded, a
    unilaterally cancelled one scores 0.0 even if it had been achieved; an early
    achievement of a milestone not yet due is not scored; a milestone due on t itself
    is due (due_date <= t), so if still open it scores 0.0 on t.
    input_count = milestones scored.
  - evaluation: published, independent evaluations with at least one rated criterion,
    dated in (t - 1825, t]. input_count = evaluations counted.
  - continuity: achievements dated from the first day of the quarter 7 quarters before
    t's up to t itself. Missing only when no milestone has a due or achieved date <= t
    AND no program is active at any time in those 8 quarters; otherwise 0..1 (a dyad
    that has gone quiet scores 0: that is a finding, not missing data).
    input_count = achieved milestones in the window.
  - reciprocity: programs active at any time in (t - 730, t], i.e. end > t - 730.
    Missing when A + B == 0. input_count = those programs with a non-zero contribution.
  - breadth: programs active on t, shares by program count (not money).
    input_count = active programs.
  - transparency: denominator = exactly the milestones delivery scores (so jointly
    cancelled ones are out, unilaterally cancelled ones in); numerator = those public
    and with evidence. input_count = denominator.

Aggregation, band, remove-one, thin and rank: trustindex/aggregation.py (with its own
decisions), over the shared weight scenarios of trustindex/scenarios.py.
  - coverage = math.fsum of the config weights of the present components, capped at 1;
    value is None when coverage < min_coverage (1e-9 tolerance, so 0.3 + 0.1 + 0.1
    counts as 0.5). A present component whose weight is 0 is shown but takes no part
    in the value or the band.
  - unstable = rounded band width > unstable_width.
  - Results do not depend on input order: inputs are put in a canonical order first.
  - Time series: first_data_date takes every record given (also unpublished
    evaluations and cancelled programs); month_ends keeps only month ends <= the last
    date and snapshot_dates adds "today" unless today is itself a month end.
  - Inputs are validated on construction (status, domain, 6 ratings in 1..4 or None,
    finite non-negative contributions): a bad record raises ValueError, never a number.
"""

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import numpy as np

from evaluation.scoring import evaluation_score

from .aggregation import aggregate, round1
from .inputs import (  # noqa: F401 (re-exported: the method's public vocabulary)
    COMPONENTS,
    CONTINUITY_QUARTERS,
    DAC_CRITERIA,
    DEFAULT_WEIGHTS,
    DELIVERY_HALF_LIFE_DAYS,
    DELIVERY_WINDOW_DAYS,
    DOMAINS,
    EVALUATION_HALF_LIFE_DAYS,
    EVALUATION_WINDOW_DAYS,
    GEOMETRIC_FLOOR,
    METHOD_VERSION,
    RECIPROCITY_WINDOW_DAYS,
    Aggregation,
    ComponentResult,
    DyadInputs,
    EvaluationInput,
    IndexConfig,
    IndexResult,
    MilestoneInput,
    MilestoneStatus,
    ProgramInput,
)

_NEVER = date.max.toordinal() + 1  # ordinal later than any date: "not achieved", "no end"


def _late_score(due: date, achieved: date) -> float:
    late_days = (achieved - due).days
    return 1.0 if late_days <= 0 else max(0.5, 1 - late_days / 365)


def milestone_score(m: MilestoneInput, as_of: date) -> float | None:
    """Delivery score of one milestone at as_of; None means excluded (not yet due or
    cancelled jointly). The delivery window is applied by the caller."""
    if m.due_date > as_of or (m.status == MilestoneStatus.CANCELLED and m.cancelled_jointly):
        return None
    achieved = m.effective_achieved_date
    if m.status == MilestoneStatus.CANCELLED or achieved is None or achieved > as_of:
        return 0.0
    return _late_score(m.due_date, achieved)


def _quarter(d: date) -> int:
    return d.year * 4 + (d.month - 1) // 3


def _quarter_start(quarter: int) -> date:
    quarter = max(quarter, 4)  # no quarter before year 1
    return date(quarter // 4, (quarter % 4) * 3 + 1, 1)


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def month_ends(first: date, last: date) -> list[date]:
    """Month ends from first's month to last's month, keeping only those <= last.

    The current, unfinished month's end is therefore left out; the caller adds "today"
    itself (see ``snapshot_dates``)."""
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        end = _month_end(year, month)
        if end <= last:
            out.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def snapshot_dates(first: date | None, today: date) -> list[date]:
    """The as-of dates of a dyad's series: month ends from its first data, plus today."""
    ends = month_ends(first, today) if first is not None else []
    return ends if ends and ends[-1] == today else [*ends, today]


def first_data_date(inputs: DyadInputs) -> date | None:
    """Earliest program start, milestone due or achievement date, or evaluation date."""
    dates = [p.start_date for p in inputs.programs]
    dates += [m.due_date for m in inputs.milestones]
    dates += [a for m in inputs.milestones if (a := m.effective_achieved_date) is not None]
    dates += [e.date for e in inputs.evaluations]
    return min(dates, default=None)


def _ordinals(dates: Iterable[date | None]) -> np.ndarray:
    return np.array([_NEVER if d is None else d.toordinal() for d in dates], dtype=np.int64)


class _DyadArrays:
    """A dyad's inputs as numpy arrays, built once per series, in a canonical order so
    that float sums do not depend on the order the loader supplied."""

    def __init__(self, inputs: DyadInputs) -> None:
        ms = sorted(inputs.milestones, key=_milestone_key)
        self.m_due = _ordinals(m.due_date for m in ms)
        self.m_achieved = _ordinals(m.effective_achieved_date for m in ms)
        self.m_cancelled = np.array([m.status == MilestoneStatus.CANCELLED for m in ms], bool)
        self.m_joint = self.m_cancelled & np.array([m.cancelled_jointly for m in ms], bool)
        self.m_open_book = np.array([m.is_public and m.has_evidence for m in ms], bool)
        self.m_late_score = np.array(
            [_late_score(m.due_date, a) if (a := m.effective_achieved_date) else 0.0 for m in ms]
        )
        achieved = sorted(a for m in ms if (a := m.effective_achieved_date) is not None)
        self.a_ord = _ordinals(achieved)
        quarters = np.array([_quarter(a) for a in achieved], dtype=np.int64)
        self.a_new_quarter = np.cumsum(np.diff(quarters, prepend=-1) != 0)
        self.m_earliest = min(int(self.m_due.min(initial=_NEVER)), int(self.a_ord.min(initial=_NEVER)))

        evs = sorted(
            (e.date.toordinal(), s)
            for e in inputs.evaluations
            if e.is_published and e.is_independent and (s := evaluation_score(e.ratings)) is not None
        )
        self.e_date = np.array([d for d, _ in evs], dtype=np.int64)
        self.e_score = np.array([s for _, s in evs], dtype=float)

        ps = sorted((p for p in inputs.programs if not p.is_cancelled), key=_program_key)
        self.p_start = _ordinals(p.start_date for p in ps)
        self.p_end = _ordinals(p.end_date for p in ps)
        self.p_a = np.array([p.contribution_a for p in ps], dtype=float)
        self.p_b = np.array([p.contribution_b for p in ps], dtype=float)
        self.p_domain = np.array([DOMAINS.index(p.domain) for p in ps], dtype=np.int64)


def _milestone_key(m: MilestoneInput) -> tuple:
    achieved = m.achieved_date
    return (m.due_date, m.status, achieved is None, achieved or date.min, m.cancelled_jointly,
            m.is_public, m.has_evidence)  # fmt: skip


def _program_key(p: ProgramInput) -> tuple:
    return (p.start_date, p.end_date is None, p.end_date or date.min, p.domain,
            p.contribution_a, p.contribution_b)  # fmt: skip


def _decayed_mean(t, dates, scores, window, half_life):
    """Decay-weighted mean per as-of date (rows) over records dated in (t - window, t]."""
    age = t[:, None] - dates[None, :]
    counted = (age >= 0) & (age < window)
    weight = np.where(counted, np.exp2(-np.where(counted, age, 0) / half_life), 0.0)
    count = counted.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (weight * scores).sum(axis=1) / weight.sum(axis=1)
    return np.where(count > 0, mean, np.nan), count


def _milestone_components(arr: _DyadArrays, t: np.ndarray):
    age = t[:, None] - arr.m_due[None, :]
    scored = (age >= 0) & (age < DELIVERY_WINDOW_DAYS) & ~arr.m_joint
    kept = (arr.m_achieved[None, :] <= t[:, None]) & ~arr.m_cancelled
    score = np.where(kept, arr.m_late_score, 0.0)
    decay = np.exp2(-np.where(scored, age, 0) / DELIVERY_HALF_LIFE_DAYS)
    weight = np.where(scored, decay, 0.0)
    count = scored.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        delivery = (weight * score).sum(axis=1) / weight.sum(axis=1)
        transparency = (scored & arr.m_open_book).sum(axis=1) / count
    present = count > 0
    return np.where(present, delivery, np.nan), np.where(present, transparency, np.nan), count


def _continuity(arr: _DyadArrays, t: np.ndarray, window_start: np.ndarray):
    lo = np.searchsorted(arr.a_ord, window_start, side="left")
    hi = np.searchsorted(arr.a_ord, t, side="right")
    count = hi - lo
    if arr.a_ord.size:
        new = arr.a_new_quarter
        quarters = np.where(count > 0, new[np.maximum(hi - 1, 0)] - new[lo.clip(max=new.size - 1)] + 1, 0)
    else:
        quarters = np.zeros_like(count)
    active = (arr.p_start[None, :] <= t[:, None]) & (arr.p_end[None, :] >= window_start[:, None])
    present = (arr.m_earliest <= t) | active.any(axis=1)
    return np.where(present, quarters / CONTINUITY_QUARTERS, np.nan), count


def _reciprocity(arr: _DyadArrays, t: np.ndarray):
    active = (arr.p_start[None, :] <= t[:, None]) & (arr.p_end[None, :] > t[:, None] - RECIPROCITY_WINDOW_DAYS)
    side_a = np.where(active, arr.p_a, 0.0).sum(axis=1)
    side_b = np.where(active, arr.p_b, 0.0).sum(axis=1)
    total = side_a + side_b
    with np.errstate(invalid="ignore", divide="ignore"):
        value = 1 - np.abs(side_a - side_b) / total
    count = (active & (arr.p_a + arr.p_b > 0)).sum(axis=1)
    return np.where(total > 0, value, np.nan), count


def _breadth(arr: _DyadArrays, t: np.ndarray):
    active = (arr.p_start[None, :] <= t[:, None]) & (arr.p_end[None, :] >= t[:, None])
    per_domain = np.stack([(active & (arr.p_domain == d)).sum(axis=1) for d in range(len(DOMAINS))], axis=1)
    count = per_domain.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = per_domain / count[:, None]
        entropy = -np.where(share > 0, share * np.log(share), 0.0).sum(axis=1) / math.log(5)
    return np.where(count > 0, entropy, np.nan), count


def _component_table(arr: _DyadArrays, dates: Sequence[date]):
    """Component values (NaN = missing) and input counts, one row per as-of date."""
    t = _ordinals(dates)
    window_start = _ordinals(_quarter_start(_quarter(d) - CONTINUITY_QUARTERS + 1) for d in dates)
    delivery, transparency, milestones = _milestone_components(arr, t)
    evaluation, evaluations = _decayed_mean(
        t, arr.e_date, arr.e_score, EVALUATION_WINDOW_DAYS, EVALUATION_HALF_LIFE_DAYS
    )
    continuity, achievements = _continuity(arr, t, window_start)
    reciprocity, contributors = _reciprocity(arr, t)
    breadth, active = _breadth(arr, t)
    values = np.stack([delivery, evaluation, continuity, reciprocity, breadth, transparency], 1)
    counts = np.stack([milestones, evaluations, achievements, contributors, active, milestones], 1)
    return np.clip(values, 0.0, 1.0) + 0.0, counts  # + 0.0 turns -0.0 into 0.0


_round1 = round1  # the rounding rule, under the name the property tests know


def results_from_table(dates: Sequence[date], values: np.ndarray, counts: np.ndarray, config: IndexConfig):
    """IndexResults (no ranks) from a component table, one per date."""
    agg = aggregate(values, counts, config)
    weights = dict(config.weights)
    out = []
    for i, as_of in enumerate(dates):
        components = {
            key: ComponentResult(key, None if math.isnan(v) else v, n)
            for key, v, n in zip(COMPONENTS, values[i].tolist(), counts[i].tolist(), strict=True)
        }
        value = agg.value[i]
        has_value = not math.isnan(value)
        out.append(
            IndexResult(
                as_of=as_of,
                value=float(value) if has_value else None,
                band_low=float(agg.band_low[i]) if has_value else None,
                band_high=float(agg.band_high[i]) if has_value else None,
                coverage=float(agg.coverage[i]),
                components=components,
                weights=weights,
                aggregation=config.aggregation.value,
                method_version=METHOD_VERSION,
                unstable_width=config.unstable_width,
                thin=bool(agg.thin[i]),
                remove_one=remove_one_dict(agg, i),
            )
        )
    return out


def remove_one_dict(agg, i: int) -> dict[str, float | None]:
    """Row i's remove-one values as {component: value or None}."""
    return {
        key: None if math.isnan(v) else v
        for key, v, shown in zip(COMPONENTS, agg.remove_one[i].tolist(), agg.remove_one_shown[i].tolist(), strict=True)
        if shown
    }


def compute_series(
    inputs: DyadInputs, as_of_dates: Sequence[date], *, config: IndexConfig | None = None
) -> list[IndexResult]:
    """The index at each date, in the order given; inputs are converted to arrays once."""
    config = config or IndexConfig()
    dates = list(as_of_dates)
    if not dates:
        return []
    values, counts = _component_table(_DyadArrays(inputs), dates)
    return results_from_table(dates, values, counts, config)


def compute_index(inputs: DyadInputs, as_of: date, *, config: IndexConfig | None = None) -> IndexResult:
    """The index of one dyad as of one date (same as one element of compute_series)."""
    return compute_series(inputs, [as_of], config=config)[0]

"""The bilateral trust index, methods 1.1 and 1.2: plain dataclasses in, numbers out.

`IndexConfig.method_version` chooses: 1.1 (six components, in force by default)
or 1.2, which adds indicator attainment as a seventh, last column
(trustindex/attainment.py); under 1.1 nothing of it is computed.

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
from .attainment import NO_PERIODS, AttainmentArrays, attainment_component
from .inputs import (  # noqa: F401 (re-exported: the method's public vocabulary)
    ATTAINMENT_VERSION,
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


_EPOCH = date(1970, 1, 1).toordinal()


def _late_scores(due: np.ndarray, achieved: np.ndarray) -> np.ndarray:
    """`_late_score` of each (due, achieved) pair, 0.0 where not achieved."""
    late = achieved - due
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(late <= 0, 1.0, np.maximum(0.5, 1 - late / 365))
    return np.where(achieved == _NEVER, 0.0, score)


def _score_table() -> np.ndarray:
    """`evaluation_score` by how many ratings of 1, 2, 3 and 4 an evaluation has (code n1·343 +
    n2·49 + n3·7 + n4), NaN when none is rated."""
    table = np.full(7**4, np.nan)
    for n1 in range(DAC_CRITERIA + 1):
        for n2 in range(DAC_CRITERIA + 1 - n1):
            for n3 in range(DAC_CRITERIA + 1 - n1 - n2):
                for n4 in range(DAC_CRITERIA + 1 - n1 - n2 - n3):
                    score = evaluation_score([1] * n1 + [2] * n2 + [3] * n3 + [4] * n4)
                    table[n1 * 343 + n2 * 49 + n3 * 7 + n4] = np.nan if score is None else score
    return table


_SCORES = _score_table()


def _evaluation_scores(ratings: np.ndarray) -> np.ndarray:
    """`evaluation_score` of each row of ratings (0 = unrated), NaN when nothing is rated; a
    lookup, so it is the very float evaluation_score gives."""
    levels = np.stack([(ratings == level).sum(axis=1) for level in (1, 2, 3, 4)], axis=1)
    return _SCORES[levels @ np.array([343, 49, 7, 1])]


class DyadArrays:
    """A dyad's inputs as numpy arrays, in a canonical order so that float sums do not
    depend on the order the records came in. Built from columns (`from_columns`: the
    columnar loader) or from the method's dataclasses (`from_inputs`); both give the
    same arrays for the same records."""

    first_data: int
    m_earliest: int
    m_due: np.ndarray
    m_achieved: np.ndarray
    m_cancelled: np.ndarray
    m_joint: np.ndarray
    m_open_book: np.ndarray
    m_late_score: np.ndarray
    a_ord: np.ndarray
    a_new_quarter: np.ndarray
    e_date: np.ndarray
    e_score: np.ndarray
    p_start: np.ndarray
    p_end: np.ndarray
    p_a: np.ndarray
    p_b: np.ndarray
    p_domain: np.ndarray

    @classmethod
    def from_inputs(cls, inputs: DyadInputs) -> "DyadArrays":
        ms = inputs.milestones
        evs = inputs.evaluations
        ps = inputs.programs
        return cls.from_columns(
            m_due=_ordinals(m.due_date for m in ms),
            m_achieved=_ordinals(m.effective_achieved_date for m in ms),
            m_cancelled=np.array([m.status == MilestoneStatus.CANCELLED for m in ms], bool),
            m_jointly=np.array([m.cancelled_jointly for m in ms], bool),
            m_open_book=np.array([m.is_public and m.has_evidence for m in ms], bool),
            e_date=_ordinals(e.date for e in evs),
            e_ratings=np.array([[r or 0 for r in e.ratings] for e in evs], dtype=np.int64).reshape(-1, DAC_CRITERIA),
            e_counts=np.array([e.is_published and e.is_independent for e in evs], bool),
            p_start=_ordinals(p.start_date for p in ps),
            p_end=_ordinals(p.end_date for p in ps),
            p_cancelled=np.array([p.is_cancelled for p in ps], bool),
            p_a=np.array([p.contribution_a for p in ps], dtype=float),
            p_b=np.array([p.contribution_b for p in ps], dtype=float),
            p_domain=np.array([DOMAINS.index(p.domain) for p in ps], dtype=np.int64),
        ).with_attainment(AttainmentArrays.of(inputs.attainment))

    attainment: AttainmentArrays = NO_PERIODS

    def with_attainment(self, attainment: AttainmentArrays) -> "DyadArrays":
        """These arrays with the dyad's approved indicator periods (method 1.2) added."""
        self.attainment = attainment
        return self

    @classmethod
    def from_columns(cls, **columns: np.ndarray) -> "DyadArrays":
        """Milestones: due and effective achievement ordinals (_NEVER: not achieved),
        cancelled, cancelled jointly, public with evidence. Evaluations: date ordinal,
        six ratings (0 = unrated), counts (published and independent). Programs: start
        and end ordinals (_NEVER: no end), cancelled, contributions, domain index."""
        self = cls()
        c = columns
        self.first_data = min(
            int(c["p_start"].min(initial=_NEVER)),
            int(c["m_due"].min(initial=_NEVER)),
            int(c["m_achieved"].min(initial=_NEVER)),
            int(c["e_date"].min(initial=_NEVER)),
        )
        joint = c["m_cancelled"] & c["m_jointly"]
        order = np.lexsort((c["m_open_book"], joint, c["m_cancelled"], c["m_achieved"], c["m_due"]))
        self.m_due = c["m_due"][order]
        self.m_achieved = c["m_achieved"][order]
        self.m_cancelled = c["m_cancelled"][order]
        self.m_joint = joint[order]
        self.m_open_book = c["m_open_book"][order]
        self.m_late_score = _late_scores(self.m_due, self.m_achieved)
        self.a_ord = np.sort(self.m_achieved[self.m_achieved != _NEVER])
        quarters = _quarters(self.a_ord)
        self.a_new_quarter = np.cumsum(np.diff(quarters, prepend=-1) != 0)
        self.m_earliest = min(int(self.m_due.min(initial=_NEVER)), int(self.a_ord.min(initial=_NEVER)))

        score = _evaluation_scores(c["e_ratings"]) if len(c["e_date"]) else np.zeros(0)
        counted = c["e_counts"] & ~np.isnan(score)
        dates, scores = c["e_date"][counted], score[counted]
        order = np.lexsort((scores, dates))
        self.e_date, self.e_score = dates[order], scores[order]

        live = ~c["p_cancelled"]
        start, end = c["p_start"][live], c["p_end"][live]
        a, b, domain = c["p_a"][live], c["p_b"][live], c["p_domain"][live]
        order = np.lexsort((b, a, domain, end, start))
        self.p_start, self.p_end = start[order], end[order]
        self.p_a, self.p_b, self.p_domain = a[order], b[order], domain[order]
        return self


def _quarters(ordinals: np.ndarray) -> np.ndarray:
    """year * 4 + quarter index of each date ordinal."""
    months = (ordinals - _EPOCH).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return (months + 1970 * 12) // 3


def _continuity_window_starts(t: np.ndarray) -> np.ndarray:
    """The first day of the quarter seven quarters before each date's quarter."""
    first_quarter = np.maximum(_quarters(t) - CONTINUITY_QUARTERS + 1, 4)  # no quarter before year 1
    months = (first_quarter * 3 - 1970 * 12).astype("datetime64[M]")
    return months.astype("datetime64[D]").astype(np.int64) + _EPOCH


def snapshot_ordinals(first: int, today: int) -> np.ndarray:
    """`snapshot_dates` as ordinals: month ends from the first data's month, then today."""
    if first >= _NEVER:
        return np.array([today], dtype=np.int64)

    def month(ordinal: int) -> int:
        day = date.fromordinal(ordinal)
        return day.year * 12 + day.month - 1

    following = np.arange(month(first), month(today) + 1) + 1 - 1970 * 12  # months after 1970-01
    ends = following.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) - 1 + _EPOCH
    ends = ends[ends <= today]
    if ends.size and ends[-1] == today:
        return ends
    return np.append(ends, today)


def _decayed_mean(t, dates, scores, window, half_life):
    """Decay-weighted mean per as-of date (rows) over records dated in (t - window, t]."""
    age = t[:, None] - dates[None, :]
    counted = (age >= 0) & (age < window)
    weight = np.where(counted, np.exp2(-np.where(counted, age, 0) / half_life), 0.0)
    count = counted.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (weight * scores).sum(axis=1) / weight.sum(axis=1)
    return np.where(count > 0, mean, np.nan), count


def _milestone_components(arr: DyadArrays, t: np.ndarray):
    """Delivery and transparency per date. The decay 0.5 ** ((t - due) / H) factors into
    2 ** (-t / H) · 2 ** (due / H), and the first factor cancels in the weighted mean, so
    each milestone's weight is computed once (relative to the latest due date, which keeps
    the powers in range). Sums run along each row (not a BLAS product), so a date's value
    does not depend on how many other dates are computed with it."""
    due = arr.m_due
    if not due.size:
        empty = np.full(len(t), np.nan)
        return empty, empty.copy(), np.zeros(len(t), dtype=np.int64)
    scored = (due[None, :] <= t[:, None]) & (due[None, :] > t[:, None] - DELIVERY_WINDOW_DAYS) & ~arr.m_joint
    kept = scored & (arr.m_achieved[None, :] <= t[:, None]) & ~arr.m_cancelled
    weight = np.exp2((due - due.max()) / DELIVERY_HALF_LIFE_DAYS)
    count = scored.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        delivery = np.where(kept, weight * arr.m_late_score, 0.0).sum(axis=1) / np.where(scored, weight, 0.0).sum(
            axis=1
        )
        transparency = (scored & arr.m_open_book).sum(axis=1) / count
    present = count > 0
    return np.where(present, delivery, np.nan), np.where(present, transparency, np.nan), count


def _continuity(arr: DyadArrays, t: np.ndarray, window_start: np.ndarray):
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


def _reciprocity(arr: DyadArrays, t: np.ndarray):
    active = (arr.p_start[None, :] <= t[:, None]) & (arr.p_end[None, :] > t[:, None] - RECIPROCITY_WINDOW_DAYS)
    side_a = np.where(active, arr.p_a, 0.0).sum(axis=1)
    side_b = np.where(active, arr.p_b, 0.0).sum(axis=1)
    total = side_a + side_b
    with np.errstate(invalid="ignore", divide="ignore"):
        value = 1 - np.abs(side_a - side_b) / total
    count = (active & (arr.p_a + arr.p_b > 0)).sum(axis=1)
    return np.where(total > 0, value, np.nan), count


def _breadth(arr: DyadArrays, t: np.ndarray):
    active = (arr.p_start[None, :] <= t[:, None]) & (arr.p_end[None, :] >= t[:, None])
    per_domain = np.stack([(active & (arr.p_domain == d)).sum(axis=1) for d in range(len(DOMAINS))], axis=1)
    count = per_domain.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = per_domain / count[:, None]
        entropy = -np.where(share > 0, share * np.log(share), 0.0).sum(axis=1) / math.log(5)
    return np.where(count > 0, entropy, np.nan), count


def component_table(arr: DyadArrays, t: np.ndarray, *, method_version: str = METHOD_VERSION):
    """Component values (NaN = missing) and input counts, one row per as-of date ordinal, in
    the version's component order (method 1.2 adds attainment as the last column)."""
    window_start = _continuity_window_starts(t)
    delivery, transparency, milestones = _milestone_components(arr, t)
    evaluation, evaluations = _decayed_mean(
        t, arr.e_date, arr.e_score, EVALUATION_WINDOW_DAYS, EVALUATION_HALF_LIFE_DAYS
    )
    continuity, achievements = _continuity(arr, t, window_start)
    reciprocity, contributors = _reciprocity(arr, t)
    breadth, active = _breadth(arr, t)
    values = np.stack([delivery, evaluation, continuity, reciprocity, breadth, transparency], 1)
    counts = np.stack([milestones, evaluations, achievements, contributors, active, milestones], 1)
    if method_version == ATTAINMENT_VERSION:
        attainment, indicators = attainment_component(arr.attainment, t)
        values = np.column_stack([values, attainment])
        counts = np.column_stack([counts, indicators])
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
            for key, v, n in zip(config.components, values[i].tolist(), counts[i].tolist(), strict=True)
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
                method_version=config.method_version,
                unstable_width=config.unstable_width,
                thin=bool(agg.thin[i]),
                remove_one=remove_one_dict(agg, i, config.components),
            )
        )
    return out


def remove_one_dict(agg, i: int, components: Sequence[str] = COMPONENTS) -> dict[str, float | None]:
    """Row i's remove-one values as {component: value or None}."""
    return {
        key: None if math.isnan(v) else v
        for key, v, shown in zip(components, agg.remove_one[i].tolist(), agg.remove_one_shown[i].tolist(), strict=True)
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
    t = _ordinals(dates)
    values, counts = component_table(DyadArrays.from_inputs(inputs), t, method_version=config.method_version)
    return results_from_table(dates, values, counts, config)


def compute_index(inputs: DyadInputs, as_of: date, *, config: IndexConfig | None = None) -> IndexResult:
    """The index of one dyad as of one date (same as one element of compute_series)."""
    return compute_series(inputs, [as_of], config=config)[0]

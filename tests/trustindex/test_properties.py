"""Property tests of the trust index: invariants over generated dyads, and a plain-Python
reference implementation of the spec that the vectorised one must agree with."""

import math
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustindex.method import (
    DEFAULT_WEIGHTS,
    DOMAINS,
    Aggregation,
    DyadInputs,
    EvaluationInput,
    IndexConfig,
    MilestoneInput,
    ProgramInput,
    compute_index,
    compute_series,
    evaluation_score,
    milestone_score,
    month_ends,
)
from trustindex.method import _round1 as round_half_up

FAST = settings(max_examples=100, deadline=None)
STATUSES = ("planned", "in_progress", "achieved", "missed", "cancelled")

# Integers mapped to dates, and flags packed into one integer, generate several times
# faster than st.dates() and st.composite, which keeps the suite at a few seconds.
BASE = date(2018, 1, 1)
days = st.integers(0, 3286)
dates = days.map(lambda n: BASE + timedelta(n))
amounts = st.one_of(st.just(0.0), st.integers(0, 10**7).map(float), st.floats(0, 1e9))


def _milestone(due, status, offset, flags):
    due_date = BASE + timedelta(due)
    achieved = None if offset is None else due_date + timedelta(offset)
    return MilestoneInput(due_date, status, achieved, bool(flags & 1), bool(flags & 2), flags > 3)


def _program(start, length, domain, cancelled, a, b):
    start_date = BASE + timedelta(start)
    end = None if length is None else start_date + timedelta(length)
    return ProgramInput(domain, start_date, end, cancelled, a, b)


def milestones():
    offsets = st.one_of(st.none(), st.integers(-400, 600))
    statuses = st.sampled_from(STATUSES)
    return st.builds(_milestone, days, statuses, offsets, st.integers(0, 7))


def programs():
    lengths = st.one_of(st.none(), st.integers(0, 2500))
    domains = st.sampled_from(DOMAINS)
    return st.builds(_program, days, lengths, domains, st.booleans(), amounts, amounts)


evaluations = st.builds(
    EvaluationInput,
    date=dates,
    ratings=st.lists(st.sampled_from([None, 1, 2, 3, 4]), min_size=6, max_size=6).map(tuple),
    is_published=st.booleans(),
    is_independent=st.booleans(),
)
dyads = st.builds(
    DyadInputs,
    programs=st.lists(programs(), max_size=5).map(tuple),
    milestones=st.lists(milestones(), max_size=10).map(tuple),
    evaluations=st.lists(evaluations, max_size=4).map(tuple),
)


def index(inputs, as_of, **config):
    """The index with fewer Monte Carlo draws than the default, to keep the suite fast."""
    config = {"draws": 200} | config
    return compute_index(inputs, as_of, config=IndexConfig(**config))


# --- a reference implementation, written straight from docs/trust-index.md --------------


def _decayed_mean(scored, t, half_life):
    weights = [0.5 ** ((t - d).days / half_life) for d, _ in scored]
    return sum(w * s for w, (_, s) in zip(weights, scored, strict=True)) / sum(weights) if scored else None


def _active(p, d):
    return not p.is_cancelled and p.start_date <= d and (p.end_date is None or p.end_date >= d)


def reference(inputs: DyadInputs, t: date) -> dict[str, tuple[float | None, int]]:
    due = [m for m in inputs.milestones if milestone_score(m, t) is not None and (t - m.due_date).days < 1095]
    delivery = _decayed_mean([(m.due_date, milestone_score(m, t)) for m in due], t, 365)
    open_book = sum(m.is_public and m.has_evidence for m in due)
    transparency = open_book / len(due) if due else None

    rated = [
        (e.date, evaluation_score(e.ratings))
        for e in inputs.evaluations
        if e.is_published and e.is_independent and 0 <= (t - e.date).days < 1825
    ]
    rated = [(d, s) for d, s in rated if s is not None]
    evaluation = _decayed_mean(rated, t, 730)

    year, quarter = t.year, (t.month - 1) // 3
    for _ in range(7):
        year, quarter = (year - 1, 3) if quarter == 0 else (year, quarter - 1)
    window = date(year, quarter * 3 + 1, 1)
    achieved = [
        m.achieved_date
        for m in inputs.milestones
        if m.status == "achieved" and m.achieved_date is not None and m.achieved_date <= t
    ]
    in_window = [a for a in achieved if a >= window]
    quiet = all(m.due_date > t for m in inputs.milestones) and not achieved
    idle = not any(
        not p.is_cancelled and p.start_date <= t and (p.end_date is None or p.end_date >= window)
        for p in inputs.programs
    )
    quarters = {(a.year, (a.month - 1) // 3) for a in in_window}
    continuity = None if quiet and idle else len(quarters) / 8

    recent = [
        p
        for p in inputs.programs
        if not p.is_cancelled and p.start_date <= t and (p.end_date is None or (t - p.end_date).days < 730)
    ]
    side_a = sum(p.contribution_a for p in recent)
    side_b = sum(p.contribution_b for p in recent)
    total = side_a + side_b
    reciprocity = 1 - abs(side_a - side_b) / total if total > 0 else None
    contributors = sum(p.contribution_a + p.contribution_b > 0 for p in recent)

    active = [p for p in inputs.programs if _active(p, t)]
    shares = [sum(p.domain == d for p in active) / len(active) for d in DOMAINS] if active else []
    breadth = -sum(s * math.log(s) for s in shares if s) / math.log(5) if active else None

    return {
        "delivery": (delivery, len(due)),
        "evaluation": (evaluation, len(rated)),
        "continuity": (continuity, len(in_window)),
        "reciprocity": (reciprocity, contributors),
        "breadth": (breadth, len(active)),
        "transparency": (transparency, len(due)),
    }


@FAST
@given(dyads, dates)
def test_components_match_the_reference_implementation(inputs, t):
    result = index(inputs, t)
    for key, (value, count) in reference(inputs, t).items():
        got = result.components[key]
        assert got.input_count == count, key
        if value is None:
            assert got.value is None, key
        else:
            assert got.value == pytest.approx(value, rel=1e-9, abs=1e-12), key


@FAST
@given(dyads, dates)
def test_every_component_is_within_the_unit_interval(inputs, t):
    for result in index(inputs, t).components.values():
        assert result.value is None or 0.0 <= result.value <= 1.0


@FAST
@given(dyads, dates, st.sampled_from(Aggregation))
def test_value_and_band_are_ordered_within_0_and_100(inputs, t, aggregation):
    result = index(inputs, t, aggregation=aggregation, draws=1000)
    if result.value is not None:
        assert 0.0 <= result.band_low <= result.value <= result.band_high <= 100.0


@FAST
@given(dyads, dates)
def test_value_is_given_exactly_when_coverage_reaches_one_half(inputs, t):
    result = index(inputs, t)
    present = [k for k, c in result.components.items() if c.value is not None]
    assert result.coverage == pytest.approx(sum(DEFAULT_WEIGHTS[k] for k in present))
    assert (result.value is None) == (result.coverage < 0.5 - 1e-9)


@FAST
@given(dyads, milestones(), dates, st.integers(0, 400))
def test_achieving_a_missed_milestone_on_time_never_lowers_delivery(inputs, extra, t, early):
    missed = replace(extra, status="missed", achieved_date=None)
    kept = replace(extra, status="achieved", achieved_date=extra.due_date - timedelta(early))
    before = index(replace(inputs, milestones=(*inputs.milestones, missed)), t)
    after = index(replace(inputs, milestones=(*inputs.milestones, kept)), t)
    low, high = before.components["delivery"].value, after.components["delivery"].value
    assert (low is None) == (high is None)
    assert low is None or high >= low - 1e-12


@FAST
@given(dyads, dates, st.randoms(use_true_random=False))
def test_input_order_changes_nothing(inputs, t, rnd):
    def shuffled(items):
        items = list(items)
        rnd.shuffle(items)
        return tuple(items)

    permuted = DyadInputs(shuffled(inputs.programs), shuffled(inputs.milestones), shuffled(inputs.evaluations))
    assert index(permuted, t) == index(inputs, t)


@FAST
@given(dyads, st.lists(dates, min_size=1, max_size=6))
def test_compute_index_equals_the_series_element(inputs, as_of_dates):
    series = compute_series(inputs, as_of_dates)
    assert series == [compute_index(inputs, d) for d in as_of_dates]


@FAST
@given(dyads, dates)
def test_geometric_never_exceeds_arithmetic_by_more_than_the_floor(inputs, t):
    arithmetic = index(inputs, t).value
    geometric = index(inputs, t, aggregation=Aggregation.GEOMETRIC).value
    if arithmetic is not None:
        assert geometric <= arithmetic + 1.0 + 0.1  # floor 0.01 -> 1 point, rounding 0.1


@FAST
@given(milestones(), dates)
def test_milestone_score_is_excluded_zero_or_between_half_and_one(m, t):
    score = milestone_score(m, t)
    assert score is None or score == 0.0 or 0.5 <= score <= 1.0


@FAST
@given(dates, dates)
def test_month_ends_are_distinct_sorted_month_ends_up_to_last(first, last):
    ends = month_ends(first, last)
    assert ends == sorted(set(ends))
    assert all((d + timedelta(1)).day == 1 and d <= last for d in ends)
    assert all(d >= first for d in ends)
    if first <= last:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        assert len(ends) in (months - 1, months)


@FAST
@given(st.one_of(st.floats(0, 100), st.integers(0, 10_000).map(lambda n: n / 100)))
def test_rounding_is_half_up_on_the_shortest_repr(x):
    expected = float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    assert round_half_up(x) == expected

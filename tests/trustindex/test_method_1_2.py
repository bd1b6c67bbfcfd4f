"""Method 1.2: indicator attainment as a seventh component (docs/trust-index.md, "Method 1.2"),
and method 1.1 left exactly as it was."""

import math
import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from results.attainment import AttainmentInput
from trustindex.inputs import COMPONENTS, COMPONENTS_1_2, DEFAULT_WEIGHTS_1_2
from trustindex.method import IndexConfig, compute_index, compute_series
from trustindex.scenarios import scenario_seed, shared_scenarios

from .golden_batches import GOLDEN_1_1, copy_text_digest, golden_dyads
from .test_method import T, dyad, worked_example

V12 = IndexConfig(method_version="1.2")
DOC = (Path(__file__).resolve().parents[2] / "docs" / "trust-index.md").read_text()


def period(indicator, end, target, actual, *, ascending=True, cumulative=False, start=None) -> AttainmentInput:
    start = start or end - timedelta(days=364)
    return AttainmentInput(indicator, 1, start, end, float(target), float(actual), None, ascending, cumulative)


def with_periods(inputs, *periods):
    return replace(inputs, attainment=tuple(periods))


def attainment(periods, as_of=T):
    return compute_index(with_periods(dyad(), *periods), as_of, config=V12).components["attainment"]


# --- the worked example of the docs -------------------------------------------------------


def example_periods():
    return (
        period(1, date(2024, 12, 31), 200, 150),
        period(1, date(2025, 12, 31), 250, 260),
        period(2, date(2025, 6, 30), 24, 30, ascending=False),
        period(3, date(2024, 12, 31), 8, 5, cumulative=True),
        period(3, date(2025, 12, 31), 16, 12, cumulative=True),
    )


def example_1_2():
    return compute_index(with_periods(worked_example(), *example_periods()), T, config=V12)


def test_worked_example_1_2_is_45_4_with_attainment_0_8222_from_3_indicators():
    result = example_1_2()
    assert result.value == 45.4
    assert round(result.components["attainment"].value, 4) == 0.8222
    assert result.components["attainment"].input_count == 3
    assert result.coverage == 0.75
    assert result.method_version == "1.2"


def test_worked_example_per_indicator_numbers():
    first = attainment(example_periods()[:2])
    assert round(first.value, 4) == 0.9167
    assert attainment(example_periods()[2:3]).value == pytest.approx(0.8)
    assert attainment(example_periods()[3:]).value == pytest.approx(0.75)


def test_the_docs_show_the_numbers_the_code_computes():
    result = example_1_2()
    section = DOC[DOC.index("### Worked example (1.2)") :]
    assert f"{result.components['attainment'].value:.4f}" in section
    assert f"{attainment(example_periods()[:2]).value:.4f}" in section
    assert f"**index of {result.value}**" in section
    assert f"{result.band_low}–{result.band_high}" in section
    v11 = compute_index(worked_example(), T)
    assert f"instead of {v11.value}" in section


# --- the rules ----------------------------------------------------------------------------


def test_beating_the_target_scores_one_not_more():
    assert attainment([period(1, T, 100, 250)]).value == 1.0


def test_lower_is_better_divides_the_target_by_the_actual():
    assert attainment([period(1, T, 24, 30, ascending=False)]).value == pytest.approx(0.8)
    assert attainment([period(1, T, 24, 12, ascending=False)]).value == 1.0


def test_a_zero_target_or_actual_scores_met_or_not():
    assert attainment([period(1, T, 0, 0)]).value == 1.0
    assert attainment([period(1, T, 5, 0)]).value == 0.0
    assert attainment([period(1, T, 0, 3, ascending=False)]).value == 0.0


def test_a_cumulative_indicator_counts_only_its_latest_period_ended():
    periods = [period(1, date(2024, 12, 31), 10, 10, cumulative=True), period(1, T, 20, 5, cumulative=True)]
    assert attainment(periods).value == 0.25
    assert attainment(periods, as_of=date(2025, 6, 30)).value == 1.0  # the 2025 period has not ended yet


def test_a_per_period_indicator_counts_each_period_decay_weighted():
    periods = [period(1, date(2024, 12, 31), 10, 10), period(1, T, 20, 5)]
    assert attainment(periods).value == pytest.approx((0.5 * 1.0 + 1.0 * 0.25) / 1.5)


def test_each_indicator_weighs_the_same_however_often_it_reports():
    quarterly = [period(1, T - timedelta(days=d), 10, 10) for d in (0, 1, 2, 3)]
    yearly = [period(2, T, 10, 0)]
    assert attainment(quarterly + yearly).value == pytest.approx(0.5)
    assert attainment(quarterly + yearly).input_count == 2


def test_periods_count_in_the_1095_days_up_to_t():
    assert attainment([period(1, T - timedelta(days=1094), 10, 5)]).value == 0.5
    assert attainment([period(1, T - timedelta(days=1095), 10, 5)]).value is None
    assert attainment([period(1, T + timedelta(days=1), 10, 5)]).value is None


def test_without_counted_periods_attainment_is_missing_and_its_weight_goes_to_the_others():
    result = compute_index(worked_example(), T, config=V12)
    assert result.components["attainment"].value is None
    present = {k: c.value for k, c in result.components.items() if c.value is not None}
    weights = {k: DEFAULT_WEIGHTS_1_2[k] for k in present}
    assert result.coverage == pytest.approx(sum(weights.values()))
    expected = 100 * sum(weights[k] * v for k, v in present.items()) / sum(weights.values())
    assert result.value == round(expected, 1)


def test_input_order_changes_nothing():
    periods = example_periods()
    assert attainment(periods) == attainment(periods[::-1])


finite = st.floats(-1e6, 1e6, allow_nan=False)
periods_strategy = st.lists(
    st.builds(
        period,
        st.integers(1, 4),
        st.integers(-1200, 30).map(lambda n: T + timedelta(days=n)),
        finite,
        finite,
        ascending=st.booleans(),
        cumulative=st.booleans(),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(periods_strategy)
def test_attainment_is_within_zero_and_one_or_missing(periods):
    result = attainment(periods)
    assert result.value is None or 0.0 <= result.value <= 1.0
    assert (result.value is None) == (result.input_count == 0)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 10**6), st.integers(0, 10**6))
def test_raising_the_actual_never_lowers_attainment_when_higher_is_better(target, actual):
    low = attainment([period(1, T, target, actual)]).value
    high = attainment([period(1, T, target, actual + 1)]).value
    assert high >= low
    down_low = attainment([period(1, T, target, actual + 1, ascending=False)]).value
    down_high = attainment([period(1, T, target, actual, ascending=False)]).value
    assert down_high >= down_low


# --- configuration and scenarios ----------------------------------------------------------


def test_1_2_has_seven_components_whose_default_weights_sum_to_one():
    assert V12.components == COMPONENTS_1_2 == (*COMPONENTS, "attainment")
    assert math.fsum(V12.weights.values()) == 1.0
    assert V12.weights["delivery"] + V12.weights["attainment"] == pytest.approx(0.30)


def test_1_2_refuses_six_weights():
    with pytest.raises(ValueError, match="attainment"):
        IndexConfig(weights=IndexConfig().weights, method_version="1.2")


def test_an_unknown_method_version_is_refused():
    with pytest.raises(ValueError, match=r"1\.3"):
        IndexConfig(method_version="1.3")


def test_1_2_scenarios_are_their_own_fixed_set_of_seven_weights():
    scenarios = shared_scenarios(V12)
    assert scenarios.shape == (1000, 7)
    assert np.allclose(scenarios.sum(axis=1), 1.0)
    assert scenario_seed(V12.weights, "1.2") != scenario_seed(IndexConfig().weights)
    assert np.allclose(scenarios.mean(axis=0), [V12.weights[k] for k in COMPONENTS_1_2], atol=0.01)


# --- method 1.1 stays exactly what it was --------------------------------------------------


def test_1_1_ignores_indicator_periods():
    plain = compute_series(worked_example(), [T, date(2025, 6, 30)])
    with_results = compute_series(with_periods(worked_example(), *example_periods()), [T, date(2025, 6, 30)])
    assert plain == with_results
    assert "attainment" not in with_results[0].components


def test_1_1_snapshots_are_byte_identical_to_those_before_method_1_2():
    dyads = golden_dyads()
    assert copy_text_digest(dyads) == GOLDEN_1_1
    loaded = [(i, with_periods(inputs, *example_periods())) for i, inputs in dyads]
    assert copy_text_digest(loaded) == GOLDEN_1_1


def test_the_golden_dyads_have_values_to_compare():
    results = [compute_index(inputs, T) for _, inputs in golden_dyads()]
    assert sum(r.value is not None for r in results) >= 10


def test_docs_table_of_1_2_weights_matches_the_defaults():
    section = DOC[DOC.index("## Method 1.2") :]
    for key, weight in DEFAULT_WEIGHTS_1_2.items():
        assert re.search(rf"\| `{key}` \| [^|]+ \| {weight:.2f} \|", section), key

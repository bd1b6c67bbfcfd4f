"""Method 1.1 against method 1.0 on the same data, and what 1.1 adds: shared scenarios,
remove-one values, the thin flag and rank intervals (docs/trust-index.md)."""

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given

from tests.trustindex.method_v1 import value_and_band_v1
from tests.trustindex.test_method import T, dyad, milestone, program, worked_example
from tests.trustindex.test_properties import FAST, dyads
from trustindex.aggregation import aggregate, rank_intervals, scenario_values
from trustindex.method import COMPONENTS, DEFAULT_WEIGHTS, IndexConfig, compute_index, compute_series
from trustindex.scenarios import shared_scenarios

CONFIG = IndexConfig()


def table(rng, rows: int, missing: tuple[str, ...] = ()) -> np.ndarray:
    values = rng.random((rows, len(COMPONENTS)))
    for key in missing:
        values[:, COMPONENTS.index(key)] = np.nan
    return values


def counts(rows: int, milestones: int = 10) -> np.ndarray:
    return np.full((rows, len(COMPONENTS)), milestones)


def v1_bands(values: np.ndarray) -> np.ndarray:
    out = []
    for n, row in enumerate(values.tolist()):
        components = {k: None if np.isnan(v) else v for k, v in zip(COMPONENTS, row, strict=True)}
        out.append(value_and_band_v1(components, DEFAULT_WEIGHTS, seed_key=f"d{n}", as_of=T))
    return np.array(out)


# --- 1.1 equals 1.0 but for the band's draws ------------------------------------------------


@FAST
@given(dyads)
def test_values_equal_method_1_0_component_for_component(inputs):
    result = compute_index(inputs, T)
    components = {k: c.value for k, c in result.components.items()}
    if result.value is None:
        assert result.coverage < 0.5 or all(v is None for v in components.values())
    else:
        assert result.value == value_and_band_v1(components, DEFAULT_WEIGHTS, seed_key="x", as_of=T)[0]


def test_values_of_a_table_equal_method_1_0():
    values = table(np.random.default_rng(1), 300, missing=("evaluation",))
    assert aggregate(values, counts(300), CONFIG).value.tolist() == v1_bands(values)[:, 0].tolist()


def test_bands_with_every_component_present_match_method_1_0_within_sampling_noise():
    values = table(np.random.default_rng(2), 200)
    ours = aggregate(values, counts(200), CONFIG)
    theirs = v1_bands(values)
    # two independent samples of 1,000: their 5th percentiles differ by ~0.3 points typically
    for ends, reference in ((ours.band_low, theirs[:, 1]), (ours.band_high, theirs[:, 2])):
        difference = np.abs(ends - reference)
        assert np.median(difference) < 0.5 and difference.max() < 1.5


def test_bands_with_a_missing_component_are_somewhat_wider_than_method_1_0():
    # A restricted shared draw is Dirichlet(50 w) over the present components, whose
    # concentration is 50 x coverage, where 1.0 drew Dirichlet(50 w / coverage): at
    # coverage 0.75 the band is about sqrt(51 / 38.5) = 1.15 times as wide.
    values = table(np.random.default_rng(3), 200, missing=("evaluation",))
    ours = aggregate(values, counts(200), CONFIG)
    theirs = v1_bands(values)
    ratio = np.median((ours.band_high - ours.band_low) / (theirs[:, 2] - theirs[:, 1]))
    assert 1.05 < ratio < 1.3


# --- shared scenarios ----------------------------------------------------------------------


def test_scenarios_are_centred_on_the_weights_and_sum_to_one():
    scenarios = shared_scenarios(CONFIG)
    assert scenarios.shape == (1000, 6)
    assert np.allclose(scenarios.sum(axis=1), 1.0)
    assert np.allclose(scenarios.mean(axis=0), [DEFAULT_WEIGHTS[k] for k in COMPONENTS], atol=0.01)


def test_a_zero_weight_component_has_zero_weight_in_every_scenario():
    config = IndexConfig(weights=DEFAULT_WEIGHTS | {"breadth": 0.0, "delivery": 0.40})
    assert (shared_scenarios(config)[:, COMPONENTS.index("breadth")] == 0).all()


def test_the_same_components_get_the_same_band_on_any_date_and_dyad():
    one = compute_index(worked_example(), T)
    shifted = worked_example_shifted(days=-365)
    other = compute_index(shifted, T - timedelta(days=365))
    assert [c.value for c in one.components.values()] == [c.value for c in other.components.values()]
    assert (one.band_low, one.band_high) == (other.band_low, other.band_high)


def worked_example_shifted(days: int):
    inputs = worked_example()
    shift = timedelta(days=days)
    return dyad(
        programs=[
            program(
                p.domain,
                p.start_date + shift,
                p.end_date and p.end_date + shift,
                a=p.contribution_a,
                b=p.contribution_b,
            )
            for p in inputs.programs
        ],
        milestones=[
            milestone(
                m.due_date + shift, m.status, m.achieved_date and m.achieved_date + shift, has_evidence=m.has_evidence
            )
            for m in inputs.milestones
        ],
    )


def test_bands_hold_the_value_and_stay_within_0_and_100():
    values = table(np.random.default_rng(4), 500, missing=("breadth",))
    result = aggregate(values, counts(500), CONFIG)
    assert (result.band_low <= result.value).all() and (result.value <= result.band_high).all()
    assert result.band_low.min() >= 0 and result.band_high.max() <= 100


# --- remove-one ----------------------------------------------------------------------------


def test_remove_one_of_the_worked_example():
    result = compute_index(worked_example(), T)
    # delivery left out: (0.15 * 0.25 + 0.10 * 0.80 + 0.10 * 0 + 0.10 * 1/3) / 0.45 = 33.5
    assert result.remove_one == {
        "delivery": 33.5,
        "continuity": 45.8,
        "reciprocity": 35.8,
        "breadth": 48.1,
        "transparency": 42.9,
    }


def test_remove_one_lists_only_weighted_present_components():
    weights = DEFAULT_WEIGHTS | {"breadth": 0.0, "delivery": 0.40}
    result = compute_index(worked_example(), T, config=IndexConfig(weights=weights))
    assert set(result.remove_one) == {"delivery", "continuity", "reciprocity", "transparency"}


def test_remove_one_of_the_only_weighted_component_leaves_nothing():
    weights = {key: 0.0 for key in COMPONENTS} | {"reciprocity": 1.0}
    result = compute_index(dyad(programs=[program(a=1, b=3)]), T, config=IndexConfig(weights=weights))
    assert result.remove_one == {"reciprocity": None}


def test_no_value_no_remove_one():
    assert compute_index(dyad(), T).remove_one == {}


# --- thin ----------------------------------------------------------------------------------


def test_the_worked_example_is_thin_for_resting_on_three_milestones():
    result = compute_index(worked_example(), T)
    assert (result.coverage, result.thin) == (0.75, True)


def test_five_milestones_at_coverage_three_quarters_are_not_thin():
    inputs = worked_example()
    more = [milestone(date(2025, 6, 30)), milestone(date(2025, 7, 31))]
    result = compute_index(dyad(inputs.programs, (*inputs.milestones, *more)), T)
    assert (result.coverage, result.thin) == (0.75, False)


def test_coverage_below_three_quarters_is_thin_whatever_the_milestones():
    inputs = dyad(programs=[program(a=0, b=0)], milestones=[milestone(T - timedelta(days=n)) for n in range(6)])
    result = compute_index(inputs, T)
    assert result.coverage < 0.75 and result.thin


def test_thin_is_flagged_in_a_series_where_data_is_sparse_first():
    dates = [date(2023, 1, 31), T]
    inputs = worked_example()
    more = [milestone(date(2025, 6, 30)), milestone(date(2025, 7, 31))]
    series = compute_series(dyad(inputs.programs, (*inputs.milestones, *more)), dates)
    assert [r.thin for r in series] == [True, False]


# --- rank intervals ------------------------------------------------------------------------


def test_a_dyad_better_on_every_component_ranks_first_under_every_scenario():
    values = np.array([[0.2] * 6, [0.9] * 6, [0.5] * 6])
    ranks = rank_intervals(values, CONFIG)
    assert ranks.rank.tolist() == [3, 1, 2]
    assert ranks.low.tolist() == ranks.high.tolist() == [3, 1, 2]
    assert ranks.ranked == 3


def test_tied_dyads_share_the_best_rank():
    values = np.array([[0.5] * 6, [0.5] * 6, [0.1] * 6])
    assert rank_intervals(values, CONFIG).rank.tolist() == [1, 1, 3]


def test_ranks_of_close_dyads_spread_over_an_interval():
    # strong on delivery vs strong on evaluation: which comes first depends on the weights
    a = [0.9, 0.5, 0.5, 0.5, 0.5, 0.5]
    b = [0.5, 0.98, 0.5, 0.5, 0.5, 0.5]
    ranks = rank_intervals(np.array([a, b, [0.1] * 6]), CONFIG)
    assert ranks.low.tolist()[:2] == [1, 1] and ranks.high.tolist()[:2] == [2, 2]
    assert ranks.high[2] == 3


def test_ranks_compare_dyads_with_different_missing_components():
    values = np.array([[0.8, np.nan, 0.8, 0.8, 0.8, 0.8], [0.4] * 6])
    assert rank_intervals(values, CONFIG).rank.tolist() == [1, 2]


@pytest.mark.parametrize("aggregation", ["arithmetic", "geometric"])
def test_rank_intervals_are_ordered(aggregation):
    values = table(np.random.default_rng(5), 40, missing=("evaluation",))
    ranks = rank_intervals(values, IndexConfig(aggregation=aggregation))
    assert (ranks.low <= ranks.rank).all() and (ranks.rank <= ranks.high).all()
    assert ranks.low.min() >= 1 and ranks.high.max() <= 40


@pytest.mark.parametrize("aggregation", ["arithmetic", "geometric"])
def test_a_rows_scenario_values_do_not_depend_on_the_rows_beside_it(aggregation):
    config = IndexConfig(aggregation=aggregation)
    rows = np.random.default_rng(6).random((300, 5)) + 0.01
    columns = (0, 2, 3, 4, 5)
    together = scenario_values(rows, columns, config)
    for start, stop in ((0, 1), (7, 8), (299, 300), (10, 13), (100, 275)):
        assert np.array_equal(scenario_values(rows[start:stop], columns, config), together[start:stop])


def test_rank_intervals_are_numpys_inverted_cdf_percentiles_of_the_competition_ranks():
    values = np.round(table(np.random.default_rng(8), 30, missing=("evaluation",)), 1)  # some ties
    ranks = rank_intervals(values, CONFIG)
    scores = np.stack(
        [scenario_values(values[[i]][:, [0, 2, 3, 4, 5]], (0, 2, 3, 4, 5), CONFIG)[0] for i in range(30)], 1
    )
    competition = 1 + (scores[:, None, :] > scores[:, :, None]).sum(axis=2)
    expected = np.percentile(competition, (5, 50, 95), axis=0, method="inverted_cdf")
    assert [ranks.low.tolist(), ranks.rank.tolist(), ranks.high.tolist()] == expected.astype(int).tolist()

"""Unit tests of the trust index method (docs/trust-index.md), one behaviour each."""

import math
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest

from trustindex.aggregation import row_percentiles
from trustindex.method import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    METHOD_VERSION,
    Aggregation,
    DyadInputs,
    EvaluationInput,
    IndexConfig,
    IndexResult,
    MilestoneInput,
    ProgramInput,
    compute_index,
    compute_series,
    evaluation_score,
    first_data_date,
    milestone_score,
    month_ends,
    snapshot_dates,
)
from trustindex.scenarios import scenario_seed

T = date(2025, 12, 31)
SCENARIO_SEED = 2092095911899334665  # SHA-256 of "1.1" + the default weights as sorted JSON
ONLY_RECIPROCITY = {key: 0.0 for key in COMPONENTS} | {"reciprocity": 1.0}


def days(n: int) -> timedelta:
    return timedelta(days=n)


def milestone(due, status="achieved", achieved=None, **kwargs) -> MilestoneInput:
    if status == "achieved" and achieved is None:
        achieved = due
    return MilestoneInput(due_date=due, status=status, achieved_date=achieved, **kwargs)


def program(domain="cultural", start=date(2020, 1, 1), end=None, cancelled=False, a=1.0, b=1.0):
    return ProgramInput(domain, start, end, cancelled, a, b)


def evaluation(on, ratings=(3, 3, 3, 3, 3, 3), **kwargs) -> EvaluationInput:
    return EvaluationInput(date=on, ratings=ratings, **kwargs)


def dyad(programs=(), milestones=(), evaluations=()) -> DyadInputs:
    return DyadInputs(tuple(programs), tuple(milestones), tuple(evaluations))


def index(inputs, as_of=T, **config) -> IndexResult:
    return compute_index(inputs, as_of, config=IndexConfig(**config))


def component(inputs, key, as_of=T):
    return index(inputs, as_of).components[key]


# --- the worked example of the spec -------------------------------------------------------


def worked_example() -> DyadInputs:
    return dyad(
        programs=[
            program("cultural", date(2023, 1, 1), None, a=600_000, b=400_000),
            program("health", date(2024, 6, 1), date(2025, 6, 30), a=0, b=0),
        ],
        milestones=[
            milestone(date(2025, 3, 31), "achieved", date(2025, 3, 20), has_evidence=True),
            milestone(date(2025, 9, 30), "achieved", date(2025, 11, 29), has_evidence=False),
            milestone(date(2025, 12, 15), "in_progress", None),
        ],
    )


def test_worked_example_index_is_41_7():
    assert index(worked_example()).value == 41.7


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("delivery", 0.5389),
        ("continuity", 0.25),
        ("reciprocity", 0.80),
        ("breadth", 0.0),
        ("transparency", 0.3333),
    ],
)
def test_worked_example_component_values(key, expected):
    assert round(component(worked_example(), key).value, 4) == expected


def test_worked_example_evaluation_is_missing():
    assert component(worked_example(), "evaluation").value is None


def test_worked_example_coverage_is_three_quarters():
    assert index(worked_example()).coverage == 0.75


def test_worked_example_input_counts():
    counts = {k: c.input_count for k, c in index(worked_example()).components.items()}
    assert counts == {
        "delivery": 3,
        "evaluation": 0,
        "continuity": 2,
        "reciprocity": 1,
        "breadth": 1,
        "transparency": 3,
    }


def test_worked_example_unrounded_value_is_0_4167():
    result = index(worked_example())
    comps = {k: c.value for k, c in result.components.items() if c.value is not None}
    exact = sum(DEFAULT_WEIGHTS[k] * v for k, v in comps.items()) / 0.75
    assert round(exact, 4) == 0.4167


# --- milestone scores ----------------------------------------------------------------------


def test_milestone_achieved_on_due_date_scores_one():
    assert milestone_score(milestone(date(2025, 6, 1)), T) == 1.0


def test_milestone_achieved_early_scores_one():
    assert milestone_score(milestone(date(2025, 6, 1), achieved=date(2025, 1, 1)), T) == 1.0


def test_late_milestone_loses_one_365th_a_day():
    m = milestone(date(2025, 9, 30), achieved=date(2025, 11, 29))
    assert milestone_score(m, T) == pytest.approx(1 - 60 / 365)


def test_late_milestone_scores_half_after_half_a_year():
    m = milestone(date(2024, 1, 1), achieved=date(2024, 1, 1) + days(183))
    assert milestone_score(m, T) == 0.5


def test_late_milestone_scores_half_after_a_year():
    m = milestone(date(2024, 1, 1), achieved=date(2025, 1, 15))
    assert milestone_score(m, T) == 0.5


def test_open_milestone_after_due_date_scores_zero():
    assert milestone_score(milestone(date(2025, 6, 1), "in_progress"), T) == 0.0


def test_open_milestone_due_on_as_of_scores_zero_that_day():
    assert milestone_score(milestone(T, "in_progress"), T) == 0.0


def test_missed_milestone_scores_zero():
    assert milestone_score(milestone(date(2025, 6, 1), "missed"), T) == 0.0


def test_milestone_not_yet_due_is_excluded():
    assert milestone_score(milestone(T + days(1), "planned"), T) is None


def test_milestone_achieved_early_but_not_yet_due_is_excluded():
    assert milestone_score(milestone(T + days(10), achieved=T - days(10)), T) is None


def test_jointly_cancelled_milestone_is_excluded():
    m = milestone(date(2025, 6, 1), "cancelled", cancelled_jointly=True)
    assert milestone_score(m, T) is None


def test_unilaterally_cancelled_milestone_scores_zero():
    assert milestone_score(milestone(date(2025, 6, 1), "cancelled"), T) == 0.0


def test_cancelled_milestone_with_achieved_date_still_scores_zero():
    m = milestone(date(2025, 6, 1), "cancelled", achieved=date(2025, 5, 1))
    assert milestone_score(m, T) == 0.0


def test_milestone_achieved_after_as_of_counts_as_open():
    m = milestone(date(2025, 6, 1), achieved=date(2026, 1, 10))
    assert milestone_score(m, T) == 0.0


def test_achieved_status_without_date_counts_as_open():
    m = MilestoneInput(date(2025, 6, 1), "achieved", None)
    assert milestone_score(m, T) == 0.0


def test_achieved_date_on_open_status_is_ignored():
    m = milestone(date(2025, 6, 1), "in_progress", achieved=date(2025, 5, 1))
    assert milestone_score(m, T) == 0.0


def test_unknown_milestone_status_is_rejected():
    with pytest.raises(ValueError, match="status"):
        MilestoneInput(date(2025, 6, 1), "done", None)


# --- delivery ------------------------------------------------------------------------------


def test_delivery_counts_milestone_due_on_as_of():
    assert component(dyad(milestones=[milestone(T, "missed")]), "delivery").input_count == 1


def test_delivery_window_includes_milestone_due_1094_days_ago():
    inputs = dyad(milestones=[milestone(T - days(1094))])
    assert component(inputs, "delivery").input_count == 1


def test_delivery_window_excludes_milestone_due_1095_days_ago():
    inputs = dyad(milestones=[milestone(T - days(1095))])
    assert component(inputs, "delivery").value is None


def test_delivery_weights_halve_after_365_days():
    inputs = dyad(milestones=[milestone(T), milestone(T - days(365), "missed")])
    assert component(inputs, "delivery").value == pytest.approx(1 / 1.5)


def test_delivery_is_missing_without_due_milestones():
    inputs = dyad(milestones=[milestone(T + days(30), "planned")])
    assert component(inputs, "delivery").value is None


def test_delivery_is_missing_when_all_due_milestones_were_cancelled_jointly():
    inputs = dyad(milestones=[milestone(T - days(5), "cancelled", cancelled_jointly=True)])
    assert component(inputs, "delivery").value is None


# --- evaluation ----------------------------------------------------------------------------


def test_evaluation_score_of_all_fours_is_one():
    assert evaluation_score((4, 4, 4, 4, 4, 4)) == 1.0


def test_evaluation_score_of_all_ones_is_zero():
    assert evaluation_score((1, 1, 1, 1, 1, 1)) == 0.0


def test_evaluation_score_averages_rated_criteria_only():
    assert evaluation_score((4, None, 1, None, None, None)) == 0.5


def test_evaluation_score_is_none_when_nothing_rated():
    assert evaluation_score((None,) * 6) is None


def test_evaluation_without_rated_criterion_does_not_count():
    inputs = dyad(evaluations=[evaluation(T, (None,) * 6)])
    assert component(inputs, "evaluation").value is None


def test_unpublished_evaluation_does_not_count():
    inputs = dyad(evaluations=[evaluation(T, is_published=False)])
    assert component(inputs, "evaluation").value is None


def test_non_independent_evaluation_does_not_count():
    inputs = dyad(evaluations=[evaluation(T, is_independent=False)])
    assert component(inputs, "evaluation").value is None


def test_evaluation_dated_after_as_of_does_not_exist():
    inputs = dyad(evaluations=[evaluation(T + days(1))])
    assert component(inputs, "evaluation").value is None


def test_evaluation_window_includes_1824_days_ago():
    inputs = dyad(evaluations=[evaluation(T - days(1824), (4,) * 6)])
    assert component(inputs, "evaluation").value == 1.0


def test_evaluation_window_excludes_1825_days_ago():
    inputs = dyad(evaluations=[evaluation(T - days(1825))])
    assert component(inputs, "evaluation").value is None


def test_evaluation_weights_halve_after_730_days():
    inputs = dyad(evaluations=[evaluation(T, (4,) * 6), evaluation(T - days(730), (1,) * 6)])
    assert component(inputs, "evaluation").value == pytest.approx(1 / 1.5)


def test_evaluation_input_count_is_evaluations_counted():
    inputs = dyad(evaluations=[evaluation(T), evaluation(T, is_published=False), evaluation(T)])
    assert component(inputs, "evaluation").input_count == 2


def test_rating_outside_one_to_four_is_rejected():
    with pytest.raises(ValueError, match=r"1\.\.4"):
        EvaluationInput(T, (5, 3, 3, 3, 3, 3))


def test_ratings_must_cover_six_criteria():
    with pytest.raises(ValueError, match="6 DAC"):
        EvaluationInput(T, (3, 3, 3))


# --- continuity ----------------------------------------------------------------------------


def test_continuity_counts_quarters_not_milestones():
    inputs = dyad(milestones=[milestone(date(2025, 10, 1)), milestone(date(2025, 11, 1))])
    assert component(inputs, "continuity").value == 1 / 8


def test_continuity_input_count_is_achievements_in_window():
    inputs = dyad(milestones=[milestone(date(2025, 10, 1)), milestone(date(2025, 11, 1))])
    assert component(inputs, "continuity").input_count == 2


def test_continuity_window_starts_on_first_day_of_seventh_quarter_back():
    inputs = dyad(milestones=[milestone(date(2024, 1, 1))])
    assert component(inputs, "continuity").value == 1 / 8


def test_continuity_window_excludes_the_day_before():
    inputs = dyad(milestones=[milestone(date(2023, 12, 31))])
    assert component(inputs, "continuity").value == 0.0


def test_continuity_ignores_achievement_later_in_the_current_quarter():
    inputs = dyad(milestones=[milestone(date(2019, 1, 1)), milestone(date(2025, 11, 15))])
    assert component(inputs, "continuity", as_of=date(2025, 11, 14)).value == 0.0


def test_continuity_counts_eight_of_eight_quarters_as_one():
    dues = [date(2024 + q // 4, (q % 4) * 3 + 1, 15) for q in range(8)]
    inputs = dyad(milestones=[milestone(d) for d in dues])
    assert component(inputs, "continuity").value == 1.0


def test_continuity_is_missing_without_milestones_or_programs():
    assert component(dyad(), "continuity").value is None


def test_continuity_is_zero_for_a_dyad_gone_quiet():
    inputs = dyad(milestones=[milestone(date(2019, 5, 1))])
    assert component(inputs, "continuity").value == 0.0


def test_continuity_is_zero_with_active_program_and_no_milestone():
    assert component(dyad(programs=[program()]), "continuity").value == 0.0


def test_continuity_is_missing_with_only_future_milestones_and_old_programs():
    inputs = dyad(
        programs=[program(start=date(2018, 1, 1), end=date(2019, 1, 1))],
        milestones=[milestone(T + days(40), "planned")],
    )
    assert component(inputs, "continuity").value is None


# --- reciprocity ---------------------------------------------------------------------------


def test_reciprocity_of_equal_contributions_is_one():
    assert component(dyad(programs=[program(a=5, b=5)]), "reciprocity").value == 1.0


def test_reciprocity_of_one_sided_contributions_is_zero():
    assert component(dyad(programs=[program(a=5, b=0)]), "reciprocity").value == 0.0


def test_reciprocity_sums_over_programs():
    inputs = dyad(programs=[program(a=5, b=0), program(a=0, b=5)])
    assert component(inputs, "reciprocity").value == 1.0


def test_reciprocity_is_missing_without_contributions():
    assert component(dyad(programs=[program(a=0, b=0)]), "reciprocity").value is None


def test_reciprocity_includes_program_ended_729_days_ago():
    inputs = dyad(programs=[program(end=T - days(729), a=1, b=0)])
    assert component(inputs, "reciprocity").value == 0.0


def test_reciprocity_excludes_program_ended_730_days_ago():
    inputs = dyad(programs=[program(end=T - days(730))])
    assert component(inputs, "reciprocity").value is None


def test_reciprocity_excludes_cancelled_program():
    assert component(dyad(programs=[program(cancelled=True)]), "reciprocity").value is None


def test_reciprocity_excludes_program_not_yet_started():
    assert component(dyad(programs=[program(start=T + days(1))]), "reciprocity").value is None


def test_reciprocity_input_count_skips_programs_without_contribution():
    inputs = dyad(programs=[program(a=1, b=2), program(a=0, b=0)])
    assert component(inputs, "reciprocity").input_count == 1


def test_negative_contribution_is_rejected():
    with pytest.raises(ValueError, match="contribution"):
        program(a=-1.0)


def test_decimal_contributions_are_taken_as_floats():
    assert program(a=Decimal("600000.50"), b=Decimal("1")).contribution_a == 600000.5


# --- breadth -------------------------------------------------------------------------------


def test_breadth_of_one_domain_is_zero():
    inputs = dyad(programs=[program("health"), program("health")])
    assert component(inputs, "breadth").value == 0.0


def test_breadth_of_all_five_domains_evenly_is_one():
    inputs = dyad(programs=[program(d) for d in ("cultural", "scientific", "economic", "health", "digital")])
    assert component(inputs, "breadth").value == 1.0


def test_breadth_of_two_domains_evenly_is_ln2_over_ln5():
    inputs = dyad(programs=[program("health"), program("digital")])
    assert component(inputs, "breadth").value == pytest.approx(math.log(2) / math.log(5))


def test_breadth_weighs_domains_by_program_count():
    inputs = dyad(programs=[program("health")] * 3 + [program("digital")])
    expected = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25)) / math.log(5)
    assert component(inputs, "breadth").value == pytest.approx(expected)


def test_breadth_is_missing_without_active_program():
    inputs = dyad(programs=[program(end=T - days(1))])
    assert component(inputs, "breadth").value is None


def test_program_ending_on_as_of_is_active():
    assert component(dyad(programs=[program(end=T)]), "breadth").input_count == 1


def test_program_starting_on_as_of_is_active():
    assert component(dyad(programs=[program(start=T)]), "breadth").input_count == 1


def test_cancelled_program_is_never_active():
    assert component(dyad(programs=[program(cancelled=True)]), "breadth").value is None


def test_unknown_domain_is_rejected():
    with pytest.raises(ValueError, match="domain"):
        program("sports")


# --- transparency --------------------------------------------------------------------------


def test_transparency_needs_public_and_evidence():
    inputs = dyad(
        milestones=[
            milestone(T, has_evidence=True),
            milestone(T, has_evidence=False),
            milestone(T, is_public=False, has_evidence=True),
            milestone(T, is_public=False, has_evidence=False),
        ]
    )
    assert component(inputs, "transparency").value == 0.25


def test_private_milestone_still_counts_for_delivery():
    inputs = dyad(milestones=[milestone(T, is_public=False)])
    assert component(inputs, "delivery").value == 1.0


def test_transparency_is_missing_without_due_milestones():
    inputs = dyad(milestones=[milestone(T + days(1), "planned", has_evidence=True)])
    assert component(inputs, "transparency").value is None


def test_transparency_ignores_milestones_outside_delivery_window():
    inputs = dyad(milestones=[milestone(T - days(1200), has_evidence=True), milestone(T, has_evidence=False)])
    assert component(inputs, "transparency").value == 0.0


def test_transparency_leaves_out_jointly_cancelled_milestones():
    inputs = dyad(
        milestones=[
            milestone(T, has_evidence=True),
            milestone(T, "cancelled", cancelled_jointly=True, has_evidence=False),
        ]
    )
    assert component(inputs, "transparency").value == 1.0


def test_transparency_keeps_unilaterally_cancelled_milestones():
    inputs = dyad(milestones=[milestone(T, has_evidence=True), milestone(T, "cancelled", has_evidence=False)])
    assert component(inputs, "transparency").value == 0.5


# --- coverage, aggregation, rounding -------------------------------------------------------


def sparse_dyad() -> DyadInputs:
    """Reciprocity 0.5 and breadth 0 present (and continuity 0)."""
    return dyad(programs=[program(start=T - days(10), a=3, b=1)])


def test_low_coverage_gives_no_value():
    result = index(dyad(evaluations=[evaluation(T)]))
    assert (result.coverage, result.value) == (0.25, None)


def test_low_coverage_still_reports_components():
    result = index(dyad(evaluations=[evaluation(T)]))
    assert result.components["evaluation"].value == pytest.approx(2 / 3)


def test_low_coverage_gives_no_band():
    result = index(dyad(evaluations=[evaluation(T)]))
    assert (result.band_low, result.band_high, result.unstable) == (None, None, False)


def test_coverage_of_exactly_one_half_gives_a_value():
    # evaluation 0.25 + continuity 0.15 + breadth 0.10; no contributions, no milestones
    inputs = dyad(evaluations=[evaluation(T)], programs=[program(start=T, a=0, b=0)])
    result = index(inputs)
    assert (result.coverage, result.value) == (0.5, 33.3)  # (0.25 * 2/3) / 0.5


def test_coverage_never_exceeds_one_when_weights_sum_just_above_it():
    weights = DEFAULT_WEIGHTS | {"delivery": 0.30 + 5e-10}
    inputs = dyad(
        programs=[program("health", a=1, b=1)],
        milestones=[milestone(T)],
        evaluations=[evaluation(T)],
    )
    assert index(inputs, weights=weights).coverage == 1.0


def test_result_lists_all_six_components_even_when_missing():
    assert list(index(dyad()).components) == list(COMPONENTS)


def test_empty_dyad_has_zero_coverage_and_no_value():
    result = index(dyad())
    assert (result.coverage, result.value) == (0.0, None)


def test_geometric_mean_floors_zero_components_at_one_hundredth():
    weights = {key: 0.0 for key in COMPONENTS} | {"reciprocity": 0.5, "breadth": 0.5}
    result = index(sparse_dyad(), weights=weights, aggregation=Aggregation.GEOMETRIC)
    reciprocity = 1 - 2 / 4
    assert result.value == round(100 * math.sqrt(reciprocity * 0.01), 1)


def test_geometric_mean_of_the_worked_example():
    result = index(worked_example(), aggregation="geometric")
    comps = {k: c.value for k, c in result.components.items() if c.value is not None}
    expected = 100 * math.prod(max(v, 0.01) ** (DEFAULT_WEIGHTS[k] / 0.75) for k, v in comps.items())
    assert result.value == round(expected, 1)


def test_geometric_mean_is_pulled_down_by_a_failing_component():
    arithmetic = index(worked_example()).value
    geometric = index(worked_example(), aggregation=Aggregation.GEOMETRIC).value
    assert geometric < arithmetic


def test_zero_weight_components_do_not_move_the_value():
    assert index(worked_example(), weights=ONLY_RECIPROCITY).value == 80.0


def test_value_rounds_half_up_not_to_even():
    # 1 - 30/32 = 0.0625 -> 6.25; round() would give 6.2 (banker's rounding)
    assert index(dyad(programs=[program(a=1, b=31)]), weights=ONLY_RECIPROCITY).value == 6.3


def test_result_records_weights_aggregation_and_method_version():
    result = index(worked_example(), aggregation=Aggregation.GEOMETRIC)
    assert (result.weights, result.aggregation, result.method_version) == (
        DEFAULT_WEIGHTS,
        "geometric",
        METHOD_VERSION,
    )


def test_result_records_custom_weights():
    weights = DEFAULT_WEIGHTS | {"delivery": 0.20, "transparency": 0.20}
    assert index(worked_example(), weights=weights).weights == weights


# --- sensitivity band ----------------------------------------------------------------------


def test_band_contains_value_for_typical_data():
    result = index(worked_example())
    assert result.band_low < result.value < result.band_high


def test_band_is_deterministic():
    first, second = index(worked_example()), index(worked_example())
    assert (first.band_low, first.band_high) == (second.band_low, second.band_high)


def test_scenario_seed_does_not_depend_on_the_process():
    assert scenario_seed(DEFAULT_WEIGHTS) == SCENARIO_SEED


def test_scenarios_change_with_the_weights():
    other = DEFAULT_WEIGHTS | {"delivery": 0.20, "transparency": 0.20}
    assert scenario_seed(other) != scenario_seed(DEFAULT_WEIGHTS)


def test_band_of_a_single_weighted_component_collapses_to_the_value():
    result = index(dyad(programs=[program(a=1, b=3)]), weights=ONLY_RECIPROCITY)
    assert result.band_low == result.value == result.band_high


def test_band_narrows_as_concentration_grows():
    loose = index(worked_example(), concentration=5.0)
    tight = index(worked_example(), concentration=5000.0)
    assert tight.band_high - tight.band_low < loose.band_high - loose.band_low


def test_index_is_unstable_when_band_wider_than_threshold():
    assert index(worked_example(), unstable_width=1.0).unstable


def test_index_is_stable_when_band_within_threshold():
    assert not index(worked_example()).unstable


def test_row_percentiles_match_numpy():
    values = np.random.default_rng(7).random((3, 1000))
    low, high = row_percentiles(values, (5.0, 95.0))
    assert [low.tolist(), high.tolist()] == np.percentile(values, (5.0, 95.0), axis=1).tolist()


# --- configuration -------------------------------------------------------------------------


def test_default_config_uses_default_weights():
    assert IndexConfig().weights == DEFAULT_WEIGHTS


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({k: v for k, v in DEFAULT_WEIGHTS.items() if k != "breadth"}, "keys"),
        (DEFAULT_WEIGHTS | {"popularity": 0.0}, "keys"),
        (DEFAULT_WEIGHTS | {"delivery": 0.5, "evaluation": -0.05}, "non-negative"),
        (DEFAULT_WEIGHTS | {"delivery": 0.31}, "sum to 1"),
    ],
)
def test_invalid_weights_are_rejected(weights, message):
    with pytest.raises(ValueError, match=message):
        IndexConfig(weights=weights)


def test_weights_summing_to_one_within_tolerance_are_accepted():
    IndexConfig(weights=DEFAULT_WEIGHTS | {"delivery": 0.30 + 1e-12})


def test_config_copies_weights_it_is_given():
    weights = dict(DEFAULT_WEIGHTS)
    config = IndexConfig(weights=weights)
    weights["delivery"] = 0.9
    assert config.weights["delivery"] == 0.30


def test_aggregation_given_as_text_is_accepted():
    assert IndexConfig(aggregation="geometric").aggregation is Aggregation.GEOMETRIC


def test_unknown_aggregation_is_rejected():
    with pytest.raises(ValueError):
        IndexConfig(aggregation="harmonic")


def test_inverted_band_percentiles_are_rejected():
    with pytest.raises(ValueError, match="percentiles"):
        IndexConfig(band_percentiles=(95.0, 5.0))


# --- time series ---------------------------------------------------------------------------


def test_month_ends_run_from_first_month_to_last():
    assert month_ends(date(2024, 11, 15), date(2025, 2, 28)) == [
        date(2024, 11, 30),
        date(2024, 12, 31),
        date(2025, 1, 31),
        date(2025, 2, 28),
    ]


def test_month_ends_leave_out_an_unfinished_last_month():
    assert month_ends(date(2025, 1, 1), date(2025, 2, 27)) == [date(2025, 1, 31)]


def test_month_ends_know_leap_februaries():
    assert month_ends(date(2024, 2, 1), date(2024, 2, 29)) == [date(2024, 2, 29)]


def test_month_ends_are_empty_when_first_is_after_last():
    assert month_ends(date(2025, 3, 1), date(2025, 2, 1)) == []


def test_snapshot_dates_add_today_after_month_ends():
    assert snapshot_dates(date(2025, 1, 20), date(2025, 3, 4)) == [
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 4),
    ]


def test_snapshot_dates_do_not_repeat_a_month_end_today():
    assert snapshot_dates(date(2025, 2, 3), date(2025, 2, 28)) == [date(2025, 2, 28)]


def test_snapshot_dates_without_data_are_today_only():
    assert snapshot_dates(None, T) == [T]


def test_first_data_date_is_earliest_of_all_records():
    inputs = dyad(
        programs=[program(start=date(2021, 5, 1))],
        milestones=[milestone(date(2022, 1, 1), achieved=date(2020, 3, 3))],
        evaluations=[evaluation(date(2020, 7, 1))],
    )
    assert first_data_date(inputs) == date(2020, 3, 3)


def test_first_data_date_of_an_empty_dyad_is_none():
    assert first_data_date(dyad()) is None


def test_series_returns_one_result_per_date_in_order():
    dates = [T, date(2024, 1, 31), T - days(100)]
    results = compute_series(worked_example(), dates)
    assert [r.as_of for r in results] == dates


def test_series_of_no_dates_is_empty():
    assert compute_series(worked_example(), []) == []


def test_series_element_equals_single_index():
    dates = month_ends(date(2023, 1, 1), T)
    series = compute_series(worked_example(), dates)
    assert series == [compute_index(worked_example(), d) for d in dates]

"""Indicator attainment (index method 1.2) and the selector the index engine loads it with."""

from datetime import date
from decimal import Decimal

import pytest

from results.attainment import period_attainment
from results.models import ActualStatus, IndicatorKind
from results.selectors import attainment_inputs
from tests.factories import DyadFactory, IndicatorFactory, PeriodFactory, ProgramFactory, ResultFactory, state


@pytest.mark.parametrize(
    ("target", "actual", "ascending", "expected"),
    [
        (200, 150, True, 0.75),  # the worked example's I1, 2024
        (250, 260, True, 1.0),  # over-achieved: capped
        (24, 30, False, 0.8),  # lower is better: I2
        (16, 12, True, 0.75),  # I3
        (0, 0, True, 1.0),  # a zero target met
        (10, -5, True, 0.0),  # a negative actual: no ratio
        (24, 0, False, 1.0),  # lower is better, none at all
    ],
)
def test_period_attainment_is_direction_aware_and_capped(target, actual, ascending, expected):
    assert period_attainment(target, actual, ascending=ascending) == pytest.approx(expected)


@pytest.mark.django_db
def test_the_selector_gives_each_dyad_its_approved_quantitative_periods_in_one_query(django_assert_num_queries):
    dyad, other = DyadFactory(), DyadFactory(state_a=state("JP"), state_b=state("KR"))
    indicator = IndicatorFactory(result=ResultFactory(program=ProgramFactory(dyad=dyad)), ascending=False)
    approved = {"status": ActualStatus.APPROVED, "submitted_state": state("IR"), "actual_value": Decimal("150")}
    PeriodFactory(indicator=indicator, **approved)
    submitted = {**approved, "status": ActualStatus.SUBMITTED}
    PeriodFactory(indicator=indicator, start=date(2025, 1, 1), end=date(2025, 12, 31), **submitted)
    draft_program = ProgramFactory(dyad=dyad, is_published=False)
    PeriodFactory(indicator=IndicatorFactory(result=ResultFactory(program=draft_program)), **approved)
    qualitative = IndicatorFactory(
        result=ResultFactory(program=ProgramFactory(dyad=dyad)),
        kind=IndicatorKind.QUALITATIVE,
        unit="",
        baseline_value=None,
    )
    PeriodFactory(indicator=qualitative, target_value=None, **{**approved, "actual_value": None})
    PeriodFactory(indicator=IndicatorFactory(result=ResultFactory(program=ProgramFactory(dyad=other))), **approved)
    with django_assert_num_queries(1):
        inputs = attainment_inputs([dyad.pk, other.pk])
    (only,) = inputs[dyad.pk]
    assert (only.indicator_id, only.target, only.actual, only.ascending, only.period_end) == (
        indicator.pk,
        200.0,
        150.0,
        False,
        date(2024, 12, 31),
    )
    assert only.attainment == 1.0  # lower is better, and 150 is below the target of 200
    assert len(inputs[other.pk]) == 1

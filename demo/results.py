"""The demo programs' results frameworks: yearly periods with targets, and actuals in every workflow state.

Past periods are mostly approved by the other side; some were returned for
revision, some await review, and some are late (never submitted). Records
are looked up by natural keys and randomness is seeded per program, so a
second run changes nothing.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from programs.models import Program
from results.models import (
    REPORTING_DAYS,
    ActualStatus,
    Breakdown,
    Dimension,
    Indicator,
    IndicatorKind,
    ReportingPeriod,
    Result,
)

from . import data as demo_data

MAX_PERIODS = 5
RETURN_COMMENT = "Please attach the signed attendance lists and check the totals against the breakdown."


def seed_results(program: Program, *, today: date, staff: dict[str, User]) -> None:
    """The program's results framework from demo_data.RESULTS; `staff` is a ministry user per state code."""
    rng = random.Random(f"results:{program.dyad.slug}:{program.title}")
    for kind, title, indicators in demo_data.RESULTS[program.domain]:
        result, _ = Result.objects.get_or_create(
            program=program, title=title, defaults={"type": kind, "description": "Illustrative result."}
        )
        for spec in indicators:
            _indicator(result, spec, rng, today=today, staff=staff)


def _indicator(result: Result, spec: tuple, rng: random.Random, *, today: date, staff: dict[str, User]) -> None:
    title, unit, ascending, cumulative, baseline, _step, dimensions = spec
    program = result.program
    indicator, _ = Indicator.objects.get_or_create(
        result=result,
        title=title,
        defaults={
            "kind": IndicatorKind.QUANTITATIVE if unit else IndicatorKind.QUALITATIVE,
            "unit": unit or "",
            "ascending": ascending,
            "cumulative": cumulative,
            "baseline_value": Decimal(baseline) if unit else None,
            "baseline_date": program.start_date,
            "baseline_comment": "Measured before the program started.",
        },
    )
    states = program.dyad.state_a.name, program.dyad.state_b.name
    categories = {"Side": list(states), "Gender": list(demo_data.GENDERS)}
    for name in dimensions:
        Dimension.objects.get_or_create(indicator=indicator, name=name, defaults={"categories": categories[name]})
    start = program.start_date
    last_start = min(program.end_date or today + timedelta(days=365), today + timedelta(days=365))
    for number in range(MAX_PERIODS):
        if start > last_start:
            break
        end = _year_after(start) - timedelta(days=1)
        _period(indicator, number, start, end, spec, rng, today=today, staff=staff)
        start = end + timedelta(days=1)


def _year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _target(spec: tuple, number: int) -> Decimal | None:
    _, unit, _, _, baseline, step, _ = spec
    if unit is None:
        return None
    value = Decimal(baseline + step * (number + 1))
    return min(value, Decimal(95)) if unit == "%" else max(value, Decimal(4))


def _status(end: date, rng: random.Random, today: date) -> str:
    if end + timedelta(days=REPORTING_DAYS) >= today:
        return ActualStatus.DRAFT
    roll = rng.random()
    if roll < 0.66:
        return ActualStatus.APPROVED
    if roll < 0.80:
        return ActualStatus.RETURNED
    if roll < 0.87:
        return ActualStatus.SUBMITTED
    return ActualStatus.DRAFT  # late: never submitted


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _period(indicator, number, start, end, spec, rng, *, today, staff) -> None:
    target = _target(spec, number)
    status = _status(end, rng, today)
    reported = status != ActualStatus.DRAFT
    fields: dict = {"end": end, "target_value": target, "status": status}
    if target is None:
        fields["target_comment"] = "Agreement signed and in force."
    if reported:
        fields.update(_actual(indicator, target, spec, rng, start, end, status, staff))
    period, created = ReportingPeriod.objects.get_or_create(indicator=indicator, start=start, defaults=fields)
    if created and reported and period.actual_value is not None:
        _breakdowns(period, rng)


def _actual(indicator, target, spec, rng, start, end, status, staff) -> dict:
    program = indicator.result.program
    _, unit, _, _, baseline, _, _ = spec
    side, other = rng.sample([program.dyad.state_a_id, program.dyad.state_b_id], 2)
    fields = {
        "submitted_state_id": side,
        "submitted_by": staff[side],
        "submitted_at": _moment(end + timedelta(days=rng.randrange(5, 25))),
        "evidence_url": f"https://example.org/evidence/{program.pk}/results/{start.year}",
        "actual_comment": "Illustrative figure, reported by the submitting side.",
    }
    if target is None:
        approved = status == ActualStatus.APPROVED
        fields["actual_comment"] = "In force." if approved else "Agreement drafted; signature due."
    else:
        achieved = Decimal(baseline) + (target - Decimal(baseline)) * Decimal(str(round(rng.uniform(0.55, 1.1), 2)))
        fields["actual_value"] = achieved.quantize(Decimal("0.1") if unit == "%" else Decimal("1"))
    if status in (ActualStatus.APPROVED, ActualStatus.RETURNED):
        fields.update(reviewed_by=staff[other], reviewed_at=_moment(end + timedelta(days=rng.randrange(26, 50))))
    if status == ActualStatus.RETURNED:
        fields["review_comment"] = RETURN_COMMENT
    return fields


def _breakdowns(period: ReportingPeriod, rng: random.Random) -> None:
    """Split the actual over each dimension's categories, so each breakdown adds up to the total."""
    total = period.actual_value
    assert total is not None  # the caller splits recorded actuals only
    for dimension in period.indicator.dimensions.all():
        first = (total * Decimal(str(round(rng.uniform(0.38, 0.62), 2)))).quantize(Decimal("1"))
        for category, value in zip(dimension.categories, (first, total - first), strict=True):
            Breakdown.objects.get_or_create(
                period=period, dimension=dimension, category=category, defaults={"value": value}
            )

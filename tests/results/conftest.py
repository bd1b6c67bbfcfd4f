"""A program of IR–SA whose owning ministries have one staff user each, with an indicator broken down by side."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories import (
    DimensionFactory,
    DyadFactory,
    IndicatorFactory,
    PeriodFactory,
    ProgramFactory,
    ResultFactory,
)
from tests.people import staff

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Framework:
    program: Any
    iran: Any  # staff of the owning ministry, side A
    saudi: Any  # staff of the owning ministry, side B
    indicator: Any
    side: Any
    period: Any


@pytest.fixture
def framework(db) -> Framework:
    return build_framework()


def build_framework() -> Framework:
    iran, saudi = staff("IR"), staff("SA")
    program = ProgramFactory(
        dyad=DyadFactory(),
        ministry_a=iran.profile.ministry,
        ministry_b=saudi.profile.ministry,
        title="Student exchange",
    )
    indicator = IndicatorFactory(result=ResultFactory(program=program), title="Students exchanged")
    side = DimensionFactory(indicator=indicator)
    return Framework(program, iran, saudi, indicator, side, PeriodFactory(indicator=indicator))


def actual_form(period, **changes) -> dict:
    """What the actual form posts when nothing is touched, with `changes` on top."""
    values = {
        "actual_value": "" if period.actual_value is None else str(period.actual_value),
        "actual_comment": period.actual_comment,
        "evidence_url": period.evidence_url,
        "version": period.version,
    }
    for index, category in enumerate(period.indicator.dimensions.get().categories):
        found = period.breakdowns.filter(category=category).first()
        values[f"breakdown_{period.indicator.dimensions.get().pk}_{index}"] = str(found.value) if found else ""
    return values | changes

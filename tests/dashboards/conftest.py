"""Fixtures for the dashboard tests: a clean page cache and index snapshots."""

from datetime import date

import pytest
from django.core.cache import cache

from tests.factories import IndexSnapshotFactory

COMPONENTS = {
    "delivery": {"value": 0.54, "count": 3},
    "evaluation": {"value": None, "count": 0},
    "continuity": {"value": 0.25, "count": 2},
    "reciprocity": {"value": 0.8, "count": 1},
    "breadth": {"value": 0.0, "count": 1},
    "transparency": {"value": 0.33, "count": 3},
}


@pytest.fixture(autouse=True)
def empty_cache():
    """Pages are cached in the process-wide cache; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


def month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def make_history(dyad, months: int = 24, start: float = 30.0, step: float = 0.5, first_year: int = 2023):
    """Monthly snapshots rising by `step` a month, from January of `first_year`."""
    snapshots = []
    for i in range(months):
        year, month = first_year + i // 12, i % 12 + 1
        value = round(start + step * i, 1)
        snapshots.append(
            IndexSnapshotFactory(
                dyad=dyad,
                as_of=month_end(year, month),
                value=value,
                band_low=value - 4,
                band_high=value + 4,
                components=COMPONENTS,
                weights={"delivery": 0.3, "evaluation": 0.25, "continuity": 0.15},
            )
        )
    return snapshots


@pytest.fixture
def history(dyad):
    return make_history(dyad)

"""The overview says what the status and the index each measure, and names the pairs where they disagree."""

import pytest
from django.urls import reverse

from programs.choices import DyadStatus
from tests.factories import DyadFactory, state

from .conftest import make_history

pytestmark = pytest.mark.django_db


def pair(a: str, b: str, status: str, value: float):
    dyad = DyadFactory(state_a=state(a), state_b=state(b), status=status)
    make_history(dyad, months=1, start=value)
    return dyad


def test_the_overview_explains_status_and_index_and_names_where_they_disagree(client):
    am_tr = pair("AM", "TR", DyadStatus.ESTRANGED, 49.8)
    co_ve = pair("CO", "VE", DyadStatus.THAWING, 46.0)
    er_et = pair("ER", "ET", DyadStatus.THAWING, 42.4)
    pair("QA", "SA", DyadStatus.NORMALISED, 59.7)  # above everyone: no disagreement
    body = client.get(reverse("dashboards:overview")).content.decode().replace("&#x27;", "'")
    assert "is the state of diplomatic relations, set by ruptures and normalisations" in body
    assert "measures what the pair's joint programs deliver" in body
    others = f"{co_ve} (46.0, Thawing) and {er_et} (42.4, Thawing)"
    assert f"{am_tr} is Estranged, yet its index (49.8) is above that of {others}." in body
    assert body.count("yet its index") == 1


def test_no_pair_is_named_when_status_and_index_agree(client):
    pair("QA", "SA", DyadStatus.NORMALISED, 59.7)
    pair("AM", "TR", DyadStatus.ESTRANGED, 30.0)
    body = client.get(reverse("dashboards:overview")).content.decode()
    assert "Status and index say different things" in body and "yet its index" not in body

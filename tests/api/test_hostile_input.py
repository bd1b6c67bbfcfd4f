"""Hostile input never gives a 500: every bad query parameter is a 400 naming it.

The sweep sends each documented parameter of every list endpoint a set of
values seen in attacks and typos (Unicode digits, NUL, huge numbers, words
for booleans, very long text) and checks the answer is a 200 or a 400 in the
error shape that names the parameter.
"""

from datetime import date

import pytest
from rest_framework.throttling import SimpleRateThrottle

from api.urls import router
from milestones.models import MilestoneStatus
from tests.api.conftest import token_client
from tests.factories import EvaluationFactory, IndexSnapshotFactory, MilestoneFactory, ProgramFactory
from tests.people import staff
from trustindex.models import IndexSnapshot

pytestmark = pytest.mark.django_db

API = "/api/v1"
HOSTILE_VALUES = [
    "²",
    "①",
    "\x00",
    "maybe",
    "-1",
    "1.5",
    "1e999999",
    "99999999999999999999999",
    "0001-01-01",
    "x" * 3000,
    "' OR 1=1 --",
    "\u202egnp.exe",
    "١٢",
]
EXTRA_LIST_ENDPOINTS = {
    "snapshots/current": "snapshot",
    "dyads/ir-sa/index/history": "snapshot",
}


def list_endpoints() -> list[tuple[str, list[str]]]:
    """(URL, accepted parameters) for every list endpoint, read from the viewsets themselves."""
    endpoints = []
    for prefix, viewset, _ in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        params = sorted(filterset.base_filters) if filterset else []
        paging = ["cursor", "page_size"] if prefix == "snapshots" else ["page", "page_size"]
        endpoints.append((f"{API}/{prefix}/", [*params, *paging, "ordering"]))
    snapshot_params = endpoints[[p for p, _ in endpoints].index(f"{API}/snapshots/")][1]
    endpoints += [(f"{API}/{path}/", snapshot_params) for path in EXTRA_LIST_ENDPOINTS]
    return endpoints


@pytest.fixture
def records(dyad):
    program = ProgramFactory(dyad=dyad)
    MilestoneFactory(program=program)
    EvaluationFactory(program=program)
    IndexSnapshotFactory(dyad=dyad)
    return program


def test_no_hostile_query_parameter_gives_a_500(anon, records, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"})
    checked = 0
    for url, params in list_endpoints():
        for name in params:
            for value in HOSTILE_VALUES:
                response = anon.get(url, {name: value})
                where = f"{url}?{name}={value[:20]!r}"
                assert response.status_code in (200, 400), f"{where}: {response.status_code}"
                if response.status_code == 400:
                    error = response.json()["error"]
                    assert name in error["fields"], f"{where}: {error}"
                checked += 1
    assert checked > 500


@pytest.mark.parametrize("value", ["²", "①", "٣"])
@pytest.mark.parametrize("endpoint", ["programs", "milestones", "evaluations"])
def test_unicode_digits_are_not_a_page_size(anon, endpoint, value):
    response = anon.get(f"{API}/{endpoint}/", {"page_size": value})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"page_size": ["Give a whole number from 1 to 200."]}


def test_a_nul_in_the_method_version_is_a_400_naming_it(anon, records):
    response = anon.get(f"{API}/dyads/ir-sa/index/?method_version=%00")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["method_version"]


def test_a_malformed_method_version_is_a_400_naming_it(anon, records):
    response = anon.get(f"{API}/dyads/ir-sa/index/", {"method_version": "1.0; drop table"})
    assert response.status_code == 400
    assert "method_version" in response.json()["error"]["fields"]


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_a_boolean_filter_refuses_anything_but_true_or_false(anon, value):
    response = anon.get(f"{API}/milestones/", {"overdue": value})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"overdue": ["Give true or false."]}


def test_overdue_true_and_false_still_filter(anon, records):
    MilestoneFactory(program=records, due_date=date(2024, 1, 31), is_published=True)
    overdue = anon.get(f"{API}/milestones/", {"overdue": "true"}).json()["results"]
    on_time = anon.get(f"{API}/milestones/", {"overdue": "false"}).json()["results"]
    assert all(m["is_overdue"] for m in overdue) and not any(m["is_overdue"] for m in on_time)


@pytest.mark.parametrize("page", ["abc", "0", "②", "999"])
def test_a_page_that_is_not_a_page_is_a_400_naming_it(anon, records, page):
    response = anon.get(f"{API}/programs/", {"page": page})
    assert response.status_code == 400 and list(response.json()["error"]["fields"]) == ["page"]


def test_a_made_up_cursor_is_a_400_naming_it(anon, records):
    response = anon.get(f"{API}/snapshots/", {"cursor": "bz1ub3QtYS1udW1iZXI="})  # "o=not-a-number"
    assert response.status_code == 400 and list(response.json()["error"]["fields"]) == ["cursor"]


def test_a_nul_anywhere_in_the_query_is_refused_before_the_database_sees_it(anon, records, client):
    response = anon.get(f"{API}/states/?name=ir%00an")
    assert response.status_code == 400 and response.json()["error"]["fields"] == {
        "name": ["Query parameters cannot contain NUL characters."]
    }
    assert client.get("/?sort=%00").status_code == 400


# --- the extreme-date edit ---------------------------------------------------------


def test_the_extreme_date_edit_is_refused_and_writes_no_snapshot(records):
    snapshots = IndexSnapshot.objects.count()
    response = token_client(staff("IR")).patch(
        f"{API}/programs/{records.pk}/", {"start_date": "0001-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert "start_date" in response.json()["error"]["fields"]
    records.refresh_from_db()
    assert records.start_date == date(2023, 1, 1) and IndexSnapshot.objects.count() == snapshots


@pytest.mark.parametrize(
    ("field", "value"), [("start_date", "1944-12-31"), ("end_date", "2199-01-01"), ("start_date", "9999-12-31")]
)
def test_program_dates_outside_the_domain_are_refused(records, field, value):
    response = token_client(staff("IR")).patch(f"{API}/programs/{records.pk}/", {field: value}, format="json")
    assert response.status_code == 400 and field in response.json()["error"]["fields"]


def test_a_milestone_achieved_before_1945_is_refused(records):
    milestone = MilestoneFactory(program=records)
    response = token_client(staff("IR")).post(
        f"{API}/milestones/{milestone.pk}/status/",
        {"status": MilestoneStatus.ACHIEVED, "achieved_date": "1900-01-01", "evidence_url": "https://e.org/r"},
        format="json",
    )
    assert response.status_code == 400 and "achieved_date" in response.json()["error"]["fields"]


# --- titles -------------------------------------------------------------------------


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2066", "\u2069", "\u202a"])
def test_a_title_with_bidi_control_characters_is_refused(records, control):
    response = token_client(staff("IR")).patch(
        f"{API}/programs/{records.pk}/", {"title": f"Film week {control}kaerb"}, format="json"
    )
    assert response.status_code == 400
    assert "text-direction" in response.json()["error"]["fields"]["title"][0]


def test_a_right_to_left_title_without_controls_is_accepted(records):
    response = token_client(staff("IR")).patch(
        f"{API}/programs/{records.pk}/", {"title": "هفته فیلم ایران و عربستان"}, format="json"
    )
    assert response.status_code == 200, response.content

"""Results over the API: the public sees approved actuals only; writes go through the same services and rules."""

from datetime import date

import pytest

from results.models import ActualStatus
from tests.factories import (
    DimensionFactory,
    DyadFactory,
    IndicatorFactory,
    PeriodFactory,
    ProgramFactory,
    ResultFactory,
    state,
)
from tests.people import staff

from .conftest import results, token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def periods(program):
    """Approved 2023 and submitted 2024 periods of a published program; a period of a draft program."""
    indicator = IndicatorFactory(result=ResultFactory(program=program))
    approved = PeriodFactory(
        indicator=indicator,
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
        actual_value=150,
        status=ActualStatus.APPROVED,
        submitted_state=state("IR"),
    )
    submitted = PeriodFactory(indicator=indicator, actual_value=4321, status="submitted", submitted_state=state("IR"))
    draft_program = ProgramFactory(dyad=program.dyad, is_published=False)
    hidden = PeriodFactory(indicator=IndicatorFactory(result=ResultFactory(program=draft_program)))
    return {"approved": approved, "submitted": submitted, "hidden": hidden}


def test_the_public_sees_approved_actuals_and_targets_but_no_draft(anon, periods):
    rows = {row["id"]: row for row in results(anon.get("/api/v1/periods/"))}
    assert set(rows) == {periods["approved"].pk, periods["submitted"].pk}
    assert rows[periods["approved"].pk]["actual"]["value"] == "150.0000"
    assert rows[periods["submitted"].pk]["actual"] is None
    assert rows[periods["submitted"].pk]["target_value"] == "200.0000"
    assert b"4321" not in anon.get("/api/v1/periods/").content


def test_filtering_on_workflow_status_never_reveals_a_draft(anon, periods):
    assert results(anon.get("/api/v1/periods/?status=submitted")) == []
    assert [r["id"] for r in results(anon.get("/api/v1/periods/?status=approved"))] == [periods["approved"].pk]
    assert results(anon.get("/api/v1/periods/?late=true")) == []


def test_both_sides_see_the_draft_actual(periods):
    client = token_client(staff("SA"))
    row = client.get(f"/api/v1/periods/{periods['submitted'].pk}/").json()
    assert row["actual"]["value"] == "4321.0000" and row["actual"]["submitted_state"] == "IR"
    assert client.get(f"/api/v1/periods/{periods['hidden'].pk}/").status_code == 200
    assert token_client(staff("FR")).get(f"/api/v1/periods/{periods['hidden'].pk}/").status_code == 404


def test_a_framework_built_reported_and_approved_over_the_api(program):
    iran, saudi = token_client(staff("IR")), token_client(staff("SA"))
    result = iran.post("/api/v1/results/", {"program": program.pk, "title": "Students meet"}, format="json")
    assert result.status_code == 201, result.content
    indicator = iran.post(
        "/api/v1/indicators/",
        {
            "result": result.json()["id"],
            "title": "Students exchanged",
            "unit": "students",
            "baseline_value": "0",
            "baseline_date": "2023-01-01",
            "dimensions": [{"name": "Side", "categories": ["Iran", "Saudi Arabia"]}],
        },
        format="json",
    )
    assert indicator.status_code == 201, indicator.content
    dimension = indicator.json()["dimensions"][0]["id"]
    period = iran.post(
        "/api/v1/periods/",
        {"indicator": indicator.json()["id"], "start": "2024-01-01", "end": "2024-12-31", "target_value": "200"},
        format="json",
    )
    assert period.status_code == 201, period.content
    url = f"/api/v1/periods/{period.json()['id']}/"
    recorded = iran.post(
        url + "actual/",
        {
            "actual_value": "150",
            "evidence_url": "https://example.org/list.pdf",
            "breakdowns": [{"dimension": dimension, "category": "Iran", "value": "80"}],
        },
        format="json",
    )
    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["actual"]["breakdowns"][0]["value"] == "80.0000"
    assert iran.post(url + "submit/").json()["actual"]["status"] == "submitted"
    assert iran.post(url + "approve/").status_code == 403  # not the submitting side
    returned = saudi.post(url + "return/", {"review_comment": "Attach the list."}, format="json")
    assert returned.json()["actual"]["review_comment"] == "Attach the list."
    assert iran.post(url + "submit/").status_code == 200
    approved = saudi.post(url + "approve/")
    assert approved.status_code == 200 and approved.json()["approved"] is True
    locked = iran.post(url + "actual/", {"actual_value": "999"}, format="json")
    assert locked.status_code == 400 and "locked" in locked.json()["error"]["message"]


def test_bad_input_is_a_400_next_to_the_field(program, periods):
    iran = token_client(staff("IR"))
    indicator = iran.post(
        "/api/v1/indicators/", {"result": periods["approved"].indicator.result_id, "title": "No unit"}, format="json"
    )
    assert indicator.status_code == 400 and "unit" in indicator.json()["error"]["fields"]
    overlap = iran.post(
        "/api/v1/periods/",
        {"indicator": periods["approved"].indicator_id, "start": "2023-06-01", "end": "2024-05-31"},
        format="json",
    )
    assert overlap.status_code == 400 and "start" in overlap.json()["error"]["fields"]
    assert iran.get("/api/v1/periods/?status=done").status_code == 400
    assert iran.get("/api/v1/results/?dyad=xx-yy").status_code == 400


def test_anonymous_writes_are_refused(anon, periods):
    assert anon.post(f"/api/v1/periods/{periods['submitted'].pk}/approve/").status_code == 401


def test_list_endpoints_run_a_fixed_number_of_queries(anon, django_assert_max_num_queries):
    dyad = DyadFactory()
    for _ in range(4):
        indicator = IndicatorFactory(result=ResultFactory(program=ProgramFactory(dyad=dyad)))
        DimensionFactory(indicator=indicator)
        for year in (2023, 2024, 2025):
            PeriodFactory(indicator=indicator, start=date(year, 1, 1), end=date(year, 12, 31))
    for url in ("/api/v1/results/", "/api/v1/indicators/", "/api/v1/periods/"):
        with django_assert_max_num_queries(6):
            assert len(results(anon.get(url))) >= 4

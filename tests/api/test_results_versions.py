"""Results over the API carry versions: ETag on reads, If-Match on PATCH and on every action, 412 when stale."""

from decimal import Decimal

import pytest

from results import services
from results.models import ActualStatus, ReportingPeriod
from tests.people import staff
from tests.results.conftest import Framework, build_framework

from .conftest import token_client

pytestmark = pytest.mark.django_db
EVIDENCE = "https://example.org/list.pdf"


@pytest.fixture
def framework(db) -> Framework:
    return build_framework()


def etag(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


@pytest.mark.parametrize("kind", ["results", "indicators", "periods"])
def test_a_stale_patch_is_refused_with_412_naming_who_changed_what(framework, kind):
    record = {"results": framework.indicator.result, "indicators": framework.indicator, "periods": framework.period}[
        kind
    ]
    iran, saudi = token_client(framework.iran), token_client(framework.saudi)
    url = f"/api/v1/{kind}/{record.pk}/"
    seen = etag(iran, url)
    assert seen == '"v1"' and iran.get(url).json()["version"] == 1
    field, theirs, mine = (
        ("target_comment", "Saudi's", "Iran's") if kind == "periods" else ("title", "Saudi's", "Iran's")
    )
    assert saudi.patch(url, {field: theirs}, format="json", headers={"If-Match": seen}).status_code == 200

    response = iran.patch(url, {field: mine}, format="json", headers={"If-Match": seen})
    assert response.status_code == 412 and response["ETag"] == '"v2"'
    error = response.json()["error"]
    assert error["code"] == "stale_version" and framework.saudi.username in error["message"]
    assert field in error["fields"]
    assert getattr(type(record).objects.get(pk=record.pk), field) == theirs
    assert iran.patch(url, {field: mine}, format="json", headers={"If-Match": '"v2"'}).status_code == 200


def test_a_breakdown_change_moves_the_periods_etag(framework):
    iran, saudi = token_client(framework.iran), token_client(framework.saudi)
    url = f"/api/v1/periods/{framework.period.pk}/"
    seen = etag(iran, url)
    breakdown = {"dimension": framework.side.pk, "category": "Iran", "value": "80"}
    response = saudi.post(url + "actual/", {"breakdowns": [breakdown]}, format="json", headers={"If-Match": seen})
    assert response.status_code == 200 and response["ETag"] == '"v2"'
    stale = {"breakdowns": [breakdown | {"value": "90"}]}
    assert iran.post(url + "actual/", stale, format="json", headers={"If-Match": seen}).status_code == 412
    assert framework.period.breakdowns.get().value == 80


@pytest.mark.parametrize("step", ["submit", "approve", "return"])
def test_a_stale_workflow_action_is_refused_with_412(framework, step):
    period = framework.period
    services.record_actual(user=framework.iran, period=period, actual_value=Decimal("150"), evidence_url=EVIDENCE)
    if step != "submit":
        services.submit_actual(user=framework.iran, period=period)
    actor = framework.iran if step == "submit" else framework.saudi
    client = token_client(actor)
    url = f"/api/v1/periods/{period.pk}/"
    seen = etag(client, url)
    # The other side corrects the target meanwhile: the actor has not seen it.
    services.update_period(user=framework.saudi, period=period, data={"target_comment": "Revised"})
    body = {"review_comment": "Attach the list."} if step == "return" else {}
    response = client.post(f"{url}{step}/", body, format="json", headers={"If-Match": seen})
    assert response.status_code == 412
    status_before = ActualStatus.DRAFT if step == "submit" else ActualStatus.SUBMITTED
    assert ReportingPeriod.objects.get(pk=period.pk).status == status_before
    response = client.post(f"{url}{step}/", body, format="json", headers={"If-Match": response["ETag"]})
    assert response.status_code == 200


def test_two_approvals_with_one_etag_one_wins_the_other_gets_412(framework):
    period = framework.period
    services.record_actual(user=framework.iran, period=period, actual_value=Decimal("150"), evidence_url=EVIDENCE)
    services.submit_actual(user=framework.iran, period=period)
    first, second = token_client(framework.saudi), token_client(staff("SA"))
    url = f"/api/v1/periods/{period.pk}/"
    seen = etag(first, url)
    assert first.post(url + "approve/", headers={"If-Match": seen}).status_code == 200
    assert second.post(url + "approve/", headers={"If-Match": seen}).status_code == 412
    assert second.post(url + "return/", {"review_comment": "No."}, headers={"If-Match": seen}).status_code == 412
    assert ReportingPeriod.objects.get(pk=period.pk).status == ActualStatus.APPROVED


def test_without_if_match_a_patch_writes_only_the_fields_sent(framework):
    result = framework.indicator.result
    services.update_result(user=framework.saudi, result=result, data={"description": "Saudi's"})
    response = token_client(framework.iran).patch(f"/api/v1/results/{result.pk}/", {"title": "T"}, format="json")
    result.refresh_from_db()
    assert response.status_code == 200 and (result.title, result.description) == ("T", "Saudi's")
    assert response["ETag"] == '"v3"'


def test_the_schema_documents_if_match_on_results_writes(anon):
    paths = anon.get("/api/v1/schema/?format=json").json()["paths"]
    for path, method in [
        ("/api/v1/results/{id}/", "patch"),
        ("/api/v1/periods/{id}/actual/", "post"),
        ("/api/v1/periods/{id}/approve/", "post"),
        ("/api/v1/periods/{id}/return/", "post"),
        ("/api/v1/periods/{id}/submit/", "post"),
    ]:
        operation = paths[path][method]
        assert "412" in operation["responses"], path
        assert any(p["name"] == "If-Match" for p in operation["parameters"]), path

"""The OpenAPI schema documents every endpoint and filter, its docs pages load nothing external,
and Schemathesis, generating requests from it, finds no server error and no answer that contradicts it."""

import re

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import (
    EvaluationFactory,
    IndexSnapshotFactory,
    IndicatorFactory,
    MilestoneFactory,
    PeriodFactory,
    ProgramFactory,
    ResultFactory,
    UserFactory,
)
from trackerproj.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 20


@pytest.fixture
def openapi(anon) -> dict:
    response = anon.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_openapi_3_and_lists_every_endpoint(openapi):
    assert openapi["openapi"].startswith("3.")
    for path in [
        "/api/v1/states/",
        "/api/v1/dyads/",
        "/api/v1/dyads/{slug}/",
        "/api/v1/dyads/{slug}/index/",
        "/api/v1/dyads/{slug}/index/history/",
        "/api/v1/programs/",
        "/api/v1/programs/{id}/",
        "/api/v1/milestones/",
        "/api/v1/evaluations/",
        "/api/v1/snapshots/",
        "/api/v1/snapshots/current/",
        "/api/v1/auth/token/",
        "/api/v1/results/",
        "/api/v1/indicators/",
        "/api/v1/periods/",
        "/api/v1/periods/{id}/actual/",
        "/api/v1/periods/{id}/approve/",
        "/api/v1/iati/activities.xml",
        "/api/v1/programs/{id}/iati.xml",
    ]:
        assert path in openapi["paths"], path


def test_every_operation_is_summarised_and_every_filter_described(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            if path.startswith("/api/v1/schema"):
                continue
            assert operation.get("summary") or operation.get("description"), (method, path)
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), (method, path, parameter["name"])
            assert "400" in operation["responses"], (method, path)


def test_error_responses_share_one_documented_shape(openapi):
    error = openapi["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["required"] == ["status", "code", "message"]


def test_index_history_documents_csv(openapi):
    content = openapi["paths"]["/api/v1/dyads/{slug}/index/history/"]["get"]["responses"]["200"]["content"]
    assert "text/csv" in content


@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_load_only_local_static_files(anon, page):
    html = anon.get(page).content.decode()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "external URL in the docs page"
    assets = re.findall(r"""(?:src|href)=["'](/static/[^"']+)["']""", html)
    assert assets, "the page loads its script from our static files"
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes the database connection after each request; the test's transaction needs it open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def some_records(dyad):
    """Real records, and the path parameters that name them, so generated requests reach them."""
    program = ProgramFactory(dyad=dyad)
    milestone = MilestoneFactory(program=program, evidence_url="https://example.org/e")
    evaluation = EvaluationFactory(program=program)
    snapshot = IndexSnapshotFactory(dyad=dyad)
    ProgramFactory(dyad=dyad, is_published=False)
    result = ResultFactory(program=program)
    indicator = IndicatorFactory(result=result)
    period = PeriodFactory(indicator=indicator)
    return {
        "results": {"id": result.id},
        "indicators": {"id": indicator.id},
        "periods": {"id": period.id},
        "programs": {"id": program.id},
        "milestones": {"id": milestone.id},
        "evaluations": {"id": evaluation.id},
        "snapshots": {"id": snapshot.id},
        "dyads": {"slug": dyad.slug},
        "states": {"code": "IR"},
    }


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def run_schemathesis(methods, records, headers=None, examples=20):
    """Generate requests for every operation with these methods; fail on the first violated check.

    Half the operations' path parameters name real records (the other half are generated), so requests get
    past the 404 and into filters, serializers and services.
    """
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    tested = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() not in methods or "/schema/" in operation.path:
            continue

        collection = operation.path.removeprefix("/api/v1/").split("/")[0]
        real = records.get(collection, {}) if "{" in operation.path else {}
        strategy = operation.as_strategy(path_parameters=real) if real else operation.as_strategy()

        @given(case=strategy)
        @hypothesis_settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(checks=CHECKS, headers=headers)

        run()
        tested.append(f"{operation.method.upper()} {operation.path}")
    return tested


@pytest.fixture
def no_throttles(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None, "token": None})


def test_schemathesis_reads_find_no_server_errors_or_schema_violations(
    some_records, keep_test_connection, no_throttles
):
    tested = run_schemathesis({"GET"}, some_records, examples=EXAMPLES_PER_OPERATION)
    assert len(tested) >= 12, tested


def test_schemathesis_writes_as_a_superuser_find_no_server_errors(
    some_records, keep_test_connection, no_throttles, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    token = Token.objects.create(user=UserFactory(is_superuser=True, is_staff=True))
    auth = {"Authorization": f"Token {token.key}"}
    tested = run_schemathesis({"POST", "PATCH"}, some_records, headers=auth, examples=10)
    assert len(tested) >= 10, tested

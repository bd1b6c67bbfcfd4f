"""A browser pointed at the API gets DRF's browsable pages, including for a logged-in ministry user."""

import pytest

from tests.factories import EvaluationFactory, IndexSnapshotFactory, MilestoneFactory
from tests.people import staff

pytestmark = pytest.mark.django_db

PAGES = [
    "/api/v1/",
    "/api/v1/states/",
    "/api/v1/dyads/",
    "/api/v1/dyads/ir-sa/",
    "/api/v1/dyads/ir-sa/index/",
    "/api/v1/dyads/ir-sa/index/history/",
    "/api/v1/programs/",
    "/api/v1/milestones/",
    "/api/v1/evaluations/",
    "/api/v1/snapshots/",
    "/api/v1/snapshots/current/",
]


@pytest.fixture
def records(program):
    MilestoneFactory(program=program)
    EvaluationFactory(program=program)
    IndexSnapshotFactory(dyad=program.dyad)


@pytest.mark.parametrize("url", PAGES)
def test_browsable_pages_render_for_a_logged_in_user(client, records, url):
    client.force_login(staff("SA"))
    response = client.get(url, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b'class="breadcrumb"' in response.content and b"https://" not in response.content.split(b"<body")[0]

"""`?search=` on the API's record lists: accepted, documented, and never a way to see drafts."""

import pytest

from tests.api.conftest import results, token_client
from tests.factories import DyadFactory, EvaluationFactory, MilestoneFactory, ProgramFactory, state
from tests.people import staff

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def records(dyad):
    public = ProgramFactory(dyad=dyad, title="Pilgrimage health corridor")
    ProgramFactory(dyad=dyad, title="Pilgrimage draft", is_published=False)
    ProgramFactory(dyad=dyad, title="Archive exchange")
    MilestoneFactory(program=public, title="Registry opens", description="For pilgrims.")
    EvaluationFactory(program=public, summary="The corridor worked.")
    DyadFactory(state_a=state("JP"), state_b=state("KR"))
    return public


def test_anonymous_clients_search_published_records_only(anon, records):
    assert [p["title"] for p in results(anon.get(f"{API}/programs/?search=pilgr"))] == ["Pilgrimage health corridor"]
    assert [m["title"] for m in results(anon.get(f"{API}/milestones/?search=pilgrims"))] == ["Registry opens"]
    assert len(results(anon.get(f"{API}/evaluations/?search=corridor"))) == 1
    assert [d["slug"] for d in results(anon.get(f"{API}/dyads/?search=korea"))] == ["jp-kr"]


def test_staff_search_their_dyads_drafts_too(records):
    found = results(token_client(staff("IR")).get(f"{API}/programs/?search=pilgrimage&ordering=title"))
    assert [p["title"] for p in found] == ["Pilgrimage draft", "Pilgrimage health corridor"]


def test_search_combines_with_other_filters(anon, records):
    assert results(anon.get(f"{API}/programs/?search=pilgrimage&domain=health")) == []


def test_search_is_documented_on_every_record_list(anon):
    schema = anon.get(f"{API}/schema/?format=json").json()
    for path in ("/api/v1/dyads/", "/api/v1/programs/", "/api/v1/milestones/", "/api/v1/evaluations/"):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert "Words to find" in parameters["search"]["description"], path


def test_search_is_still_refused_where_it_means_nothing(anon, dyad):
    response = anon.get(f"{API}/snapshots/?search=x")
    assert response.status_code == 400 and "search" in response.json()["error"]["fields"]

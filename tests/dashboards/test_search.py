"""Public search: dyads, published programs and published milestones by their words."""

import pytest
from django.urls import reverse

from tests.factories import DyadFactory, MilestoneFactory, ProgramFactory, state

pytestmark = pytest.mark.django_db
SEARCH = reverse("dashboards:search")


def test_dyads_are_found_by_a_states_name(client, dyad):
    DyadFactory(state_a=state("JP"), state_b=state("KR"))
    results = client.get(SEARCH, {"q": "saudi"}).context["results"]
    assert [str(d) for d in results.dyads] == ["Iran – Saudi Arabia"]


def test_programs_and_milestones_are_found_by_word_prefixes_drafts_never(client, dyad):
    public = ProgramFactory(dyad=dyad, title="Pilgrimage health corridor")
    ProgramFactory(dyad=dyad, title="Pilgrimage draft", is_published=False)
    MilestoneFactory(program=public, title="Pilgrim registry opens")
    MilestoneFactory(program=public, title="Pilgrim registry draft", is_published=False)
    response = client.get(SEARCH, {"q": "pilgr"})
    results = response.context["results"]
    assert [p.title for p in results.programs] == ["Pilgrimage health corridor"]
    assert [m.title for m in results.milestones] == ["Pilgrim registry opens"]
    assert "draft" not in response.content.decode().lower().split("<main")[1]


def test_the_header_has_a_search_box_on_every_page(client, db):
    page = client.get(reverse("dashboards:method")).content.decode()
    assert f'action="{SEARCH}"' in page and 'role="search"' in page


def test_nothing_found_says_so(client, db):
    assert "Nothing public matches “zzzz”" in client.get(SEARCH, {"q": "zzzz"}).content.decode()

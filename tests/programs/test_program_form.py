"""The program form helps: every error at once and in words, sides named by their state, each side's
ministries only, sensible defaults, required fields marked."""

import pytest
from django.urls import reverse

from programs.models import Program
from tests.api.conftest import token_client
from tests.factories import DyadFactory, MinistryFactory, ProgramFactory, state
from tests.people import staff

pytestmark = pytest.mark.django_db

NEW = reverse("workspace:program_new")


def post_data(**overrides):
    data = {
        "title": "Joint archive",
        "domain": "cultural",
        "status": "planned",
        "start_date": "2026-01-01",
        "body_a": "Archive A",
        "body_b": "Archive B",
        "contribution_a": "1000",
        "currency_a": "IRR",
        "contribution_b": "1000",
        "currency_b": "SAR",
    }
    return {**data, **overrides}


@pytest.fixture
def ministries(dyad):
    """Ministries of the dyad's states and of other states (22 in the demo)."""
    return {
        "IR": MinistryFactory(state=state("IR"), name="Ministry of Culture"),
        "SA": MinistryFactory(state=state("SA"), name="Ministry of Culture"),
        "JP": MinistryFactory(state=state("JP"), name="Ministry of Culture"),
    }


def test_every_problem_is_shown_at_once_each_at_its_field_in_words(client, dyad, ministries):
    client.force_login(staff("IR"))
    response = client.post(
        NEW,
        post_data(dyad=dyad.pk, end_date="2025-12-31", body_a="", body_b="", contribution_b="-80000"),
    )
    errors = response.context["form"].errors
    assert set(errors) == {"end_date", "body_a", "body_b", "contribution_b"}
    assert errors["contribution_b"] == ["A contribution cannot be negative; enter 0 or more."]
    page = response.content.decode()
    assert "Constraint" not in page and "non_negative" not in page
    assert "4 things to correct" in page and 'href="#id_contribution_b"' in page
    assert not Program.objects.exists()


def test_a_negative_contribution_is_a_field_error_through_the_api_too(dyad):
    payload = {**post_data(dyad="ir-sa", contribution_a="-1"), "currency_a": "USD", "currency_b": "USD"}
    response = token_client(staff("IR")).post("/api/v1/programs/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["contribution_a"] == [
        "A contribution cannot be negative; enter 0 or more."
    ]


def test_sides_are_named_by_their_state(client, dyad):
    client.force_login(staff("IR"))
    page = client.get(NEW).content.decode()
    assert ">Iran (side A)</legend>" in page and ">Saudi Arabia (side B)</legend>" in page
    assert ">Iran (side A) – Saudi Arabia (side B)</option>" in page
    assert "Currency a" not in page


def test_the_only_dyad_is_chosen_and_each_side_defaults_to_its_currency_and_my_ministry(client, dyad, ministries):
    me = staff("IR")
    client.force_login(me)
    form = client.get(NEW).context["form"]
    assert form["dyad"].value() == dyad.pk
    assert (form["currency_a"].value(), form["currency_b"].value()) == ("IRR", "SAR")
    assert form["ministry_a"].value() == me.profile.ministry_id and form["ministry_b"].value() is None


def test_each_side_offers_only_its_own_states_ministries(client, dyad, ministries):
    client.force_login(staff("IR"))
    form = client.get(NEW).context["form"]
    assert {m.state_id for m in form.fields["ministry_a"].queryset} == {"IR"}
    assert {m.state_id for m in form.fields["ministry_b"].queryset} == {"SA"}
    response = client.post(NEW, post_data(dyad=dyad.pk, ministry_a=ministries["JP"].pk))
    assert response.context["form"].errors["ministry_a"] == ["Choose a ministry of Iran (side A)."]


def test_editing_also_offers_each_side_its_states_ministries(client, program, ministries):
    client.force_login(staff("IR"))
    form = client.get(reverse("workspace:program_edit", args=[program.pk])).context["form"]
    assert {m.state_id for m in form.fields["ministry_a"].queryset} == {"IR"}
    assert {m.state_id for m in form.fields["ministry_b"].queryset} == {"SA"}


def test_with_two_dyads_nothing_is_guessed_but_a_link_can_choose(client, dyad, ministries):
    qatar = DyadFactory(state_a=state("QA"), state_b=state("SA"))
    client.force_login(staff("SA"))
    form = client.get(NEW).context["form"]
    assert form["dyad"].value() is None
    assert {m.state_id for m in form.fields["ministry_a"].queryset} == {"IR"}  # side A is Iran or Qatar: no QA staff
    chosen = client.get(NEW, {"dyad": qatar.slug}).context["form"]
    assert chosen["dyad"].value() == qatar.pk and chosen["currency_a"].value() == "QAR"
    assert chosen.side_name("a") == "Qatar (side A)"


def test_required_fields_are_marked(client, dyad):
    client.force_login(staff("IR"))
    page = client.get(NEW).content.decode()
    assert 'for="id_body_a">Implementing body <span class="required"' in page
    assert 'for="id_summary">Summary</label>' in page  # optional: no mark


def test_the_program_page_names_the_sides_by_state(client, dyad):
    program = ProgramFactory(dyad=dyad)
    client.force_login(staff("IR"))
    page = client.get(reverse("workspace:program", args=[program.pk])).content.decode()
    assert "<dt>Iran (side A)</dt>" in page

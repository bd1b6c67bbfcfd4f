"""Workspace search finds what the user may see, drafts included, and nothing else."""

import pytest
from django.urls import reverse

from tests.factories import DyadFactory, EvaluationFactory, MilestoneFactory, ProgramFactory, state
from tests.people import evaluator, staff

pytestmark = pytest.mark.django_db
SEARCH = reverse("workspace:search")


def found(client, user, text) -> dict[str, list[str]]:
    client.force_login(user)
    results = client.get(SEARCH, {"q": text}).context["results"]
    return {
        "programs": [p.title for p in results.programs],
        "milestones": [m.title for m in results.milestones],
        "evaluations": [e.program.title for e in results.evaluations],
    }


def test_staff_find_their_dyads_drafts_by_words_in_any_order(client, dyad):
    ProgramFactory(dyad=dyad, title="Pilgrimage health corridor", is_published=False)
    MilestoneFactory(program=ProgramFactory(dyad=dyad, title="Archive"), title="Corridor opens", is_published=False)
    results = found(client, staff("IR"), "corridor")
    assert results["programs"] == ["Pilgrimage health corridor"] and results["milestones"] == ["Corridor opens"]
    assert found(client, staff("IR"), "health pilgrimage")["programs"] == ["Pilgrimage health corridor"]


def test_others_drafts_stay_hidden(client, dyad):
    ProgramFactory(dyad=dyad, title="Secret corridor", is_published=False)
    far = DyadFactory(state_a=state("JP"), state_b=state("KR"))
    assert found(client, staff("JP"), "corridor")["programs"] == []
    assert found(client, staff("IR"), "corridor")["programs"] == ["Secret corridor"]
    ProgramFactory(dyad=far, title="Public corridor")
    assert found(client, staff("IR"), "corridor")["programs"] == ["Public corridor", "Secret corridor"]


def test_ministry_staff_never_find_unpublished_evaluations(client, program):
    EvaluationFactory(program=program, summary="Corridor worked.", is_published=False)
    assert found(client, staff("IR"), "corridor worked")["evaluations"] == []
    assert found(client, staff("IR"), program.title)["programs"] == [program.title]


def test_evaluators_find_their_own_drafts(client, program):
    user = evaluator("NO")
    EvaluationFactory(
        program=program,
        evaluator=user,
        summary="Corridor worked.",
        is_submitted=False,
        is_published=False,
        independence_declared=False,
    )
    assert found(client, user, "corridor")["evaluations"] == [program.title]


def test_an_empty_or_punctuation_only_query_finds_nothing(client, program):
    client.force_login(staff("IR"))
    assert client.get(SEARCH, {"q": "&|!:*"}).context["results"].count == 0
    assert client.get(SEARCH).context["results"] is None

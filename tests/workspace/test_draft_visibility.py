"""A program's workspace page shows draft milestones only to those who may see drafts (one rule everywhere)."""

import pytest
from django.urls import reverse

from tests.factories import MilestoneFactory, UserFactory
from tests.people import coordinator, evaluator, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_milestone(program):
    MilestoneFactory(program=program, title="Published step")
    return MilestoneFactory(program=program, title="Secret draft step", is_published=False)


@pytest.mark.parametrize(
    "who",
    [lambda p: staff("FR"), lambda p: evaluator("NO"), lambda p: UserFactory()],
    ids=["third-state", "evaluator", "no-role"],
)
def test_draft_milestones_of_a_published_program_are_hidden_from_outsiders(client, program, draft_milestone, who):
    client.force_login(who(program))
    page = client.get(reverse("workspace:program", args=[program.pk])).content.decode()
    assert "Published step" in page and "Secret draft step" not in page


@pytest.mark.parametrize(
    "who", [lambda p: staff("IR"), lambda p: coordinator(p.dyad)], ids=["party-staff", "coordinator"]
)
def test_those_who_work_on_the_program_see_its_draft_milestones(client, program, draft_milestone, who):
    client.force_login(who(program))
    page = client.get(reverse("workspace:program", args=[program.pk])).content.decode()
    assert "Secret draft step" in page

"""Joint cancellations reach the other state: proposals, decisions and withdrawals are notified."""

import pytest
from django.urls import reverse

from milestones import services
from notifications.models import Notification
from tests.factories import MilestoneFactory, ProgramFactory
from tests.people import coordinator, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def sides(dyad):
    iran, saudi = staff("IR"), staff("SA")
    program = ProgramFactory(
        dyad=dyad, ministry_a=iran.profile.ministry, ministry_b=saudi.profile.ministry, title="Archive exchange"
    )
    return iran, saudi, MilestoneFactory(program=program, title="Catalogue", due_date="2050-01-01")


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


def test_a_proposal_tells_the_other_state_in_the_site_and_by_mail(
    sides, django_capture_on_commit_callbacks, mailoutbox
):
    iran, saudi, milestone = sides
    bystander = staff("IR")  # the proposing side's other ministry hears nothing
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_cancellation(user=iran, milestone=milestone, reason="Venue closed.")
    assert told(saudi) == [
        "Iran proposes cancelling “Catalogue” of Archive exchange: “Venue closed.” Confirm or decline it."
    ]
    assert told(iran) == [] and told(bystander) == []
    assert [m.to for m in mailoutbox] == [[saudi.email]]
    assert Notification.objects.get(user=saudi).link == reverse("workspace:milestone", args=[milestone.pk])


def test_the_decision_tells_the_proposing_side(sides, django_capture_on_commit_callbacks):
    iran, saudi, milestone = sides
    proposal = services.propose_cancellation(user=iran, milestone=milestone, reason="Venue closed.")
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_cancellation(user=saudi, proposal=proposal, confirm=False)
    assert told(iran) == ["The other side declined cancelling “Catalogue” of Archive exchange, which Iran proposed."]


def test_a_withdrawal_tells_the_other_side(sides, django_capture_on_commit_callbacks):
    iran, saudi, milestone = sides
    proposal = services.propose_cancellation(user=iran, milestone=milestone, reason="Venue closed.")
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_cancellation(user=iran, proposal=proposal)
    assert told(saudi) == ["Iran withdrew its proposal to cancel “Catalogue” of Archive exchange."]


def test_a_side_without_an_owning_ministry_is_told_through_all_its_staff(dyad, django_capture_on_commit_callbacks):
    iran, saudi = staff("IR"), staff("SA")
    milestone = MilestoneFactory(program=ProgramFactory(dyad=dyad, ministry_a=iran.profile.ministry, ministry_b=None))
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_cancellation(user=iran, milestone=milestone, reason="Flood.")
    assert len(told(saudi)) == 1


def test_a_refused_decision_is_a_message_not_a_server_error(client, sides):
    iran, saudi, milestone = sides
    proposal = services.propose_cancellation(user=iran, milestone=milestone, reason="Venue closed.")
    milestone.program.end_date = "2030-01-01"  # the milestone's due date (2050) now falls outside the program
    milestone.program.save()
    client.force_login(saudi)
    response = client.post(
        reverse("workspace:cancellation_decide", args=[proposal.pk]), {"action": "confirm"}, follow=True
    )
    assert response.status_code == 200
    assert "The cancellation was not recorded: The due date must fall within" in response.content.decode()


def test_publishing_a_milestone_of_a_public_program_tells_its_staff(sides, django_capture_on_commit_callbacks):
    iran, saudi, milestone = sides
    milestone.is_published = False
    milestone.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_milestone_published(user=coordinator(is_global=True), milestone=milestone)
    assert told(iran) == told(saudi) == ["The milestone “Catalogue” of Archive exchange is now public."]

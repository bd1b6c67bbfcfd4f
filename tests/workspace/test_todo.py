"""The to-do list each role lands on: what needs them now, acted on in place."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from milestones import services as milestone_services
from milestones.models import CancellationProposal, MilestoneStatus, ProposalStatus
from tests.factories import (
    DyadFactory,
    EvaluationFactory,
    EvaluatorAssignmentFactory,
    IndicatorFactory,
    MilestoneFactory,
    PeriodFactory,
    ProgramFactory,
    ResultFactory,
    UserFactory,
    state,
)
from tests.people import coordinator, evaluator, staff
from workspace import todo

pytestmark = pytest.mark.django_db
HOME = reverse("workspace:home")


def sections(client, user) -> dict:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return {s.key: s for s in response.context["sections"]}


def texts(section) -> list[str]:
    return [item.text for item in section.items]


def test_logging_in_lands_on_the_to_do_list(client):
    UserFactory(username="amira")
    response = client.post(reverse("login"), {"username": "amira", "password": "correct-horse-battery"})
    assert response["Location"] == HOME


def test_staff_see_overdue_and_due_soon_milestones_of_their_states_programs(client, program):
    today = timezone.localdate()
    MilestoneFactory(program=program, title="Late", due_date=today - timedelta(days=3))
    MilestoneFactory(program=program, title="Soon", due_date=today + timedelta(days=5))
    MilestoneFactory(
        program=program,
        title="Done",
        due_date=today - timedelta(days=9),
        status="achieved",
        achieved_date=today - timedelta(days=9),
    )
    far = ProgramFactory(dyad=DyadFactory(state_a=state("JP"), state_b=state("KR")))
    MilestoneFactory(program=far, title="Not ours", due_date=today - timedelta(days=3))
    found = sections(client, staff("IR"))
    assert texts(found["overdue"]) == ["Late"] and texts(found["due-soon"]) == ["Soon"]
    record = found["overdue"].items[0].actions[0]
    assert record.url.endswith("/update/?status=achieved")


def test_recording_an_achievement_from_the_list_opens_the_form_filled_in(client, program):
    late = MilestoneFactory(program=program, due_date=timezone.localdate() - timedelta(days=3))
    client.force_login(staff("IR"))
    form = client.get(reverse("workspace:milestone_update", args=[late.pk]), {"status": "achieved"}).context["form"]
    assert form["status"].value() == MilestoneStatus.ACHIEVED and form["achieved_date"].value() == timezone.localdate()


def test_the_other_side_confirms_a_cancellation_right_from_the_list(client, program):
    milestone = MilestoneFactory(program=program, title="Exhibition", due_date=date(2050, 1, 1))
    milestone_services.propose_cancellation(user=staff("IR"), milestone=milestone, reason="Venue closed.")
    saudi = staff("SA")
    found = sections(client, saudi)
    assert texts(found["cancellations"]) == ["Iran proposes cancelling “Exhibition”"]
    assert "proposed" not in found  # that is the proposing side's section
    confirm = found["cancellations"].items[0].actions[0]
    response = client.post(confirm.url, confirm.post)
    assert response["Location"] == HOME
    assert CancellationProposal.objects.get().status == ProposalStatus.CONFIRMED
    assert "proposed" not in sections(client, staff("IR"))


def test_the_proposing_side_sees_its_proposal_waiting(client, program):
    milestone = MilestoneFactory(program=program, title="Exhibition", due_date=date(2050, 1, 1))
    iran = staff("IR")
    milestone_services.propose_cancellation(user=iran, milestone=milestone, reason="Venue closed.")
    found = sections(client, iran)
    assert texts(found["proposed"]) == ["Exhibition"] and "cancellations" not in found


def test_evaluators_see_returned_work_first_then_programs_to_evaluate_then_drafts(client, program):
    user = evaluator("NO")
    org = user.profile.organisation
    other = ProgramFactory(dyad=program.dyad, title="Not evaluated")
    for p in (program, other):
        EvaluatorAssignmentFactory(program=p, evaluator=user)
    EvaluationFactory(
        program=program,
        evaluator=user,
        organisation=org,
        is_submitted=False,
        is_published=False,
        independence_declared=False,
        returned_at=timezone.now(),
        return_reason="Rate impact.",
    )
    EvaluationFactory(program=other, evaluator=user, organisation=org, date=date(2020, 1, 1))  # long ago
    found = sections(client, user)
    assert list(found) == ["returned", "to-file"]
    assert found["returned"].items[0].detail.endswith("“Rate impact.”")
    assert texts(found["to-file"]) == ["Not evaluated"]


def test_coordinators_see_evaluations_to_review_drafts_by_dyad_and_pending_cancellations(client, program):
    EvaluationFactory(program=program, is_published=False)
    MilestoneFactory(program=program, is_published=False)
    proposal_milestone = MilestoneFactory(program=program, due_date=date(2050, 1, 1))
    CancellationProposal.objects.create(milestone=proposal_milestone, proposing_state=state("IR"), reason="Flood.")
    elsewhere = ProgramFactory(dyad=DyadFactory(state_a=state("JP"), state_b=state("KR")), is_published=False)
    found = sections(client, coordinator(program.dyad))
    assert texts(found["to-review"]) == [program.title]
    assert texts(found["publication"]) == ["Iran – Saudi Arabia"]
    assert found["publication"].items[0].detail == "0 programs, 1 milestone, 1 evaluation"
    assert found["publication"].items[0].actions[0].url == reverse("workspace:coordinator") + "?dyad=ir-sa"
    assert len(found["pending-cancellations"].items) == 1
    assert elsewhere.title not in str(found)


def test_actuals_to_approve_and_actuals_returned_join_the_staff_list(client, program):
    indicator = IndicatorFactory(result=ResultFactory(program=program), title="Students exchanged")
    submitted = dict(actual_value=150, evidence_url="https://example.org/list", submitted_at=timezone.now())
    PeriodFactory(indicator=indicator, status="submitted", submitted_state=state("SA"), **submitted)
    PeriodFactory(
        indicator=indicator,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        status="returned",
        submitted_state=state("IR"),
        review_comment="Add the participants' list.",
        **submitted,
    )
    found = sections(client, staff("IR"))
    assert texts(found["actuals-to-review"]) == ["Students exchanged"]
    assert texts(found["actuals-returned"]) == ["Students exchanged"]
    assert found["actuals-returned"].items[0].detail.endswith("“Add the participants' list.”")
    assert "actuals-to-review" not in sections(client, staff("SA"))  # Saudi Arabia submitted it


def test_a_user_without_a_role_is_told_so(client):
    client.force_login(UserFactory())
    assert "no role in Concord" in client.get(HOME).content.decode()


def test_another_app_adds_its_work_with_a_provider(client, monkeypatch):
    def results_to_approve(user, today):
        return todo.Section("results", "Results to approve", [todo.Item("Q3 actuals")], 1)

    monkeypatch.setattr(todo, "PROVIDERS", [*todo.PROVIDERS, results_to_approve])
    assert texts(sections(client, staff("IR"))["results"]) == ["Q3 actuals"]


def test_the_list_runs_a_constant_number_of_queries(client, dyad, django_assert_max_num_queries):
    today = timezone.localdate()
    user = coordinator(is_global=True)
    for _ in range(15):
        program = ProgramFactory(dyad=dyad, is_published=False)
        MilestoneFactory(program=program, due_date=today - timedelta(days=2), is_published=False)
        EvaluationFactory(program=program, is_published=False)
    client.force_login(user)
    with django_assert_max_num_queries(14):
        response = client.get(HOME)
    assert response.context["sections"][0].total == 15

"""The four roles' main tasks in the browser, clicks and submits counted, against the figures from before issue 16.

Same demo data and the same tasks as the measurement of the old workspace
(test_journeys_before.py in the branch's history; figures in
docs/workspace-journeys.md): each must now take fewer clicks.
"""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from evaluation.models import Evaluation
from milestones.models import CancellationProposal, Milestone, MilestoneStatus, ProposalStatus
from notifications.models import Notification
from programs.models import Program
from tests.browser import BROWSER_MARKS
from tests.factories import MilestoneFactory

from .journeys import Journey, label_of, write_report

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]

PROGRAM = "Gulf marine environment research exchange"

# Measured on the workspace before issue 16 (clicks, submits), as in docs/workspace-journeys.md.
BEFORE = {
    "log in and reach the workspace": (2, 1),
    "create a program": (11, 2),
    "record a milestone achieved with evidence": (7, 1),
    "propose a joint cancellation": (5, 1),
    "confirm a cancellation": (3, 1),
    "file and submit an evaluation": (11, 2),
    "publish every pending item of Iran – Saudi Arabia": (19, 19),
}


@pytest.fixture
def page(chromium, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(15000)
    return page


def field_errors(page) -> list[str]:
    """Names of the fields showing an error next to them."""
    return page.eval_on_selector_all(
        "main form .field .errorlist",
        "lists => lists.map(ul => ul.parentElement.querySelector('input, select, textarea').name)",
    )


def create_program(journey: Journey) -> None:
    """The same person and slips as before; the form now names the sides and offers each its ministries."""
    journey.click("text=New program")
    assert journey.page.inner_text("legend[data-side-legend=a]") == "Iran (side A)"
    journey.fill("#id_title", "Shared manuscripts catalogue")
    journey.select("#id_domain", "cultural")
    journey.fill("#id_start_date", "2026-01-01")
    journey.fill("#id_end_date", "2025-12-31")  # a slip: before the start
    journey.select("#id_ministry_a", label_of(journey, "#id_ministry_a", "Ministry of Culture"))
    journey.select("#id_ministry_b", label_of(journey, "#id_ministry_b", "Ministry of Culture"))
    journey.fill("#id_contribution_a", "120000")
    journey.fill("#id_contribution_b", "-80000")  # a slip: a minus sign
    fixes = {
        "end_date": lambda: journey.fill("#id_end_date", "2027-12-31"),
        "body_a": lambda: journey.fill("#id_body_a", "National Library of Iran"),
        "body_b": lambda: journey.fill("#id_body_b", "King Fahd National Library"),
        "contribution_b": lambda: journey.fill("#id_contribution_b", "80000"),
    }
    journey.submit("main form.form button[type=submit]")
    assert sorted(field_errors(journey.page)) == sorted(fixes)  # every problem at once, each at its field
    assert "Constraint" not in journey.page.inner_text("main")
    for fix in fixes.values():
        fix()
    journey.submit("main form.form button[type=submit]")
    assert re.search(r"/workspace/programs/\d+/$", journey.page.url)
    program = Program.objects.get(title="Shared manuscripts catalogue")
    assert (program.currency_a, program.currency_b) == ("IRR", "SAR")
    assert [m.state_id for m in (program.ministry_a, program.ministry_b) if m] == ["IR", "SA"]


def test_the_four_roles_main_tasks_take_fewer_clicks_than_before(live_server, page):
    call_command("seed_demo")
    today = timezone.localdate()
    program = Program.objects.get(title=PROGRAM)
    late = MilestoneFactory(program=program, title="Joint pilgrim registry launched", due_date=today - timedelta(10))
    MilestoneFactory(program=program, title="Joint heritage exhibition", due_date=today + timedelta(40))
    journeys = []

    ministry = Journey(page, live_server.url, "ministry staff (ir-affairs)")
    with ministry.task("log in and reach the workspace"):
        ministry.log_in("ir-affairs", landing=r"/workspace/$")
    with ministry.task("create a program"):
        create_program(ministry)
    with ministry.task("record a milestone achieved with evidence"):
        ministry.click("header >> text=Workspace")
        ministry.click("#overdue li:has-text('Joint pilgrim registry launched') >> text=Record achievement")
        ministry.upload("#id_evidence_document")  # status "achieved" and today's date are filled in
        ministry.submit("main form.form button[type=submit]")
    late.refresh_from_db()
    assert late.status == MilestoneStatus.ACHIEVED and late.achieved_date == today and late.evidence_document
    with ministry.task("propose a joint cancellation"):
        ministry.fill("#workspace-q", "heritage exhibition")
        ministry.submit(".subnav .search button")
        ministry.click("main a:has-text('Joint heritage exhibition')")
        ministry.click("text=Propose joint cancellation")
        ministry.fill("#id_reason", "The venue is not available this year.")
        ministry.submit("main form.form button[type=submit]")
    assert CancellationProposal.objects.filter(status=ProposalStatus.PENDING).count() == 1
    ministry.log_out()
    journeys.append(ministry)

    other = Journey(page, live_server.url, "the other side's staff (sa-affairs)")
    with other.task("log in and reach the workspace"):
        other.log_in("sa-affairs", landing=r"/workspace/$")
    assert "Iran proposes cancelling “Joint heritage exhibition”" in other.page.inner_text("#notifications")
    with other.task("confirm a cancellation"):
        other.submit("#cancellations li:has-text('Joint heritage exhibition') >> text=Confirm cancellation")
    assert Milestone.objects.get(title="Joint heritage exhibition").cancelled_jointly
    assert "Cancellations to confirm" not in other.page.inner_text("main")
    other.log_out()
    journeys.append(other)
    assert Notification.objects.filter(user__username="ir-affairs", text__contains="confirmed").exists()

    evaluator = Journey(page, live_server.url, "evaluator")
    with evaluator.task("log in and reach the workspace"):
        evaluator.log_in("evaluator", landing=r"/workspace/$")
    target = page.inner_text("#to-file li .what strong >> nth=0")
    with evaluator.task("file and submit an evaluation"):
        evaluator.click("#to-file li >> nth=0 >> text=File an evaluation")
        for criterion, rating in zip(
            ("relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability"), "343234", strict=True
        ):
            evaluator.select(f"#id_{criterion}", rating)
        evaluator.fill("#id_summary", "Delivered as agreed.")
        evaluator.submit("button[value=submit]")  # the declaration is not ticked: the form says so, keeping it all
        assert "Tick the declaration" in evaluator.page.inner_text("#id_sign_declaration_error")
        assert evaluator.page.input_value("#id_summary") == "Delivered as agreed."
        evaluator.check("#id_sign_declaration")
        evaluator.submit("button[value=submit]")
    filed = Evaluation.objects.get(
        program__title=target, evaluator__username="evaluator", summary="Delivered as agreed."
    )
    assert filed.is_submitted and filed.declared_at is not None
    evaluator.log_out()
    journeys.append(evaluator)

    coordinator = Journey(page, live_server.url, "coordinator")
    with coordinator.task("log in and reach the workspace"):
        coordinator.log_in("coordinator", landing=r"/workspace/$")
    pending = Milestone.objects.filter(program__dyad__slug="ir-sa", is_published=False).count()
    with coordinator.task("publish every pending item of Iran – Saudi Arabia"):
        coordinator.click("#publication li:has-text('Iran – Saudi Arabia') >> text=Review and publish")
        coordinator.check("#select-all")
        coordinator.submit("text=Publish the ticked items…")
        coordinator.submit("main form.form button[type=submit]")  # "Publish N items" on the confirmation page
    assert pending and "not published" not in coordinator.page.inner_text("#results")
    assert not Milestone.objects.filter(program__dyad__slug="ir-sa", is_published=False).exists()
    assert not Evaluation.objects.filter(program__dyad__slug="ir-sa", is_submitted=True, is_published=False).exists()
    journeys.append(coordinator)

    write_report(journeys, "after")
    for journey in journeys:
        for name, count in journey.tasks.items():
            before_clicks, before_submits = BEFORE[name]
            assert count.clicks < before_clicks, f"{journey.role}: {name} takes {count.clicks} clicks"
            assert count.submits <= before_submits + 1, f"{journey.role}: {name} takes {count.submits} submits"

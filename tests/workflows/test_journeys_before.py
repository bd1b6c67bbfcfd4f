"""The four roles' main tasks on the workspace as it was before issue 16, clicks and submits counted.

Kept in the history of the branch to reproduce the "before" figures of docs/workspace-journeys.md;
it is replaced by test_journeys.py, which runs the same tasks on the new workspace.
"""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from evaluation.models import Evaluation
from milestones.models import CancellationProposal, Milestone, MilestoneStatus, ProposalStatus
from programs.models import Program
from tests.browser import BROWSER_MARKS
from tests.factories import MilestoneFactory

from .journeys import Journey, write_report

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]

PROGRAM = "Gulf marine environment research exchange"


@pytest.fixture
def page(chromium, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(15000)
    return page


def form_errors(page) -> list[str]:
    """Names of the fields showing an error; "__all__" for errors at the top of the form."""
    return page.eval_on_selector_all(
        "main form .errorlist",
        """lists => lists.map(ul => {
            if (ul.parentElement.tagName === 'FORM') return '__all__';
            const field = ul.parentElement.querySelector('input, select, textarea');
            return field ? field.name : '__all__';
        })""",
    )


def create_program_the_old_way(journey: Journey) -> None:
    """Fill the form as a person would (sides unexplained), then fix what each answer points out."""
    journey.click("text=New program")
    journey.select("#id_dyad", str(Program.objects.get(title=PROGRAM).dyad_id))
    journey.fill("#id_title", "Shared manuscripts catalogue")
    journey.select("#id_domain", "cultural")
    journey.fill("#id_start_date", "2026-01-01")
    journey.fill("#id_end_date", "2025-12-31")  # a slip: before the start
    # Nothing says which state is side A: the person guesses Saudi Arabia, and picks the ministries the wrong way round.
    journey.select("#id_ministry_a", label_of(journey, "#id_ministry_a", "Ministry of Culture (SA)"))
    journey.select("#id_ministry_b", label_of(journey, "#id_ministry_b", "Ministry of Culture (IR)"))
    journey.fill("#id_contribution_a", "120000")
    journey.select("#id_currency_a", "IRR")
    journey.fill("#id_contribution_b", "-80000")  # a slip: a minus sign
    journey.select("#id_currency_b", "SAR")
    fixes = {
        "end_date": lambda: journey.fill("#id_end_date", "2027-12-31"),
        "body_a": lambda: journey.fill("#id_body_a", "National Library of Iran"),
        "body_b": lambda: journey.fill("#id_body_b", "King Fahd National Library"),
        "ministry_a": lambda: journey.select("#id_ministry_a", label_of(journey, "#id_ministry_a", "(IR)")),
        "ministry_b": lambda: journey.select("#id_ministry_b", label_of(journey, "#id_ministry_b", "(SA)")),
        "currency_a": lambda: journey.select("#id_currency_a", "IRR"),
        "currency_b": lambda: journey.select("#id_currency_b", "SAR"),
        "contribution_b": lambda: journey.fill("#id_contribution_b", "80000"),
        "__all__": lambda: journey.fill("#id_contribution_b", "80000"),
    }
    for _ in range(8):
        journey.submit("main form button[type=submit]")
        if re.search(r"/workspace/programs/\d+/$", journey.page.url):
            return
        for name in form_errors(journey.page):
            fixes[name]()
    raise AssertionError("the program was never created")


def label_of(journey: Journey, selector: str, text: str) -> str:
    """The value of the first option whose label contains `text` (what a person picks by reading)."""
    return journey.page.eval_on_selector(
        selector, "(s, t) => Array.from(s.options).find(o => o.text.includes(t)).value", text
    )


def test_the_four_roles_main_tasks_before_issue_16(live_server, page):
    call_command("seed_demo")
    today = timezone.localdate()
    program = Program.objects.get(title=PROGRAM)
    late = MilestoneFactory(program=program, title="Joint pilgrim registry launched", due_date=today - timedelta(10))
    MilestoneFactory(program=program, title="Joint heritage exhibition", due_date=today + timedelta(40))
    journeys = []

    ministry = Journey(page, live_server.url, "ministry staff (ir-affairs)")
    with ministry.task("log in and reach the workspace"):
        ministry.log_in("ir-affairs")
        ministry.click("header >> text=Workspace")
    with ministry.task("create a program"):
        create_program_the_old_way(ministry)
    with ministry.task("record a milestone achieved with evidence"):
        ministry.click("text=My programs")
        ministry.click(f"table a:has-text('{PROGRAM}')")
        ministry.click("#overdue a:has-text('Joint pilgrim registry launched')")
        ministry.click("text=Update status / evidence")
        ministry.select("#id_status", "achieved")
        ministry.fill("#id_achieved_date", today.isoformat())
        ministry.upload("#id_evidence_document")
        ministry.submit("main form button[type=submit]")
    late.refresh_from_db()
    assert late.status == MilestoneStatus.ACHIEVED and late.evidence_document
    with ministry.task("propose a joint cancellation"):
        ministry.click("text=My programs")
        ministry.click(f"table a:has-text('{PROGRAM}')")
        ministry.click("a:has-text('Joint heritage exhibition')")
        ministry.click("text=Propose joint cancellation")
        ministry.fill("#id_reason", "The venue is not available this year.")
        ministry.submit("main form button[type=submit]")
    assert CancellationProposal.objects.filter(status=ProposalStatus.PENDING).count() == 1
    ministry.log_out()
    journeys.append(ministry)

    other = Journey(page, live_server.url, "the other side's staff (sa-affairs)")
    with other.task("log in and reach the workspace"):
        other.log_in("sa-affairs")
        other.click("header >> text=Workspace")
    with other.task("confirm a cancellation"):
        # Nothing says a proposal waits: the person must know which program and milestone to open.
        other.click(f"table a:has-text('{PROGRAM}')")
        other.click("a:has-text('Joint heritage exhibition')")
        other.submit("button:has-text('Confirm joint cancellation')")
    assert Milestone.objects.get(title="Joint heritage exhibition").cancelled_jointly
    other.log_out()
    journeys.append(other)

    evaluator = Journey(page, live_server.url, "evaluator")
    with evaluator.task("log in and reach the workspace"):
        evaluator.log_in("evaluator")
        evaluator.click("header >> text=Workspace")
    with evaluator.task("file and submit an evaluation"):
        evaluator.click(f"tr:has-text('{PROGRAM}') >> text=File an evaluation")
        for criterion, rating in zip(
            ("relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability"), "343234", strict=True
        ):
            evaluator.select(f"#id_{criterion}", rating)
        evaluator.fill("#id_summary", "Delivered as agreed.")
        evaluator.submit("button[value=submit]")  # the declaration was not ticked: sent to the evaluation page
        evaluator.click("text=Edit draft / submit")
        evaluator.check("#id_sign_declaration")
        evaluator.submit("button[value=submit]")
    assert Evaluation.objects.filter(program=program, evaluator__username="evaluator", is_submitted=True).filter(
        summary="Delivered as agreed."
    )
    evaluator.log_out()
    journeys.append(evaluator)

    coordinator = Journey(page, live_server.url, "coordinator")
    with coordinator.task("log in and reach the workspace"):
        coordinator.log_in("coordinator")
        coordinator.click("header >> text=Workspace")
    with coordinator.task("publish every pending item of Iran – Saudi Arabia"):
        pending = [
            *(f"/workspace/programs/{pk}/publish/" for pk in drafts(Program, dyad__slug="ir-sa")),
            *(f"/workspace/milestones/{pk}/publish/" for pk in drafts(Milestone, program__dyad__slug="ir-sa")),
            *(
                f"/workspace/evaluations/{pk}/publish/"
                for pk in drafts(Evaluation, program__dyad__slug="ir-sa", is_submitted=True)
            ),
        ]
        for action in pending:
            coordinator.submit(f"form[action='{action}'] button")
    assert not Milestone.objects.filter(program__dyad__slug="ir-sa", is_published=False).exists()
    journeys.append(coordinator)
    write_report(journeys, "before")


def drafts(model, **lookups) -> list[int]:
    return list(model.objects.filter(is_published=False, **lookups).values_list("pk", flat=True))

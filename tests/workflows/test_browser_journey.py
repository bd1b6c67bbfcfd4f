"""The whole journey in a real browser: a ministry creates a program and achieves a milestone with a PDF,
a coordinator assigns an evaluator, the evaluator files an evaluation, the coordinator publishes it.
"""

import re
from datetime import date

import pytest

from evaluation.models import Evaluation
from milestones.models import Milestone, MilestoneStatus
from programs.models import Program
from tests.browser import BROWSER_MARKS
from tests.factories import DyadFactory
from tests.people import coordinator, evaluator, staff
from trustindex.selectors import current_snapshot

PASSWORD = "correct-horse-battery"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser_page(chromium, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.AXES_ENABLED = True  # log in through the real login form, lockout backend included
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(15000)
    return page


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/workspace/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(re.compile(r"/workspace/"))


def log_out(page) -> None:
    page.click("header form.logout button")
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_program_to_published_evaluation(live_server, browser_page, tmp_path):
    page, base = browser_page, live_server.url
    dyad = DyadFactory()
    ministry_user = staff("IR")
    ministry_user.username = "ir-affairs"
    ministry_user.save()
    evaluator_user = evaluator("NO")
    conflicted = evaluator("SA")
    boss = coordinator(is_global=True)

    # A ministry user creates a program.
    log_in(page, base, "ir-affairs")
    page.click("text=New program")
    page.select_option("#id_dyad", str(dyad.pk))
    page.fill("#id_title", "Shared heritage archive")
    page.select_option("#id_domain", "cultural")
    page.fill("#id_start_date", "2025-01-01")
    page.fill("#id_body_a", "National Archives of Iran")
    page.fill("#id_body_b", "King Abdulaziz Foundation")
    page.click("form.form button[type=submit]")
    page.wait_for_url(re.compile(r"/workspace/programs/\d+/$"))
    program = Program.objects.get(title="Shared heritage archive")
    assert program.created_by == ministry_user

    # ... logs a milestone and achieves it with a PDF as evidence.
    page.click("text=Log a milestone")
    page.fill("#id_title", "Catalogue published")
    page.fill("#id_due_date", "2025-06-30")
    page.click("form.form button[type=submit]")
    page.click("table a:has-text('Catalogue published')")
    page.click("text=Update status / evidence")
    page.select_option("#id_status", "achieved")
    page.fill("#id_achieved_date", "2025-06-20")
    page.set_input_files(
        "#id_evidence_document", files=[{"name": "catalogue.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.click("form.form button[type=submit]")
    page.wait_for_selector("text=Milestone now “Achieved”")
    assert page.locator("#history").inner_text().count("ir-affairs") >= 2
    page.screenshot(path=tmp_path / "milestone.png", full_page=True)
    milestone = Milestone.objects.get(title="Catalogue published")
    assert milestone.status == MilestoneStatus.ACHIEVED and milestone.evidence_document.name.endswith(".pdf")
    log_out(page)

    # A coordinator assigns an evaluator; one from a party state is refused with a clear error.
    log_in(page, base, boss.username)
    page.goto(f"{base}/workspace/programs/{program.pk}/evaluators/")
    page.select_option("#id_evaluator", str(conflicted.pk))
    page.click("form.form button[type=submit]")
    assert "a party to this dyad" in page.inner_text(".errorlist")
    page.select_option("#id_evaluator", str(evaluator_user.pk))
    page.click("form.form button[type=submit]")
    page.wait_for_selector(f"text={evaluator_user.username} assigned.")
    log_out(page)

    # The evaluator files an evaluation from the inbox and submits it with the signed declaration.
    log_in(page, base, evaluator_user.username)
    page.wait_for_url(re.compile(r"/workspace/$"))  # the to-do list
    page.click("#to-file >> text=File an evaluation")
    for criterion, rating in zip(
        ("relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability"), "343234", strict=True
    ):
        page.select_option(f"#id_{criterion}", rating)
    page.fill("#id_date", date.today().isoformat())
    page.fill("#id_summary", "Delivered as agreed.")
    page.check("#id_sign_declaration")
    page.click("button[value=submit]")
    page.wait_for_selector("text=Evaluation submitted")
    evaluation = Evaluation.objects.get(program=program)
    assert evaluation.is_submitted and evaluation.declared_at is not None and not evaluation.is_published
    log_out(page)

    # The coordinator reviews it from the to-do list and publishes it.
    log_in(page, base, boss.username)
    page.click("#to-review li:has-text('Shared heritage archive') >> text=Review")
    page.click("main .actions button:has-text('Publish')")
    page.wait_for_selector("text=Evaluation published")
    evaluation.refresh_from_db()
    assert evaluation.is_published
    before = current_snapshot(dyad)  # the program is still a draft: nothing public to index yet
    assert before is None or before.value is None

    # ... then the program and its milestone from the review page, and the dyad's public index reflects all three.
    page.goto(f"{base}/workspace/coordinator/")
    page.click(f"#pending tr[data-key='program:{program.pk}'] button")
    page.wait_for_selector("text=Program published.")
    page.click(f"#pending tr[data-key='milestone:{milestone.pk}'] button")
    page.wait_for_selector("text=Milestone published.")
    snapshot = current_snapshot(dyad)
    assert snapshot is not None and snapshot.value is not None
    assert snapshot.components["evaluation"]["count"] == 1
    assert snapshot.components["delivery"]["count"] == 1
    page.goto(f"{base}/dyads/{dyad.slug}/")
    assert f"{snapshot.value:.1f}" in page.inner_text(".index-now, main")

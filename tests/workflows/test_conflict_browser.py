"""Two ministries open one program's edit form in real browsers; the second to save sees the conflict page."""

import os
import re
from pathlib import Path

import pytest

from programs.models import Program
from tests.browser import BROWSER_MARKS
from tests.factories import DyadFactory, ProgramFactory
from tests.people import staff

PASSWORD = "correct-horse-battery"

pytestmark = BROWSER_MARKS


def named(user, username: str):
    user.username = username
    user.save()
    return user


def open_edit_form(browser, base: str, username: str, program: Program):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # a phone's width
    page.set_default_timeout(15000)
    page.goto(f"{base}/accounts/login/?next=/workspace/programs/{program.pk}/edit/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(re.compile(rf"/workspace/programs/{program.pk}/edit/"))
    return page


@pytest.mark.django_db(transaction=True)
def test_the_second_to_save_sees_who_changed_what_and_keeps_what_they_typed(live_server, chromium):
    program = ProgramFactory(dyad=DyadFactory(), title="Joint archive", summary="Digitising archives.")
    named(staff("IR"), "ir-affairs")
    named(staff("SA"), "sa-affairs")
    iran = open_edit_form(chromium, live_server.url, "ir-affairs", program)
    saudi = open_edit_form(chromium, live_server.url, "sa-affairs", program)

    saudi.fill("#id_title", "Joint archive of the Gulf")
    saudi.fill("#id_summary", "Digitising both national archives.")
    saudi.click("form.form button[type=submit]")
    saudi.wait_for_url(re.compile(rf"/workspace/programs/{program.pk}/$"))

    iran.fill("#id_title", "Shared manuscript archive")
    iran.fill("#id_body_a", "National Library of Iran")
    iran.click("form.form button[type=submit]")
    conflict = iran.locator("section.conflict")
    conflict.wait_for()
    text = conflict.inner_text()
    assert "sa-affairs changed Title, Summary" in text
    row = conflict.locator("tbody tr")
    assert row.count() == 1
    assert row.locator("th").inner_text() == "Title"
    assert row.locator(".theirs").inner_text() == "Joint archive of the Gulf"
    assert row.locator(".yours").inner_text() == "Shared manuscript archive"
    # Nothing typed is lost, and the other side's summary is in the form too.
    assert iran.input_value("#id_title") == "Shared manuscript archive"
    assert iran.input_value("#id_body_a") == "National Library of Iran"
    assert iran.input_value("#id_summary") == "Digitising both national archives."
    if os.environ.get("SCREENSHOT_DIR"):
        iran.screenshot(path=str(Path(os.environ["SCREENSHOT_DIR"]) / "workspace-conflict-phone.png"), full_page=True)
    stored = Program.objects.get(pk=program.pk)
    assert (stored.title, stored.body_a) == ("Joint archive of the Gulf", "Body A")

    # Saving again applies Iran's changes on top of Saudi Arabia's.
    iran.click("form.form button[type=submit]")
    iran.wait_for_url(re.compile(rf"/workspace/programs/{program.pk}/$"))
    stored.refresh_from_db()
    assert (stored.title, stored.summary, stored.body_a) == (
        "Shared manuscript archive",
        "Digitising both national archives.",
        "National Library of Iran",
    )

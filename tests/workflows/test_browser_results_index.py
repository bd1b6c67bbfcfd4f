"""Done when (issue 14, method 1.2), in a real browser with method 1.2 in force: a ministry user
records a period's actual with a breakdown and evidence, the other side approves it, and the
public program page and the dyad's index (its components) show it."""

import re
from datetime import date

import pytest

from milestones.models import MilestoneStatus
from results.models import ActualStatus
from tests.a11y import assert_accessible
from tests.browser import BROWSER_MARKS
from tests.factories import (
    DimensionFactory,
    DyadFactory,
    IndicatorFactory,
    MilestoneFactory,
    PeriodFactory,
    ProgramFactory,
    ResultFactory,
)
from tests.people import staff
from trustindex.selectors import current_snapshot

from .test_browser_journey import PDF, log_in, log_out

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser_page(chromium, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "METHOD_VERSION": "1.2"}
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(15000)
    return page


def attained_row(page):
    return page.locator("table.data tr", has_text="Results attained")


@pytest.mark.django_db(transaction=True)
def test_an_approved_actual_shows_on_the_program_page_and_in_the_dyads_index(live_server, browser_page):
    page, base = browser_page, live_server.url
    iran, saudi = staff("IR"), staff("SA")
    dyad = DyadFactory()
    program = ProgramFactory(
        dyad=dyad, title="University exchange", ministry_a=iran.profile.ministry, ministry_b=saudi.profile.ministry
    )
    MilestoneFactory(
        program=program, due_date=date(2025, 6, 30), status=MilestoneStatus.ACHIEVED, achieved_date=date(2025, 6, 1)
    )
    indicator = IndicatorFactory(
        result=ResultFactory(program=program, title="Students meet"), title="Students exchanged", unit="students"
    )
    DimensionFactory(indicator=indicator, name="Side", categories=["Iran", "Saudi Arabia"])
    period = PeriodFactory(indicator=indicator, start=date(2025, 1, 1), end=date(2025, 12, 31), target_value=200)

    # Before any actual is approved, the index has no attainment to show.
    page.goto(f"{base}{dyad.get_absolute_url()}")
    assert re.search(r"no data\s+0 indicators", attained_row(page).inner_text())

    # Side A records the actual, broken down by side, with a PDF as evidence, and submits it.
    log_in(page, base, iran.username)
    page.goto(f"{base}/workspace/programs/{program.pk}/")
    page.click("#results >> xpath=.. >> text=Students exchanged")
    page.click("text=2025-01-01 – 2025-12-31")
    page.click("text=Record the actual")
    page.fill("#id_actual_value", "150")
    page.get_by_label("Side: Iran").fill("80")
    page.get_by_label("Side: Saudi Arabia").fill("70")
    page.set_input_files(
        "#id_evidence_document", files=[{"name": "cohort.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.click("form.form button[type=submit]")
    page.wait_for_selector("text=Actual saved as a draft")
    page.click("text=Submit for approval")
    page.wait_for_selector("text=Actual submitted")
    log_out(page)

    # A submitted actual does not count: the index still has no attainment.
    assert current_snapshot(dyad).components["attainment"] == {"value": None, "count": 0}

    # Side B approves it.
    log_in(page, base, saudi.username)
    page.goto(f"{base}/workspace/programs/")
    page.click("#to-review ~ table >> text=Students exchanged")
    page.locator("#review button", has_text="Approve").click()
    page.wait_for_selector("text=Actual approved")
    period.refresh_from_db()
    assert period.status == ActualStatus.APPROVED
    log_out(page)

    # The public program page shows the approved actual with its breakdown and evidence.
    page.goto(f"{base}/programs/{program.pk}/")
    section = page.locator("section.indicator").first
    assert "150" in section.locator("table.data").first.text_content()  # the table behind the chart
    section.locator("summary", has_text="Breakdowns").click()
    assert re.search(r"Iran\s+80", section.inner_text()) and re.search(r"Saudi Arabia\s+70", section.inner_text())
    assert section.locator("a", has_text="document").count() == 1

    # The dyad's index, recomputed on approval, shows the attainment: 150 of 200 is 75.
    snapshot = current_snapshot(dyad)
    assert snapshot.method_version == "1.2"
    assert snapshot.components["attainment"] == {"value": 0.75, "count": 1}
    page.goto(f"{base}{dyad.get_absolute_url()}")
    assert re.search(r"Results attained.*\s+75\s+1 indicator", attained_row(page).inner_text(), re.S)
    assert_accessible(page)

    # ... and so does the API.
    answer = page.request.get(f"{base}/api/v1/dyads/{dyad.slug}/index/").json()
    assert answer["method_version"] == "1.2" and answer["components"]["attainment"]["value"] == 0.75

    # ... and it works on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1

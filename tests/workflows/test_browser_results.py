"""Done when, in a real browser: a ministry user records a period's actual with a breakdown and evidence,
the other side's ministry approves it, and the public program page shows it (chart, table, breakdown, evidence)."""

import json
import re
from datetime import date

import pytest

from results.models import ActualStatus, ReportingPeriod
from tests.browser import BROWSER_MARKS
from tests.factories import (
    DimensionFactory,
    DyadFactory,
    IndicatorFactory,
    PeriodFactory,
    ProgramFactory,
    ResultFactory,
)
from tests.people import staff

from .test_browser_journey import PDF, log_in, log_out

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser_page(chromium, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(15000)
    return page


@pytest.mark.django_db(transaction=True)
def test_an_actual_recorded_by_one_side_and_approved_by_the_other_appears_in_public(live_server, browser_page):
    page, base = browser_page, live_server.url
    iran, saudi = staff("IR"), staff("SA")
    program = ProgramFactory(
        dyad=DyadFactory(),
        title="University exchange",
        ministry_a=iran.profile.ministry,
        ministry_b=saudi.profile.ministry,
    )
    indicator = IndicatorFactory(
        result=ResultFactory(program=program, title="Students meet"), title="Students exchanged", unit="students"
    )
    DimensionFactory(indicator=indicator, name="Side", categories=["Iran", "Saudi Arabia"])
    period = PeriodFactory(indicator=indicator, start=date(2024, 1, 1), end=date(2024, 12, 31))

    # Side A records the actual, broken down by side, with a PDF as evidence, and submits it.
    log_in(page, base, iran.username)
    page.goto(f"{base}/workspace/programs/{program.pk}/")
    page.click("#results >> xpath=.. >> text=Students exchanged")
    page.click("text=2024-01-01 – 2024-12-31")
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
    assert "Submitted for approval" in page.inner_text("h1")
    log_out(page)

    # The public sees nothing of it yet.
    page.goto(f"{base}/programs/{program.pk}/")
    table = page.text_content("#results ~ section.indicator table.data")
    assert "not yet approved" in table and "150" not in table

    # Side B finds it among the actuals awaiting its approval, and approves it.
    log_in(page, base, saudi.username)
    page.goto(f"{base}/workspace/programs/")
    page.click("#to-review ~ table >> text=Students exchanged")
    assert "Iran submitted this actual" in page.inner_text("#review")
    page.locator("#review button", has_text="Approve").click()
    page.wait_for_selector("text=Actual approved")
    period.refresh_from_db()
    assert period.status == ActualStatus.APPROVED and period.reviewed_by == saudi
    assert ReportingPeriod.history.filter(id=period.pk).count() >= 4  # created, recorded, submitted, approved
    log_out(page)

    # The public program page shows the approved actual: chart, table, breakdown and evidence.
    page.goto(f"{base}/programs/{program.pk}/")
    section = page.locator("section.indicator").first
    figure = json.loads(section.locator("script[type='application/json']").text_content())
    assert next(t for t in figure["data"] if "Actual" in t["name"])["y"] == [150.0]
    page.wait_for_selector(f"#chart-indicator-{indicator.pk} .main-svg")  # plotly drew it
    section.locator("summary", has_text="Breakdowns").click()
    assert re.search(r"Iran\s+80", section.inner_text()) and re.search(r"Saudi Arabia\s+70", section.inner_text())
    document = section.locator("a", has_text="document")
    response = page.request.get(base + document.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")

    # ... and works on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1

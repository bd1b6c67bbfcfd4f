"""The index explained, in Chromium on the real demo after a milestone changes (desktop and phone):
what changed and why, revised values marked, thin stretches, remove-one bars, rank intervals,
the overview's ranks and the method page's weight scenarios.

Set SCREENSHOT_DIR=docs/screenshots to refresh the README's screenshots.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from milestones import services as milestone_services
from milestones.models import Milestone, MilestoneStatus
from tests.a11y import assert_accessible
from tests.browser import BROWSER_MARKS, DESKTOP, PHONE, charts_drawn, seed_demo_site, sideways_overflow
from trustindex.models import IndexRevision

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def changed_demo(live_server):
    """The demo, then an Iranian officer reports a long-missed ir-sa milestone as achieved on time."""
    seed_demo_site()
    milestone = (
        Milestone.objects.published()
        .filter(program__dyad__slug="ir-sa", status=MilestoneStatus.MISSED)
        .order_by("due_date")
        .first()
    )
    assert milestone is not None, "the demo has no missed Iran–Saudi Arabia milestone"
    milestone_services.update_milestone_status(
        user=User.objects.get(username="ir-affairs"),
        milestone=milestone,
        status=MilestoneStatus.ACHIEVED,
        achieved_date=milestone.due_date,
        evidence_url="https://example.org/report.pdf",
    )
    revised = IndexRevision.objects.filter(dyad__slug="ir-sa").count()
    assert revised >= 2, "backdating an achievement should revise several published month ends"
    return {"base": live_server.url, "milestone": milestone, "revised": revised}


def open_page(browser, url: str, viewport: dict):
    page = browser.new_page(viewport=viewport)
    problems: list[str] = []
    page.on("console", lambda m: problems.extend([m.text] if m.type == "error" else []))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url, wait_until="networkidle")
    charts_drawn(page)
    return page, problems


def test_the_dyad_page_says_what_changed_why_and_how_sure_it_is(changed_demo, chromium, screenshots):
    m = changed_demo["milestone"]
    page, problems = open_page(chromium, changed_demo["base"] + "/dyads/ir-sa/", DESKTOP)

    # What changed: newest first, the cause in words, linked to the public program page.
    first = page.locator(".revisions > li").first
    cause = first.locator("p").first.inner_text()
    assert f"Milestone “{m.title}”" in cause and "went from missed to achieved" in cause
    assert "ir-affairs" not in page.content()  # the audit line's user is never shown
    assert first.locator("a").first.get_attribute("href") == m.program.get_absolute_url() + "#milestones"
    assert f"{changed_demo['revised']} month-end values were revised" in first.inner_text()

    # The history chart marks the revised values and draws thin stretches dashed.
    traces = page.evaluate("document.getElementById('chart-history').data.map(t => t.name)")
    assert "Revised value" in traces
    if page.locator(".thin-stretches").count():
        assert "Thin data (read with care)" in traces

    # Rank with its interval, remove-one bars and their sentences.
    assert page.locator(".headline .rank").inner_text().startswith("Ranks ")
    assert " of 6" in page.locator(".headline .rank").inner_text()
    assert page.locator("#chart-remove-one .main-svg").count() >= 1
    assert "Without Commitments kept the index would be" in page.locator(".remove-one-list").inner_text()

    page.locator("figure:has(#chart-history)").screenshot(path=str(screenshots / "index-history.png"))
    page.locator("#what-changed").scroll_into_view_if_needed()
    page.locator(".what-changed").screenshot(path=str(screenshots / "index-what-changed.png"))
    page.locator("section.headline").screenshot(path=str(screenshots / "index-rank.png"))
    page.locator(".remove-one").screenshot(path=str(screenshots / "index-remove-one.png"))
    assert_accessible(page)
    assert problems == []


def test_the_dyad_page_explains_its_index_on_a_phone(changed_demo, chromium, screenshots):
    page, problems = open_page(chromium, changed_demo["base"] + "/dyads/ir-sa/", PHONE)
    assert page.locator(".revisions > li").count() >= 1
    assert page.locator(".headline .rank").is_visible()
    assert sideways_overflow(page) <= 1, "wider than a phone"
    box = page.locator(".what-changed").bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    page.locator(".what-changed").screenshot(path=str(screenshots / "index-what-changed-phone.png"))
    assert_accessible(page)
    assert problems == []


def test_the_overview_ranks_pairs_and_explains_status_and_index(changed_demo, chromium):
    page, problems = open_page(chromium, changed_demo["base"] + "/?sort=rank", DESKTOP)
    ranks = [t.split()[0] for t in page.locator("#dyads td.col-rank > span[title]").all_inner_texts()]
    assert [int(r) for r in ranks if r != "—"] == sorted(int(r) for r in ranks if r != "—")
    assert page.locator("#dyads th.col-rank").get_attribute("aria-sort") == "ascending"
    explained = page.locator(".status-and-index").inner_text()
    assert "the state of diplomatic relations" in explained and "yet its index" in explained
    phone, phone_problems = open_page(chromium, changed_demo["base"] + "/", PHONE)
    assert sideways_overflow(phone) <= 1
    assert problems == [] and phone_problems == []


def test_the_method_page_shows_the_spread_of_the_weight_scenarios(changed_demo, chromium, screenshots):
    page, problems = open_page(chromium, changed_demo["base"] + "/method/", DESKTOP)
    assert page.locator("#chart-scenarios .main-svg").count() >= 1
    assert page.locator("#scenario-table tbody tr").count() == 6
    page.locator(".scenarios").screenshot(path=str(screenshots / "index-scenarios.png"))
    assert problems == []

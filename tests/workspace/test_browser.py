"""The workspace's new pages in a real browser: the program form's script, and every page at phone width."""

import re

import pytest
from django.core.management import call_command

from tests.browser import BROWSER_MARKS
from tests.workflows.journeys import PASSWORD

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def logged_in(chromium, base: str, username: str, viewport: dict):
    page = chromium.new_page(viewport=viewport)
    page.set_default_timeout(15000)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/workspace/$"))
    return page


def visible_options(page, selector: str) -> list[str]:
    return page.eval_on_selector(
        selector, "s => Array.from(s.options).filter(o => o.value && !o.hidden).map(o => o.text)"
    )


def test_choosing_a_dyad_names_the_sides_and_offers_their_ministries_and_currencies(live_server, chromium):
    call_command("seed_demo")
    page = logged_in(chromium, live_server.url, "sa-affairs", {"width": 1200, "height": 900})  # in ir-sa and qa-sa
    page.goto(f"{live_server.url}/workspace/programs/new/")
    assert page.inner_text("legend[data-side-legend=a]") == "Side A"
    page.select_option("#id_dyad", label="Qatar (side A) – Saudi Arabia (side B)")
    assert page.inner_text("legend[data-side-legend=a]") == "Qatar (side A)"
    assert page.input_value("#id_currency_a") == "QAR" and page.input_value("#id_currency_b") == "SAR"
    assert visible_options(page, "#id_ministry_a") == [
        "Ministry of Culture (Qatar)",
        "Ministry of Foreign Affairs (Qatar)",
    ]
    page.select_option("#id_currency_a", "USD")  # the person's own choice is kept from now on
    page.select_option("#id_dyad", label="Iran (side A) – Saudi Arabia (side B)")
    assert page.inner_text("legend[data-side-legend=a]") == "Iran (side A)"
    assert page.input_value("#id_currency_a") == "USD"
    assert all(option.endswith("(Iran)") for option in visible_options(page, "#id_ministry_a"))


@pytest.mark.parametrize(
    ("username", "paths"),
    [
        ("ir-affairs", ["/workspace/", "/workspace/programs/new/", "/workspace/search/?q=pilgrimage"]),
        ("coordinator", ["/workspace/", "/workspace/coordinator/?dyad=ir-sa", "/workspace/notifications/preferences/"]),
        ("evaluator", ["/workspace/"]),
    ],
)
def test_the_new_pages_fit_a_phone(live_server, chromium, username, paths):
    call_command("seed_demo")
    page = logged_in(chromium, live_server.url, username, PHONE)
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1, path

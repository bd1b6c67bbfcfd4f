"""Every language in a real browser: overview, a dyad, a program and the program form, at desktop
and phone width, laid out right to left in Arabic and Persian, with no serious accessibility issue.

Set SCREENSHOT_DIR=docs/screenshots to keep the Arabic and Persian screenshots the README shows.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import get_language_info

from tests.a11y import assert_accessible
from tests.browser import (
    BROWSER_MARKS,
    DESKTOP,
    PHONE,
    charts_drawn,
    clipped_chart_labels,
    log_in,
    seed_demo_site,
    sideways_overflow,
)

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SCREENSHOT_LANGUAGES = {"ar", "fa"}


@pytest.fixture
def site(live_server):
    program = seed_demo_site()
    return {
        "base": live_server.url,
        "pages": {
            "overview": "/",
            "dyad": "/dyads/ir-sa/",
            "program": program.get_absolute_url(),
            "program-form": "/workspace/programs/new/",
        },
    }


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def y_axis_side(page, chart: str) -> str:
    """Which half of the chart its vertical axis labels stand in."""
    plot = page.locator(f"{chart} .main-svg").first.bounding_box()
    label = page.locator(f"{chart} .yaxislayer-above .ytick text").first.bounding_box()
    return "right" if label["x"] > plot["x"] + plot["width"] / 2 else "left"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_in_every_language_at_desktop_and_phone_width(site, chromium, screenshots, language):
    rtl = get_language_info(language)["bidi"]
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    clipped: list[str] = []
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = chromium.new_context(viewport=viewport)
        page = context.new_page()
        log_in(page, site["base"], "ir-affairs")  # the program form needs ministry staff
        for name, path in site["pages"].items():
            page.goto(site["base"] + prefix + path, wait_until="networkidle")
            assert page.get_attribute("html", "lang") == language, name
            assert page.get_attribute("html", "dir") == ("rtl" if rtl else "ltr"), name
            if page.locator(".plot").count():
                expected, drawn = charts_drawn(page)
                assert drawn == expected, name
                clipped.extend(f"{name} {width}: {label}" for label in clipped_chart_labels(page))
            if name == "dyad" and width == "desktop":
                # Arabic and Persian read from the right: the index's axis stands on the right.
                assert y_axis_side(page, "#chart-history") == ("right" if rtl else "left")
            assert sideways_overflow(page) <= 1, f"{name} at {width} width is wider than the window"
            assert_accessible(page)
            if language in SCREENSHOT_LANGUAGES and name != "program-form":
                page.screenshot(path=str(screenshots / f"{name}-{language}-{width}.png"), full_page=True)
        context.close()
    assert clipped == [], "chart labels cut off at the chart's edge"


def test_the_switcher_changes_the_language_from_the_keyboard(site, chromium):
    page = chromium.new_page(viewport=DESKTOP)
    page.goto(site["base"] + site["pages"]["dyad"], wait_until="networkidle")
    page.focus("#language-select")
    page.select_option("#language-select", "fa")
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Enter")
    page.wait_for_url("**/fa/dyads/ir-sa/")
    assert page.get_attribute("html", "dir") == "rtl"
    # The choice is remembered: an unprefixed link leads to the Persian page.
    page.goto(site["base"] + "/method/")
    assert page.url.endswith("/fa/method/")


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(site, chromium):
    page = chromium.new_page(viewport=DESKTOP)
    page.goto(site["base"] + site["pages"]["overview"], wait_until="networkidle")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_browser_asking_for_arabic_gets_arabic_on_its_first_visit(site, chromium):
    context = chromium.new_context(viewport=DESKTOP, locale="ar-SA")
    page = context.new_page()
    page.goto(site["base"] + site["pages"]["dyad"], wait_until="networkidle")
    assert page.url.endswith("/ar/dyads/ir-sa/")
    assert page.get_attribute("html", "lang") == "ar" and page.get_attribute("html", "dir") == "rtl"
    context.close()

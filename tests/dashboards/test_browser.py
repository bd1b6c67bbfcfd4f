"""The dashboards in a real browser: charts drawn, no errors, nothing fetched from outside.

Set SCREENSHOT_DIR to keep the screenshots (docs/screenshots/ holds the ones
the README shows); otherwise they go to pytest's tmp_path.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser import BROWSER_MARKS, seed_demo_site

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = [
    *BROWSER_MARKS,
    # States are reference data a flush would wipe; programs.reference_data reloads them after it.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def demo(live_server):
    program = seed_demo_site()
    return {
        "overview": live_server.url + "/",
        "dyad": live_server.url + "/dyads/ir-sa/",
        "program": live_server.url + program.get_absolute_url(),
        "method": live_server.url + "/method/",
    }


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Watch:
    """Console errors, page errors, failed requests and requests to other hosts, on one page."""

    def __init__(self, page) -> None:
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: self.problems.append(f"failed: {request.url} {request.failure}"))
        page.on("request", self._check_host)
        page.on("response", self._check_status)

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console: {message.text[:300]}")

    def _check_status(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _check_host(self, request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:")) and host not in LOCAL_HOSTS:
            self.problems.append(f"external request: {request.url}")


@pytest.fixture
def browser(chromium):
    return chromium


def open_page(browser, url: str, viewport: dict):
    page = browser.new_page(viewport=viewport)
    watch = Watch(page)
    page.goto(url, wait_until="networkidle")
    return page, watch


def charts_drawn(page) -> tuple[int, int]:
    """(charts on the page, charts plotly drew as SVG)."""
    page.wait_for_function("[...document.querySelectorAll('.plot')].every(p => p.querySelector('.main-svg'))")
    return page.locator(".plot").count(), page.locator(".plot:has(.main-svg)").count()


@pytest.mark.parametrize("name", ["overview", "dyad", "program", "method"])
def test_page_draws_every_chart_with_no_error_and_no_outside_request(demo, browser, screenshots, name):
    page, watch = open_page(browser, demo[name], DESKTOP)
    expected, drawn = charts_drawn(page)
    if name == "overview":
        page.wait_for_selector(".geo .countries path", state="attached")  # the map drew from local topojson
    page.screenshot(path=str(screenshots / f"{name}-desktop.png"), full_page=True)
    assert expected >= 1
    assert drawn == expected
    assert watch.problems == []

    phone, phone_watch = open_page(browser, demo[name], PHONE)
    charts_drawn(phone)
    height = min(2400, phone.evaluate("document.documentElement.scrollHeight"))
    clip = {"x": 0, "y": 0, **PHONE, "height": height}
    phone.screenshot(path=str(screenshots / f"{name}-phone.png"), full_page=True, clip=clip)
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1, "wider than a phone"
    if name == "overview":
        fits = (
            "document.querySelector('#dyads').scrollWidth <= document.querySelector('#dyads').parentElement.clientWidth"
        )
        assert phone.evaluate(fits), "the dyad table needs sideways scrolling on a phone"
    assert phone_watch.problems == []


def test_sorting_and_filtering_the_overview(demo, browser):
    page, watch = open_page(browser, demo["overview"], DESKTOP)
    page.click("a.sort[data-sort='name']")
    page.wait_for_url("**sort=name**")
    names = page.locator("#dyads tbody td:first-child").all_inner_texts()
    assert names == sorted(names)
    page.select_option("select[name=status]", "normalised")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**status=normalised**")
    statuses = page.locator("#dyads tbody .status").all_inner_texts()
    assert statuses and set(statuses) == {"Normalised"}
    charts_drawn(page)
    assert watch.problems == []

"""Shared set-up for browser tests: Debian's Chromium driven by Playwright (see shared/docs/runtime.md)."""

import os

import pytest
from django.core.management import call_command

from programs.models import Program

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Marks for a browser test module: skipped, with the reason, where Chromium is not installed.
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"needs Debian's Chromium at {CHROMIUM}"),
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
DEMO_PASSWORD = "concord-demo"


def log_in(page, base: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real login form and wait for the page it leads to."""
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()


def charts_drawn(page) -> tuple[int, int]:
    """(charts on the page, charts plotly drew as SVG), once every chart is drawn."""
    page.wait_for_function("[...document.querySelectorAll('.plot')].every(p => p.querySelector('.main-svg'))")
    return page.locator(".plot").count(), page.locator(".plot:has(.main-svg)").count()


def sideways_overflow(page) -> int:
    """How many pixels the page is wider than the window (a phone user would have to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


CLIPPED_LABELS_JS = """() => [...document.querySelectorAll('.plot')].flatMap(plot => {
  const svg = plot.querySelector('.main-svg');
  if (!svg) { return []; }
  const box = svg.getBoundingClientRect();
  return [...plot.querySelectorAll('.xtick text, .ytick text, .legendtext, .g-xtitle text, .g-ytitle text')]
    .filter(t => t.textContent.trim())
    .filter(t => { const r = t.getBoundingClientRect();
                   return r.left < box.left - 2 || r.right > box.right + 2
                       || r.top < box.top - 2 || r.bottom > box.bottom + 2; })
    .map(t => plot.id + ': ' + t.textContent);
})"""


def clipped_chart_labels(page) -> list[str]:
    """Axis, tick and legend texts drawn (partly) outside their chart, where they are cut off."""
    return page.evaluate(CLIPPED_LABELS_JS)


def seed_demo_site() -> Program:
    """The demo as `make demo` builds it (records, then the index by the real engine); its first ir-sa program."""
    call_command("seed_demo", verbosity=0)
    call_command("recompute_indices", verbosity=0)
    program = Program.objects.filter(is_published=True, dyad__slug="ir-sa").order_by("pk").first()
    assert program is not None, "the demo data has no published Iran–Saudi Arabia program"
    return program

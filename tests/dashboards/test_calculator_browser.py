"""The weights calculator in Chromium on the demo: its values are the engine's, for any weights.

Set SCREENSHOT_DIR=docs/screenshots to refresh the README's screenshots.
"""

import os
from pathlib import Path

import pytest

from programs.models import Dyad
from tests.a11y import assert_accessible
from tests.browser import BROWSER_MARKS, DESKTOP, PHONE, seed_demo_site, sideways_overflow
from trustindex.inputs import COMPONENTS, DEFAULT_WEIGHTS, IndexConfig
from trustindex.loader import load_dyad_inputs
from trustindex.method import compute_index
from trustindex.selectors import current_snapshot

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]

# Percentages, as the sliders take them: the weights in force and three other views of what matters.
# (In COMPONENTS order: delivery, evaluation, continuity, reciprocity, breadth, transparency.)
WEIGHT_SETS = {
    "in force": {k: round(w * 100) for k, w in DEFAULT_WEIGHTS.items()},
    "promises first": dict(zip(COMPONENTS, (60, 10, 10, 10, 5, 5), strict=True)),
    "no evaluation": dict(zip(COMPONENTS, (30, 0, 25, 20, 15, 10), strict=True)),
    "shared load": dict(zip(COMPONENTS, (10, 15, 15, 35, 20, 5), strict=True)),
}


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def engine_values(percent: dict[str, int]) -> dict[str, float | None]:
    """Each dyad's index today as the engine computes it from the records with these weights."""
    config = IndexConfig(weights={k: percent[k] / 100 for k in COMPONENTS})
    values = {}
    for dyad in Dyad.objects.select_related("state_a", "state_b"):
        snapshot = current_snapshot(dyad)
        assert snapshot is not None
        loaded = load_dyad_inputs(dyad.pk)
        values[str(dyad)] = compute_index(loaded.inputs, snapshot.as_of, config=config).value
    return values


def set_weights(page, percent: dict[str, int]) -> None:
    for key, value in percent.items():
        page.fill(f"#weight-{key}", str(value))  # a range input: sets the value and fires "input"


def table_values(page) -> dict[str, str]:
    rows = page.locator("#calculator-table tbody tr")
    return {
        rows.nth(i).locator("td").nth(1).inner_text(): rows.nth(i).locator("td.value").inner_text()
        for i in range(rows.count())
    }


def test_the_calculator_gives_the_engines_values_for_the_weights_in_force_and_three_others(
    live_server, chromium, screenshots
):
    seed_demo_site()
    expected = {name: engine_values(percent) for name, percent in WEIGHT_SETS.items()}
    assert expected["in force"] != expected["shared load"], "the weight sets should move the index"
    page = chromium.new_page(viewport=DESKTOP)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/method/#calculator", wait_until="networkidle")
    for name, percent in WEIGHT_SETS.items():
        set_weights(page, percent)
        shown = table_values(page)
        assert shown.keys() == expected[name].keys(), name
        for dyad, value in expected[name].items():
            if value is None:
                assert shown[dyad] == "insufficient data", (name, dyad)
            else:
                assert abs(float(shown[dyad]) - value) <= 0.1, (name, dyad, shown[dyad], value)
        ranks = [int(r) for r in page.locator("#calculator-table td.rank").all_inner_texts() if r != "–"]
        assert ranks == sorted(ranks) and ranks[0] == 1, name
    set_weights(page, WEIGHT_SETS["shared load"])
    page.locator("#calculator").screenshot(path=str(screenshots / "index-calculator.png"))
    assert errors == []


def test_the_calculator_works_on_a_phone_and_is_accessible(live_server, chromium, screenshots):
    seed_demo_site()
    page = chromium.new_page(viewport=PHONE)
    page.goto(live_server.url + "/method/#calculator", wait_until="networkidle")
    published = table_values(page)
    page.fill("#weight-delivery", "0")
    assert page.locator("#share-delivery").inner_text() == "0%"
    assert table_values(page) != published
    page.click("button[data-preset=default]")
    assert table_values(page) == published
    assert page.locator("#share-delivery").inner_text() == "30%"
    assert sideways_overflow(page) <= 1, "wider than a phone"
    page.locator("#calculator").screenshot(path=str(screenshots / "index-calculator-phone.png"))
    assert_accessible(page)

"""plotly.js and the map data come from our own static files; figures are valid plotly."""

import json
import os
import re
from pathlib import Path

import plotly
import plotly.graph_objects as go
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse
from plotly.offline import get_plotlyjs_version

from dashboards import plotly_css
from dashboards.staticfinders import PlotlyFallbackFinder, built_bundle
from tests.factories import EvaluationFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


BUNDLE_SPEC = json.loads((Path(settings.BASE_DIR) / "assets" / "plotly-bundle.json").read_text())


@pytest.fixture
def bundle() -> Path:
    if not built_bundle().exists():
        if os.environ.get("CI"):
            pytest.fail("The plotly.js bundle is not built: `make assets`.")
        pytest.skip("needs the plotly.js bundle: run `make assets` (Node.js and npm)")
    return built_bundle()


def test_pages_get_the_small_plotly_bundle_of_the_same_version_as_the_python_figures(bundle):
    assert Path(finders.find("vendor/plotly/plotly.min.js")) == bundle
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert bundle.stat().st_size < 0.4 * full.stat().st_size
    # Figures are built with plotly's Python API: its plotly.js version is the one the bundle must be.
    assert f'.version="{get_plotlyjs_version()}"' in bundle.read_text()
    lock = json.loads((Path(settings.BASE_DIR) / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/plotly.js"]["version"] == get_plotlyjs_version()


def test_without_the_bundle_the_full_plotly_js_is_served_and_check_warns(settings, tmp_path):
    settings.BASE_DIR = tmp_path  # no static/vendor/plotly/plotly.min.js there
    finder = PlotlyFallbackFinder()
    assert Path(finder.find("vendor/plotly/plotly.min.js")).stat().st_size > 3_000_000
    assert [w.id for w in finder.check()] == ["dashboards.W001"]


def test_collectstatic_copies_plotly_js_and_the_world_map(bundle, tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "vendor/plotly/plotly.min.js").stat().st_size == bundle.stat().st_size
    assert (tmp_path / "vendor/plotly/plotly.min.js.gz").exists()  # what WhiteNoise sends
    topology = json.loads((tmp_path / "vendor/topojson/world_110m.json").read_text())
    assert {"countries", "land", "coastlines"} <= set(topology["objects"])


def test_pages_load_scripts_from_our_static_files_only(client, history, dyad):
    body = client.get(dyad.get_absolute_url()).content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', body)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources)
    assert '"topojsonURL": "/static/vendor/topojson/"' in body


@pytest.fixture(
    params=[(page, language) for page in ("overview", "dyad", "program", "method") for language in ("en", "fa")]
)
def page_figures(request, client, history, program) -> list[dict]:
    """The figures a page embeds, in English and in Persian (laid out right to left)."""
    MilestoneFactory(program=program)
    EvaluationFactory(program=program)
    page, language = request.param
    url = {
        "overview": reverse("dashboards:overview"),
        "dyad": program.dyad.get_absolute_url(),
        "program": program.get_absolute_url(),
        "method": reverse("dashboards:method"),
    }[page]
    body = client.get(url if language == "en" else f"/{language}{url}").content.decode()
    figures = re.findall(r'<script type="application/json" id="figure-[a-z]+">(.*?)</script>', body, re.S)
    assert figures
    return [json.loads(text) for text in figures]


def test_embedded_figures_pass_plotly_validation(page_figures):
    for figure in page_figures:
        phone = figure.pop("phone", {})
        go.Figure(figure)  # raises ValueError on any invalid property
        go.Figure(figure).update_layout(phone)  # the phone layout too


def test_plotly_styles_served_as_files_match_the_served_plotly_js():
    # Pages need no inline style only while these files hold what plotly.js would inject.
    assert (plotly_css.STATIC_DIR / plotly_css.CORE_CSS).read_text() == plotly_css.core_rules(plotly_css.bundle())
    element_id, maplibre_css = plotly_css.maplibre(plotly_css.full_bundle())
    assert (plotly_css.STATIC_DIR / plotly_css.MAPLIBRE_CSS).read_text() == maplibre_css
    template = (plotly_css.STATIC_DIR.parents[2] / "templates" / "dashboards" / "_plotly.html").read_text()
    assert f'id="{element_id}"' in template and 'id="plotly.js-style-global" class="no-inline-styles"' in template


def test_the_bundle_has_every_trace_type_the_pages_draw(page_figures):
    drawn = {trace.get("type", "scatter") for figure in page_figures for trace in figure["data"]}
    assert drawn <= set(BUNDLE_SPEC["traces"])

"""plotly.js and the map data come from our own static files; figures are valid plotly."""

import json
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from dashboards import plotly_css
from tests.factories import EvaluationFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def test_plotly_js_is_found_in_the_installed_plotly_package():
    found = finders.find("vendor/plotly/plotly.min.js")
    assert found and Path(found).stat().st_size > 1_000_000


def test_collectstatic_copies_plotly_js_and_the_world_map(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "vendor/plotly/plotly.min.js").stat().st_size > 1_000_000
    topology = json.loads((tmp_path / "vendor/topojson/world_110m.json").read_text())
    assert {"countries", "land", "coastlines"} <= set(topology["objects"])


def test_pages_load_scripts_from_our_static_files_only(client, history, dyad):
    body = client.get(dyad.get_absolute_url()).content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', body)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources)
    assert '"topojsonURL": "/static/vendor/topojson/"' in body


@pytest.mark.parametrize("page", ["overview", "dyad", "program", "method"])
def test_embedded_figures_pass_plotly_validation(client, history, program, page):
    MilestoneFactory(program=program)
    EvaluationFactory(program=program)
    url = {
        "overview": reverse("dashboards:overview"),
        "dyad": program.dyad.get_absolute_url(),
        "program": program.get_absolute_url(),
        "method": reverse("dashboards:method"),
    }[page]
    body = client.get(url).content.decode()
    figures = re.findall(r'<script type="application/json" id="figure-[a-z]+">(.*?)</script>', body, re.S)
    assert figures
    for text in figures:
        figure = json.loads(text)
        phone = figure.pop("phone", {})
        go.Figure(figure)  # raises ValueError on any invalid property
        go.Figure(figure).update_layout(phone)  # the phone layout too


def test_plotly_styles_served_as_files_match_the_served_plotly_js():
    # Pages need no inline style only while these files hold what plotly.js would inject.
    source = plotly_css.bundle()
    assert (plotly_css.STATIC_DIR / plotly_css.CORE_CSS).read_text() == plotly_css.core_rules(source)
    element_id, maplibre_css = plotly_css.maplibre(source)
    assert (plotly_css.STATIC_DIR / plotly_css.MAPLIBRE_CSS).read_text() == maplibre_css
    template = (plotly_css.STATIC_DIR.parents[2] / "templates" / "dashboards" / "_plotly.html").read_text()
    assert f'id="{element_id}"' in template and 'id="plotly.js-style-global" class="no-inline-styles"' in template

"""Sharing charts: permalinks, embed views other sites may frame, and nothing sent to a third party."""

import json
import re

import pytest
from django.urls import reverse

from dashboards.templatetags.charts import plotly_config
from tests.factories import DyadFactory, MilestoneFactory, ProgramFactory, state

from .conftest import make_history

pytestmark = pytest.mark.django_db


def csp(response) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in response["Content-Security-Policy"].split(";"))}


def test_every_chart_on_the_dyad_page_has_a_permalink_and_an_embed_view(client, history, dyad):
    body = client.get(dyad.get_absolute_url()).content.decode()
    charts = re.findall(r'<div class="plot" id="chart-([a-z-]+)"', body)
    assert "history" in charts
    for chart in charts:
        assert f'<a href="#chart-{chart}">Link to this chart</a>' in body
        embed = reverse("dashboards:dyad_chart", args=[dyad.slug, chart])
        assert f'<a href="{embed}">Embed this chart</a>' in body
        assert client.get(embed).status_code == 200


def test_an_embed_view_shows_the_chart_with_its_title_source_licence_and_date(client, history, dyad, settings):
    settings.DATA_LICENCE = "CC BY-SA 4.0"
    settings.SITE_URL = "https://concord.example"
    body = client.get(reverse("dashboards:dyad_chart", args=[dyad.slug, "history"])).content.decode()
    assert f"Trust index over time: {dyad}" in body
    assert f"Source: Concord, https://concord.example/dyads/{dyad.slug}/#chart-history" in body
    assert "Licence: CC BY-SA 4.0" in body
    assert re.search(r"Data as of \d{1,2} \w{3} \d{4}", body)
    assert 'id="figure-history"' in body and 'class="site-header"' not in body
    assert "Embed this chart" not in body  # no sharing links inside the embed itself


def test_only_embed_views_may_be_framed_by_other_sites(client, history, dyad):
    embed = client.get(reverse("dashboards:dyad_chart", args=[dyad.slug, "history"]))
    assert csp(embed)["frame-ancestors"] == ["*"]
    assert csp(embed)["script-src"] == ["'self'"]
    assert "X-Frame-Options" not in embed
    page = client.get(dyad.get_absolute_url())
    assert csp(page)["frame-ancestors"] == ["'none'"]
    assert page["X-Frame-Options"] == "DENY"


def test_the_overview_method_and_program_charts_have_embed_views_too(client, history, dyad):
    program = ProgramFactory(dyad=dyad, is_published=True)
    MilestoneFactory(program=program)
    for url, title in [
        (reverse("dashboards:overview_chart", args=["map"]), "Where the pairs of states are"),
        (reverse("dashboards:method_chart", args=["weights"]), "Weights of the six components"),
        (reverse("dashboards:program_chart", args=[program.pk, "timeline"]), f"Milestones: {program.title}"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert title in response.content.decode()


@pytest.mark.parametrize(
    "name,args",
    [
        ("dashboards:dyad_chart", ["{slug}", "no-such-chart"]),
        ("dashboards:dyad_chart", ["{slug}", "map"]),  # a chart of another page
        ("dashboards:overview_chart", ["history"]),
        ("dashboards:method_chart", ["delivery"]),
        ("dashboards:dyad_chart", ["no-such-dyad", "history"]),
    ],
)
def test_an_unknown_chart_is_not_found(client, history, dyad, name, args):
    url = reverse(name, args=[a.format(slug=dyad.slug) for a in args])
    assert client.get(url).status_code == 404


def test_a_draft_programs_charts_are_not_found(client, dyad):
    draft = ProgramFactory(dyad=dyad, is_published=False)
    assert client.get(reverse("dashboards:program_chart", args=[draft.pk, "timeline"])).status_code == 404


def test_a_dyad_without_an_index_has_no_history_chart_to_embed(client, dyad):
    assert client.get(reverse("dashboards:dyad_chart", args=[dyad.slug, "history"])).status_code == 404


def test_an_embed_view_is_cached_and_its_queries_do_not_grow(client, django_assert_max_num_queries):
    small, large = DyadFactory(), DyadFactory(state_a=state("JP"), state_b=state("KR"))
    make_history(small, months=2)
    make_history(large, months=40)
    with django_assert_max_num_queries(9):
        client.get(reverse("dashboards:dyad_chart", args=[large.slug, "history"]))
    with django_assert_max_num_queries(1):  # the dyad; the page comes from the cache
        client.get(reverse("dashboards:dyad_chart", args=[large.slug, "history"]))


def test_plotly_sends_nothing_to_a_third_party():
    config = json.loads(plotly_config())
    assert config["showSendToCloud"] is False and config["plotlyServerURL"] == ""
    assert {"sendChartToCloud", "toImage"} <= set(config["modeBarButtonsToRemove"])
    assert not config.get("showEditInChartStudio")

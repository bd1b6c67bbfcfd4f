"""What an anonymous visitor sees on the dashboard pages."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from programs.choices import Domain, DyadStatus
from tests.factories import DyadFactory, EvaluationFactory, IndexSnapshotFactory, ProgramFactory, state

pytestmark = pytest.mark.django_db


def overview_names(response) -> list[str]:
    body = response.content.decode()
    table = body.split('id="dyads"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td><a href="/dyads/[^"]+/">([^<]+)</a></td>', table)


def test_overview_shows_current_index_band_and_12_month_change(client, history):
    response = client.get(reverse("dashboards:overview"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "41.5" in body  # the newest of 24 monthly values 30.0, 30.5, …
    assert "(37.5–45.5)" in body
    assert "+6.0" in body  # twelve months at +0.5


def test_overview_sorts_by_name_in_both_directions(client):
    DyadFactory(state_a=state("CO"), state_b=state("VE"))
    DyadFactory(state_a=state("JP"), state_b=state("KR"))
    ascending = overview_names(client.get(reverse("dashboards:overview"), {"sort": "name"}))
    descending = overview_names(client.get(reverse("dashboards:overview"), {"sort": "name", "dir": "desc"}))
    assert ascending == sorted(ascending)
    assert descending == list(reversed(ascending))


def test_overview_sorts_by_index_highest_first_and_uncomputed_last(client):
    low, high = (
        DyadFactory(state_a=state("CO"), state_b=state("VE")),
        DyadFactory(state_a=state("JP"), state_b=state("KR")),
    )
    uncomputed = DyadFactory(state_a=state("AM"), state_b=state("TR"))
    IndexSnapshotFactory(dyad=low, value=20.0)
    IndexSnapshotFactory(dyad=high, value=70.0)
    names = overview_names(client.get(reverse("dashboards:overview"), {"sort": "index"}))
    assert names == [str(high), str(low), str(uncomputed)]


def test_overview_filters_by_status(client):
    DyadFactory(state_a=state("CO"), state_b=state("VE"), status=DyadStatus.THAWING)
    normalised = DyadFactory(state_a=state("JP"), state_b=state("KR"), status=DyadStatus.NORMALISED)
    names = overview_names(client.get(reverse("dashboards:overview"), {"status": DyadStatus.NORMALISED}))
    assert names == [str(normalised)]


def test_overview_filters_by_domain_of_published_programs(client):
    health = DyadFactory(state_a=state("CO"), state_b=state("VE"))
    ProgramFactory(dyad=health, domain=Domain.HEALTH)
    drafted = DyadFactory(state_a=state("JP"), state_b=state("KR"))
    ProgramFactory(dyad=drafted, domain=Domain.HEALTH, is_published=False)
    names = overview_names(client.get(reverse("dashboards:overview"), {"domain": Domain.HEALTH}))
    assert names == [str(health)]


def test_dyad_without_snapshots_says_not_yet_computed(client, dyad):
    response = client.get(dyad.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Not yet computed" in body
    assert "insufficient data" in body


def test_overview_row_of_dyad_without_snapshots_says_not_yet_computed(client, dyad):
    assert "not yet computed" in client.get(reverse("dashboards:overview")).content.decode()


def test_dyad_with_null_index_says_insufficient_data_and_still_shows_components(client, dyad):
    IndexSnapshotFactory(dyad=dyad, value=None, band_low=None, band_high=None, coverage=0.4)
    body = client.get(dyad.get_absolute_url()).content.decode()
    assert "Insufficient data" in body
    assert "Commitments kept" in body
    assert "3 milestones due" in body


def test_index_with_band_wider_than_20_points_is_flagged_unstable(client, dyad):
    IndexSnapshotFactory(dyad=dyad, value=50.0, band_low=38.0, band_high=62.0)
    assert ">unstable<" in client.get(dyad.get_absolute_url()).content.decode()


def test_index_with_band_of_20_points_is_not_flagged(client, dyad):
    IndexSnapshotFactory(dyad=dyad, value=50.0, band_low=40.0, band_high=60.0)
    assert ">unstable<" not in client.get(dyad.get_absolute_url()).content.decode()


def test_dyad_page_names_components_in_plain_language_with_input_counts(client, history, dyad):
    body = client.get(dyad.get_absolute_url()).content.decode()
    for label in ("Commitments kept", "Independent assessment", "Continuity", "Reciprocity", "Breadth", "Transparency"):
        assert label in body
    assert "2 milestones achieved" in body


def test_dyad_page_marks_ruptures_and_normalisations(client, history, dyad):
    dyad.ruptures.create(date="2016-01-03", kind="severed_relations", description="Embassy stormed.")
    body = client.get(dyad.get_absolute_url()).content.decode()
    assert "Diplomatic relations severed" in body
    assert "Embassy stormed." in body


def test_older_method_version_snapshots_are_not_mixed_into_the_history(client, dyad):
    IndexSnapshotFactory(dyad=dyad, value=11.1, method_version="0.9")
    IndexSnapshotFactory(dyad=dyad, value=77.7)  # the current version
    body = client.get(dyad.get_absolute_url()).content.decode()
    assert "77.7" in body
    assert "11.1" not in body


def test_unknown_dyad_is_404(client, db):
    assert client.get(reverse("dashboards:dyad", kwargs={"slug": "xx-yy"})).status_code == 404


def test_program_page_shows_both_sides_and_contributions(client, program):
    body = client.get(program.get_absolute_url()).content.decode()
    assert "Body A" in body and "Body B" in body
    assert "600,000 USD" in body and "400,000 USD" in body


def test_method_page_shows_the_weights_and_aggregation_in_force(client, settings):
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "AGGREGATION": "geometric"}
    body = client.get(reverse("dashboards:method")).content.decode()
    assert "Weighted geometric mean" in body
    assert "Commitments kept 30.0%" in body
    assert 'id="insufficient-data"' in body and 'id="unstable"' in body


def test_every_chart_is_labelled_by_its_text_alternative(client, history, dyad):
    # The figure is named by its visible caption, which says what the chart shows; the plot is no
    # role="img" (its toolbar's buttons would be controls nested in an image).
    body = client.get(dyad.get_absolute_url()).content.decode()
    figures = re.findall(
        r'<figure class="chart" aria-labelledby="caption-([a-z]+)">\s*'
        r'<div class="plot" id="chart-\1" data-figure="figure-\1" data-toolbar-label="Chart tools"[^>]*></div>.*?'
        r'<figcaption class="chart-alt" id="caption-\1">([^<]*)</figcaption>',
        body,
        re.S,
    )
    assert len(figures) == body.count('<figure class="chart"') >= 2
    assert all(caption.strip() for _, caption in figures)


def test_dyad_page_lists_the_newest_50_evaluations_and_the_csv_all(client, program):
    for day in range(1, 56):
        EvaluationFactory(program=program, date=date(2025, 1, 1) + timedelta(days=day))
    body = client.get(program.dyad.get_absolute_url()).content.decode()
    assert "55 published evaluations; the newest 50 are listed here" in body
    assert "2025-02-25" in body and "2025-01-02" not in body
    url = reverse("dashboards:dyad_csv", kwargs={"slug": program.dyad.slug, "table": "evaluations"})
    assert len(client.get(url).content.decode().strip().splitlines()) == 1 + 55


def test_history_chart_leaves_out_events_long_before_the_first_index_but_the_page_lists_them(client, dyad):
    IndexSnapshotFactory(dyad=dyad, as_of=date(2024, 12, 31))
    dyad.ruptures.create(date=date(2016, 1, 3), kind="severed_relations")
    dyad.normalisations.create(date=date(2023, 3, 10), kind="relations_restored")
    body = client.get(dyad.get_absolute_url()).content.decode()
    figure = re.search(r'id="figure-history">(.*?)</script>', body, re.S).group(1)
    assert "Diplomatic relations restored" in figure
    assert "Diplomatic relations severed" not in figure
    assert "3 Jan 2016 — Diplomatic relations severed" in body


def test_overview_reversed_index_sort_puts_lowest_first_and_uncomputed_still_last(client):
    low, high = (
        DyadFactory(state_a=state("CO"), state_b=state("VE")),
        DyadFactory(state_a=state("JP"), state_b=state("KR")),
    )
    uncomputed = DyadFactory(state_a=state("AM"), state_b=state("TR"))
    IndexSnapshotFactory(dyad=low, value=20.0)
    IndexSnapshotFactory(dyad=high, value=70.0)
    names = overview_names(client.get(reverse("dashboards:overview"), {"sort": "index", "dir": "asc"}))
    assert names == [str(low), str(high), str(uncomputed)]


def test_overview_sorts_by_status_from_estranged_to_normalised(client):
    DyadFactory(state_a=state("JP"), state_b=state("KR"), status=DyadStatus.NORMALISED)
    DyadFactory(state_a=state("AM"), state_b=state("TR"), status=DyadStatus.ESTRANGED)
    body = client.get(reverse("dashboards:overview"), {"sort": "status"}).content.decode()
    assert body.index("status-estranged") < body.index("status-normalised")


def sort_header(response, key: str) -> str:
    body = response.content.decode()
    found = re.search(rf'<th scope="col" class="col-{key}"[^>]*>.*?</th>', body, re.S)
    assert found is not None
    return found.group(0)


def test_the_sort_arrow_and_aria_sort_say_the_order_the_rows_are_in(client):
    high, low = (
        DyadFactory(state_a=state("JP"), state_b=state("KR")),
        DyadFactory(state_a=state("CO"), state_b=state("VE")),
    )
    IndexSnapshotFactory(dyad=high, value=70.0)
    IndexSnapshotFactory(dyad=low, value=20.0)
    default = client.get(reverse("dashboards:overview"))  # highest index first
    assert overview_names(default)[:2] == [str(high), str(low)]
    header = sort_header(default, "index")
    assert 'aria-sort="descending"' in header and "▼" in header and "dir=asc" in header
    by_name = client.get(reverse("dashboards:overview"), {"sort": "name"})
    header = sort_header(by_name, "name")
    assert 'aria-sort="ascending"' in header and "▲" in header and "dir=desc" in header
    lowest_first = client.get(reverse("dashboards:overview"), {"sort": "index", "dir": "asc"})
    assert 'aria-sort="ascending"' in sort_header(lowest_first, "index")

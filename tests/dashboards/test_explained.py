"""The dyad page, overview and method page explain the index: rank and interval, thin data, what it leans on,
what changed and why, and the weight scenarios."""

import json
import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from dashboards.calculator import ranks
from dashboards.explained import REVISIONS_SHOWN, rank_sentence, thin_stretches
from tests.factories import DyadFactory, IndexSnapshotFactory, MilestoneFactory, ProgramFactory, state
from trustindex.engine import refresh_ranks
from trustindex.models import IndexRevision

from .conftest import COMPONENTS, make_history

pytestmark = pytest.mark.django_db


def page(client, dyad) -> str:
    return client.get(dyad.get_absolute_url()).content.decode().replace("&#x27;", "'")


def current(dyad, **fields):
    return IndexSnapshotFactory(dyad=dyad, as_of=date(2026, 1, 31), value=54.5, components=COMPONENTS, **fields)


def test_the_dyad_page_gives_the_rank_with_its_interval(client, dyad):
    current(dyad, rank=2, rank_low=1, rank_high=3, ranked_dyads=6)
    assert "Ranks 2nd of 6; 1st–3rd in 90% of weightings" in page(client, dyad)


def test_a_rank_without_spread_is_said_so(client, dyad):
    current(dyad, rank=1, rank_low=1, rank_high=1, ranked_dyads=6)
    assert "Ranks 1st of 6, in at least 90% of weightings" in page(client, dyad)


def test_thin_stretches_are_drawn_dashed_and_said_why(client, dyad):
    for month, thin in ((1, True), (2, True), (3, False)):
        IndexSnapshotFactory(
            dyad=dyad, as_of=date(2025, month + 1, 1) - timedelta(days=1), value=20.0 + month, coverage=0.55,
            components={"delivery": {"value": 0.2, "count": 2}}, thin=thin,
        )  # fmt: skip
    body = page(client, dyad)
    assert "Dashed stretches rest on thin data" in body
    assert "Jan 2025 to Feb 2025: the components with data carry only 55% of the weight; " in body
    assert "commitments kept rests on only 2 milestones." in body  # the same in both months
    figure = json.loads(re.search(r'id="figure-history">(.*?)</script>', body, re.S).group(1))
    names = [(trace.get("name") or "").replace("<br>", " ") for trace in figure["data"]]  # long names wrap
    assert "Thin data" in names
    solid = next(t for t in figure["data"] if t.get("name") == "Trust index")
    assert solid["y"] == [None, None, 23.0]


def test_a_thin_current_value_is_flagged_in_the_headline(client, dyad):
    current(dyad, thin=True, coverage=0.6)
    body = page(client, dyad)
    assert "This value rests on thin data: the components with data carry only 60% of the weight" in body


def test_remove_one_values_are_charted_and_said_in_words(client, dyad):
    current(dyad, remove_one={"delivery": 48.2, "continuity": 56.0})
    body = page(client, dyad)
    assert "Without Commitments kept the index would be 48.2, 6.3 lower: it holds the value up." in body
    assert "Without Continuity the index would be 56.0, 1.5 higher: it holds the value down." in body
    assert 'id="chart-remove-one"' in body


def test_what_changed_lists_revisions_newest_first_with_public_causes_only(client, dyad, program):
    make_history(dyad, months=3)
    public = MilestoneFactory(program=program, title="Joint film festival")
    draft = MilestoneFactory(program=ProgramFactory(dyad=dyad, is_published=False), title="Secret summit")
    now = timezone.now()
    for as_of, ref, ago in (
        (date(2023, 1, 31), f"milestones.milestone:{public.pk}", 10),
        (date(2023, 2, 28), f"milestones.milestone:{public.pk}", 10),
        (date(2023, 3, 31), f"milestones.milestone:{draft.pk}", 1),
    ):
        IndexRevision.objects.create(
            dyad=dyad, as_of=as_of, method_version="1.1", old_value=30.0, new_value=31.5, cause="x by ir-affairs",
            cause_ref=ref, created_at=now - timedelta(minutes=ago),
        )  # fmt: skip
    body = page(client, dyad)
    section = body[body.index('id="what-changed"') :]
    assert section.index("A change to a milestone that is not public.") < section.index("Joint film festival")
    assert "2 month-end values were revised, Jan 2023 to Feb 2023." in section
    assert f'href="{program.get_absolute_url()}#milestones"' in section
    assert "Secret summit" not in body and "ir-affairs" not in body
    assert "Revised value" in body  # the chart's markers


def test_a_page_without_revisions_says_so(client, history, dyad):
    assert "No published value has been revised." in page(client, dyad)


def test_the_overview_sorts_by_rank(client):
    for (a, b), rank in ((("IR", "SA"), 3), (("QA", "SA"), 1), (("CO", "VE"), 2)):
        dyad = DyadFactory(state_a=state(a), state_b=state(b))
        make_history(dyad, months=1, start=50.0 - rank)
        dyad.snapshots.update(rank=rank, rank_low=rank, rank_high=rank + 1, ranked_dyads=3)
    body = client.get(reverse("dashboards:overview"), {"sort": "rank"}).content.decode()
    table = body[body.index('id="dyads"') :]
    assert table.index("Qatar") < table.index("Colombia") < table.index("Iran")
    assert "2nd of 3; 2nd–3rd in 90% of weightings" in table
    rows = client.get(reverse("dashboards:overview_csv")).content.decode("utf-8-sig").splitlines()
    assert rows[0].endswith("rank,rank_low,rank_high,ranked_dyads")


def test_the_method_page_shows_the_weight_scenarios_and_the_calculator_data(client, history, dyad):
    body = client.get(reverse("dashboards:method")).content.decode()
    table = body[body.index('id="scenario-table"') : body.index("</table>", body.index('id="scenario-table"'))]
    assert table.count("<tr>") == 1 + 6
    assert 'id="chart-scenarios"' in body
    data = json.loads(re.search(r'id="calculator-data" type="application/json">(.*?)</script>', body, re.S).group(1))
    assert data["weights"]["delivery"] == 0.3 and data["min_coverage"] == 0.5
    assert data["dyads"][0]["components"]["delivery"] == COMPONENTS["delivery"]["value"]


def test_calculator_ranks_share_places_on_ties():
    assert ranks([50.0, None, 60.0, 50.0, 40.0]) == [2, None, 1, 2, 4]


def test_pages_show_new_ranks_once_they_are_refreshed(client, history, dyad, django_capture_on_commit_callbacks):
    overview = reverse("dashboards:overview")
    assert "1st of 1" not in client.get(overview).content.decode()  # now cached, without a rank
    assert "1st of 1" not in page(client, dyad)
    with django_capture_on_commit_callbacks(execute=True):
        refresh_ranks()
    assert "1st of 1" in client.get(overview).content.decode()
    assert "Ranks 1st of 1" in page(client, dyad)


def test_a_thin_stretch_gives_reasons_true_of_each_of_its_months():
    def snapshot(month, coverage, milestones, thin=True):
        return SimpleNamespace(
            as_of=date(2023, month, 28), coverage=coverage, thin=thin, components={"delivery": {"count": milestones}}
        )

    history = [snapshot(1, 0.35, 0), snapshot(2, 0.55, 1), snapshot(3, 0.8, 4), snapshot(4, 0.8, 9, thin=False)]
    (stretch,) = thin_stretches(history)
    assert stretch.sentence == (
        "Jan 2023 to Mar 2023: the components with data carry only 55% of the weight; "
        "commitments kept rests on only 4 milestones."
    )


def test_what_changed_lists_the_newest_revisions_and_links_the_csv_of_all(client, history, dyad):
    for n in range(REVISIONS_SHOWN + 5):
        IndexRevision.objects.create(
            dyad=dyad, as_of=date(2020, 1, 1) + timedelta(days=n), method_version="1.1", old_value=1.0, new_value=2.0
        )
    body = page(client, dyad)
    assert "Download every revision (CSV)" in body
    section = body[body.index('id="what-changed"') : body.index('id="leans-on"') if 'id="leans-on"' in body else None]
    assert section.count('<td class="date">') == REVISIONS_SHOWN


@pytest.mark.parametrize("language", ["ar", "es", "fa", "fr", "ru", "zh-hans"])
def test_ranks_read_as_plain_numbers_outside_english(language):
    # Django's ordinals give "1st" in five of these languages and HTML in French.
    snapshot = SimpleNamespace(rank=2, rank_low=1, rank_high=3, ranked_dyads=6)
    with translation.override(language):
        sentence = rank_sentence(snapshot)
    assert "1st" not in sentence and "<" not in sentence and "2" in sentence and "6" in sentence
    with translation.override("en"):
        assert rank_sentence(snapshot) == "2nd of 6; 1st–3rd in 90% of weightings"

"""The trust index over the API: current per dyad, history, CSV, cursor pages and conditional GET."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.api.conftest import results, token_client
from tests.factories import DyadFactory, IndexSnapshotFactory, UserFactory, state
from trustindex.method import COMPONENTS
from trustindex.models import IndexSnapshot

pytestmark = pytest.mark.django_db

API = "/api/v1"
PAIRS = [("IR", "SA"), ("QA", "SA"), ("CO", "VE"), ("ER", "ET"), ("JP", "KR")]


def month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


@pytest.fixture
def history(dyad):
    """Twelve month ends of 2025 for ir-sa, plus one snapshot of a newer method version."""
    snapshots = [IndexSnapshotFactory(dyad=dyad, as_of=month_end(2025, m), value=30 + m) for m in range(1, 13)]
    IndexSnapshotFactory(dyad=dyad, as_of=date(2025, 6, 30), method_version="2.0", value=90)
    return snapshots


def test_dyad_current_index_is_its_latest_snapshot_with_components(anon, history):
    body = anon.get(f"{API}/dyads/ir-sa/index/").json()
    assert body["as_of"] == "2025-12-31" and body["value"] == 42
    assert body["components"]["delivery"] == {"value": 0.5389, "count": 3}
    assert body["band_width"] == pytest.approx(13.0) and body["is_unstable"] is False


def test_current_index_is_per_method_version_defaulting_to_the_sites(anon, history):
    assert anon.get(f"{API}/dyads/ir-sa/index/?method_version=2.0").json()["value"] == 90
    board = results(anon.get(f"{API}/snapshots/current/?method_version=2.0"))
    assert [(row["dyad"], row["value"]) for row in board] == [("ir-sa", 90)]
    assert [row["value"] for row in results(anon.get(f"{API}/snapshots/current/"))] == [42]


def test_dyad_current_index_is_404_for_unknown_dyads_and_dyads_without_an_index(anon, dyad):
    unknown = anon.get(f"{API}/dyads/xx-yy/index/")
    assert unknown.status_code == 404 and "Unknown dyad 'xx-yy'" in unknown.json()["error"]["message"]
    empty = anon.get(f"{API}/dyads/ir-sa/index/")
    assert empty.status_code == 404 and "No index" in empty.json()["error"]["message"]


def test_history_is_in_date_order_and_filters_by_date_range_and_method_version(anon, history):
    rows = results(anon.get(f"{API}/dyads/ir-sa/index/history/?method_version=1.1"))
    assert [row["as_of"] for row in rows] == [s.as_of.isoformat() for s in history]
    ranged = results(anon.get(f"{API}/dyads/ir-sa/index/history/?as_of_after=2025-03-01&as_of_before=2025-05-31"))
    assert [row["as_of"] for row in ranged] == ["2025-03-31", "2025-04-30", "2025-05-31"]
    assert [row["value"] for row in results(anon.get(f"{API}/dyads/ir-sa/index/history/?method_version=2.0"))] == [90]


def test_history_is_cursor_paginated(anon, history):
    first = anon.get(f"{API}/dyads/ir-sa/index/history/?method_version=1.1&page_size=5").json()
    assert len(first["results"]) == 5 and "cursor=" in first["next"] and "count" not in first
    second = anon.get(first["next"]).json()
    assert second["results"][0]["as_of"] == "2025-06-30"


@pytest.mark.parametrize("how", ["accept", "format"])
def test_history_as_csv_flattens_components_into_columns(anon, history, how):
    url = f"{API}/dyads/ir-sa/index/history/?method_version=1.1"
    response = anon.get(url, HTTP_ACCEPT="text/csv") if how == "accept" else anon.get(url + "&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeffdyad,".encode())  # a BOM: spreadsheets read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 12, "CSV carries the whole filtered history, not one page"
    assert rows[-1]["as_of"] == "2025-12-31" and rows[-1]["value"] == "42.0"
    assert rows[-1]["delivery_value"] == "0.5389" and rows[-1]["delivery_count"] == "3"
    assert rows[-1]["delivery_weight"] == "0.3" and rows[-1]["breadth_value"] == ""
    assert {f"{key}_value" for key in COMPONENTS} <= set(rows[0])


def test_history_csv_reports_bad_input_in_the_json_error_shape(anon, history):
    response = anon.get(f"{API}/dyads/ir-sa/index/history/?format=csv&as_of_after=31-12-2025")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response.json()["error"]["fields"] == {"as_of_after": ["Enter a valid date."]}


def test_index_endpoints_answer_304_to_a_matching_etag(anon, history):
    url = f"{API}/dyads/ir-sa/index/history/"
    first = anon.get(url)
    assert first.status_code == 200 and first["ETag"]
    again = anon.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert anon.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_index_endpoints_answer_304_to_if_modified_since(anon, history):
    first = anon.get(f"{API}/dyads/ir-sa/index/")
    again = anon.get(f"{API}/dyads/ir-sa/index/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_a_recompute_changes_the_etag(anon, history):
    url = f"{API}/dyads/ir-sa/index/"
    etag = anon.get(url)["ETag"]
    IndexSnapshot.objects.filter(pk=history[-1].pk).update(value=55, computed_at=timezone.now() + timedelta(seconds=5))
    changed = anon.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed.json()["value"] == 55 and changed["ETag"] != etag


def test_csv_and_json_have_different_etags(anon, history):
    url = f"{API}/dyads/ir-sa/index/history/"
    assert anon.get(url)["ETag"] != anon.get(url, HTTP_ACCEPT="text/csv")["ETag"]


def test_a_token_client_pulls_every_dyads_current_index_in_one_paginated_sweep():
    dyads = [DyadFactory(state_a=state(a), state_b=state(b)) for a, b in PAIRS]
    for dyad in dyads:
        IndexSnapshotFactory(dyad=dyad, as_of=date(2025, 11, 30), value=10)
        IndexSnapshotFactory(dyad=dyad, as_of=date(2025, 12, 31), value=20)
    client = token_client(UserFactory())
    seen, url = {}, f"{API}/snapshots/current/?page_size=2"
    while url:
        body = client.get(url).json()
        seen.update({row["dyad"]: (row["as_of"], row["value"]) for row in body["results"]})
        url = body["next"]
    assert seen == {dyad.slug: ("2025-12-31", 20) for dyad in dyads}


def test_snapshots_list_filters_by_dyad_date_range_and_method_version(anon, history):
    other = IndexSnapshotFactory(dyad=DyadFactory(state_a=state("JP"), state_b=state("KR")), as_of=date(2025, 3, 31))
    assert {row["id"] for row in results(anon.get(f"{API}/snapshots/?dyad=jp-kr"))} == {other.id}
    rows = results(anon.get(f"{API}/snapshots/?dyad=ir-sa&as_of_after=2025-12-01&method_version=1.1"))
    assert [row["as_of"] for row in rows] == ["2025-12-31"]
    newest_first = results(anon.get(f"{API}/snapshots/?ordering=-as_of&page_size=1"))
    assert newest_first[0]["as_of"] == "2025-12-31"
    assert anon.get(f"{API}/snapshots/{other.id}/").json()["dyad"] == "jp-kr"


def test_the_current_board_answers_304_until_any_dyad_is_recomputed(anon, history):
    url = f"{API}/snapshots/current/"
    etag = anon.get(url)["ETag"]
    assert anon.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    IndexSnapshotFactory(dyad=history[0].dyad, as_of=date(2026, 1, 31))
    assert anon.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200

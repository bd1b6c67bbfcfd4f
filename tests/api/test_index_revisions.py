"""A dyad's index revisions over the API: newest first, causes in public words, cursor pages, CSV, ETag."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import DyadFactory, IndexSnapshotFactory, MilestoneFactory, ProgramFactory, state
from trustindex.models import IndexRevision

pytestmark = pytest.mark.django_db

URL = "/api/v1/dyads/ir-sa/index/revisions/"


def revise(dyad, as_of: date, old, new, *, cause="", cause_ref="", minutes_ago=0):
    return IndexRevision.objects.create(
        dyad=dyad,
        as_of=as_of,
        method_version="1.1",
        old_value=old,
        new_value=new,
        cause=cause,
        cause_ref=cause_ref,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


@pytest.fixture
def revisions(dyad, program):
    m = MilestoneFactory(program=program, title="Joint film festival")
    draft = MilestoneFactory(program=ProgramFactory(dyad=dyad, is_published=False), title="Secret summit")
    revise(dyad, date(2025, 1, 31), 40.0, 42.5, cause="method 1.0 → 1.1", minutes_ago=60)
    cause = f"milestone {m.pk} status missed → achieved by ir-affairs"
    revise(dyad, date(2025, 2, 28), 41.0, 43.2, cause=cause, cause_ref=f"milestones.milestone:{m.pk}", minutes_ago=5)
    hidden = f"milestone {draft.pk} title Secret summit → Secret summit II by sa-culture"
    revise(dyad, date(2025, 3, 31), 44.0, None, cause=hidden, cause_ref=f"milestones.milestone:{draft.pk}")
    return m


def test_revisions_are_listed_newest_first_with_their_cause_in_words(anon, revisions, program):
    body = anon.get(URL).json()
    rows = body["results"]
    assert [r["as_of"] for r in rows] == ["2025-03-31", "2025-02-28", "2025-01-31"]
    assert rows[0] == {
        **rows[0],
        "dyad": "ir-sa",
        "old_value": 44.0,
        "new_value": None,
        "change": None,
        "cause": "A change to a milestone that is not public.",
        "cause_url": None,
    }
    assert rows[1]["change"] == 2.2
    assert rows[1]["cause"] == f"Milestone “Joint film festival” of {program.title} went from missed to achieved."
    assert rows[1]["cause_url"] == f"http://testserver/programs/{program.pk}/#milestones"
    assert rows[2]["cause"] == "The index method was upgraded from version 1.0 to 1.1."
    text = str(body)
    assert "Secret" not in text and "ir-affairs" not in text and "sa-culture" not in text


def test_revisions_come_in_cursor_pages(anon, dyad):
    for day in range(1, 8):
        revise(dyad, date(2024, 1, day), 30.0, 31.0 + day, minutes_ago=day)
    first = anon.get(URL, {"page_size": 3}).json()
    second = anon.get(first["next"]).json()
    assert [r["new_value"] for r in first["results"]] == [32.0, 33.0, 34.0]
    assert [r["new_value"] for r in second["results"]] == [35.0, 36.0, 37.0]


def test_revisions_as_one_csv(anon, revisions):
    response = anon.get(URL, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "dyad", "as_of", "old_value", "new_value", "change", "method_version", "revised_at", "cause", "cause_url",
    ]  # fmt: skip
    assert len(rows) == 1 + 3 and rows[1][:4] == ["ir-sa", "2025-03-31", "44.0", ""]


def test_revisions_answer_conditional_gets(anon, revisions, dyad):
    first = anon.get(URL)
    assert anon.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    revise(dyad, date(2025, 4, 30), 45.0, 46.0)
    assert anon.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_an_unknown_dyad_or_parameter_is_refused(anon, dyad):
    assert anon.get("/api/v1/dyads/xx-yy/index/revisions/").status_code == 404
    assert anon.get(URL, {"colour": "red"}).status_code == 400
    assert anon.get(URL, {"cursor": "nonsense"}).status_code == 400


def test_revision_queries_do_not_grow(anon, dyad, program, django_assert_max_num_queries):
    m = MilestoneFactory(program=program)
    revise(
        dyad, date(2024, 1, 31), 30.0, 31.0, cause=f"milestone {m.pk} changed", cause_ref=f"milestones.milestone:{m.pk}"
    )
    anon.get(URL)
    with django_assert_max_num_queries(5) as captured:
        anon.get(URL)
    budget = len(captured)
    for n in range(30):
        other = MilestoneFactory(program=program)
        ref = f"milestones.milestone:{other.pk}"
        revise(
            dyad, date(2023, 1, 1) + timedelta(days=n), 30.0, 32.0, cause=f"milestone {other.pk} changed", cause_ref=ref
        )
    with django_assert_max_num_queries(budget):
        anon.get(URL)
    with django_assert_max_num_queries(budget):
        anon.get(URL, {"format": "csv"})


def test_index_endpoints_carry_the_rank_interval_and_remove_one_values(anon, dyad):
    DyadFactory(state_a=state("QA"), state_b=state("SA"))
    IndexSnapshotFactory(
        dyad=dyad, rank=2, rank_low=1, rank_high=3, ranked_dyads=6, remove_one={"delivery": 48.2}, thin=True
    )
    body = anon.get("/api/v1/dyads/ir-sa/index/").json()
    assert (body["rank"], body["rank_low"], body["rank_high"], body["ranked_dyads"]) == (2, 1, 3, 6)
    assert body["remove_one"] == {"delivery": 48.2} and body["thin"] is True


def test_the_schema_documents_revisions_with_csv_and_the_rank_fields(anon):
    schema = anon.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/dyads/{slug}/index/revisions/"]["get"]
    assert "text/csv" in operation["responses"]["200"]["content"]
    snapshot = schema["components"]["schemas"]["Snapshot"]["properties"]
    assert {"rank", "rank_low", "rank_high", "ranked_dyads", "remove_one", "thin"} <= set(snapshot)
    revision = schema["components"]["schemas"]["Revision"]["properties"]
    assert {"as_of", "old_value", "new_value", "change", "cause", "cause_url", "revised_at"} <= set(revision)

"""Nobody sees a record through the API that the permission layer hides from them."""

import pytest

from tests.api.conftest import results, token_client
from tests.factories import (
    DyadFactory,
    EvaluationFactory,
    EvaluatorAssignmentFactory,
    MilestoneFactory,
    ProgramFactory,
    state,
)
from tests.people import coordinator, evaluator, staff

pytestmark = pytest.mark.django_db

API = "/api/v1"
DRAFT = "DRAFT-SECRET"


@pytest.fixture
def drafts(program):
    """Published records next to drafts of every kind, including published children of a draft program."""
    draft_program = ProgramFactory(dyad=program.dyad, is_published=False, title=f"{DRAFT} program")
    return {
        "programs": [draft_program],
        "milestones": [
            MilestoneFactory(program=program, is_published=False, title=f"{DRAFT} milestone"),
            MilestoneFactory(program=draft_program, title=f"{DRAFT} child milestone"),
        ],
        "evaluations": [
            EvaluationFactory(program=program, is_published=False, summary=DRAFT),
            EvaluationFactory(program=draft_program, summary=f"{DRAFT} child"),
        ],
        "published": {
            "programs": program,
            "milestones": MilestoneFactory(program=program, title="public milestone"),
            "evaluations": EvaluationFactory(program=program, summary="public"),
        },
    }


FILTER_SWEEP = {
    "programs": [
        "",
        "is_published=false",
        "dyad=ir-sa",
        "state=IR",
        "status=planned",
        "active_on=2024-01-01",
        "ordering=-updated_at",
        "page_size=1",
    ],
    "milestones": [
        "",
        "is_published=false",
        "dyad=ir-sa",
        "state=SA",
        "status=planned",
        "overdue=true",
        "due_after=2000-01-01",
        "has_evidence=false",
        "ordering=-id",
    ],
    "evaluations": [
        "",
        "is_published=false",
        "is_submitted=true",
        "dyad=ir-sa",
        "date_after=2000-01-01",
        "ordering=-date",
    ],
}


def sweep(client, collection: str, query: str) -> list[dict]:
    """Every record of every page of a list."""
    rows, url = [], f"{API}/{collection}/?{query}"
    while url:
        body = client.get(url).json()
        rows += body["results"]
        url = body["next"]
    return rows


@pytest.mark.parametrize("collection", list(FILTER_SWEEP))
def test_anonymous_clients_see_no_draft_through_any_list_or_filter(anon, drafts, collection):
    hidden = {record.id for record in drafts[collection]}
    for query in FILTER_SWEEP[collection]:
        rows = sweep(anon, collection, query)
        assert not hidden & {row["id"] for row in rows}, query
        assert DRAFT not in str(rows), query
    assert drafts["published"][collection].id in {row["id"] for row in sweep(anon, collection, "")}


@pytest.mark.parametrize("collection", ["programs", "milestones", "evaluations"])
def test_anonymous_clients_get_404_for_every_draft_detail(anon, drafts, collection):
    for record in drafts[collection]:
        response = anon.get(f"{API}/{collection}/{record.id}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_filtering_by_a_draft_program_id_looks_like_an_unknown_one(anon, drafts):
    draft_id = drafts["programs"][0].id
    assert results(anon.get(f"{API}/milestones/?program={draft_id}")) == []
    assert results(anon.get(f"{API}/milestones/?program=999999")) == []


def test_logged_in_users_without_a_role_see_only_published_records(drafts):
    from tests.factories import UserFactory

    client = token_client(UserFactory())
    assert DRAFT not in str(sweep(client, "programs", "") + sweep(client, "milestones", ""))
    assert DRAFT not in str(sweep(client, "evaluations", ""))


def test_ministry_staff_see_their_dyads_drafts_but_not_other_dyads_or_unpublished_evaluations(drafts):
    other = ProgramFactory(dyad=DyadFactory(state_a=state("JP"), state_b=state("KR")), is_published=False)
    client = token_client(staff("SA"))
    program_ids = {row["id"] for row in sweep(client, "programs", "")}
    assert drafts["programs"][0].id in program_ids and other.id not in program_ids
    assert drafts["milestones"][0].id in {row["id"] for row in sweep(client, "milestones", "")}
    assert DRAFT not in str(sweep(client, "evaluations", ""))


def test_evaluators_see_their_own_draft_evaluations_and_assigned_programs(drafts, program):
    user = evaluator()
    draft_program = drafts["programs"][0]
    EvaluatorAssignmentFactory(program=draft_program, evaluator=user)
    own = EvaluationFactory(program=program, evaluator=user, is_published=False, is_submitted=False)
    client = token_client(user)
    assert draft_program.id in {row["id"] for row in sweep(client, "programs", "")}
    evaluation_ids = {row["id"] for row in sweep(client, "evaluations", "")}
    assert own.id in evaluation_ids and drafts["evaluations"][0].id not in evaluation_ids
    assert client.get(f"{API}/evaluations/{own.id}/").status_code == 200


def test_coordinators_see_their_dyads_drafts_only(drafts, program):
    mine = token_client(coordinator(program.dyad))
    elsewhere = token_client(coordinator(DyadFactory(state_a=state("JP"), state_b=state("KR"))))
    draft_evaluation = drafts["evaluations"][0]
    assert mine.get(f"{API}/evaluations/{draft_evaluation.id}/").status_code == 200
    assert elsewhere.get(f"{API}/evaluations/{draft_evaluation.id}/").status_code == 404
    assert DRAFT not in str(sweep(elsewhere, "programs", "") + sweep(elsewhere, "milestones", ""))

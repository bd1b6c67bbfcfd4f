"""Lists, details, filters and ordering of states, dyads, programs, milestones and evaluations."""

from datetime import date, timedelta

import pytest

from milestones.models import MilestoneStatus
from programs.choices import Domain, DyadStatus, ProgramStatus
from tests.api.conftest import results, token_client
from tests.factories import DyadFactory, EvaluationFactory, MilestoneFactory, ProgramFactory, state
from tests.people import coordinator, staff

pytestmark = pytest.mark.django_db

API = "/api/v1"


def ids(response) -> set:
    return {row["id"] for row in results(response)}


@pytest.fixture
def two_dyads():
    return DyadFactory(), DyadFactory(state_a=state("JP"), state_b=state("KR"), status=DyadStatus.THAWING)


def test_api_root_lists_the_collections(anon):
    body = anon.get(f"{API}/").json()
    assert {"states", "dyads", "programs", "milestones", "evaluations", "snapshots"} <= set(body)


def test_states_are_listed_and_found_by_code_in_either_case(anon):
    assert anon.get(f"{API}/states/?name=saudi").json()["results"] == [
        {"code": "SA", "alpha3": "SAU", "name": "Saudi Arabia"}
    ]
    assert anon.get(f"{API}/states/sa/").json()["name"] == "Saudi Arabia"


def test_dyads_filter_by_status_and_member_state(anon, two_dyads):
    slugs = lambda r: [row["slug"] for row in results(r)]  # noqa: E731
    assert slugs(anon.get(f"{API}/dyads/?status=thawing")) == ["jp-kr"]
    assert slugs(anon.get(f"{API}/dyads/?state=sa")) == ["ir-sa"]
    detail = anon.get(f"{API}/dyads/jp-kr/").json()
    assert detail["state_a"]["code"] == "JP" and detail["name"] == "Japan – South Korea"


def test_programs_filter_by_dyad_state_domain_status_and_dates(anon, two_dyads):
    ir_sa, jp_kr = two_dyads
    health = ProgramFactory(dyad=ir_sa, domain=Domain.HEALTH, status=ProgramStatus.ACTIVE, start_date=date(2024, 1, 1))
    culture = ProgramFactory(dyad=jp_kr, start_date=date(2020, 1, 1), end_date=date(2021, 12, 31))
    assert ids(anon.get(f"{API}/programs/?dyad=ir-sa")) == {health.id}
    assert ids(anon.get(f"{API}/programs/?state=KR")) == {culture.id}
    assert ids(anon.get(f"{API}/programs/?domain=health&domain=digital")) == {health.id}
    assert ids(anon.get(f"{API}/programs/?status=active")) == {health.id}
    assert ids(anon.get(f"{API}/programs/?start_after=2023-01-01")) == {health.id}
    assert ids(anon.get(f"{API}/programs/?end_before=2022-01-01")) == {culture.id}
    assert ids(anon.get(f"{API}/programs/?active_on=2021-06-01")) == {culture.id}


def test_program_detail_shows_both_sides(anon, program):
    body = anon.get(f"{API}/programs/{program.id}/").json()
    assert body["dyad"] == "ir-sa" and body["contribution_a"] == "600000.00" and body["body_b"] == "Body B"


def test_programs_order_by_requested_key(anon, dyad):
    old = ProgramFactory(dyad=dyad, start_date=date(2019, 1, 1))
    new = ProgramFactory(dyad=dyad, start_date=date(2024, 1, 1))
    assert [p["id"] for p in results(anon.get(f"{API}/programs/?ordering=-start_date"))] == [new.id, old.id]
    assert [p["id"] for p in results(anon.get(f"{API}/programs/?ordering=start_date"))] == [old.id, new.id]


def test_lists_are_paginated_with_a_page_size(anon, dyad):
    ProgramFactory.create_batch(3, dyad=dyad)
    body = anon.get(f"{API}/programs/?page_size=2").json()
    assert body["count"] == 3 and len(body["results"]) == 2 and "page=2" in body["next"]


def test_milestones_filter_by_program_dyad_status_due_range_and_overdue(anon, two_dyads, program):
    today = date.today()
    late = MilestoneFactory(program=program, due_date=today - timedelta(days=30))
    done = MilestoneFactory(
        program=program, due_date=today - timedelta(days=60), status=MilestoneStatus.ACHIEVED, achieved_date=today
    )
    other = MilestoneFactory(program=ProgramFactory(dyad=two_dyads[1]), due_date=today + timedelta(days=30))
    assert ids(anon.get(f"{API}/milestones/?program={program.id}")) == {late.id, done.id}
    assert ids(anon.get(f"{API}/milestones/?dyad=jp-kr")) == {other.id}
    assert ids(anon.get(f"{API}/milestones/?status=achieved")) == {done.id}
    assert ids(anon.get(f"{API}/milestones/?overdue=true")) == {late.id}
    assert ids(anon.get(f"{API}/milestones/?overdue=false")) == {done.id, other.id}
    after = (today - timedelta(days=45)).isoformat()
    assert ids(anon.get(f"{API}/milestones/?due_after={after}&due_before={today.isoformat()}")) == {late.id}


def test_milestone_detail_says_whether_it_is_overdue_and_has_evidence(anon, program):
    milestone = MilestoneFactory(program=program, due_date=date(2024, 1, 1), evidence_url="https://example.org/e")
    body = anon.get(f"{API}/milestones/{milestone.id}/").json()
    assert body["is_overdue"] is True and body["has_evidence"] is True and body["dyad"] == "ir-sa"


def test_evaluations_filter_by_program_dyad_and_date(anon, program, two_dyads):
    mine = EvaluationFactory(program=program, date=date(2025, 1, 10))
    other = EvaluationFactory(program=ProgramFactory(dyad=two_dyads[1]), date=date(2023, 5, 1))
    assert ids(anon.get(f"{API}/evaluations/?program={program.id}")) == {mine.id}
    assert ids(anon.get(f"{API}/evaluations/?dyad=jp-kr")) == {other.id}
    assert ids(anon.get(f"{API}/evaluations/?date_after=2024-01-01")) == {mine.id}
    assert ids(anon.get(f"{API}/evaluations/?date_before=2024-01-01")) == {other.id}


def test_evaluation_detail_gives_the_dac_ratings_and_score(anon, program):
    evaluation = EvaluationFactory(
        program=program, relevance=4, coherence=None, effectiveness=None, efficiency=None, impact=None, sustainability=1
    )
    body = anon.get(f"{API}/evaluations/{evaluation.id}/").json()
    assert body["relevance"] == 4 and body["coherence"] is None
    assert body["score"] == pytest.approx(0.5)
    assert body["organisation_name"] == evaluation.organisation.name


def test_the_remaining_program_filters_work_for_staff_who_see_drafts(dyad):
    early = ProgramFactory(dyad=dyad, start_date=date(2019, 1, 1), end_date=date(2030, 1, 1))
    draft = ProgramFactory(dyad=dyad, start_date=date(2024, 1, 1), is_published=False)
    client = token_client(staff("SA"))
    assert ids(client.get(f"{API}/programs/?start_before=2020-01-01")) == {early.id}
    assert ids(client.get(f"{API}/programs/?end_after=2029-01-01")) == {early.id}
    assert ids(client.get(f"{API}/programs/?is_published=false")) == {draft.id}


def test_the_remaining_milestone_filters_work(anon, two_dyads, program):
    with_evidence = MilestoneFactory(program=program, evidence_url="https://example.org/e")
    without = MilestoneFactory(program=ProgramFactory(dyad=two_dyads[1]))
    assert ids(anon.get(f"{API}/milestones/?has_evidence=true")) == {with_evidence.id}
    assert ids(anon.get(f"{API}/milestones/?has_evidence=false")) == {without.id}
    assert ids(anon.get(f"{API}/milestones/?state=JP")) == {without.id}


def test_the_remaining_evaluation_filters_work_for_a_coordinator(program, two_dyads):
    published = EvaluationFactory(program=program)
    draft = EvaluationFactory(program=program, is_submitted=False, is_published=False, independence_declared=False)
    other = EvaluationFactory(program=ProgramFactory(dyad=two_dyads[1]))
    client = token_client(coordinator(is_global=True))
    assert ids(client.get(f"{API}/evaluations/?is_submitted=false")) == {draft.id}
    assert ids(client.get(f"{API}/evaluations/?is_published=true&state=SA")) == {published.id}
    assert ids(client.get(f"{API}/evaluations/?state=KR")) == {other.id}

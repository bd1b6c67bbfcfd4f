"""Every list costs the same number of queries for one record as for many."""

from datetime import date, timedelta

import pytest

from tests.api.conftest import token_client
from tests.factories import (
    DyadFactory,
    EvaluationFactory,
    IndexSnapshotFactory,
    MilestoneFactory,
    MinistryFactory,
    ProgramFactory,
    state,
)
from tests.people import staff

pytestmark = pytest.mark.django_db

PAIRS = [("IR", "SA"), ("QA", "SA"), ("CO", "VE"), ("ER", "ET"), ("JP", "KR"), ("AM", "TR")]


def make_records(pairs, months):
    """A dyad per pair with a program (co-owned), a milestone, an evaluation, and a snapshot per month end."""
    for a, b in pairs:
        dyad = DyadFactory(state_a=state(a), state_b=state(b))
        program = ProgramFactory(dyad=dyad, ministry_a=MinistryFactory(state=state(a)))
        program.co_owners.add(MinistryFactory(state=state(b)))
        MilestoneFactory(program=program)
        EvaluationFactory(program=program)
        for m in months:
            IndexSnapshotFactory(dyad=dyad, as_of=date(2025, m + 1, 1) - timedelta(days=1), value=10 + m)


URLS = [
    "/api/v1/dyads/",
    "/api/v1/programs/",
    "/api/v1/milestones/",
    "/api/v1/evaluations/",
    "/api/v1/snapshots/",
    "/api/v1/snapshots/current/",
    "/api/v1/dyads/ir-sa/index/history/",
    "/api/v1/dyads/ir-sa/index/history/?format=csv",
]


def count_queries(client, url, django_assert_max_num_queries, budget: int) -> None:
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_list_queries_do_not_grow_with_records(url, who, django_assert_max_num_queries, anon):
    make_records(PAIRS[:1], months=[1])
    client = anon if who == "anonymous" else token_client(staff("SA"))
    client.get(url)  # warm per-process caches (content types, the user's profile lookups)
    budget = 8 if who != "anonymous" else 4
    count_queries(client, url, django_assert_max_num_queries, budget)
    make_records(PAIRS, months=range(2, 9))
    count_queries(client, url, django_assert_max_num_queries, budget)

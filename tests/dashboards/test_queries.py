"""Page query counts do not grow with the number of programs, milestones, evaluations or snapshots."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from milestones.models import Milestone, MilestoneStatus
from tests.factories import DyadFactory, EvaluationFactory, MilestoneFactory, ProgramFactory, state
from trustindex.models import IndexRevision

from .conftest import make_history

pytestmark = pytest.mark.django_db


def grow(dyad, programs: int, milestones: int, evaluations: int, months: int) -> None:
    for _ in range(programs):
        program = ProgramFactory(dyad=dyad)
        for m in range(milestones):
            MilestoneFactory(
                program=program,
                due_date=date(2023, 1 + m % 12, 10),
                status=MilestoneStatus.ACHIEVED if m % 2 else MilestoneStatus.PLANNED,
                achieved_date=date(2023, 1 + m % 12, 5) if m % 2 else None,
            )
        for _ in range(evaluations):
            EvaluationFactory(program=program)
    make_history(dyad, months=months)
    dyad.ruptures.create(date=date(2016, 1, 3), kind="severed_relations")


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_dyad_page_queries_do_not_grow_with_data(client, django_assert_max_num_queries):
    small, large = DyadFactory(), DyadFactory(state_a=state("JP"), state_b=state("KR"))
    grow(small, programs=1, milestones=1, evaluations=1, months=1)
    grow(large, programs=6, milestones=8, evaluations=3, months=30)
    baseline = count_queries(client, small.get_absolute_url())
    with django_assert_max_num_queries(baseline):
        client.get(large.get_absolute_url())


def test_dyad_page_makes_at_most_nine_queries(client, django_assert_max_num_queries):
    # Eight for the page as it was, one for its revisions ("What changed").
    dyad = DyadFactory()
    grow(dyad, programs=3, milestones=4, evaluations=2, months=12)
    with django_assert_max_num_queries(9):
        client.get(dyad.get_absolute_url())


def test_what_changed_costs_one_query_per_kind_of_record_whatever_the_revisions(client, django_assert_max_num_queries):
    dyad = DyadFactory()
    grow(dyad, programs=2, milestones=3, evaluations=1, months=6)
    program = dyad.programs.first()
    records = [f"milestones.milestone:{m.pk}" for m in Milestone.objects.filter(program__dyad=dyad)]
    records += [f"programs.program:{program.pk}", f"evaluation.evaluation:{program.evaluations.first().pk}"]
    for n, ref in enumerate(records * 4):
        IndexRevision.objects.create(
            dyad=dyad,
            as_of=date(2023, 1, 31),
            method_version="1.1",
            old_value=30,
            new_value=31 + n,
            cause=ref,
            cause_ref=ref,
        )
    with django_assert_max_num_queries(9 + 3):
        client.get(dyad.get_absolute_url())


def test_cached_dyad_page_makes_one_query(client, django_assert_max_num_queries):
    dyad = DyadFactory()
    grow(dyad, programs=2, milestones=2, evaluations=1, months=3)
    client.get(dyad.get_absolute_url())
    with django_assert_max_num_queries(1):
        client.get(dyad.get_absolute_url())


def test_overview_queries_do_not_grow_with_dyads_or_snapshots(client, django_assert_max_num_queries):
    grow(DyadFactory(), programs=1, milestones=1, evaluations=1, months=1)
    baseline = count_queries(client, reverse("dashboards:overview"))
    for a, b in (("JP", "KR"), ("CO", "VE"), ("ER", "ET")):
        grow(DyadFactory(state_a=state(a), state_b=state(b)), programs=2, milestones=2, evaluations=1, months=20)
    cache.clear()
    with django_assert_max_num_queries(baseline):
        client.get(reverse("dashboards:overview"))


def test_program_page_queries_do_not_grow_with_milestones(client, django_assert_max_num_queries):
    small, large = DyadFactory(), DyadFactory(state_a=state("JP"), state_b=state("KR"))
    grow(small, programs=1, milestones=1, evaluations=1, months=0)
    grow(large, programs=1, milestones=15, evaluations=4, months=0)
    baseline = count_queries(client, small.programs.get().get_absolute_url())
    url = large.programs.get().get_absolute_url()
    with django_assert_max_num_queries(baseline):
        client.get(url)

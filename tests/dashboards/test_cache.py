"""Cached pages are dropped when the index is recomputed or published data changes."""

import pytest
from django.urls import reverse

from tests.factories import DyadFactory, IndexSnapshotFactory, MilestoneFactory, state
from trustindex.models import IndexSnapshot
from trustindex.signals import index_recomputed

pytestmark = pytest.mark.django_db


def rewrite_value_silently(dyad, value: float) -> None:
    # queryset.update sends no signal: only the explicit index_recomputed may refresh pages.
    IndexSnapshot.objects.filter(dyad=dyad).update(value=value)


def test_dyad_page_is_served_from_cache_until_the_index_is_recomputed(client, dyad):
    IndexSnapshotFactory(dyad=dyad, value=41.7)
    assert "41.7" in client.get(dyad.get_absolute_url()).content.decode()
    rewrite_value_silently(dyad, 63.2)
    assert "63.2" not in client.get(dyad.get_absolute_url()).content.decode()
    index_recomputed.send(sender=None, dyad_id=dyad.pk)
    assert "63.2" in client.get(dyad.get_absolute_url()).content.decode()


def test_overview_is_refreshed_when_any_dyad_index_is_recomputed(client, dyad):
    IndexSnapshotFactory(dyad=dyad, value=41.7)
    client.get(reverse("dashboards:overview"))
    rewrite_value_silently(dyad, 63.2)
    index_recomputed.send(sender=None, dyad_id=dyad.pk)
    assert "63.2" in client.get(reverse("dashboards:overview")).content.decode()


def test_recomputing_one_dyad_keeps_the_other_dyads_page_cached(client, dyad):
    other = DyadFactory(state_a=state("JP"), state_b=state("KR"))
    IndexSnapshotFactory(dyad=other, value=41.7)
    client.get(other.get_absolute_url())
    rewrite_value_silently(other, 63.2)
    index_recomputed.send(sender=None, dyad_id=dyad.pk)
    assert "41.7" in client.get(other.get_absolute_url()).content.decode()


def test_saving_a_milestone_refreshes_its_program_page(client, program):
    milestone = MilestoneFactory(program=program, title="Concert in Tehran")
    client.get(program.get_absolute_url())
    milestone.title = "Concert in Riyadh"
    milestone.save()
    assert "Concert in Riyadh" in client.get(program.get_absolute_url()).content.decode()


def test_unpublishing_a_program_removes_it_from_the_cached_dyad_page(client, program):
    assert program.title in client.get(program.dyad.get_absolute_url()).content.decode()
    program.is_published = False
    program.save()
    assert program.title not in client.get(program.dyad.get_absolute_url()).content.decode()


def test_deleting_a_program_with_milestones_and_evaluations_drops_it_from_the_cached_dyad_page(client, program):
    from tests.factories import EvaluationFactory

    MilestoneFactory(program=program)
    # A draft (signed or published ones stop the delete: evaluation.models.protect_signed_evaluations).
    EvaluationFactory(program=program, is_published=False, is_submitted=False, independence_declared=False)
    assert program.title in client.get(program.dyad.get_absolute_url()).content.decode()
    dyad = program.dyad
    program.delete()
    assert program.title not in client.get(dyad.get_absolute_url()).content.decode()

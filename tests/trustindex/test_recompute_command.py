"""`manage.py recompute_indices` recomputes every dyad and shows its progress."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import DyadFactory, state
from tests.trustindex.index_fixtures import worked_example_dyad
from trustindex import engine
from trustindex.models import IndexSnapshot, RecomputeRun, RecomputeStatus

pytestmark = pytest.mark.django_db


def test_command_prints_progress_and_counts():
    worked_example_dyad()
    for code_a, code_b in (("IR", "SA"), ("CO", "VE")):
        DyadFactory(state_a=state(code_a), state_b=state(code_b))
    out = StringIO()
    call_command("recompute_indices", "--full", "--chunk-size", "2", stdout=out)
    text = out.getvalue()
    snapshots = IndexSnapshot.objects.count()
    assert "Rebuilding the trust index of 3 dyad(s)" in text
    assert "  2/3 dyads" in text
    assert "  3/3 dyads" in text
    assert f"3/3 dyads, {snapshots} snapshots, 0 failed" in text
    run = RecomputeRun.objects.get()
    assert (run.status, run.trigger, run.done, run.total) == (RecomputeStatus.SUCCEEDED, "command", 3, 3)
    assert run.snapshots_written == snapshots


def test_command_on_a_database_without_dyads_says_so():
    out = StringIO()
    call_command("recompute_indices", stdout=out)
    assert "0/0 dyads, 0 snapshots, 0 failed" in out.getvalue()


def test_command_can_hand_the_run_to_the_workers_and_follow_it():
    worked_example_dyad()
    out = StringIO()
    call_command("recompute_indices", "--full", "--queue", stdout=out)  # eager here: the run ends at once
    text = out.getvalue()
    assert "  1/1 dyads" in text
    assert f"1/1 dyads, {IndexSnapshot.objects.count()} snapshots, 0 failed" in text
    assert RecomputeRun.objects.get().status == RecomputeStatus.SUCCEEDED


def test_command_by_default_updates_as_the_nightly_run_does():
    dyad = worked_example_dyad()
    engine.recompute_dyad(dyad_id=dyad.pk)
    out = StringIO()
    call_command("recompute_indices", stdout=out)
    assert "Updating the trust index of 1 dyad(s)" in out.getvalue()
    run = RecomputeRun.objects.get()
    assert run.incremental and (run.done, run.snapshots_written) == (1, 0)  # computed today already
    assert IndexSnapshot.objects.filter(dyad=dyad).exists()

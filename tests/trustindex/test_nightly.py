"""The nightly run is incremental: today's snapshot (and a new month end) for every dyad, the
whole history only where the inputs' fingerprint changed, and the same numbers as a full rebuild."""

from datetime import date, timedelta

import pytest

from milestones.models import Milestone, MilestoneStatus
from tests.trustindex.test_revisions_and_ranks import small_world, stored
from trustindex import engine
from trustindex.models import DyadIndexState, IndexSnapshot, RecomputeStatus
from trustindex.selectors import index_history, revisions_for
from trustindex.tasks import update_all_indices

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 15)


def full(today):
    return engine.recompute_all(run=engine.start_run(trigger="test"), today=today)


def nightly(today):
    return engine.recompute_all(run=engine.start_run(trigger="test", incremental=True), today=today)


def computed_at(dyad) -> dict:
    return dict(index_history(dyad).values_list("as_of", "computed_at"))


@pytest.mark.parametrize("next_day", [date(2026, 3, 16), date(2026, 3, 31), date(2026, 4, 2), date(2026, 6, 1)])
def test_the_nightly_run_stores_what_a_full_rebuild_would(next_day):
    dyads = small_world()
    full(DAY)
    nightly(next_day)
    incremental = stored(dyads)
    full(next_day)
    assert incremental == stored(dyads)


def test_an_unchanged_dyad_gets_only_its_new_dates():
    dyads = small_world()
    full(date(2026, 3, 30))
    before = computed_at(dyads[0])
    run = nightly(date(2026, 4, 1))
    after = computed_at(dyads[0])
    assert date(2026, 3, 30) not in after  # yesterday's "today" is gone
    assert {d for d in after if d not in before} == {date(2026, 3, 31), date(2026, 4, 1)}
    assert all(after[d] == before[d] for d in after if d in before)  # the history was not rewritten
    assert run.snapshots_written == 2 * len(dyads)


def test_a_dyad_whose_inputs_changed_unseen_gets_its_history_rebuilt():
    dyads = small_world()
    full(DAY)
    changed, unchanged = dyads[0], dyads[1]
    before_changed, before_unchanged = computed_at(changed), computed_at(unchanged)
    # a change that did not go through the outbox (a bulk update sends no signal)
    Milestone.objects.filter(program__dyad=changed, due_date=date(2025, 12, 15)).update(
        status=MilestoneStatus.ACHIEVED, achieved_date=date(2025, 12, 1)
    )
    run = nightly(DAY + timedelta(days=1))
    assert all(computed_at(changed)[d] > before_changed[d] for d in before_changed if d < DAY)
    assert all(computed_at(unchanged)[d] == before_unchanged[d] for d in before_unchanged if d < DAY)
    assert revisions_for(changed).filter(cause=engine.NIGHTLY_CAUSE).exists()
    assert run.snapshots_written == len(index_history(changed)) + len(dyads) - 1


def test_new_weights_rebuild_every_history(settings):
    dyads = small_world()
    full(DAY)
    weights = {**settings.TRUST_INDEX["WEIGHTS"], "delivery": 0.20, "transparency": 0.20}
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "WEIGHTS": weights}
    run = nightly(DAY + timedelta(days=1))
    assert run.snapshots_written == IndexSnapshot.objects.count()
    assert {s.weights["delivery"] for s in IndexSnapshot.objects.filter(dyad__in=dyads)} == {0.20}


def test_a_dyad_never_computed_is_built_whole_by_the_nightly_run():
    dyads = small_world()
    run = nightly(DAY)
    assert run.snapshots_written == IndexSnapshot.objects.count() > len(dyads)
    assert set(DyadIndexState.objects.values_list("computed_on", flat=True)) == {DAY}


def test_a_second_run_on_the_same_day_writes_nothing():
    small_world()
    full(DAY)
    assert nightly(DAY).snapshots_written == 0


def test_the_beat_task_runs_the_incremental_update():
    dyads = small_world()
    full(DAY)
    run_id = update_all_indices.delay().get()
    run = engine.RecomputeRun.objects.get(pk=run_id)
    assert (run.incremental, run.status, run.done) == (True, RecomputeStatus.SUCCEEDED, len(dyads))

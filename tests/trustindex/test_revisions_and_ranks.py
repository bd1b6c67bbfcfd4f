"""Method 1.1 through the database: revisions with their cause, the upgrade from 1.0, and
bands and ranks that do not depend on how a dyad was computed."""

from datetime import date

import pytest

from milestones.models import MilestoneStatus
from tests.factories import DyadFactory, IndexSnapshotFactory, MilestoneFactory, ProgramFactory, state
from tests.trustindex.index_fixtures import WORKED_EXAMPLE_DAY, worked_example_dyad
from trustindex import engine
from trustindex.method import METHOD_VERSION
from trustindex.models import IndexRevision
from trustindex.selectors import current_snapshot, current_snapshots, index_history, revisions_for

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 15)
STORED = ("as_of", "value", "band_low", "band_high", "coverage", "thin", "remove_one", "is_month_end")
RANKED = ("rank", "rank_low", "rank_high", "ranked_dyads")


def small_world():
    """Four dyads with different records (and so different values and ranks)."""
    dyads = [worked_example_dyad()]
    for n, (a, b) in enumerate((("co", "ve"), ("ir", "sa"), ("in", "pk"))):
        dyad = DyadFactory(state_a=state(a.upper()), state_b=state(b.upper()))
        program = ProgramFactory(dyad=dyad, start_date=date(2022, 1, 1), end_date=None)
        for month in range(1, 7 + 2 * n):
            achieved = month % (n + 2) != 0
            MilestoneFactory(
                program=program,
                due_date=date(2025, month, 10),
                status=MilestoneStatus.ACHIEVED if achieved else MilestoneStatus.MISSED,
                achieved_date=date(2025, month, 5 + 5 * n) if achieved else None,
                evidence_url="https://example.org/e" if month % 2 else "",
            )
        dyads.append(dyad)
    return dyads


def stored(dyads) -> dict:
    return {dyad.pk: list(index_history(dyad).values_list(*STORED, *RANKED)) for dyad in dyads}


def test_a_dyad_computed_alone_gets_the_same_band_and_rank_as_in_a_full_run():
    dyads = small_world()
    engine.recompute_all(today=TODAY)
    full = stored(dyads)
    for dyad in dyads:
        engine.recompute_dyad(dyad_id=dyad.pk, today=TODAY)
        engine.refresh_ranks()
        assert stored(dyads) == full


def test_only_the_current_snapshots_are_ranked_and_all_of_them():
    dyads = small_world()
    engine.recompute_all(today=TODAY)
    current = {s.dyad_id: s for s in current_snapshots()}
    assert {s.ranked_dyads for s in current.values()} == {4}
    assert sorted(s.rank for s in current.values()) == [1, 2, 3, 4]
    history = index_history(dyads[0]).exclude(pk=current[dyads[0].pk].pk)
    assert not history.filter(rank__isnull=False).exists()


def test_recomputing_a_dyad_alone_does_not_rank_it_until_the_ranks_are_refreshed():
    dyad = worked_example_dyad()
    engine.recompute_dyad(dyad_id=dyad.pk, today=TODAY)
    assert current_snapshot(dyad).rank is None
    engine.refresh_ranks()
    snapshot = current_snapshot(dyad)
    assert (snapshot.rank, snapshot.rank_low, snapshot.rank_high, snapshot.ranked_dyads) == (1, 1, 1, 1)


def test_the_database_keeps_the_thin_flag_and_remove_one_values():
    dyad = worked_example_dyad()
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    snapshot = current_snapshot(dyad)
    assert snapshot.thin
    assert snapshot.remove_one["delivery"] == 33.5 and "evaluation" not in snapshot.remove_one


# --- revisions -----------------------------------------------------------------------------


def test_an_unchanged_recomputation_keeps_no_revision():
    dyad = worked_example_dyad()
    engine.recompute_dyad(dyad_id=dyad.pk, today=TODAY)
    engine.recompute_dyad(dyad_id=dyad.pk, today=TODAY, cause="nothing")
    assert not revisions_for(dyad).exists()


def test_a_changed_month_end_is_revised_with_its_cause():
    dyad = worked_example_dyad()
    engine.recompute_dyad(dyad_id=dyad.pk, today=TODAY)
    before = dict(index_history(dyad).values_list("as_of", "value"))
    milestone = dyad.programs.get(domain="cultural").milestones.get(due_date=date(2025, 12, 15))
    milestone.status, milestone.achieved_date = MilestoneStatus.ACHIEVED, date(2025, 12, 10)
    milestone.save()
    engine.recompute_dyad(
        dyad_id=dyad.pk, today=TODAY, cause="milestone status planned → achieved", cause_ref="milestones.milestone:9"
    )
    revisions = list(revisions_for(dyad))
    assert revisions and {r.as_of for r in revisions} <= {d for d in before if d < TODAY}
    first = min(revisions, key=lambda r: r.as_of)
    assert first.as_of == date(2025, 12, 31)
    # M3 achieved before it was due: delivery 0.9426, index 57.8 where it was 41.7
    assert (first.old_value, first.new_value) == (before[date(2025, 12, 31)], 57.8)
    assert {(r.cause, r.cause_ref, r.method_version) for r in revisions} == {
        ("milestone status planned → achieved", "milestones.milestone:9", METHOD_VERSION)
    }


def test_a_value_turning_into_insufficient_data_is_a_revision():
    dyad = worked_example_dyad()
    engine.recompute_dyad(dyad_id=dyad.pk, today=TODAY)
    dyad.programs.get(domain="cultural").milestones.all().delete()
    dyad.programs.filter(domain="cultural").update(contribution_a=0, contribution_b=0)
    engine.recompute_dyad(dyad_id=dyad.pk, today=TODAY, cause="records deleted")
    revised = revisions_for(dyad).filter(as_of=date(2025, 12, 31)).get()
    assert (revised.old_value, revised.new_value) == (41.7, None)


def test_the_today_snapshot_is_not_a_published_figure():
    dyad = worked_example_dyad()
    engine.recompute_dyad(dyad_id=dyad.pk, today=date(2025, 12, 20))
    milestone = dyad.programs.get(domain="cultural").milestones.get(due_date=date(2025, 12, 15))
    milestone.status, milestone.achieved_date = MilestoneStatus.ACHIEVED, date(2025, 12, 10)
    milestone.save()
    engine.recompute_dyad(dyad_id=dyad.pk, today=date(2025, 12, 20), cause="edit")
    assert not revisions_for(dyad).filter(as_of=date(2025, 12, 20)).exists()


def test_upgrading_from_1_0_records_revisions_with_the_method_as_cause():
    dyad = worked_example_dyad()
    IndexSnapshotFactory(dyad=dyad, as_of=date(2025, 12, 31), value=41.7, method_version="1.0")
    IndexSnapshotFactory(dyad=dyad, as_of=date(2025, 11, 30), value=12.0, method_version="1.0")
    engine.recompute_dyad(dyad_id=dyad.pk, today=TODAY, cause="nightly")
    revision = revisions_for(dyad).get()
    assert (revision.as_of, revision.old_value, revision.cause) == (date(2025, 11, 30), 12.0, "method 1.0 → 1.1")
    assert revision.new_value == index_history(dyad).get(as_of=date(2025, 11, 30)).value
    engine.recompute_dyad(dyad_id=dyad.pk, today=TODAY, cause="nightly")
    assert revisions_for(dyad).count() == 1  # compared with 1.1's own series from now on


def test_revisions_are_listed_newest_first():
    dyad = worked_example_dyad()
    older = IndexRevision.objects.create(dyad=dyad, as_of=date(2025, 1, 31), method_version="1.1", cause="a")
    newer = IndexRevision.objects.create(dyad=dyad, as_of=date(2024, 1, 31), method_version="1.1", cause="b")
    assert list(revisions_for(dyad)) == [newer, older]


# --- through the outbox: the cause comes from the record change ----------------------------


@pytest.mark.django_db(transaction=True)
def test_a_milestone_edit_revises_with_the_record_that_changed(recomputes):
    dyad = worked_example_dyad()  # every committed save recomputes (eager mode), as of today
    milestone = dyad.programs.get(domain="cultural").milestones.get(due_date=date(2025, 12, 15))
    milestone.status, milestone.achieved_date = MilestoneStatus.ACHIEVED, date(2025, 12, 10)
    milestone.save()
    revision = revisions_for(dyad).filter(as_of=date(2025, 12, 31)).first()  # building it revised it too
    assert (revision.old_value, revision.new_value) == (41.7, 57.8)
    assert revision.cause_ref == f"milestones.milestone:{milestone.pk}"
    assert f"milestone {milestone.pk}" in revision.cause and "achieved" in revision.cause


@pytest.mark.django_db(transaction=True)
def test_ranks_follow_a_deleted_dyad():
    small_world()
    gone = DyadFactory(state_a=state("NO"), state_b=state("SE"))  # no programs left, a value stored
    IndexSnapshotFactory(dyad=gone, as_of=date.today(), value=99.0, components={"delivery": {"value": 1.0}})
    engine.refresh_ranks()
    assert {s.ranked_dyads for s in current_snapshots()} == {5}
    gone.delete()
    assert {s.ranked_dyads for s in current_snapshots()} == {4}
    assert sorted(s.rank for s in current_snapshots()) == [1, 2, 3, 4]

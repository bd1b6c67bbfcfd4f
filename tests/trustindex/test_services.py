"""Recomputing a dyad writes its whole series (month ends + today) in one transaction."""

from datetime import date

import pytest
from django.db import transaction

from tests.factories import DyadFactory, IndexSnapshotFactory, MilestoneFactory, ProgramFactory, state
from tests.trustindex.index_fixtures import WORKED_EXAMPLE_DAY, worked_example_dyad
from trustindex import engine, snapshot_writer
from trustindex.loader import load_dyad_inputs
from trustindex.method import METHOD_VERSION
from trustindex.models import IndexSnapshot, RecomputeStatus
from trustindex.selectors import current_snapshot, current_snapshots, index_history
from trustindex.signals import index_recomputed

pytestmark = pytest.mark.django_db


def test_worked_example_through_the_database_gives_41_7():
    dyad = worked_example_dyad()
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    snapshot = current_snapshot(dyad)
    assert snapshot.as_of == WORKED_EXAMPLE_DAY
    assert snapshot.value == 41.7
    assert snapshot.coverage == pytest.approx(0.75)
    assert snapshot.components["evaluation"] == {"value": None, "count": 0}
    assert snapshot.components["delivery"]["count"] == 3
    assert snapshot.components["delivery"]["value"] == pytest.approx(0.5389, abs=1e-4)
    assert snapshot.weights["delivery"] == 0.30
    assert (snapshot.aggregation, snapshot.method_version) == ("arithmetic", METHOD_VERSION)
    assert snapshot.band_low <= snapshot.value <= snapshot.band_high


def test_series_has_every_month_end_from_first_data_and_today():
    dyad = worked_example_dyad()  # first data: the draft is ignored, P1 starts 2023-01-01
    written = engine.recompute_dyad(dyad_id=dyad.pk, today=date(2025, 12, 10))
    history = list(index_history(dyad))
    assert written == len(history) == 35 + 1  # Jan 2023 … Nov 2025, then today
    assert history[0].as_of == date(2023, 1, 31)
    assert history[-2].as_of == date(2025, 11, 30)
    assert (history[-1].as_of, history[-1].is_month_end) == (date(2025, 12, 10), False)
    assert all(s.is_month_end for s in history[:-1])


def test_today_on_a_month_end_is_stored_once_as_a_month_end():
    dyad = worked_example_dyad()
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    last = index_history(dyad).last()
    assert (last.as_of, last.is_month_end) == (WORKED_EXAMPLE_DAY, True)


def test_recomputing_is_idempotent_and_drops_yesterdays_today():
    dyad = worked_example_dyad()
    engine.recompute_dyad(dyad_id=dyad.pk, today=date(2025, 12, 10))
    engine.recompute_dyad(dyad_id=dyad.pk, today=date(2025, 12, 11))
    first = [(s.as_of, s.value, s.band_low, s.band_high) for s in index_history(dyad)]
    engine.recompute_dyad(dyad_id=dyad.pk, today=date(2025, 12, 11))
    again = [(s.as_of, s.value, s.band_low, s.band_high) for s in index_history(dyad)]
    assert first == again
    assert date(2025, 12, 10) not in [as_of for as_of, *_ in again]


def test_other_method_versions_are_kept():
    dyad = worked_example_dyad()
    old = IndexSnapshotFactory(dyad=dyad, method_version="0.9")
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    assert IndexSnapshot.objects.filter(pk=old.pk).exists()


def test_a_crash_while_writing_keeps_the_previous_series(monkeypatch):
    dyad = worked_example_dyad()
    engine.recompute_dyad(dyad_id=dyad.pk, today=date(2025, 11, 10))
    before = [(s.as_of, s.value) for s in index_history(dyad)]
    real_insert = snapshot_writer.insert_snapshots

    def crash_half_way(snapshots):
        real_insert(snapshots[: len(snapshots) // 2])
        raise RuntimeError("worker killed")

    monkeypatch.setattr(snapshot_writer, "insert_snapshots", crash_half_way)
    with pytest.raises(RuntimeError):
        engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    assert [(s.as_of, s.value) for s in index_history(dyad)] == before


def test_index_recomputed_is_sent_after_commit(django_capture_on_commit_callbacks):
    dyad = worked_example_dyad()
    received = []

    def receiver(sender, dyad_id, **kwargs):
        received.append(dyad_id)

    index_recomputed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
            assert received == []
        assert received == [dyad.pk]
    finally:
        index_recomputed.disconnect(receiver)


def test_a_deleted_dyad_is_skipped():
    assert engine.recompute_dyad(dyad_id=987654) == 0


def test_a_dyad_without_records_gets_a_today_snapshot_with_no_value():
    dyad = DyadFactory()
    engine.recompute_dyad(dyad_id=dyad.pk, today=WORKED_EXAMPLE_DAY)
    snapshot = current_snapshot(dyad)
    assert (snapshot.value, snapshot.coverage) == (None, 0.0)


def test_recompute_all_covers_every_dyad_and_records_progress():
    dyads = [worked_example_dyad(), DyadFactory(), DyadFactory(state_a=state("CO"), state_b=state("VE"))]
    ProgramFactory(dyad=dyads[1])
    seen = []
    run = engine.recompute_all(today=WORKED_EXAMPLE_DAY, chunk_size=2, progress=lambda d, t: seen.append(d))
    run.refresh_from_db()
    assert (run.status, run.done, run.total, run.failed) == (RecomputeStatus.SUCCEEDED, 3, 3, 0)
    assert seen == [2, 3]
    assert run.snapshots_written == IndexSnapshot.objects.count()
    assert {s.dyad_id for s in current_snapshots()} == {d.pk for d in dyads}


def test_recompute_all_skips_a_dyad_with_an_unknown_currency_and_counts_it(settings):
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "FX_RATES": {"USD": 1.0}}
    good = worked_example_dyad()
    ProgramFactory(dyad=DyadFactory(), currency_a="CHF")
    run = engine.recompute_all(today=WORKED_EXAMPLE_DAY)
    assert (run.done, run.failed) == (2, 1)
    assert [s.dyad_id for s in current_snapshots()] == [good.pk]


def test_current_snapshots_returns_the_latest_of_each_dyad_in_one_query(django_assert_num_queries):
    for code_a, code_b in (("AM", "TR"), ("IR", "SA"), ("CO", "VE")):
        dyad = DyadFactory(state_a=state(code_a), state_b=state(code_b))
        IndexSnapshotFactory(dyad=dyad, as_of=date(2025, 10, 31), value=10)
        IndexSnapshotFactory(dyad=dyad, as_of=date(2025, 11, 14), value=20)
        IndexSnapshotFactory(dyad=dyad, as_of=date(2025, 11, 20), value=30, method_version="0.9")
    with django_assert_num_queries(1):
        latest = [(s.dyad.slug, s.dyad.state_a.name, s.as_of, s.value) for s in current_snapshots()]
    assert [slug for slug, *_ in latest] == ["am-tr", "co-ve", "ir-sa"]
    assert {(as_of, value) for *_, as_of, value in latest} == {(date(2025, 11, 14), 20)}


@pytest.mark.django_db(transaction=True)
def test_milestone_edit_recomputes_its_dyad_only_in_eager_mode():
    dyad = worked_example_dyad()  # every committed save queues (here: runs) a recompute
    other = DyadFactory()
    MilestoneFactory(program__dyad=other, due_date=date(2024, 5, 1))
    before, other_before = current_snapshot(dyad), current_snapshot(other)
    milestone = dyad.programs.get(domain="cultural").milestones.get(due_date=date(2025, 12, 15))
    milestone.status, milestone.achieved_date = "achieved", date(2025, 12, 20)
    milestone.save()
    after = current_snapshot(dyad)
    assert after.components["delivery"]["value"] > before.components["delivery"]["value"]
    assert after.computed_at > before.computed_at
    assert current_snapshot(other).computed_at == other_before.computed_at


def test_deleting_a_dyad_deletes_its_snapshots():
    dyad = DyadFactory(state_a=state("NO"), state_b=state("SE"))
    IndexSnapshotFactory(dyad=dyad)
    dyad.delete()
    assert not IndexSnapshot.objects.exists()


def test_a_full_run_deletes_snapshots_left_by_a_dyad_deleted_while_they_were_written():
    dyad = worked_example_dyad()
    orphan = IndexSnapshotFactory(dyad=dyad, as_of=date(2020, 1, 15), is_month_end=False)
    IndexSnapshot.objects.filter(pk=orphan.pk).update(dyad_id=10**9)  # its dyad is gone
    engine.recompute_all(today=WORKED_EXAMPLE_DAY)
    assert set(IndexSnapshot.objects.values_list("dyad_id", flat=True)) == {dyad.pk}


@pytest.mark.postgres
def test_copy_stores_exactly_what_model_instances_would(on_postgres):
    dyad = worked_example_dyad()
    batch = engine.build_series(
        engine.LoadedDyad(dyad.pk, load_dyad_inputs(dyad.pk).inputs),
        today=date(2026, 3, 3),
        config=engine.index_config(),
    )
    fields = ("as_of", "value", "band_low", "band_high", "coverage", "components", "weights", "aggregation",
              "method_version", "computed_at", "is_month_end", "thin", "remove_one")  # fmt: skip
    snapshot_writer._copy(batch)
    copied = list(IndexSnapshot.objects.order_by("as_of").values_list(*fields))
    IndexSnapshot.objects.all().delete()
    IndexSnapshot.objects.bulk_create(snapshot_writer._instances(batch))
    assert copied == list(IndexSnapshot.objects.order_by("as_of").values_list(*fields))
    assert any(row[1] is None for row in copied) and any(row[-1] for row in copied)  # nulls and remove-one too

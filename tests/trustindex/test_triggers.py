"""Edits to programs, milestones and evaluations queue their dyad's recomputation, once per burst."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.factories import DyadFactory, EvaluationFactory, MilestoneFactory, ProgramFactory, state
from trustindex.pending import pending_key
from trustindex.selectors import current_snapshot


@pytest.fixture(autouse=True)
def clean_pending_marks():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_hundred_saves_in_one_transaction_recompute_once(recomputes):
    milestone = MilestoneFactory()
    recomputes.dyads.clear()
    with transaction.atomic():
        for day in range(1, 101):
            milestone.due_date = date(2024, 1, 1).replace(day=1 + day % 28)
            milestone.save()
    assert recomputes.dyads == [milestone.program.dyad_id]


@pytest.mark.django_db(transaction=True)
def test_nothing_is_queued_when_the_transaction_rolls_back(recomputes):
    program = ProgramFactory()
    recomputes.dyads.clear()
    try:
        with transaction.atomic():
            MilestoneFactory(program=program)
            raise RuntimeError("form error")
    except RuntimeError:
        pass
    assert recomputes.dyads == []


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_does_not_swallow_a_later_edit(recomputes):
    program = ProgramFactory()
    recomputes.dyads.clear()
    with transaction.atomic():
        try:
            with transaction.atomic():
                MilestoneFactory(program=program)
                raise RuntimeError("inline failed")
        except RuntimeError:
            pass
        MilestoneFactory(program=program)
    assert recomputes.dyads == [program.dyad_id]


@pytest.mark.django_db(transaction=True)
def test_a_pending_recompute_absorbs_later_edits_until_it_starts(recomputes):
    program = ProgramFactory()
    cache.add(pending_key(program.dyad_id), 1)  # one already waits in the queue
    recomputes.dyads.clear()
    MilestoneFactory(program=program)
    assert recomputes.dyads == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("make", ["program", "milestone", "evaluation"])
def test_each_kind_of_record_queues_its_dyad(recomputes, make):
    dyad = DyadFactory(state_a=state("CO"), state_b=state("VE"))
    program = ProgramFactory(dyad=dyad)
    factory = {"program": ProgramFactory, "milestone": MilestoneFactory, "evaluation": EvaluationFactory}[make]
    kwargs = {"dyad": dyad} if make == "program" else {"program": program}
    recomputes.dyads.clear()
    factory(**kwargs)
    assert recomputes.dyads == [dyad.pk]


@pytest.mark.django_db(transaction=True)
def test_deleting_a_milestone_queues_its_dyad(recomputes):
    milestone = MilestoneFactory()
    recomputes.dyads.clear()
    milestone.delete()
    assert recomputes.dyads == [milestone.program.dyad_id]


@pytest.mark.django_db(transaction=True)
def test_publishing_a_milestone_updates_the_current_index_in_eager_mode():
    milestone = MilestoneFactory(due_date=date(2025, 3, 31), is_published=False, evidence_url="https://e.org/1")
    before = current_snapshot(milestone.program.dyad_id)
    milestone.is_published = True
    milestone.save()
    after = current_snapshot(milestone.program.dyad_id)
    assert before.components["transparency"]["value"] == 0.0
    assert after.components["transparency"]["value"] == 1.0

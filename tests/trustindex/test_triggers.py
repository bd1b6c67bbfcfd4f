"""Edits ask for their dyad's recomputation through the outbox, once per burst, and lose nothing."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from milestones.models import MilestoneStatus
from tests.factories import DyadFactory, EvaluationFactory, MilestoneFactory, ProgramFactory, UserFactory, state
from trustindex import engine, pending, tasks
from trustindex.models import RecomputeRequest
from trustindex.selectors import current_snapshot
from trustindex.tasks import sweep_recompute_requests

pytestmark = pytest.mark.django_db(transaction=True)


def waiting(dyad_id: int) -> list[str]:
    return list(RecomputeRequest.objects.filter(dyad_id=dyad_id).values_list("cause", flat=True))


def test_hundred_saves_in_one_transaction_write_one_request_and_recompute_once(recomputes):
    milestone = MilestoneFactory()
    recomputes.dyads.clear()
    with transaction.atomic():
        for day in range(1, 101):
            milestone.due_date = date(2024, 1, 1).replace(day=1 + day % 28)
            milestone.save()
        assert len(waiting(milestone.program.dyad_id)) == 1
    assert recomputes.dyads == [milestone.program.dyad_id]
    assert waiting(milestone.program.dyad_id) == []  # answered, so deleted


def test_nothing_is_asked_when_the_transaction_rolls_back(recomputes):
    program = ProgramFactory()
    recomputes.dyads.clear()
    try:
        with transaction.atomic():
            MilestoneFactory(program=program)
            raise RuntimeError("form error")
    except RuntimeError:
        pass
    assert recomputes.dyads == [] and waiting(program.dyad_id) == []


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


def test_an_earlier_waiting_request_takes_later_edits_along(recomputes):
    program = ProgramFactory()
    pending.request_recompute(dyad_id=program.dyad_id, cause="an edit whose task waits in the queue")
    recomputes.dyads.clear()
    MilestoneFactory(program=program)
    assert recomputes.dyads == []  # no second task: the waiting one will claim both
    assert len(waiting(program.dyad_id)) == 2
    tasks.recompute_dyad_index(program.dyad_id)
    assert recomputes.dyads == [program.dyad_id] and waiting(program.dyad_id) == []


@pytest.mark.parametrize("make", ["program", "milestone", "evaluation"])
def test_each_kind_of_record_queues_its_dyad(recomputes, make):
    dyad = DyadFactory(state_a=state("CO"), state_b=state("VE"))
    program = ProgramFactory(dyad=dyad)
    factory = {"program": ProgramFactory, "milestone": MilestoneFactory, "evaluation": EvaluationFactory}[make]
    kwargs = {"dyad": dyad} if make == "program" else {"program": program}
    recomputes.dyads.clear(), recomputes.causes.clear()
    record = factory(**kwargs)
    assert recomputes.dyads == [dyad.pk]
    assert recomputes.causes == [f"{make} {record.pk} created"]


def test_deleting_a_milestone_queues_its_dyad(recomputes):
    milestone = MilestoneFactory()
    recomputes.dyads.clear()
    milestone.delete()
    assert recomputes.dyads == [milestone.program.dyad_id]


def test_the_cause_names_the_record_the_change_and_who_made_it(recomputes):
    milestone = MilestoneFactory(status=MilestoneStatus.MISSED)
    recomputes.causes.clear()
    milestone.status, milestone.achieved_date = MilestoneStatus.ACHIEVED, date(2025, 3, 30)
    milestone._history_user = UserFactory(username="ir-affairs")
    milestone.save()
    assert recomputes.causes == [
        f"milestone {milestone.pk} status missed → achieved, achieved_date — → 2025-03-30 by ir-affairs"
    ]


def test_publishing_a_milestone_updates_the_current_index_in_eager_mode():
    milestone = MilestoneFactory(due_date=date(2025, 3, 31), is_published=False, evidence_url="https://e.org/1")
    before = current_snapshot(milestone.program.dyad_id)
    milestone.is_published = True
    milestone.save()
    after = current_snapshot(milestone.program.dyad_id)
    assert before.components["transparency"]["value"] == 0.0
    assert after.components["transparency"]["value"] == 1.0


def test_a_failed_recomputation_keeps_its_requests_and_counts_the_attempt(monkeypatch):
    program = ProgramFactory()

    def disk_full(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(engine, "recompute_dyad", disk_full)
    MilestoneFactory(program=program)  # the eager task fails; the save is kept (robust on-commit)
    request = RecomputeRequest.objects.get(dyad_id=program.dyad_id, cause__startswith="milestone")
    assert (request.attempts, request.last_error) == (1, "RuntimeError: disk full")


def test_with_the_broker_down_the_save_is_kept_and_the_sweep_indexes_it(recomputes, monkeypatch, settings):
    program = ProgramFactory()
    recomputes.dyads.clear()

    def broker_down(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6391. Connection refused.")

    with monkeypatch.context() as patch:
        settings.CELERY_TASK_ALWAYS_EAGER = False  # a real broker, which refuses
        patch.setattr(tasks.recompute_dyad_index, "apply_async", broker_down)
        patch.setattr(tasks, "_broker", type(tasks._broker)())  # this process's failure memory, forgotten after
        milestone = MilestoneFactory(program=program)
    assert milestone.pk and recomputes.dyads == [] and len(waiting(program.dyad_id)) == 1

    settings.CELERY_TASK_ALWAYS_EAGER = True  # the broker is back: beat's sweep runs
    RecomputeRequest.objects.update(created_at=timezone.now() - timedelta(seconds=5))
    assert sweep_recompute_requests() == 1
    assert recomputes.dyads == [program.dyad_id] and waiting(program.dyad_id) == []

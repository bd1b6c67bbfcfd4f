"""Ask for a dyad's index recomputation when its programs, milestones or evaluations change.

Receivers (connected in TrustIndexConfig.ready) run on post_save and
post_delete. They write a request to the outbox (pending.py) inside the
change's own transaction, saying what changed and who changed it (the
"cause", e.g. "milestone 412 status missed → achieved by ir-affairs"), and
queue `recompute_dyad_index` once the transaction commits.

Bursts collapse in two steps:
- within one transaction, the first change of each dyad writes its request
  and registers one on-commit callback; later changes of that dyad in the
  same transaction add nothing (a seed or an admin inline save of 100 rows);
- across transactions, a committed request queues a task only when no
  earlier request of its dyad is still waiting: that one's task takes the
  newer requests along, or queues itself again if they came while it ran.
  The task waits TRUST_INDEX["DEBOUNCE_SECONDS"] (default 1 s) so a burst of
  edits lands first.

Under method 1.2 an indicator period that is approved (or an approved one
deleted) asks too: attainment counts approved periods only, so drafts,
submissions and returns leave the index alone, and under 1.1 periods never ask.

A broker outage loses nothing: the request is committed with the change,
and the sweep (beat, every minute) queues what is still waiting.
"""

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from simple_history.signals import post_create_historical_record

from evaluation.models import Evaluation
from milestones.models import Milestone
from programs.models import Dyad, Program
from results.models import ActualStatus, ReportingPeriod

from . import in_force, pending
from .inputs import ATTAINMENT_VERSION
from .tasks import enqueue_rank_refresh, enqueue_recompute

INDEXED_MODELS = (Program, Milestone, Evaluation)
VALUE_LENGTH = 40
# Bookkeeping fields that say nothing about what changed.
UNTOLD_FIELDS = ("updated_by", "created_by", "updated_at", "created_at")


class _QueueRecompute:
    """The on-commit callback for one dyad's request; equal ones are registered once per transaction."""

    def __init__(self, dyad_id: int, request_id: int) -> None:
        self.dyad_id = dyad_id
        self.request_id = request_id

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _QueueRecompute) and other.dyad_id == self.dyad_id

    def __hash__(self) -> int:
        return hash(self.dyad_id)

    def __call__(self) -> None:
        if pending.is_first_waiting(dyad_id=self.dyad_id, request_id=self.request_id):
            enqueue_recompute(self.dyad_id)


def schedule_recompute(dyad_id: int | None, *, cause: str | object = "", cause_ref: str = "") -> None:
    """Ask for the dyad's recomputation: a request in the current transaction, queued on commit.

    `cause` is a text, or a callable giving it (called only when a request is written);
    `cause_ref` names the record ("milestones.milestone:412", see `record_ref`)."""
    if dyad_id is None:
        return
    probe = _QueueRecompute(dyad_id, 0)
    # Django keeps pending callbacks as (savepoint ids, callable, robust); a callback
    # dropped with a rolled-back savepoint is no longer listed (nor is its request).
    if connection.in_atomic_block and any(entry[1] == probe for entry in connection.run_on_commit):
        return
    text = cause() if callable(cause) else str(cause)
    request_id = pending.request_recompute(dyad_id=dyad_id, cause=text, cause_ref=cause_ref)
    # robust: a failing queue (or an eager task's error) is logged and never turns the
    # user's committed save into an error page; the request waits for the sweep.
    transaction.on_commit(_QueueRecompute(dyad_id, request_id), robust=True)


def record_ref(instance) -> str:
    """A record's reference in a revision's cause: "<app>.<model>:<pk>"."""
    return f"{instance._meta.label_lower}:{instance.pk}"


def _short(value) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= VALUE_LENGTH else text[: VALUE_LENGTH - 1] + "…"


def describe_change(instance, verb: str) -> str:
    """A line saying which record changed how, and by whom, from its history record."""
    record = getattr(instance, "_index_history_record", None)
    what = f"{instance._meta.model_name} {instance.pk}"
    user = getattr(record, "history_user", None) if record is not None else None
    by = f" by {user.get_username()}" if user is not None else ""
    if verb != "changed" or record is None:
        return f"{what} {verb}{by}"
    previous = record.prev_record
    if previous is None:
        return f"{what} changed{by}"
    delta = record.diff_against(previous, excluded_fields=UNTOLD_FIELDS)
    order = {f.name: n for n, f in enumerate(instance._meta.fields)}  # the model's order, not alphabetical
    ordered = sorted(delta.changes, key=lambda c: order.get(c.field, len(order)))
    changes = ", ".join(f"{c.field} {_short(c.old)} → {_short(c.new)}" for c in ordered)
    return f"{what} {changes or 'saved unchanged'}{by}"


def _dyad_of_program_id(program_id: int | None) -> int | None:
    if program_id is None:
        return None
    return Program.objects.filter(pk=program_id).values_list("dyad_id", flat=True).first()


def remember_history_record(sender, instance, history_instance, **kwargs) -> None:
    # django-simple-history writes the record just before our post_save receiver runs.
    instance._index_history_record = history_instance


def program_saved(sender, instance: Program, created: bool = False, **kwargs) -> None:
    verb = "created" if created else "changed"
    schedule_recompute(instance.dyad_id, cause=lambda: describe_change(instance, verb), cause_ref=record_ref(instance))


def program_deleted(sender, instance: Program, **kwargs) -> None:
    schedule_recompute(
        instance.dyad_id, cause=lambda: describe_change(instance, "deleted"), cause_ref=record_ref(instance)
    )


def program_child_saved(sender, instance: Milestone | Evaluation, created: bool = False, **kwargs) -> None:
    verb = "created" if created else "changed"
    schedule_recompute(
        _dyad_of_program_id(instance.program_id),
        cause=lambda: describe_change(instance, verb),
        cause_ref=record_ref(instance),
    )


def program_child_deleted(sender, instance: Milestone | Evaluation, **kwargs) -> None:
    # On a cascade delete the program row is already gone: the program's own
    # post_delete receiver has asked for the dyad, so nothing is lost here.
    schedule_recompute(
        _dyad_of_program_id(instance.program_id),
        cause=lambda: describe_change(instance, "deleted"),
        cause_ref=record_ref(instance),
    )


def _counts_for_attainment(period: ReportingPeriod) -> bool:
    return period.status == ActualStatus.APPROVED and in_force.method_version() == ATTAINMENT_VERSION


def _dyad_of_period(period: ReportingPeriod) -> int | None:
    return Program.objects.filter(results__indicators=period.indicator_id).values_list("dyad_id", flat=True).first()


def period_saved(sender, instance: ReportingPeriod, created: bool = False, **kwargs) -> None:
    if _counts_for_attainment(instance):
        verb = "created" if created else "changed"
        schedule_recompute(
            _dyad_of_period(instance), cause=lambda: describe_change(instance, verb), cause_ref=record_ref(instance)
        )


def period_deleted(sender, instance: ReportingPeriod, **kwargs) -> None:
    if _counts_for_attainment(instance):
        schedule_recompute(
            _dyad_of_period(instance),
            cause=lambda: describe_change(instance, "deleted"),
            cause_ref=record_ref(instance),
        )


def dyad_deleted(sender, instance: Dyad, **kwargs) -> None:
    # Its snapshots go with it; the others' ranks no longer count it.
    transaction.on_commit(enqueue_rank_refresh, robust=True)


def connect() -> None:
    post_delete.connect(dyad_deleted, sender=Dyad, dispatch_uid="trust-index-dyad-deleted")
    for model in INDEXED_MODELS:
        name = model.__name__
        post_create_historical_record.connect(
            remember_history_record, sender=model.history.model, dispatch_uid=f"trust-index-history-{name}"
        )
        saved, deleted = (
            (program_saved, program_deleted) if model is Program else (program_child_saved, program_child_deleted)
        )
        post_save.connect(saved, sender=model, dispatch_uid=f"trust-index-{name}-saved")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"trust-index-{name}-deleted")
    post_create_historical_record.connect(
        remember_history_record, sender=ReportingPeriod.history.model, dispatch_uid="trust-index-history-period"
    )
    post_save.connect(period_saved, sender=ReportingPeriod, dispatch_uid="trust-index-period-saved")
    post_delete.connect(period_deleted, sender=ReportingPeriod, dispatch_uid="trust-index-period-deleted")

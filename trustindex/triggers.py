"""Queue a dyad's index recomputation when its programs, milestones or evaluations change.

Receivers (connected in TrustIndexConfig.ready) run on post_save and
post_delete and enqueue `recompute_dyad_index` with transaction.on_commit,
so the task never reads data that is not committed yet.

Bursts collapse in two steps:
- within one transaction, one on-commit callback per dyad is registered,
  however many rows change (a seed or an admin inline save of 100 rows);
- across transactions, `cache.add` sets a per-dyad "pending" key and only
  the caller that set it queues the task, with a countdown of
  TRUST_INDEX["DEBOUNCE_SECONDS"] (default 1 s) so a burst of edits lands
  before it runs; the task deletes the key when it starts, before it reads.
  Saves while a task waits in the queue add nothing; a save during a running
  task queues exactly one more. The key expires after PENDING_TTL seconds so
  a lost task cannot block a dyad for good. With Redis the key is shared by
  every process; in eager mode the local-memory cache does the same within
  the one process.
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from evaluation.models import Evaluation
from milestones.models import Milestone
from programs.models import Program

from .pending import mark_pending
from .tasks import recompute_dyad_index


def debounce_seconds() -> float:
    """How long a queued recomputation waits, gathering later edits (eager mode ignores it)."""
    return float(settings.TRUST_INDEX.get("DEBOUNCE_SECONDS", 1.0))


class _EnqueueRecompute:
    """The on-commit callback for one dyad; equal ones are registered once per transaction."""

    def __init__(self, dyad_id: int) -> None:
        self.dyad_id = dyad_id

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _EnqueueRecompute) and other.dyad_id == self.dyad_id

    def __hash__(self) -> int:
        return hash(self.dyad_id)

    def __call__(self) -> None:
        if mark_pending(self.dyad_id):
            recompute_dyad_index.apply_async(args=(self.dyad_id,), countdown=debounce_seconds())


def schedule_recompute(dyad_id: int | None) -> None:
    """Queue the dyad's recomputation once the current transaction commits."""
    if dyad_id is None:
        return
    callback = _EnqueueRecompute(dyad_id)
    # Django keeps pending callbacks as (savepoint ids, callable, robust); a callback
    # dropped with a rolled-back savepoint is no longer listed, so it is registered again.
    if connection.in_atomic_block and any(entry[1] == callback for entry in connection.run_on_commit):
        return
    # robust: a failing enqueue (broker down, or an eager task's error) is logged, and
    # never turns the user's committed save into an error page.
    transaction.on_commit(callback, robust=True)


def _dyad_of_program_id(program_id: int | None) -> int | None:
    if program_id is None:
        return None
    return Program.objects.filter(pk=program_id).values_list("dyad_id", flat=True).first()


def program_changed(sender, instance: Program, **kwargs) -> None:
    schedule_recompute(instance.dyad_id)


def program_child_changed(sender, instance: Milestone | Evaluation, **kwargs) -> None:
    # On a cascade delete the program row is already gone: the program's own
    # post_delete receiver has queued the dyad, so nothing is lost here.
    schedule_recompute(_dyad_of_program_id(instance.program_id))


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(program_changed, sender=Program, dispatch_uid=f"trust-index-program-{signal}")
        for model in (Milestone, Evaluation):
            signal.connect(program_child_changed, sender=model, dispatch_uid=f"trust-index-{model.__name__}-{signal}")

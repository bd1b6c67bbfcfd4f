"""The outbox of pending index recomputations, kept in the database (`RecomputeRequest`).

A change to a program, milestone or evaluation writes a request for its dyad
in the change's own transaction (triggers.py): if the save commits, the
request exists, whatever the broker or the cache do next. Then:

- after the commit the trigger queues `recompute_dyad_index` (a "kick"),
  unless an earlier request of the dyad is still waiting for its task;
- the task claims the dyad's requests that are visible when it starts,
  recomputes the dyad once for all of them (passing their causes to the
  engine), and deletes exactly those; requests written meanwhile stay and
  the task queues itself again for them;
- a task that fails counts the attempt on its requests and leaves them;
- `sweep_recompute_requests` (beat, every minute, and each worker when it
  connects to the broker) queues every dyad that still has requests, so a
  kick lost with the broker is only late.

Delivery is at least once: a worker killed between writing the series and
deleting the requests leaves them, and the dyad is recomputed again.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, Min
from django.utils import timezone

from .models import RecomputeRequest

CLAIM_LIMIT = 500  # requests handled by one task; more are left for the next
CAUSES_SHOWN = 5
CAUSE_LENGTH = 1000
# After this many failed recomputations the sweep stops retrying a request (it stays
# listed in the admin and /healthz); the dyad's next change retries it.
MAX_SWEEP_ATTEMPTS = 5


@dataclass(frozen=True)
class Claim:
    dyad_id: int
    ids: tuple[int, ...]
    cause: str
    cause_ref: str = ""

    def __bool__(self) -> bool:
        return bool(self.ids)


def request_recompute(*, dyad_id: int, cause: str = "", cause_ref: str = "") -> int:
    """Write a request for the dyad's recomputation (in the caller's transaction); returns its id."""
    return RecomputeRequest.objects.create(dyad_id=dyad_id, cause=cause[:CAUSE_LENGTH], cause_ref=cause_ref[:100]).pk


def is_first_waiting(*, dyad_id: int, request_id: int) -> bool:
    """Whether no earlier request of the dyad still waits for its first try (then this one
    needs a task of its own; otherwise the earlier one's task takes it along)."""
    earlier = RecomputeRequest.objects.filter(dyad_id=dyad_id, id__lt=request_id, attempts=0)
    return not earlier.exists()


def combined_cause(causes: list[str]) -> str:
    """The causes of one recomputation in a line: the first few, then how many more."""
    distinct = list(dict.fromkeys(c for c in causes if c))
    text = "; ".join(distinct[:CAUSES_SHOWN])
    if len(distinct) > CAUSES_SHOWN:
        text += f"; and {len(distinct) - CAUSES_SHOWN} more"
    return text[:CAUSE_LENGTH]


def combined_refs(refs: list[str]) -> str:
    """The records behind one recomputation, space-separated, the first few."""
    distinct = list(dict.fromkeys(r for r in refs if r))
    return " ".join(distinct[:CAUSES_SHOWN])


def claim(dyad_id: int) -> Claim:
    """The dyad's requests visible now (committed), oldest first, up to CLAIM_LIMIT."""
    rows = list(
        RecomputeRequest.objects.filter(dyad_id=dyad_id)
        .order_by("id")
        .values_list("id", "cause", "cause_ref")[:CLAIM_LIMIT]
    )
    return Claim(
        dyad_id,
        tuple(pk for pk, _, _ in rows),
        combined_cause([cause for _, cause, _ in rows]),
        combined_refs([ref for _, _, ref in rows]),
    )


def finish(done: Claim) -> None:
    """Delete the requests a successful recomputation answered."""
    RecomputeRequest.objects.filter(pk__in=done.ids).delete()


def record_failure(failed: Claim, error: BaseException) -> None:
    """Count a failed recomputation on its requests; they stay for the next try."""
    RecomputeRequest.objects.filter(pk__in=failed.ids, attempts__lt=MAX_SWEEP_ATTEMPTS * 100).update(
        attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:CAUSE_LENGTH]
    )


def has_requests(dyad_id: int) -> bool:
    return RecomputeRequest.objects.filter(dyad_id=dyad_id).exists()


def dyads_waiting(*, older_than: timedelta, limit: int = 1000) -> list[int]:
    """Dyads with a request older than `older_than` that the sweep should queue, oldest first."""
    cutoff = timezone.now() - older_than
    waiting = (
        RecomputeRequest.objects.filter(created_at__lte=cutoff, attempts__lt=MAX_SWEEP_ATTEMPTS)
        .values("dyad_id")
        .annotate(oldest=Min("id"))
        .order_by("oldest")
    )
    return [row["dyad_id"] for row in waiting[:limit]]


@dataclass(frozen=True)
class Backlog:
    requests: int
    dyads: int
    oldest: datetime | None

    def oldest_seconds(self) -> float | None:
        return None if self.oldest is None else (timezone.now() - self.oldest).total_seconds()


def backlog() -> Backlog:
    """How many requests wait, for how many dyads, and since when (health check, admin)."""
    totals = RecomputeRequest.objects.aggregate(
        requests=Count("id"), dyads=Count("dyad_id", distinct=True), oldest=Min("created_at")
    )
    return Backlog(totals["requests"], totals["dyads"], totals["oldest"])

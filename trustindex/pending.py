"""A dyad's "recomputation pending" mark in the cache, shared by the triggers that set it
and the task that clears it (see triggers.py for how bursts collapse)."""

from django.core.cache import cache

PENDING_TTL = 600


def pending_key(dyad_id: int) -> str:
    return f"trust-index:pending:{dyad_id}"


def mark_pending(dyad_id: int) -> bool:
    """Set the mark; True only for the caller that set it (that caller queues the task)."""
    return cache.add(pending_key(dyad_id), 1, timeout=PENDING_TTL)


def clear_pending(dyad_id: int) -> None:
    cache.delete(pending_key(dyad_id))

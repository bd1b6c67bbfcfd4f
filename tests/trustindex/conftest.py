"""Fixtures of the index tests: count the recomputations that run (the real service still runs)."""

import threading

import pytest

from trustindex import engine


class Recomputes:
    """The dyads recomputed, in the order they started, and how many have finished."""

    def __init__(self) -> None:
        self.dyads: list[int] = []
        self.causes: list[str] = []
        self.finished = 0
        self.lock = threading.Lock()

    @property
    def started(self) -> int:
        return len(self.dyads)


@pytest.fixture
def recomputes(monkeypatch) -> Recomputes:
    counter = Recomputes()
    real = engine.recompute_dyad

    def counting(*, dyad_id, today=None, cause="", cause_ref=""):
        with counter.lock:
            counter.dyads.append(dyad_id)
            counter.causes.append(cause)
        try:
            return real(dyad_id=dyad_id, today=today, cause=cause, cause_ref=cause_ref)
        finally:
            with counter.lock:
                counter.finished += 1

    monkeypatch.setattr(engine, "recompute_dyad", counting)
    return counter

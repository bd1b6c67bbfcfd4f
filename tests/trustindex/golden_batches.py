"""Fixed pseudo-random dyads whose method-1.1 snapshots (COPY text) must stay byte for byte
what they were before method 1.2 existed: `GOLDEN_1_1` was computed by main at d24c488
(`python tests/trustindex/golden_batches.py` from that checkout prints it)."""

import hashlib
import random
from datetime import date, datetime, timedelta

TODAY = date(2026, 11, 27)
COMPUTED_AT = datetime(2026, 11, 27, 3, 0)
GOLDEN_1_1 = "cc1f08d1dbae580bd868ca959940bee727e77d1834978dcdec9b140f5c4376b7"
STATUSES = ("planned", "in_progress", "achieved", "missed", "cancelled")
DOMAINS = ("cultural", "scientific", "economic", "health", "digital")


def golden_dyads(count: int = 40) -> list:
    """(dyad id, DyadInputs) with programs, milestones and evaluations, from a fixed seed."""
    from trustindex.inputs import DyadInputs, EvaluationInput, MilestoneInput, ProgramInput

    rnd = random.Random(1402)
    base = date(2019, 1, 1)

    def day() -> date:
        return base + timedelta(rnd.randrange(0, 2800))

    out = []
    for dyad_id in range(1, count + 1):
        programs = tuple(
            ProgramInput(
                rnd.choice(DOMAINS),
                (start := day()),
                None if rnd.random() < 0.3 else start + timedelta(rnd.randrange(30, 1500)),
                rnd.random() < 0.1,
                float(rnd.randrange(0, 10**6)),
                float(rnd.randrange(0, 10**6)),
            )
            for _ in range(rnd.randrange(0, 5))
        )
        milestones = []
        for _ in range(rnd.randrange(0, 12)):
            status = rnd.choice(STATUSES)
            due = day()
            achieved = due + timedelta(rnd.randrange(-60, 300)) if rnd.random() < 0.7 else None
            milestones.append(
                MilestoneInput(due, status, achieved, rnd.random() < 0.5, rnd.random() < 0.8, rnd.random() < 0.5)
            )
        evaluations = tuple(
            EvaluationInput(day(), tuple(rnd.choice([None, 1, 2, 3, 4]) for _ in range(6)), True, rnd.random() < 0.8)
            for _ in range(rnd.randrange(0, 3))
        )
        out.append((dyad_id, DyadInputs(programs, tuple(milestones), evaluations)))
    return out


def copy_text_digest(dyads, config=None) -> str:
    """SHA-256 of the COPY text of the dyads' whole series under `config` (default: 1.1's defaults)."""
    from trustindex.inputs import IndexConfig
    from trustindex.method import DyadArrays
    from trustindex.series import compute_batch

    arrays = [(dyad_id, DyadArrays.from_inputs(inputs)) for dyad_id, inputs in dyads]
    batch = compute_batch(arrays, today=TODAY, config=config or IndexConfig(), computed_at=COMPUTED_AT)
    return hashlib.sha256("".join(batch.copy_text()).encode()).hexdigest()


if __name__ == "__main__":
    import django

    django.setup()
    print(copy_text_digest(golden_dyads()))

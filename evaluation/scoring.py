"""How an evaluation's ratings become one score: a pure function (no Django), used by the
evaluation record, the API and the trust index alike."""

import math
from collections.abc import Iterable

# The six OECD DAC evaluation criteria, in their published order.
DAC_CRITERIA = ("relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability")


def evaluation_score(ratings: Iterable[int | None]) -> float | None:
    """Mean of (s - 1) / 3 over the rated DAC criteria (1–4); None when nothing is rated."""
    rated = [(s - 1) / 3 for s in ratings if s is not None]
    return math.fsum(rated) / len(rated) if rated else None

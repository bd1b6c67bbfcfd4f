"""Fingerprints of each dyad's inputs, so the nightly run rebuilds only the histories that changed.

A fingerprint is the SHA-256 of everything a dyad's series is computed from:
its input arrays in their canonical order (`DyadArrays`: what the method
reads, after the loader's rules), the method version and the configuration
(weights, aggregation, scenarios, thresholds). Equal fingerprints give equal
values on every past date, so the nightly run only adds the dates that are
new since the series was computed (`DyadIndexState.computed_on`): "today",
and a month end once one has passed. A changed fingerprint (an edit that
did not reach the outbox, a new method or new weights) rebuilds the series.
"""

import hashlib
from datetime import date

import numpy as np

from .inputs import IndexConfig
from .method import DyadArrays
from .models import DyadIndexState

_ARRAYS = (
    "m_due", "m_achieved", "m_cancelled", "m_joint", "m_open_book",
    "e_date", "e_score", "p_start", "p_end", "p_a", "p_b", "p_domain",
)  # fmt: skip


def config_text(config: IndexConfig) -> str:
    return repr(
        (
            config.method_version,
            sorted(config.weights.items()),
            config.aggregation.value,
            config.draws,
            config.concentration,
            config.band_percentiles,
            config.min_coverage,
        )
    )


def fingerprint(arrays: DyadArrays, config: IndexConfig) -> str:
    digest = hashlib.sha256(config_text(config).encode())
    digest.update(np.int64(arrays.first_data).tobytes())
    for name in _ARRAYS:
        values = np.ascontiguousarray(getattr(arrays, name))
        digest.update(np.int64(values.size).tobytes())
        digest.update(values.tobytes())
    attainment = getattr(arrays, "attainment", None)  # method 1.2: the approved indicator periods
    if attainment is not None:
        for values in (attainment.end, attainment.score, attainment.superseded, attainment.starts):
            values = np.ascontiguousarray(values)
            digest.update(np.int64(values.size).tobytes())
            digest.update(values.tobytes())
    return digest.hexdigest()


def stored(dyad_ids: list[int]) -> dict[int, tuple[str, date]]:
    """{dyad id: (fingerprint, computed_on)} of the dyads that have one."""
    rows = DyadIndexState.objects.filter(dyad_id__in=dyad_ids).values_list("dyad_id", "fingerprint", "computed_on")
    return {dyad_id: (print_, day) for dyad_id, print_, day in rows}


def store(prints: dict[int, str], *, computed_on: date) -> None:
    """Record the fingerprints of series just written (as of `computed_on`)."""
    DyadIndexState.objects.bulk_create(
        [DyadIndexState(dyad_id=dyad_id, fingerprint=p, computed_on=computed_on) for dyad_id, p in prints.items()],
        update_conflicts=True,
        unique_fields=["dyad"],
        update_fields=["fingerprint", "computed_on"],
        batch_size=1000,
    )

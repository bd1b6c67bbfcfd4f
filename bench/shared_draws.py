"""What-if for the benchmark only: one shared set of Dirichlet weight draws.

The method (trustindex/sensitivity.py) seeds 1,000 Dirichlet draws per
(dyad, as-of date), so every snapshot samples ~6,000 gamma variates; at world
scale that sampling is most of the run. The OECD/JRC handbook's uncertainty
analysis instead applies one sample of weights to every unit (common random
numbers), which also makes bands comparable across dyads and dates. This
module swaps the method's `weight_band` for that variant — draws cached per
(weights, draws, concentration), fixed seed — so `bench.run --what-if-shared-draws`
can show what the change would buy. The shipped method is not changed.
"""

from functools import lru_cache

import numpy as np
from numpy.random import PCG64, Generator

from trustindex import method as index_method
from trustindex.sensitivity import linear_percentiles

SHARED_SEED = 20_260_101


@lru_cache(maxsize=256)
def _draws(weights: tuple[float, ...], draws: int, concentration: float) -> np.ndarray:
    return Generator(PCG64(SHARED_SEED)).dirichlet(concentration * np.array(weights), size=draws)


def shared_weight_band(values, weights, *, geometric, seed, draws, concentration, percentiles):
    if values.size == 1:
        only = 100.0 * float(values[0])
        return only, only
    sampled = _draws(tuple(np.round(weights, 12).tolist()), draws, concentration)
    means = np.exp(sampled @ np.log(values)) if geometric else sampled @ values
    low, high = linear_percentiles(100.0 * means, percentiles)
    return low, high


def install() -> None:
    """Use the shared draws in this process (and in processes forked from it)."""
    index_method.weight_band = shared_weight_band  # type: ignore[assignment]

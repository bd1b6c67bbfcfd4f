"""Method 1.0's value and band, kept as the reference the 1.1 tests compare against.

Method 1.0 drew the band's 1,000 Dirichlet weightings separately for each dyad and date.

The seed comes from SHA-256 of ``"<seed_key>\\x1f<as_of ISO date>"`` (first 8 bytes, big
endian), never from Python's salted ``hash()``, so a band repeats across processes and
machines for the same dyad and date. Percentiles use numpy's default "linear" definition
(``np.percentile(..., method="linear")``), computed with a partial sort for speed.
"""

import hashlib
from datetime import date

import numpy as np
from numpy.random import PCG64, Generator


def band_seed(seed_key: str, as_of: date) -> int:
    """Deterministic 64-bit seed for one (dyad, as-of date)."""
    digest = hashlib.sha256(f"{seed_key}\x1f{as_of.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def linear_percentiles(values: np.ndarray, percentiles: tuple[float, ...]) -> list[float]:
    """Same numbers as ``np.percentile(values, percentiles)``, via one ``np.partition``."""
    last = values.size - 1
    positions = [p / 100.0 * last for p in percentiles]
    lows = [min(int(pos), last) for pos in positions]
    kth = sorted({i for low in lows for i in (low, min(low + 1, last))})
    part = np.partition(values, kth)
    out = []
    for pos, low in zip(positions, lows, strict=True):
        high = min(low + 1, last)
        frac = pos - low
        # numpy's lerp form, so the results match np.percentile bit for bit
        a, b = float(part[low]), float(part[high])
        diff = b - a
        out.append(b - diff * (1 - frac) if frac >= 0.5 else a + diff * frac)
    return out


def weight_band(
    values: np.ndarray,
    weights: np.ndarray,
    *,
    geometric: bool,
    seed: int,
    draws: int,
    concentration: float,
    percentiles: tuple[float, float],
) -> tuple[float, float]:
    """Percentiles (on the 0..100 scale) of the index under Dirichlet-drawn weights.

    ``values`` are the present components (already floored at 0.01 for the geometric
    mean) and ``weights`` their renormalised weights, summing to 1; each draw is
    ``Dirichlet(concentration * weights)``.
    """
    if values.size == 1:
        only = 100.0 * float(values[0])
        return only, only
    rng = Generator(PCG64(seed))
    sampled = rng.dirichlet(concentration * weights, size=draws)
    means = np.exp(sampled @ np.log(values)) if geometric else sampled @ values
    indices = 100.0 * means
    low, high = linear_percentiles(indices, percentiles)
    return low, high


def value_and_band_v1(components: dict, weights: dict, *, seed_key: str, as_of: date, geometric=False):
    """Method 1.0's (value, band low, band high) from component values (None = missing),
    unrounded band ends; the value rounded as 1.0 rounded it (math.fsum sums)."""
    import math

    from trustindex.aggregation import round1

    used = [(weights[k], v) for k, v in components.items() if v is not None and weights[k] > 0]
    total = math.fsum(w for w, _ in used)
    ws = [w / total for w, _ in used]
    cs = [max(c, 0.01) if geometric else c for _, c in used]
    if geometric:
        mean = math.exp(math.fsum(w * math.log(c) for w, c in zip(ws, cs, strict=True)))
    else:
        mean = math.fsum(w * c for w, c in zip(ws, cs, strict=True))
    low, high = weight_band(
        np.array(cs),
        np.array(ws),
        geometric=geometric,
        seed=band_seed(seed_key, as_of),
        draws=1000,
        concentration=50.0,
        percentiles=(5.0, 95.0),
    )
    return round1(min(100.0, 100.0 * mean)), low, high

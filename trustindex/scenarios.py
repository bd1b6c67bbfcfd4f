"""The shared weight scenarios of methods 1.1 and 1.2 (docs/trust-index.md, "Sensitivity range").

One fixed set of `draws` (1,000) weight vectors over the components (six under
1.1, seven under 1.2: a set of its own, seeded from "1.2" and its weights), drawn
once from Dirichlet(concentration · w) around the configured weights w and used
for every dyad and date ("common random numbers", as in the OECD/JRC
handbook's uncertainty analysis). The seed is the first 8 bytes (big endian)
of SHA-256 of ``METHOD_VERSION + the weights as sorted JSON``, so the scenarios
repeat across processes and machines and change only with the method or the
weights. A component whose weight is 0 gets 0 in every scenario (a Dirichlet
needs positive parameters; such a component takes no part in the value either).

Under a scenario a value keeps its present weighted components and
renormalises their scenario weights to sum 1: `pattern_weights` gives that
matrix (draws x present components) for one pattern of present components,
cached, so each pattern costs one matrix product per batch of values.
"""

import hashlib
import json
from collections.abc import Mapping
from functools import lru_cache

import numpy as np
from numpy.random import PCG64, Generator

from .inputs import METHOD_VERSION, IndexConfig, components_of


def scenario_seed(weights: Mapping[str, float], method_version: str = METHOD_VERSION) -> int:
    """The 64-bit seed of the scenarios for these weights under this method version."""
    text = method_version + json.dumps({key: float(w) for key, w in weights.items()}, sort_keys=True)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _config_key(config: IndexConfig) -> tuple:
    return tuple(config.weights.items()), config.draws, config.concentration, config.method_version


@lru_cache(maxsize=8)
def _scenarios(
    weights: tuple[tuple[str, float], ...], draws: int, concentration: float, method_version: str
) -> np.ndarray:
    by_key = dict(weights)
    components = components_of(method_version)
    w = np.array([by_key[key] for key in components])
    out = np.zeros((draws, len(components)))
    positive = w > 0
    if positive.sum() == 1:
        out[:, positive] = 1.0
    elif positive.any():
        rng = Generator(PCG64(scenario_seed(by_key, method_version)))
        out[:, positive] = rng.dirichlet(concentration * w[positive], size=draws)
    out.setflags(write=False)
    return out


def shared_scenarios(config: IndexConfig) -> np.ndarray:
    """The scenarios (draws x components, in the version's column order, rows summing to 1); read-only, cached."""
    return _scenarios(*_config_key(config))


@lru_cache(maxsize=256)
def _pattern_weights(key: tuple, columns: tuple[int, ...]) -> np.ndarray:
    chosen = _scenarios(*key)[:, list(columns)]
    out = chosen / chosen.sum(axis=1, keepdims=True)
    out.setflags(write=False)
    return out


def pattern_weights(config: IndexConfig, columns: tuple[int, ...]) -> np.ndarray:
    """The scenarios restricted to these component columns, each row renormalised to sum 1."""
    return _pattern_weights(_config_key(config), columns)

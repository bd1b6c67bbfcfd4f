"""Indicator attainment: how much of a period's target was achieved, on 0–1 (index method 1.2).

A pure module (no Django): the public pages show each approved period's
attainment, and under method 1.2 the index engine reads `AttainmentInput`s
(loaded by `results.selectors.attainment_inputs`; the component is
trustindex/attainment.py); see "Method 1.2" in docs/trust-index.md.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class AttainmentInput:
    """One approved period of a quantitative indicator, with its target and actual."""

    indicator_id: int
    program_id: int
    period_start: date
    period_end: date
    target: float
    actual: float
    baseline: float | None
    ascending: bool
    cumulative: bool

    @property
    def attainment(self) -> float:
        return period_attainment(self.target, self.actual, ascending=self.ascending)


def period_attainment(target: float, actual: float, *, ascending: bool) -> float:
    """actual ÷ target when higher is better, target ÷ actual when lower is better; capped to 0–1.

    Meeting or beating the target scores 1 (over-achievement does not make
    up for another indicator's shortfall). A non-positive target or actual,
    where the ratio means nothing, scores 1 if the target is met, else 0.
    """
    met = actual >= target if ascending else actual <= target
    if met:
        return 1.0
    numerator, denominator = (actual, target) if ascending else (target, actual)
    if numerator <= 0 or denominator <= 0:
        return 0.0
    return min(1.0, numerator / denominator)

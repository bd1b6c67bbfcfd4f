"""The trust index's vocabulary: constants, the input records, the configuration and the result.

Plain dataclasses (no Django), validated on construction; `index_method` computes
with them and re-exports every name here.
"""

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from results.attainment import AttainmentInput

METHOD_VERSION = "1.1"  # the method in force unless settings.TRUST_INDEX["METHOD_VERSION"] says otherwise
# Method 1.2 adds indicator attainment as a seventh component (docs/trust-index.md, "Method 1.2").
ATTAINMENT_VERSION = "1.2"
METHOD_VERSIONS = (METHOD_VERSION, ATTAINMENT_VERSION)
DOMAINS = ("cultural", "scientific", "economic", "health", "digital")
COMPONENTS = ("delivery", "evaluation", "continuity", "reciprocity", "breadth", "transparency")
DEFAULT_WEIGHTS = {
    "delivery": 0.30,
    "evaluation": 0.25,
    "continuity": 0.15,
    "reciprocity": 0.10,
    "breadth": 0.10,
    "transparency": 0.10,
}
# Method 1.2: attainment is the last column (so the six others keep their positions); its
# weight comes out of delivery, so milestones and targets together still weigh 0.30.
COMPONENTS_1_2 = (*COMPONENTS, "attainment")
DEFAULT_WEIGHTS_1_2 = {**DEFAULT_WEIGHTS, "delivery": 0.20, "attainment": 0.10}
ATTAINMENT_WINDOW_DAYS = 1095
ATTAINMENT_HALF_LIFE_DAYS = 365
DELIVERY_WINDOW_DAYS = 1095
DELIVERY_HALF_LIFE_DAYS = 365
EVALUATION_WINDOW_DAYS = 1825
EVALUATION_HALF_LIFE_DAYS = 730
RECIPROCITY_WINDOW_DAYS = 730
CONTINUITY_QUARTERS = 8
GEOMETRIC_FLOOR = 0.01
# A band wider than this many points flags the value "unstable" (pages, API and CSVs say so).
UNSTABLE_WIDTH = 20.0
DAC_CRITERIA = 6
# A value is "thin" below this coverage, or when delivery rests on fewer milestones.
THIN_COVERAGE = 0.75
THIN_MILESTONES = 5


def components_of(method_version: str) -> tuple[str, ...]:
    """The components of a method version, in their column order."""
    if method_version not in METHOD_VERSIONS:
        raise ValueError(f"unknown index method version {method_version!r}; known: {', '.join(METHOD_VERSIONS)}")
    return COMPONENTS_1_2 if method_version == ATTAINMENT_VERSION else COMPONENTS


def default_weights_of(method_version: str) -> dict[str, float]:
    return dict(DEFAULT_WEIGHTS_1_2 if method_version == ATTAINMENT_VERSION else DEFAULT_WEIGHTS)


class Aggregation(enum.StrEnum):
    ARITHMETIC = "arithmetic"
    GEOMETRIC = "geometric"


class MilestoneStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    MISSED = "missed"
    CANCELLED = "cancelled"


_STATUSES = frozenset(s.value for s in MilestoneStatus)


@dataclass(frozen=True, slots=True)
class MilestoneInput:
    due_date: date
    status: str
    achieved_date: date | None
    cancelled_jointly: bool = False
    is_public: bool = True
    has_evidence: bool = False

    def __post_init__(self) -> None:
        if self.status not in _STATUSES:
            raise ValueError(f"unknown milestone status {self.status!r}")

    @property
    def effective_achieved_date(self) -> date | None:
        """The achievement date if the milestone really is achieved, else None."""
        return self.achieved_date if self.status == MilestoneStatus.ACHIEVED else None


@dataclass(frozen=True, slots=True)
class EvaluationInput:
    date: date
    ratings: tuple[int | None, ...]
    is_published: bool = True
    is_independent: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "ratings", tuple(self.ratings))
        if len(self.ratings) != DAC_CRITERIA:
            raise ValueError(f"expected {DAC_CRITERIA} DAC ratings, got {len(self.ratings)}")
        for rating in self.ratings:
            if rating is not None and rating not in (1, 2, 3, 4):
                raise ValueError(f"DAC rating must be 1..4 or None, got {rating!r}")


@dataclass(frozen=True, slots=True)
class ProgramInput:
    domain: str
    start_date: date
    end_date: date | None
    is_cancelled: bool
    contribution_a: float
    contribution_b: float

    def __post_init__(self) -> None:
        if self.domain not in DOMAINS:
            raise ValueError(f"unknown domain {self.domain!r}")
        for name in ("contribution_a", "contribution_b"):
            side = float(getattr(self, name))  # the loader may hand over Decimals
            if not (math.isfinite(side) and side >= 0):
                raise ValueError(f"contribution must be finite and >= 0, got {side!r}")
            object.__setattr__(self, name, side)


@dataclass(frozen=True, slots=True)
class DyadInputs:
    programs: tuple[ProgramInput, ...]
    milestones: tuple[MilestoneInput, ...]
    evaluations: tuple[EvaluationInput, ...]
    # Approved periods of quantitative indicators (results.attainment.AttainmentInput); method 1.2 only.
    attainment: tuple[AttainmentInput, ...] = ()


@dataclass(frozen=True, slots=True)
class ComponentResult:
    key: str
    value: float | None
    input_count: int


@dataclass(frozen=True, slots=True)
class IndexConfig:
    weights: Mapping[str, float] = field(default_factory=dict)  # empty: the version's default weights
    aggregation: Aggregation = Aggregation.ARITHMETIC
    draws: int = 1000
    concentration: float = 50.0
    band_percentiles: tuple[float, float] = (5.0, 95.0)
    unstable_width: float = UNSTABLE_WIDTH
    min_coverage: float = 0.5
    method_version: str = METHOD_VERSION

    def __post_init__(self) -> None:
        components = components_of(self.method_version)
        given = self.weights or default_weights_of(self.method_version)
        weights = {key: float(value) for key, value in given.items()}
        if set(weights) != set(components):
            raise ValueError(f"weights must have exactly the keys {sorted(components)}, got {sorted(weights)}")
        if any(not math.isfinite(w) or w < 0 for w in weights.values()):
            raise ValueError(f"weights must be finite and non-negative, got {weights}")
        if abs(math.fsum(weights.values()) - 1.0) > 1e-9:
            raise ValueError(f"weights must sum to 1, got {math.fsum(weights.values())}")
        low, high = self.band_percentiles
        if not 0 <= low <= high <= 100:
            raise ValueError(f"band percentiles must satisfy 0 <= low <= high <= 100: {low, high}")
        if self.draws < 1 or self.concentration <= 0 or not 0 <= self.min_coverage <= 1:
            raise ValueError("need draws >= 1, concentration > 0 and 0 <= min_coverage <= 1")
        object.__setattr__(self, "weights", {key: weights[key] for key in components})
        object.__setattr__(self, "aggregation", Aggregation(self.aggregation))

    @property
    def components(self) -> tuple[str, ...]:
        """The components of this configuration's method version, in column order."""
        return components_of(self.method_version)


@dataclass(frozen=True, slots=True)
class IndexResult:
    as_of: date
    value: float | None
    band_low: float | None
    band_high: float | None
    coverage: float
    components: dict[str, ComponentResult]
    weights: dict[str, float]
    aggregation: str
    method_version: str
    unstable_width: float = UNSTABLE_WIDTH
    thin: bool = False
    # The value with each weighted present component left out (None: nothing would be left).
    remove_one: dict[str, float | None] = field(default_factory=dict)

    @property
    def unstable(self) -> bool:
        if self.band_low is None or self.band_high is None:
            return False
        return self.band_high - self.band_low > self.unstable_width

"""What the method page's weights calculator recomputes from: every dyad's published components.

static/js/index_calculator.js repeats the engine's aggregation (trustindex/method.py:
coverage from the weights of the components present, missing components dropped and
the rest renormalised, an exact sum, one rounding half up) on these numbers, so moving
a weight gives, in the browser, the value the engine would compute with that weight.
"""

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from trustindex.inputs import COMPONENTS, GEOMETRIC_FLOOR, IndexConfig
from trustindex.models import Aggregation
from trustindex.selectors import current_snapshots

from .labels import COMPONENT_LABELS


def ranks(values: list[float | None]) -> list[int | None]:
    """1 for the highest value, equal values sharing a rank (1, 2, 2, 4); None where there is no value."""
    present = sorted((v for v in values if v is not None), reverse=True)
    first: dict[float, int] = {}
    for position, value in enumerate(present, start=1):
        first.setdefault(value, position)
    return [None if v is None else first[v] for v in values]


def calculator() -> dict:
    """The calculator's weights, rules and dyads (current snapshots, highest published value first), in one query."""
    config = settings.TRUST_INDEX
    weights = {key: float(config["WEIGHTS"][key]) for key in COMPONENTS}
    snapshots = sorted(current_snapshots(), key=lambda s: (s.value is None, -(s.value or 0), str(s.dyad)))
    dyad_ranks = ranks([s.value for s in snapshots])
    dyads = [
        {
            "name": str(s.dyad),
            "url": s.dyad.get_absolute_url(),
            "value": s.value,
            "rank": rank,
            "components": {key: (s.components.get(key) or {}).get("value") for key in COMPONENTS},
        }
        for s, rank in zip(snapshots, dyad_ranks, strict=True)
    ]
    data = {
        "components": list(COMPONENTS),
        "weights": weights,
        "aggregation": config.get("AGGREGATION", Aggregation.ARITHMETIC),
        "floor": GEOMETRIC_FLOOR,
        "min_coverage": IndexConfig().min_coverage,
        "decimal": formats.get_format("DECIMAL_SEPARATOR"),
        "dyads": dyads,
        "labels": {
            "insufficient": _("insufficient data"),
            "no_weight": _("Give at least one component a weight."),
        },
    }
    components = [
        {"key": key, "label": COMPONENT_LABELS[key], "percent": round(weights[key] * 100, 1)} for key in COMPONENTS
    ]
    return {"calculator": data, "calculator_components": components, "calculator_dyads": dyads}

"""Which index method the site computes now, and with what configuration (settings.TRUST_INDEX).

Method 1.1 is in force unless TRUST_INDEX["METHOD_VERSION"] (environment:
TRUST_INDEX_METHOD_VERSION) says "1.2", which adds indicator attainment as a
seventh component weighted by TRUST_INDEX["WEIGHTS_1_2"] (TRUST_INDEX_WEIGHTS_1_2;
default `DEFAULT_WEIGHTS_1_2`). Every read of "the current index" and every write
of the engine go through `method_version()`, so switching needs no code change:
set it, then run `manage.py recompute_indices` (or wait for the nightly run).
"""

from django.conf import settings

from .inputs import ATTAINMENT_VERSION, METHOD_VERSION, IndexConfig, components_of, default_weights_of


def method_version() -> str:
    """The method version the site computes and shows now; an unknown one is a configuration error."""
    version = str(settings.TRUST_INDEX.get("METHOD_VERSION") or METHOD_VERSION)
    components_of(version)  # raises ValueError for a version this code does not implement
    return version


def components() -> tuple[str, ...]:
    """The components of the method in force, in column order."""
    return components_of(method_version())


def index_config() -> IndexConfig:
    """The method's configuration from settings.TRUST_INDEX (version, weights, aggregation)."""
    conf = settings.TRUST_INDEX
    version = method_version()
    if version == ATTAINMENT_VERSION:
        weights = conf.get("WEIGHTS_1_2") or default_weights_of(version)
    else:
        weights = conf["WEIGHTS"]
    return IndexConfig(weights=weights, aggregation=conf["AGGREGATION"], method_version=version)

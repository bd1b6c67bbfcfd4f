"""Page caching for the dashboards, invalidated by version counters.

Each dyad has a version number in the cache, and so has the overview. A
cached page body's key includes the versions it depends on, so bumping a
version makes every older body unreachable (it then expires on its own):
no need to know which keys exist. Versions are bumped when a dyad's index is
recomputed (`trustindex.signals.index_recomputed`) and when a program,
milestone or evaluation is saved or deleted, once its transaction commits.

Every key also carries the EVERYTHING version, bumped when the cache answers
again after an outage (`core.cache.cache_recovered`): the bumps lost while it
was down can no longer leave a stale page behind.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

PAGE_TIMEOUT = 15 * 60
OVERVIEW = "overview"
EVERYTHING = "all"


def _version_key(scope: str | int) -> str:
    return f"dashboards:version:{scope}"


def bump(scope: str | int) -> None:
    """Invalidate every cached page depending on `scope` (a dyad id or OVERVIEW)."""
    key = _version_key(scope)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)


def invalidate_dyad(dyad_id: int) -> None:
    """Drop the cached dyad page, its programs' pages and the overview."""
    bump(dyad_id)
    bump(OVERVIEW)


def invalidate_dyad_on_commit(dyad_id: int) -> None:
    """`invalidate_dyad` once the current transaction commits (at once outside one).

    Outside the transaction, so a cache error can never roll a save back; after the
    commit, so no reader caches the old data under the new version."""
    transaction.on_commit(lambda: invalidate_dyad(dyad_id), robust=True)


def cached_body(name: str, scopes: list[str | int], build: Callable[[], str]) -> str:
    """The cached page body `name` in the active language for the current versions of `scopes`, built on a miss."""
    scopes = [EVERYTHING, *scopes]
    versions = cache.get_many([_version_key(s) for s in scopes])
    stamp = ".".join(str(versions.get(_version_key(s), 1)) for s in scopes)
    key = f"dashboards:page:{get_language()}:{name}:{stamp}"
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, PAGE_TIMEOUT)
    return body

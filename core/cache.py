"""A Redis cache that degrades instead of failing: an outage makes pages slower, never errors.

`DegradingRedisCache` is Django's RedisCache with three changes:
- every Redis error is caught, logged (once per outage, then a summary when
  Redis answers again) and counted; the call answers as a miss (`get` gives
  its default, `add` False, writes do nothing), so the page is built and
  served uncached and a save goes on;
- after an error the cache is skipped for RETRY_AFTER seconds (a circuit
  breaker), so a paused Redis costs one socket timeout per process every
  few seconds rather than one per cache call;
- `cache_recovered` is sent when Redis answers again after an outage, so
  whoever lost writes meanwhile (page versions) can make up for them.

Configure timeouts in OPTIONS (`socket_timeout`, `socket_connect_timeout`):
without them a paused Redis blocks a request for ever.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache.backends.redis import RedisCache
from django.dispatch import Signal
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

cache_recovered = Signal()


@dataclass
class CacheHealth:
    """One Redis location's state in this process (shared by its threads' backend instances)."""

    errors: int = 0  # Redis errors since the process started
    skipped: int = 0  # calls answered as a miss without trying, while the breaker was open
    failing_since: float | None = None
    retry_at: float = 0.0
    last_error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def failing(self) -> bool:
        return self.failing_since is not None

    def snapshot(self) -> dict[str, Any]:
        """What /healthz shows: this process's counts."""
        return {"errors": self.errors, "skipped": self.skipped, "failing": self.failing, "last_error": self.last_error}


_HEALTH: dict[str, CacheHealth] = {}


def health_of(location: str) -> CacheHealth:
    return _HEALTH.setdefault(location, CacheHealth())


def _miss(default: Callable[[tuple, dict], Any]):
    """Wrap a RedisCache method so a Redis error answers `default(args, kwargs)` instead."""

    def decorate(name: str):
        parent = getattr(RedisCache, name)

        def method(self, *args, **kwargs):
            if self._breaker_open():
                return default(args, kwargs)
            try:
                result = parent(self, *args, **kwargs)
            except RedisError as error:
                self._record_failure(name, error)
                return default(args, kwargs)
            self._record_success()
            return result

        method.__name__ = name
        return method

    return decorate


def _nothing(args, kwargs) -> None:
    return None


def _false(args, kwargs) -> bool:
    return False


def _get_default(args, kwargs):
    return args[1] if len(args) > 1 else kwargs.get("default")


class DegradingRedisCache(RedisCache):
    """Django's RedisCache, answering as a miss while Redis fails (see the module docstring)."""

    def __init__(self, server, params) -> None:
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 5.0))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self.health = health_of(str(server))

    def _breaker_open(self) -> bool:
        health = self.health
        if health.failing_since is not None and time.monotonic() < health.retry_at:
            with health.lock:
                health.skipped += 1
            return True
        return False

    def _record_failure(self, operation: str, error: RedisError) -> None:
        health = self.health
        with health.lock:
            health.errors += 1
            health.last_error = f"{type(error).__name__}: {error}"
            health.retry_at = time.monotonic() + self.retry_after
            first = health.failing_since is None
            if first:
                health.failing_since = time.monotonic()
        if first:
            logger.warning("Cache unavailable (%s failed: %s); serving uncached", operation, error)

    def _record_success(self) -> None:
        health = self.health
        if health.failing_since is None:
            return
        with health.lock:
            since, health.failing_since = health.failing_since, None
        if since is not None:
            logger.warning(
                "Cache answers again after %.0f s; %d errors so far in this process",
                time.monotonic() - since,
                health.errors,
            )
            cache_recovered.send(sender=type(self))

    def ping(self) -> bool:
        """Whether Redis answers now (ignores the breaker; raises nothing)."""
        try:
            return bool(self._cache.get_client(write=False).ping())
        except RedisError:
            return False

    get = _miss(_get_default)("get")
    get_many = _miss(lambda args, kwargs: {})("get_many")
    has_key = _miss(_false)("has_key")
    add = _miss(_false)("add")
    set = _miss(_nothing)("set")
    touch = _miss(_false)("touch")
    delete = _miss(_false)("delete")
    incr = _miss(_nothing)("incr")
    set_many = _miss(lambda args, kwargs: list(args[0]) if args else [])("set_many")
    delete_many = _miss(_nothing)("delete_many")
    clear = _miss(_nothing)("clear")

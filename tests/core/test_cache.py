"""The cache degrades instead of failing: a Redis outage is a miss, logged and counted."""

import itertools
import os
import time

import pytest
from django.core.cache import cache, caches

from core.cache import DegradingRedisCache, cache_recovered
from tests.api.conftest import token_client
from tests.factories import IndexSnapshotFactory, MilestoneFactory
from tests.people import staff
from tests.project.test_health import dead_redis_cache

DATABASES = itertools.count(100)


def unreachable(retry_after: float = 5.0) -> DegradingRedisCache:
    options = {"socket_timeout": 0.2, "socket_connect_timeout": 0.2, "RETRY_AFTER": retry_after}
    # A database number of its own: health is kept per location.
    return DegradingRedisCache(f"redis://127.0.0.1:1/{next(DATABASES)}", {"OPTIONS": options})


def test_an_unreachable_redis_answers_as_a_miss():
    backend = unreachable()
    assert backend.get("page", "default") == "default"
    assert backend.get_many(["a", "b"]) == {}
    assert backend.add("k", 1) is False
    assert backend.set("k", 1) is None and backend.delete("k") is False
    assert backend.health.errors == 1  # then the breaker skips Redis for RETRY_AFTER seconds
    assert backend.health.skipped == 4 and backend.health.failing


def test_after_retry_after_seconds_redis_is_tried_again():
    backend = unreachable(retry_after=0)
    backend.get("a")
    backend.get("b")
    assert backend.health.errors == 2 and backend.health.skipped == 0


def test_a_missing_key_still_raises_on_incr_when_redis_answers():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("needs a real Redis: set TEST_REDIS_URL=redis://127.0.0.1:6379/<db>")
    backend = DegradingRedisCache(url, {"KEY_PREFIX": f"test-{time.monotonic()}"})
    with pytest.raises(ValueError):
        backend.incr("never-set")


def test_redis_answering_again_is_announced_once():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("needs a real Redis: set TEST_REDIS_URL=redis://127.0.0.1:6379/<db>")
    backend = unreachable(retry_after=0)
    backend.get("a")
    heard = []
    cache_recovered.connect(lambda sender, **kwargs: heard.append(sender), weak=False, dispatch_uid="test-heard")
    try:
        del backend._cache  # the same backend, now pointing at a Redis that answers
        backend._servers = [url]
        backend.get("a")
        backend.get("b")
    finally:
        cache_recovered.disconnect(dispatch_uid="test-heard")
    assert heard == [DegradingRedisCache] and not backend.health.failing


@pytest.mark.django_db(transaction=True)
def test_with_the_cache_down_pages_are_served_and_saves_kept(client, settings, dyad):
    IndexSnapshotFactory(dyad=dyad, value=41.7)
    settings.CACHES = dead_redis_cache()
    assert isinstance(caches["default"], DegradingRedisCache)
    assert client.get("/").status_code == 200
    assert "41.7" in client.get(dyad.get_absolute_url()).content.decode()
    milestone = MilestoneFactory(program__dyad=dyad)
    response = token_client(staff("SA")).post(
        f"/api/v1/milestones/{milestone.pk}/status/",
        {"status": "in_progress"},
        format="json",
    )
    assert response.status_code == 200, response.content
    milestone.refresh_from_db()
    assert milestone.status == "in_progress"
    assert cache.health.errors >= 1

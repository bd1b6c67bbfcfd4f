"""/healthz reports the database, the cache and the broker separately."""

import pytest
from django.db import OperationalError

from tests.factories import DyadFactory
from trackerproj import health
from trackerproj.celery import app
from trustindex import pending

pytestmark = pytest.mark.django_db
DEAD = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once


def dead_redis_cache() -> dict:
    options = {"socket_timeout": 0.2, "socket_connect_timeout": 0.2, "RETRY_AFTER": 5}
    return {"default": {"BACKEND": "core.cache.DegradingRedisCache", "LOCATION": DEAD, "OPTIONS": options}}


def test_all_parts_up_is_ok(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["degraded"] == []
    assert {body[part]["status"] for part in ("database", "cache", "broker")} == {"ok"}


def test_a_lost_cache_is_named_but_the_site_is_up(client, settings):
    settings.CACHES = dead_redis_cache()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded" and response.json()["degraded"] == ["cache"]


def test_a_lost_broker_is_named_but_the_site_is_up(client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setitem(app.conf, "broker_url", DEAD)
    monkeypatch.setattr(app, "_pool", None)
    response = client.get("/healthz")
    app._pool = None
    assert response.status_code == 200
    body = response.json()
    assert body["degraded"] == ["broker"] and "Connection refused" in body["broker"]["error"]


def test_a_lost_database_is_a_503(client, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("could not connect to server")

    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["degraded"] == ["database"]


def test_waiting_recomputations_are_reported(client):
    dyad = DyadFactory()
    pending.request_recompute(dyad_id=dyad.pk, cause="milestone 1 changed")
    pending.request_recompute(dyad_id=dyad.pk, cause="milestone 2 changed")
    queue = client.get("/healthz").json()["recompute_queue"]
    assert (queue["requests"], queue["dyads"]) == (2, 1) and queue["oldest_seconds"] >= 0

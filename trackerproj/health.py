"""The health probe for load balancers and the compose healthcheck: each part on its own.

200 while the database answers, naming the parts that do not (the site
degrades without them: pages are served uncached, recomputations wait in
the outbox); 503 when the database is down, since nothing works without it.
"""

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, JsonResponse

from core.cache import DegradingRedisCache
from trustindex import pending

from .celery import app

OK, UNAVAILABLE = "ok", "unavailable"


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return UNAVAILABLE
    return OK


def cache_status() -> dict:
    cache = caches["default"]
    if not isinstance(cache, DegradingRedisCache):
        return {"status": OK, "kind": "local memory"}
    return {"status": OK if cache.ping() else UNAVAILABLE, **cache.health.snapshot()}


def broker_status() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"status": OK, "kind": "in-process (no broker)"}
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    except Exception as error:
        return {"status": UNAVAILABLE, "error": f"{type(error).__name__}: {error}"}
    return {"status": OK}


def recompute_backlog() -> dict:
    waiting = pending.backlog()
    oldest = waiting.oldest_seconds()
    return {"requests": waiting.requests, "dyads": waiting.dyads, "oldest_seconds": oldest and round(oldest)}


def healthz(request: HttpRequest) -> JsonResponse:
    """Database, cache and broker separately; 503 only when the database is down."""
    database = database_status()
    if database != OK:
        return JsonResponse({"status": "down", "database": database, "degraded": ["database"]}, status=503)
    parts = {"database": {"status": OK}, "cache": cache_status(), "broker": broker_status()}
    degraded = [name for name, part in parts.items() if part["status"] != OK]
    body = {"status": "degraded" if degraded else OK, "degraded": degraded, **parts}
    body["recompute_queue"] = recompute_backlog()
    return JsonResponse(body)

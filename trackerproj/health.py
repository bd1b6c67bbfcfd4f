"""A liveness probe for load balancers and the compose healthcheck."""

from django.db import connection
from django.http import JsonResponse


def healthz(request):
    """Answer 200 when the database answers; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})

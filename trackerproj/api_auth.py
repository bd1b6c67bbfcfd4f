"""Tokens for API clients: `POST /api/v1/auth/token/` with a username and password.

Also: `python manage.py drf_create_token <username>` and the admin's Tokens page.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle


@extend_schema(
    summary="Get an API token",
    description=(
        "Exchange a username and password for the user's token (created on first request). Send it as "
        "`Authorization: Token <key>`. Throttled per client (scope `token`) against password guessing."
    ),
    responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
    examples=[
        OpenApiExample("Credentials", value={"username": "coordinator", "password": "…"}, request_only=True),
        OpenApiExample("A token", value={"token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"}, response_only=True),
    ],
)
class TokenView(ObtainAuthToken):
    throttle_classes = [AnonRateThrottle, ScopedRateThrottle]
    throttle_scope = "token"

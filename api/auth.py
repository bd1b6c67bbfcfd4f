"""Tokens for API clients: `POST /api/v1/auth/token/` with a username and password.

Also: `python manage.py drf_create_token <username>` and the admin's Tokens page.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle


class LockedOut(exceptions.APIException):
    status_code = 429
    default_code = "locked_out"
    default_detail = "Too many failed logins for this account from your address; try again in an hour."


@extend_schema(
    summary="Get an API token",
    description=(
        "Exchange a username and password for the user's token (created on first request). Send it as "
        "`Authorization: Token <key>`. Throttled per client (scope `token`), and failed logins count "
        "towards the same django-axes lockout as the login page."
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

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except exceptions.ValidationError:
            # django-axes marks the request it was given (DRF's) when the login is locked out; say so plainly
            # instead of "Unable to log in", as the login page does.
            if getattr(request, "axes_locked_out", False):
                raise LockedOut() from None
            raise

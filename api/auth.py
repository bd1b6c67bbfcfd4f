"""Tokens for API clients: `POST /api/v1/auth/token/` with a username and password.

Also: `python manage.py drf_create_token <username>` and the admin's Tokens page.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle


class LockedOut(exceptions.APIException):
    status_code = 429
    default_code = "locked_out"
    default_detail = gettext_lazy("Too many failed logins for this account from your address; try again in an hour.")


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


class RevokeCredentialsOnPasswordChange:
    """Listed in AUTH_PASSWORD_VALIDATORS for Django's `password_changed` hook, which runs after
    every password change or reset (the account pages, the admin, `changepassword`, `set_password`
    then `save`): it deletes the user's API tokens. Every other session ends with it already, as
    Django checks each session against the password it was opened with."""

    def validate(self, password, user=None) -> None:
        return None

    def password_changed(self, password, user=None) -> None:
        if user is not None and user.pk:
            Token.objects.filter(user=user).delete()

    def get_help_text(self) -> str:
        return _("Changing your password signs you out everywhere else and revokes your API tokens.")

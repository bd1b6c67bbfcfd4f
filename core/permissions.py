"""Permission primitives the apps' own permission rules are built from."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied

AnyUser = User | AnonymousUser


def require(allowed: bool, message: str) -> None:
    """Raise PermissionDenied with a message the 403 page and the API show."""
    if not allowed:
        raise PermissionDenied(message)

"""Who is asking: the client's address, the same for the API's throttles and django-axes.

One setting, NUM_PROXIES (the number of reverse proxies in front of the
site that append to X-Forwarded-For), read by DRF's own rule: with 0, the
default, X-Forwarded-For is ignored and the peer address counts, so a
client cannot pick a new identity per request by sending the header.
"""

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def client_ip(request: HttpRequest) -> str:
    """The client's address as the throttles see it (AXES_CLIENT_IP_CALLABLE points here)."""
    return BaseThrottle().get_ident(request)  # type: ignore[arg-type]

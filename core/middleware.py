"""Refuse hostile requests before any work is done on them.

- A body over the upload limit (`core.uploads.request_limit()`), by its
  Content-Length: 413 before a byte is read. Bodies that lie about their
  length are cut by `SizeLimitUploadHandler` while they stream in.
- A query parameter holding a NUL character: 400 naming it. No page or
  filter can use one, and PostgreSQL refuses them in queries.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .errors import refusal
from .uploads import request_limit, too_large_message


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _content_length(request) > request_limit():
            return refusal(request, 413, "too_large", too_large_message())
        with_nul = sorted({name for name, values in request.GET.lists() if any("\x00" in v for v in values)})
        if with_nul:
            message = _("Query parameters cannot contain NUL characters.")
            fields = {name: [message] for name in with_nul}
            return refusal(request, 400, "invalid", f"{with_nul[0]}: {message}", fields)
        return self.get_response(request)

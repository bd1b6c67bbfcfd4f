"""The site's error answers: the API's JSON shape under /api/, pages elsewhere.

Django calls these for errors raised outside a DRF view's own handler (a 500
anywhere, a refused upload, a bad host): `trackerproj.urls` names them as
handler400/403/404/500, and `core.middleware` answers with `refusal()`.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from .api.errors import error_body
from .uploads import UploadTooLarge

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def refusal(request: HttpRequest, status: int, code: str, message: str, fields: dict | None = None) -> HttpResponse:
    """An error answer: the API's JSON shape under /api/, a short page elsewhere."""
    if is_api(request):
        return JsonResponse(error_body(status, code, message, fields), status=status)
    page = loader.get_template("error.html").render({"status": status, "message": message}, request)
    return HttpResponse(page, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, UploadTooLarge):
        return refusal(request, 413, "too_large", str(exception))
    if is_api(request):
        return refusal(request, 400, "bad_request", _("The request is invalid."))
    return defaults.bad_request(request, exception)  # type: ignore[arg-type]


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return refusal(request, 403, "permission_denied", str(exception or "") or _("Permission denied."))
    return defaults.permission_denied(request, exception)  # type: ignore[arg-type]


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return refusal(request, 404, "not_found", _("Not found."))
    return defaults.page_not_found(request, exception)  # type: ignore[arg-type]


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500. Renders nothing that could fail again (no database, no static manifest)."""
    if is_api(request):
        message = _("Something went wrong on our side; the error is logged. Try again later.")
        return JsonResponse(error_body(500, "server_error", message), status=500)
    return defaults.server_error(request)

"""One JSON shape for every API error.

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {...}}}

`fields` appears only when the problem is tied to named inputs (a body field,
a query parameter). DRF's exceptions, Django's Http404 / PermissionDenied /
ValidationError (raised by services and model `full_clean`) and
django-filter's validation errors all pass through `api_exception_handler`.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import set_rollback

from core.versioning import EditConflict

from .versioning import conflict_as_412

GENERIC_MESSAGES = {
    400: _("The request is invalid."),
    401: _("Authentication credentials were not provided or are invalid."),
    403: _("You do not have permission to perform this action."),
    404: _("Not found."),
    405: _("Method not allowed."),
    406: _("The requested format is not available."),
    412: _("The record changed since the version you sent in If-Match."),
    415: _("Unsupported media type."),
    413: _("The request is too large."),
    429: _("Too many requests."),
}


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "too_large"
    default_detail = GENERIC_MESSAGES[413]


class UnknownParameters(exceptions.ValidationError):
    """A query parameter the endpoint does not understand (a typo would otherwise be ignored silently)."""

    default_code = "unknown_parameter"

    def __init__(self, names: list[str], allowed: list[str]):
        listed = ", ".join(sorted(names))
        accepted = ", ".join(sorted(allowed)) or gettext("none")
        super().__init__(
            {
                name: [gettext("Unknown query parameter. Accepted: %(accepted)s.") % {"accepted": accepted}]
                for name in sorted(names)
            },
            code="unknown_parameter",
        )
        self.message = gettext("Unknown query parameter(s): %(names)s.") % {"names": listed}


def error_body(status_code: int, code: str, message: str, fields: dict | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status_code, "code": code, "message": message}
    if fields:
        body["fields"] = fields
    return {"error": body}


def _as_drf(exc: Exception) -> Exception:
    if isinstance(exc, EditConflict):
        return conflict_as_412(exc)
    if isinstance(exc, Http404):
        return exceptions.NotFound(*exc.args)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, RequestDataTooBig):  # an upload over the limit, cut while it streamed in
        return PayloadTooLarge(str(exc))
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return exceptions.ValidationError(detail)
    return exc


def _flatten(detail: Any) -> Any:
    """ErrorDetail trees as plain strings, lists and dicts."""
    if isinstance(detail, dict):
        return {str(key): _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def _first_message(fields: dict) -> str:
    """The first problem in words, noting how many other inputs are wrong too."""
    for name, problems in fields.items():
        while isinstance(problems, list | dict) and problems:
            problems = problems[0] if isinstance(problems, list) else next(iter(problems.values()))
        message = str(problems) if name == "non_field_errors" else f"{name}: {problems}"
        others = len(fields) - 1
        if not others:
            return message
        more = ngettext(
            "%(message)s (and %(count)d more problem, see `fields`)",
            "%(message)s (and %(count)d more problems, see `fields`)",
            others,
        )
        return more % {"message": message, "count": others}
    return str(GENERIC_MESSAGES[400])


def _payload(exc: exceptions.APIException) -> dict[str, Any]:
    code = exc.default_code if isinstance(exc.default_code, str) else "error"
    if isinstance(exc.detail, dict):
        fields = _flatten(exc.detail)
        message = getattr(exc, "message", None) or _first_message(fields)
        return error_body(exc.status_code, code, message, fields)
    if isinstance(exc.detail, list):
        messages = _flatten(exc.detail)
        return error_body(exc.status_code, code, " ".join(messages) or str(GENERIC_MESSAGES.get(exc.status_code, "")))
    detail_code = getattr(exc.detail, "code", None)
    return error_body(exc.status_code, detail_code if isinstance(detail_code, str) else code, str(exc.detail))


def _render_errors_as_json(request) -> None:
    """A client that asked for CSV still gets its error in the JSON shape."""
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is not None and renderer.format not in ("json", "api"):
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every handled error in the one shape.

    Anything else is re-raised, logged by Django and answered by `core.errors.server_error`,
    a 500 in the same shape."""
    exc = _as_drf(exc)
    if not isinstance(exc, exceptions.APIException):
        return None
    _render_errors_as_json(context.get("request"))
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    if getattr(exc, "etag", None):
        headers["ETag"] = exc.etag  # type: ignore[attr-defined]
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]
    set_rollback()
    return Response(_payload(exc), status=exc.status_code, headers=headers)


def api_not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Any URL under /api/v1/ that names no endpoint."""
    message = gettext("No API endpoint at %(path)s. See /api/v1/docs/ for the list.") % {"path": request.path}
    return JsonResponse(error_body(404, "not_found", message), status=status.HTTP_404_NOT_FOUND)

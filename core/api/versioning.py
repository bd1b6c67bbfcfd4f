"""Record versions over HTTP: the `ETag` of a record, `If-Match` on writes, 412 when stale.

A record's ETag is its version (`"v3"`). A write sent with `If-Match: "v3"`
is refused with 412 Precondition Failed, in the one error shape, when the
record has changed since version 3; the answer names who changed which
fields and carries the current ETag. A write without If-Match is allowed
and changes only the fields it sends.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.request import Request

from core.versioning import BasedOn, EditConflict

ETAG = re.compile(r'^"v(\d+)"$')


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale_version"
    default_detail = gettext_lazy("The record changed since the version named in If-Match.")


def version_etag(version: int) -> str:
    return f'"v{version}"'


def _tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def based_on_if_match(request: Request) -> BasedOn | None:
    """The version a write's `If-Match` names (strict), or None without the header or with `*`.

    Versions only grow, so of several tags the highest is the only one that can match; a tag
    that is not one of our ETags (a weak one included: If-Match compares strongly) never matches.
    """
    header = request.headers.get("If-Match", "")
    tags = _tags(header)
    if not tags or "*" in tags:
        return None
    versions = [int(match[1]) for tag in tags if (match := ETAG.match(tag))]
    if not versions:
        raise PreconditionFailed(_("If-Match names no version of this record: send the ETag of your last GET."))
    return BasedOn(max(versions), strict=True)


def matches_if_none_match(request: Request, etag: str) -> bool:
    """For a GET: the client's copy (If-None-Match) is current."""
    tags = [tag.removeprefix("W/") for tag in _tags(request.headers.get("If-None-Match", ""))]
    return "*" in tags or etag in tags


def conflict_as_412(conflict: EditConflict) -> PreconditionFailed:
    """An EditConflict in the one error shape: each field changed meanwhile, by whom, and its value now."""
    fields: dict[str, list[str]] = {}
    for change in conflict.meanwhile:
        for name in change.fields:
            fields.setdefault(name, []).append(
                _("Changed by %(who)s at %(when)s.") % {"who": change.who, "when": change.when.isoformat()}
            )
    message = conflict.summary + " " + _("GET it again, then send your change with the new ETag.")
    error = PreconditionFailed(fields or message)
    error.message = message  # type: ignore[attr-defined]
    error.etag = version_etag(conflict.current_version)  # type: ignore[attr-defined]
    return error

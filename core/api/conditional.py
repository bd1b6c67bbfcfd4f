"""Conditional GET for polling clients: ETag and Last-Modified from one cheap query.

A view gives a `Stamp` (the newest `computed_at` of the records behind the
answer, plus their count and highest id so a deletion or a replacement also
changes it). The ETag hashes the stamp with the request's full path and the
negotiated media type, so each filter and format has its own validator.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response


@dataclass(frozen=True)
class Stamp:
    last_modified: datetime | None
    count: int
    max_id: int | None
    # Anything else that changes the answer without a new timestamp (e.g. a checksum of ranks).
    extra: str = ""


def etag_for(stamp: Stamp, request: Request, media_type: str) -> str:
    raw = f"{stamp.last_modified and stamp.last_modified.isoformat()}|{stamp.count}|{stamp.max_id}|{stamp.extra}"
    raw += f"|{request.get_full_path()}|{media_type}"
    return quote_etag(hashlib.sha256(raw.encode()).hexdigest()[:32])


def _etag_matches(header: str, etag: str) -> bool:
    candidates = [part.strip().removeprefix("W/") for part in header.split(",")]
    return "*" in candidates or etag in candidates


def not_modified(request: Request, stamp: Stamp, etag: str) -> bool:
    """RFC 9110: If-None-Match wins; If-Modified-Since is consulted only without it."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        return _etag_matches(if_none_match, etag)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since is None or stamp.last_modified is None:
        return False
    return int(stamp.last_modified.timestamp()) <= since


def conditional_response(request: Request, stamp: Stamp, media_type: str, build) -> Response:
    """`build()`'s response with validators, or an empty 304 when the client's copy is current."""
    etag = etag_for(stamp, request, media_type)
    if not_modified(request, stamp, etag):
        response = Response(status=status.HTTP_304_NOT_MODIFIED)
    else:
        response = build()
        if response.status_code != status.HTTP_200_OK:
            return response
    response["ETag"] = etag
    if stamp.last_modified is not None:
        response["Last-Modified"] = http_date(stamp.last_modified.timestamp())
    response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ["Accept"])
    return response

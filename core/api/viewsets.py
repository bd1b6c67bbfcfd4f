"""The write side every record viewset shares: validate a request body, answer with the record."""

from rest_framework import status
from rest_framework.response import Response

from core.versioning import BasedOn

from .versioning import based_on_if_match, matches_if_none_match, version_etag


class ServiceWritesMixin:
    """Viewsets whose writes call a service: `incoming()` validates, `respond()` serializes the result.

    A versioned record is answered with its `ETag` (on a GET too, where a matching
    `If-None-Match` gets an empty 304); `based_on()` is what the write's `If-Match` names.
    """

    def incoming(self, serializer_class, **kwargs):
        """The request body validated by `serializer_class` (a 400 in the one error shape otherwise)."""
        incoming = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)  # type: ignore[attr-defined]
        incoming.is_valid(raise_exception=True)
        return incoming

    def based_on(self) -> BasedOn | None:
        """The version the request's `If-Match` names: a write based on an older one is a 412."""
        return based_on_if_match(self.request)  # type: ignore[attr-defined]

    def respond(self, record, code: int = status.HTTP_200_OK) -> Response:
        """`record` as the viewset's read serializer shows it, with its ETag."""
        serializer = self.get_serializer_class()(record, context=self.get_serializer_context())  # type: ignore[attr-defined]
        response = Response(serializer.data, status=code)
        if hasattr(record, "version"):
            response["ETag"] = version_etag(record.version)
        return response

    def retrieve(self, request, *args, **kwargs) -> Response:
        record = self.get_object()  # type: ignore[attr-defined]
        if hasattr(record, "version") and matches_if_none_match(request, version_etag(record.version)):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": version_etag(record.version)})
        return self.respond(record)

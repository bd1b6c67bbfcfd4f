"""The write side every record viewset shares: validate a request body, answer with the record."""

from rest_framework import status
from rest_framework.response import Response


class ServiceWritesMixin:
    """Viewsets whose writes call a service: `incoming()` validates, `respond()` serializes the result."""

    def incoming(self, serializer_class, **kwargs):
        """The request body validated by `serializer_class` (a 400 in the one error shape otherwise)."""
        incoming = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)  # type: ignore[attr-defined]
        incoming.is_valid(raise_exception=True)
        return incoming

    def respond(self, record, code: int = status.HTTP_200_OK) -> Response:
        """`record` as the viewset's read serializer shows it."""
        serializer = self.get_serializer_class()(record, context=self.get_serializer_context())  # type: ignore[attr-defined]
        return Response(serializer.data, status=code)

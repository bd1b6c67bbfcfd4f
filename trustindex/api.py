"""REST API v1 for the trust index: snapshots, each dyad's current index and history.

Index endpoints answer conditional GETs (ETag / Last-Modified from the
newest `computed_at`), so a polling client gets an empty 304 until the
index is recomputed.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api.base import FILTER_BACKENDS, SnapshotCursorPagination, StrictQueryParamsMixin
from core.api.conditional import conditional_response
from core.api.renderers import BrowsableAPIRenderer
from programs import selectors as program_selectors

from . import selectors
from .filters import METHOD_VERSION_FORMAT, DyadHistoryFilter, SnapshotFilter
from .method import METHOD_VERSION
from .models import IndexSnapshot
from .renderers import IndexHistoryCSVRenderer
from .serializers import SnapshotSerializer

SNAPSHOT_EXAMPLE = {
    "id": 311,
    "dyad": "ir-sa",
    "as_of": "2025-12-31",
    "value": 41.7,
    "band_low": 35.0,
    "band_high": 48.0,
    "band_width": 13.0,
    "is_unstable": False,
    "coverage": 0.75,
    "components": {"delivery": {"value": 0.5389, "count": 3}, "evaluation": {"value": None, "count": 0}},
    "weights": {"delivery": 0.3, "evaluation": 0.25},
    "aggregation": "arithmetic",
    "method_version": "1.1",
    "computed_at": "2026-01-01T02:00:00Z",
    "thin": True,
    "remove_one": {"delivery": 33.5, "continuity": 45.8},
    "rank": 3,
    "rank_low": 2,
    "rank_high": 4,
    "ranked_dyads": 6,
}
NOT_MODIFIED = OpenApiResponse(description="Not modified: your copy (If-None-Match / If-Modified-Since) is current.")
CONDITIONAL_NOTE = (
    " Answers conditional GETs: send the `ETag` back as `If-None-Match` (or `Last-Modified` as "
    "`If-Modified-Since`) and get an empty 304 until the index is recomputed."
)


def requested_method_version(request) -> str:
    """The `method_version` query parameter, or the version the site computes now; a malformed one is a 400."""
    requested = request.query_params.get("method_version")
    if not requested:
        return METHOD_VERSION
    try:
        METHOD_VERSION_FORMAT(requested)
    except DjangoValidationError as error:
        raise ValidationError({"method_version": error.messages}) from None
    return requested


METHOD_VERSION_PARAMETER = OpenApiParameter(
    "method_version",
    OpenApiTypes.STR,
    description=f"Index method version; default `{METHOD_VERSION}`, the one the site computes now.",
    examples=[OpenApiExample("Current method", value=METHOD_VERSION)],
)


class ConditionalSnapshotsMixin:
    """List and retrieve wrapped in a conditional GET over the snapshots behind the answer."""

    def get_dyad(self):
        """The dyad named in the URL; an unknown slug is a 404 that says so."""
        if not hasattr(self, "_dyad"):
            slug = self.kwargs["slug"]  # type: ignore[attr-defined]
            self._dyad = program_selectors.dyads_with_states().filter(slug=slug).first()
            if self._dyad is None:
                raise NotFound(_("Unknown dyad '%(slug)s'. See /api/v1/dyads/ for the list.") % {"slug": slug})
        return self._dyad

    def stamp_scope(self):
        return self.get_queryset()  # type: ignore[attr-defined]

    def conditional(self, request, build) -> Response:
        stamp = selectors.change_stamp(self.stamp_scope())
        return conditional_response(request, stamp, request.accepted_media_type or "", build)


@extend_schema_view(
    list=extend_schema(
        summary="List index snapshots",
        description="Every stored snapshot (one per dyad, month end and method version), cursor-paginated."
        + CONDITIONAL_NOTE,
        responses={200: SnapshotSerializer(many=True), 304: NOT_MODIFIED},
        examples=[OpenApiExample("A snapshot", value=SNAPSHOT_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(summary="One index snapshot"),
    current=extend_schema(
        summary="Every dyad's current index",
        description="Each dyad's latest snapshot under one method version (default: the current one), "
        "cursor-paginated: one sweep gives the whole board." + CONDITIONAL_NOTE,
        responses={200: SnapshotSerializer(many=True), 304: NOT_MODIFIED},
    ),
)
class SnapshotViewSet(ConditionalSnapshotsMixin, StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SnapshotSerializer
    filterset_class = SnapshotFilter
    filter_backends = FILTER_BACKENDS
    pagination_class = SnapshotCursorPagination
    ordering_fields = ["as_of", "computed_at"]
    ordering = ["as_of"]
    list_actions = frozenset({"list", "current"})

    def get_queryset(self):
        if self.action == "current":
            return selectors.current_snapshots(requested_method_version(self.request))
        return selectors.snapshots()

    def stamp_scope(self):
        if self.action == "current":  # any recompute of the version moves its board
            return selectors.snapshots().filter(method_version=requested_method_version(self.request))
        return selectors.snapshots()

    def list(self, request, *args, **kwargs):
        return self.conditional(request, lambda: super(SnapshotViewSet, self).list(request, *args, **kwargs))

    @action(detail=False, methods=["get"], ordering=["dyad_id"], ordering_fields=["dyad_id"])
    def current(self, request, *args, **kwargs):
        return self.conditional(request, lambda: super(SnapshotViewSet, self).list(request, *args, **kwargs))


@extend_schema(
    summary="A dyad's current index",
    description="The dyad's latest snapshot with every component." + CONDITIONAL_NOTE,
    parameters=[METHOD_VERSION_PARAMETER],
    responses={200: SnapshotSerializer, 304: NOT_MODIFIED},
    examples=[OpenApiExample("Current index", value=SNAPSHOT_EXAMPLE, response_only=True)],
)
class DyadCurrentIndexView(ConditionalSnapshotsMixin, StrictQueryParamsMixin, generics.RetrieveAPIView):
    serializer_class = SnapshotSerializer
    detail_query_params = frozenset({"method_version"})

    def stamp_scope(self):
        return selectors.snapshots(dyad=self.get_dyad())

    def get_object(self):
        snapshot = selectors.current_snapshot(self.get_dyad(), method_version=requested_method_version(self.request))
        if snapshot is None:
            raise NotFound(_("No index has been computed for %(dyad)s yet.") % {"dyad": self.get_dyad().slug})
        return snapshot

    def retrieve(self, request, *args, **kwargs):
        return self.conditional(request, lambda: super(DyadCurrentIndexView, self).retrieve(request, *args, **kwargs))


@extend_schema(
    summary="A dyad's index history",
    description=(
        "The dyad's snapshots in date order, cursor-paginated as JSON. Ask for `text/csv` (`Accept: text/csv` or "
        "`?format=csv`) to get the whole filtered history as one CSV, components flattened into "
        "`<component>_value`, `<component>_count`, `<component>_weight` columns." + CONDITIONAL_NOTE
    ),
    responses={
        (200, "application/json"): SnapshotSerializer(many=True),
        (200, "text/csv"): OpenApiTypes.STR,
        304: NOT_MODIFIED,
    },
)
class DyadIndexHistoryView(ConditionalSnapshotsMixin, StrictQueryParamsMixin, generics.ListAPIView):
    serializer_class = SnapshotSerializer
    filterset_class = DyadHistoryFilter
    filter_backends = FILTER_BACKENDS
    pagination_class = SnapshotCursorPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, IndexHistoryCSVRenderer]
    ordering_fields = ["as_of", "computed_at"]
    ordering = ["as_of"]
    list_actions = frozenset({None})

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no URL kwargs
            return IndexSnapshot.objects.none()
        return selectors.snapshots(dyad=self.get_dyad())

    def list(self, request, *args, **kwargs):
        return self.conditional(request, lambda: self.history(request))

    def history(self, request) -> Response:
        if request.accepted_renderer.format != "csv":
            return super().list(request)
        rows = self.filter_queryset(self.get_queryset())
        return Response(self.get_serializer(rows, many=True).data, content_type="text/csv; charset=utf-8")

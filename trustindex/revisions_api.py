"""REST API v1: a dyad's index revisions ("What changed"), newest first, as JSON pages or one CSV.

Each revision's cause is given in public words (trustindex/revision_causes.py), never
as the audit line it was stored with, which names users and may quote a draft. The
endpoint answers conditional GETs like the other index endpoints.
"""

import io

from django.db.models import Count, Max, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from core.api.base import SnapshotCursorPagination, StrictQueryParamsMixin
from core.api.conditional import Stamp, conditional_response
from core.api.renderers import BrowsableAPIRenderer
from core.csvfiles import write_table

from . import selectors
from .api import CONDITIONAL_NOTE, NOT_MODIFIED, ConditionalSnapshotsMixin
from .models import IndexRevision
from .revision_causes import PublicCause, public_causes

CSV_COLUMNS = (
    "dyad",
    "as_of",
    "old_value",
    "new_value",
    "change",
    "method_version",
    "revised_at",
    "cause",
    "cause_url",
)
REVISION_EXAMPLE = {
    "dyad": "ir-sa",
    "as_of": "2025-10-31",
    "old_value": 45.1,
    "new_value": 47.3,
    "change": 2.2,
    "method_version": "1.1",
    "revised_at": "2026-11-27T03:10:00Z",
    "cause": "Milestone “Joint film festival” of Cultural exchange went from missed to achieved.",
    "cause_url": "https://concord.example/programs/12/#milestones",
}


class RevisionSerializer(serializers.Serializer):
    dyad = serializers.CharField(source="dyad.slug", read_only=True, help_text="The dyad's slug, e.g. ir-sa.")
    as_of = serializers.DateField(help_text="The month end whose published value was revised.")
    old_value = serializers.FloatField(allow_null=True, help_text="The value before; null: insufficient data.")
    new_value = serializers.FloatField(allow_null=True, help_text="The value after; null: insufficient data.")
    change = serializers.SerializerMethodField(help_text="new_value − old_value; null when either is null.")
    method_version = serializers.CharField()
    revised_at = serializers.DateTimeField(source="created_at")
    cause = serializers.SerializerMethodField(help_text="What caused the revision, in words.")
    cause_url = serializers.SerializerMethodField(help_text="A public page about the cause, or null.")

    def _cause(self, revision: IndexRevision) -> PublicCause:
        return self.context["causes"][(revision.cause, revision.cause_ref)]

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_change(self, revision: IndexRevision) -> float | None:
        if revision.old_value is None or revision.new_value is None:
            return None
        return round(revision.new_value - revision.old_value, 1)

    def get_cause(self, revision: IndexRevision) -> str:
        return self._cause(revision).text

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_cause_url(self, revision: IndexRevision) -> str | None:
        url = self._cause(revision).url
        request = self.context.get("request")
        if not url:
            return None
        return request.build_absolute_uri(url) if request is not None else url


class RevisionsCSVRenderer(BaseRenderer):
    """The revisions as one spreadsheet-ready CSV (core.csvfiles: BOM, no formulas)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        out = io.StringIO()
        rows = ([row.get(column) for column in CSV_COLUMNS] for row in (data or []))
        write_table(out, list(CSV_COLUMNS), rows, lineterminator="\n")
        return out.getvalue().encode()


class RevisionCursorPagination(SnapshotCursorPagination):
    ordering = ("-created_at", "-id")  # type: ignore[assignment]  # DRF takes a string or a tuple
    page_size_query_description = "Revisions per page (1–500, default 100)."


def revision_stamp(qs: QuerySet[IndexRevision]) -> Stamp:
    """What changes whenever a revision of `qs` is written or deleted: one aggregate query."""
    found = qs.order_by().aggregate(last=Max("created_at"), count=Count("id"), max_id=Max("id"))
    return Stamp(last_modified=found["last"], count=found["count"], max_id=found["max_id"])


@extend_schema(
    summary="A dyad's index revisions",
    description=(
        "Published month-end values that a later recomputation changed by 0.1 or more (or turned into "
        "insufficient data, or back), newest first, each with its cause in words and a link to the public "
        "record behind it. Cursor-paginated as JSON; ask for `text/csv` (`Accept: text/csv` or `?format=csv`) "
        "to get every revision as one CSV." + CONDITIONAL_NOTE
    ),
    responses={
        (200, "application/json"): RevisionSerializer(many=True),
        (200, "text/csv"): OpenApiTypes.STR,
        304: NOT_MODIFIED,
    },
    examples=[OpenApiExample("A revision", value=REVISION_EXAMPLE, response_only=True)],
)
class DyadIndexRevisionsView(ConditionalSnapshotsMixin, StrictQueryParamsMixin, generics.ListAPIView):
    serializer_class = RevisionSerializer
    pagination_class = RevisionCursorPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, RevisionsCSVRenderer]
    filter_backends: list = []
    list_actions = frozenset({None})

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no URL kwargs
            return IndexRevision.objects.none()
        return selectors.revisions_for(self.get_dyad()).select_related("dyad")

    def conditional(self, request, build) -> Response:
        stamp = revision_stamp(self.get_queryset())
        return conditional_response(request, stamp, request.accepted_media_type or "", build)

    def list(self, request, *args, **kwargs):
        return self.conditional(request, lambda: self.revisions(request))

    def revisions(self, request) -> Response:
        csv = request.accepted_renderer.format == "csv"
        rows = list(self.get_queryset()) if csv else self.paginate_queryset(self.get_queryset())
        context = {**self.get_serializer_context(), "causes": public_causes(rows or [])}
        data = RevisionSerializer(rows, many=True, context=context).data
        if csv:
            return Response(data, content_type="text/csv; charset=utf-8")
        return self.get_paginated_response(data)

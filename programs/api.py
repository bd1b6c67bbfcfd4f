"""REST API v1 for states, dyads and programs: thin views over selectors and the permission layer."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from trackerproj.api_base import FILTER_BACKENDS, StrictQueryParamsMixin

from . import permissions, selectors
from .filters import DyadFilter, ProgramFilter, StateFilter
from .models import Program, State
from .serializers import DyadSerializer, ProgramSerializer, StateSerializer


@extend_schema_view(
    list=extend_schema(summary="List states", description="Every sovereign state Concord knows (ISO 3166-1)."),
    retrieve=extend_schema(summary="One state by its ISO alpha-2 code"),
)
class StateViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    queryset = State.objects.all()
    serializer_class = StateSerializer
    filterset_class = StateFilter
    filter_backends = FILTER_BACKENDS
    ordering_fields = ["code", "name"]
    ordering = ["name"]
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()


@extend_schema_view(
    list=extend_schema(
        summary="List dyads",
        description="Pairs of estranged states, with both states. Filter by relation status or member state.",
        examples=[
            OpenApiExample(
                "A dyad",
                value={
                    "slug": "ir-sa",
                    "name": "Iran – Saudi Arabia",
                    "state_a": {"code": "IR", "alpha3": "IRN", "name": "Iran"},
                    "state_b": {"code": "SA", "alpha3": "SAU", "name": "Saudi Arabia"},
                    "status": "thawing",
                    "notes": "",
                },
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(summary="One dyad by its slug (e.g. `ir-sa`)"),
)
class DyadViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = DyadSerializer
    filterset_class = DyadFilter
    filter_backends = FILTER_BACKENDS
    ordering_fields = ["slug", "status"]
    ordering = ["slug"]
    lookup_field = "slug"
    lookup_value_regex = "[a-z]{2}-[a-z]{2}"

    def get_queryset(self):
        return selectors.dyads_with_states()


PROGRAM_EXAMPLE = {
    "id": 7,
    "dyad": "ir-sa",
    "title": "Hajj pilgrim health corridor",
    "summary": "Joint health screening for pilgrims.",
    "domain": "health",
    "status": "active",
    "body_a": "Iranian Red Crescent",
    "body_b": "Saudi Ministry of Health",
    "ministry_a": 3,
    "ministry_b": 9,
    "co_owners": [],
    "start_date": "2023-06-01",
    "end_date": None,
    "contribution_a": "250000.00",
    "currency_a": "USD",
    "contribution_b": "400000.00",
    "currency_b": "USD",
    "is_published": True,
    "created_at": "2023-05-20T09:00:00Z",
    "updated_at": "2024-01-10T12:30:00Z",
}


@extend_schema_view(
    list=extend_schema(
        summary="List programs",
        description=(
            "Programs you may see: everyone sees published programs; ministry staff also their dyads' drafts, "
            "coordinators their dyads' drafts, evaluators the programs they are assigned to."
        ),
        parameters=[
            OpenApiParameter(
                "dyad",
                OpenApiTypes.STR,
                description="Dyad slug, e.g. `ir-sa`. An unknown slug is a 400.",
                examples=[OpenApiExample("Iran–Saudi Arabia", value="ir-sa")],
            ),
            OpenApiParameter(
                "active_on",
                OpenApiTypes.DATE,
                description="Running on this date (start ≤ date ≤ end or open-ended), not cancelled.",
                examples=[OpenApiExample("Mid 2024", value="2024-06-30")],
            ),
        ],
        examples=[OpenApiExample("A program", value=PROGRAM_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(summary="One program"),
)
class ProgramViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilter
    filter_backends = FILTER_BACKENDS
    ordering_fields = ["start_date", "end_date", "title", "id", "updated_at"]
    ordering = ["start_date", "id"]

    def get_queryset(self):
        qs = Program.objects.select_related("dyad").prefetch_related("co_owners")
        return permissions.visible_programs(self.request.user, qs)

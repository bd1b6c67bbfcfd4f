"""REST API v1 for states, dyads and programs: thin views over selectors and the permission layer."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action

from core.api.base import FILTER_BACKENDS, StrictQueryParamsMixin
from core.api.serializers import PublishSerializer
from core.api.viewsets import ServiceWritesMixin

from . import permissions, selectors, services
from .filters import DyadFilter, ProgramFilter, StateFilter
from .models import Program, State
from .serializers import DyadSerializer, ProgramSerializer, ProgramWriteSerializer, StateSerializer


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
    "version": 4,
    "created_at": "2023-05-20T09:00:00Z",
    "updated_at": "2024-01-10T12:30:00Z",
}


PROGRAM_WRITE_EXAMPLE = {
    "dyad": "ir-sa",
    "title": "Joint archaeology field school",
    "summary": "Students from both sides excavate together.",
    "domain": "cultural",
    "status": "planned",
    "start_date": "2026-09-01",
    "end_date": "2027-08-31",
    "body_a": "University of Tehran",
    "body_b": "King Saud University",
    "contribution_a": "150000.00",
    "currency_a": "USD",
    "contribution_b": "150000.00",
    "currency_b": "USD",
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
    create=extend_schema(
        summary="Propose a program (ministry staff of either state)",
        description="Creates an unpublished draft. The proposing ministry fills in both sides' details.",
        request=ProgramWriteSerializer,
        responses={201: ProgramSerializer},
        examples=[OpenApiExample("A new program", value=PROGRAM_WRITE_EXAMPLE, request_only=True)],
    ),
    partial_update=extend_schema(
        summary="Change a program (ministry staff; the other side's details only for co-owners)",
        description=(
            "Writes only the fields sent. Send the ETag of your last GET as `If-Match` to be refused (412) "
            "instead of overwriting a change someone made since."
        ),
        request=ProgramWriteSerializer,
        responses={200: ProgramSerializer},
        examples=[OpenApiExample("Extend it", value={"end_date": "2027-12-31"}, request_only=True)],
    ),
    publish=extend_schema(
        summary="Publish or withdraw a program (coordinators of its dyad)",
        request=PublishSerializer,
        responses={200: ProgramSerializer},
    ),
)
class ProgramViewSet(
    ServiceWritesMixin,
    StrictQueryParamsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Reads through the permission layer; writes through `programs.services` (which check permissions)."""

    serializer_class = ProgramSerializer
    filterset_class = ProgramFilter
    filter_backends = FILTER_BACKENDS
    ordering_fields = ["start_date", "end_date", "title", "id", "updated_at"]
    ordering = ["start_date", "id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        qs = Program.objects.select_related("dyad").prefetch_related("co_owners")
        return permissions.visible_programs(self.request.user, qs)

    def create(self, request, *args, **kwargs):
        incoming = self.incoming(ProgramWriteSerializer)
        program = services.create_program(
            user=request.user, dyad=incoming.validated_data["dyad"], **incoming.service_kwargs()
        )
        return self.respond(program, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        program = self.get_object()
        incoming = ProgramWriteSerializer(program, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        program = services.update_program(
            user=request.user, program=program, based_on=self.based_on(), **incoming.service_kwargs()
        )
        return self.respond(program)

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        program = services.set_program_published(
            user=request.user,
            program=self.get_object(),
            based_on=self.based_on(),
            **self.incoming(PublishSerializer).validated_data,
        )
        return self.respond(program)

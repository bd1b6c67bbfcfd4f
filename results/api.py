"""REST API v1 for results, indicators and reporting periods with their actuals.

Thin views over the permission layer and `results.services`, which check
every write. Results, indicators and periods answer with their `ETag`; a
PATCH or an action (actual, submit, approve, return) sent with `If-Match`
is refused (412) if the record changed since that version (an indicator's
dimensions and a period's breakdowns count as its changes). An actual
(value, evidence, breakdowns, workflow) is `null` to whoever may not see
it: the public sees approved actuals of published programs only.
"""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from core.api.base import FILTER_BACKENDS, StrictQueryParamsMixin
from core.api.viewsets import ServiceWritesMixin

from . import permissions, services
from .filters import IndicatorFilter, PeriodFilter, ResultFilter
from .models import Breakdown, Dimension, Indicator, ReportingPeriod, Result
from .serializers import (
    ActualWriteSerializer,
    IndicatorSerializer,
    IndicatorWriteSerializer,
    PeriodSerializer,
    PeriodWriteSerializer,
    ResultSerializer,
    ResultWriteSerializer,
    ReturnSerializer,
)

WRITERS = "ministry staff of either state of the program's dyad"


class RecordViewSet(
    ServiceWritesMixin,
    StrictQueryParamsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    filter_backends = FILTER_BACKENDS
    http_method_names = ["get", "post", "patch", "head", "options"]

    def changed(self, write_serializer, update):
        """PATCH: validate the partial body against the record, call `update(record, incoming)`, answer."""
        record = self.get_object()  # type: ignore[attr-defined]
        incoming = write_serializer(record, data=self.request.data, partial=True, context=self.get_serializer_context())  # type: ignore[attr-defined]
        incoming.is_valid(raise_exception=True)
        return self.respond(update(record, incoming))


@extend_schema_view(
    list=extend_schema(summary="List results", description="Results of the programs you may see."),
    retrieve=extend_schema(summary="One result"),
    create=extend_schema(
        summary=f"Add a result to a program ({WRITERS})",
        request=ResultWriteSerializer,
        responses={201: ResultSerializer},
        examples=[
            OpenApiExample(
                "An output",
                value={"program": 7, "type": "output", "title": "Students exchanged"},
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(
        summary=f"Change a result ({WRITERS})", request=ResultWriteSerializer, responses={200: ResultSerializer}
    ),
)
class ResultViewSet(RecordViewSet):
    serializer_class = ResultSerializer
    filterset_class = ResultFilter
    ordering_fields = ["id", "title", "updated_at"]
    ordering = ["program_id", "id"]

    def get_queryset(self):
        return permissions.visible_results(self.request.user, Result.objects.select_related("program__dyad"))

    def create(self, request, *args, **kwargs):
        incoming = self.incoming(ResultWriteSerializer)
        result = services.create_result(
            user=request.user, program=incoming.validated_data["program"], data=incoming.service_data()
        )
        return self.respond(result, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        return self.changed(
            ResultWriteSerializer,
            lambda result, incoming: services.update_result(
                user=request.user, result=result, data=incoming.service_data(), based_on=self.based_on()
            ),
        )


@extend_schema_view(
    list=extend_schema(summary="List indicators", description="Indicators, with baseline and breakdown dimensions."),
    retrieve=extend_schema(summary="One indicator"),
    create=extend_schema(
        summary=f"Add an indicator to a result ({WRITERS})",
        request=IndicatorWriteSerializer,
        responses={201: IndicatorSerializer},
        examples=[
            OpenApiExample(
                "Students, by side",
                value={
                    "result": 3,
                    "title": "Students who completed an exchange semester",
                    "kind": "quantitative",
                    "unit": "students",
                    "baseline_value": "0",
                    "baseline_date": "2025-01-01",
                    "dimensions": [{"name": "Side", "categories": ["Iran", "Saudi Arabia"]}],
                },
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(
        summary=f"Change an indicator ({WRITERS}); its definition is frozen once a period is approved",
        request=IndicatorWriteSerializer,
        responses={200: IndicatorSerializer},
    ),
)
class IndicatorViewSet(RecordViewSet):
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    ordering_fields = ["id", "title", "updated_at"]
    ordering = ["result_id", "id"]

    def get_queryset(self):
        qs = Indicator.objects.select_related("result").prefetch_related(
            Prefetch("dimensions", queryset=Dimension.objects.order_by("id"))
        )
        return permissions.visible_indicators(self.request.user, qs)

    def create(self, request, *args, **kwargs):
        incoming = self.incoming(IndicatorWriteSerializer)
        kwargs = incoming.service_kwargs()
        indicator = services.create_indicator(
            user=request.user,
            result=incoming.validated_data["result"],
            data=kwargs["data"],
            dimensions=kwargs["dimensions"] or (),
        )
        return self.respond(indicator, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        return self.changed(
            IndicatorWriteSerializer,
            lambda indicator, incoming: services.update_indicator(
                user=request.user, indicator=indicator, based_on=self.based_on(), **incoming.service_kwargs()
            ),
        )


@extend_schema_view(
    list=extend_schema(
        summary="List reporting periods with their targets and actuals",
        description="An actual is `null` unless you may see it: the public sees approved actuals only.",
    ),
    retrieve=extend_schema(summary="One reporting period"),
    create=extend_schema(
        summary=f"Add a reporting period with its target ({WRITERS})",
        request=PeriodWriteSerializer,
        responses={201: PeriodSerializer},
        examples=[
            OpenApiExample(
                "A year",
                value={"indicator": 5, "start": "2025-01-01", "end": "2025-12-31", "target_value": "200"},
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(
        summary=f"Change a period's dates or target ({WRITERS}), until it is approved",
        request=PeriodWriteSerializer,
        responses={200: PeriodSerializer},
    ),
    record_actual=extend_schema(
        summary=f"Record or correct the actual as a draft, with evidence and breakdowns ({WRITERS})",
        description="Not while submitted, nor once approved. Send a document as multipart/form-data.",
        request={"application/json": ActualWriteSerializer, "multipart/form-data": ActualWriteSerializer},
        responses={200: PeriodSerializer},
        examples=[
            OpenApiExample(
                "150 students, by side",
                value={
                    "actual_value": "150",
                    "evidence_url": "https://example.org/cohort-list.pdf",
                    "breakdowns": [
                        {"dimension": 4, "category": "Iran", "value": "80"},
                        {"dimension": 4, "category": "Saudi Arabia", "value": "70"},
                    ],
                },
                request_only=True,
            )
        ],
    ),
    submit=extend_schema(
        summary="Submit the actual for the other side's approval (ministry staff of either state)",
        description="Needs the actual and evidence, once the period has started.",
        request=None,
        responses={200: PeriodSerializer},
    ),
    approve=extend_schema(
        summary="Approve a submitted actual (ministry staff of the state that did not submit it)",
        description="The period becomes public and locked.",
        request=None,
        responses={200: PeriodSerializer},
    ),
    return_for_revision=extend_schema(
        summary="Return a submitted actual for revision (ministry staff of the state that did not submit it)",
        request=ReturnSerializer,
        responses={200: PeriodSerializer},
    ),
)
class PeriodViewSet(RecordViewSet):
    serializer_class = PeriodSerializer
    filterset_class = PeriodFilter
    ordering_fields = ["start", "end", "id", "updated_at"]
    ordering = ["indicator_id", "start"]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        qs = ReportingPeriod.objects.select_related("indicator__result__program__dyad", "submitted_state")
        breakdowns = Breakdown.objects.select_related("dimension").order_by("dimension_id", "id")
        qs = qs.prefetch_related(Prefetch("breakdowns", queryset=breakdowns))
        return permissions.visible_periods(self.request.user, qs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def refreshed(self, period: ReportingPeriod):
        """The period as the list shows it (with `actual_visible`), after a write."""
        return self.respond(self.get_queryset().get(pk=period.pk))

    def create(self, request, *args, **kwargs):
        incoming = self.incoming(PeriodWriteSerializer)
        period = services.create_period(
            user=request.user, indicator=incoming.validated_data["indicator"], data=incoming.service_data()
        )
        response = self.refreshed(period)
        response.status_code = status.HTTP_201_CREATED
        return response

    def partial_update(self, request, *args, **kwargs):
        period = self.get_object()
        incoming = PeriodWriteSerializer(period, data=request.data, partial=True, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        period = services.update_period(
            user=request.user, period=period, data=incoming.service_data(), based_on=self.based_on()
        )
        return self.refreshed(period)

    @action(detail=True, methods=["post"], url_path="actual")
    def record_actual(self, request, pk=None):
        incoming = self.incoming(ActualWriteSerializer)
        period = services.record_actual(
            user=request.user, period=self.get_object(), based_on=self.based_on(), **incoming.service_kwargs()
        )
        return self.refreshed(period)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        period = services.submit_actual(user=request.user, period=self.get_object(), based_on=self.based_on())
        return self.refreshed(period)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        period = services.approve_actual(user=request.user, period=self.get_object(), based_on=self.based_on())
        return self.refreshed(period)

    @action(detail=True, methods=["post"], url_path="return")
    def return_for_revision(self, request, pk=None):
        comment = self.incoming(ReturnSerializer).validated_data["review_comment"]
        period = services.return_actual(
            user=request.user, period=self.get_object(), comment=comment, based_on=self.based_on()
        )
        return self.refreshed(period)

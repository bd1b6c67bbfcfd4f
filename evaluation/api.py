"""REST API v1 for evaluations and evaluator assignments: thin views over the permission layer and services."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from core.api.base import FILTER_BACKENDS, StrictQueryParamsMixin
from core.api.serializers import PublishSerializer
from core.api.viewsets import ServiceWritesMixin
from programs import permissions as program_permissions
from programs.models import Program

from . import permissions, services
from .filters import EvaluationFilter
from .models import Evaluation
from .serializers import (
    AssignmentSerializer,
    EvaluationReturnSerializer,
    EvaluationSerializer,
    EvaluationWriteSerializer,
    SubmitSerializer,
)


@extend_schema_view(
    list=extend_schema(
        summary="List evaluations",
        description=(
            "Evaluations you may see: the public sees published evaluations of published programs; evaluators "
            "also their own drafts; coordinators their dyads' evaluations."
        ),
    ),
    retrieve=extend_schema(summary="One evaluation"),
    create=extend_schema(
        summary="File a draft evaluation (evaluators assigned to the program)",
        request={"application/json": EvaluationWriteSerializer, "multipart/form-data": EvaluationWriteSerializer},
        responses={201: EvaluationSerializer},
        examples=[
            OpenApiExample(
                "A draft",
                value={"program": 7, "relevance": 3, "effectiveness": 2, "summary": "Delivered, but late."},
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(
        summary="Change your draft evaluation (before it is submitted)",
        request={"application/json": EvaluationWriteSerializer, "multipart/form-data": EvaluationWriteSerializer},
        responses={200: EvaluationSerializer},
    ),
    submit=extend_schema(
        summary="Submit your draft with the signed conflict-of-interest declaration",
        request=SubmitSerializer,
        responses={200: EvaluationSerializer},
        examples=[OpenApiExample("Signed", value={"declaration_signed": True}, request_only=True)],
    ),
    return_to_evaluator=extend_schema(
        summary="Return a submitted evaluation to its evaluator for changes (coordinators of its dyad)",
        description="It becomes the evaluator's draft again; they are notified with the reason, change it, "
        "sign the declaration anew and resubmit. A published evaluation cannot be returned.",
        request=EvaluationReturnSerializer,
        responses={200: EvaluationSerializer},
        examples=[OpenApiExample("Why", value={"reason": "Rate sustainability too."}, request_only=True)],
    ),
    publish=extend_schema(
        summary="Publish or withdraw a submitted evaluation (coordinators of its dyad)",
        request=PublishSerializer,
        responses={200: EvaluationSerializer},
    ),
)
class EvaluationViewSet(
    ServiceWritesMixin,
    StrictQueryParamsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Reads through the permission layer; writes through `evaluation.services` (which check permissions)."""

    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilter
    filter_backends = FILTER_BACKENDS
    ordering_fields = ["date", "id", "updated_at"]
    ordering = ["-date", "id"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        qs = Evaluation.objects.select_related("program__dyad", "organisation")
        return permissions.visible_evaluations(self.request.user, qs)

    def create(self, request, *args, **kwargs):
        draft = self.incoming(EvaluationWriteSerializer)
        evaluation = services.save_evaluation_draft(
            user=request.user, program=draft.validated_data["program"], **draft.service_kwargs()
        )
        return self.respond(evaluation, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        evaluation = self.get_object()
        draft = self.incoming(EvaluationWriteSerializer, partial=True)
        if draft.validated_data.get("program", evaluation.program) != evaluation.program:
            raise ValidationError({"program": [_("An evaluation cannot move to another program.")]})
        evaluation = services.save_evaluation_draft(
            user=request.user,
            program=evaluation.program,
            evaluation=evaluation,
            based_on=self.based_on(),
            **draft.service_kwargs(),
        )
        return self.respond(evaluation)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        signed = self.incoming(SubmitSerializer).validated_data["declaration_signed"]
        evaluation = services.submit_evaluation(
            user=request.user, evaluation=self.get_object(), declaration_signed=signed, based_on=self.based_on()
        )
        return self.respond(evaluation)

    @action(detail=True, methods=["post"], url_path="return")
    def return_to_evaluator(self, request, pk=None):
        reason = self.incoming(EvaluationReturnSerializer).validated_data["reason"]
        return self.respond(services.return_evaluation(user=request.user, evaluation=self.get_object(), reason=reason))

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        evaluation = services.set_evaluation_published(
            user=request.user,
            evaluation=self.get_object(),
            based_on=self.based_on(),
            **self.incoming(PublishSerializer).validated_data,
        )
        return self.respond(evaluation)


@extend_schema(
    summary="Assign an independent evaluator (coordinators of its dyad)",
    description="Refused (400) when the evaluator's organisation is based in either state or they are listed "
    "on the program.",
    parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The program's id.")],
    request=AssignmentSerializer,
    responses={201: AssignmentSerializer},
    examples=[OpenApiExample("By username", value={"evaluator": "evaluator"}, request_only=True)],
)
class ProgramEvaluatorsView(generics.GenericAPIView):
    """`POST /programs/<id>/evaluators/`: the evaluation app's endpoint under a program's URL."""

    serializer_class = AssignmentSerializer
    queryset = Program.objects.none()

    def post(self, request, pk: int):
        program = generics.get_object_or_404(
            program_permissions.visible_programs(request.user, Program.objects.select_related("dyad")), pk=pk
        )
        incoming = AssignmentSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        assignment = services.assign_evaluator(
            user=request.user, program=program, evaluator=incoming.validated_data["evaluator"]
        )
        return Response(AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)

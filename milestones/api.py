"""REST API v1 for milestones: thin views over the permission layer and the workflow services."""

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from core.api.base import FILTER_BACKENDS, StrictQueryParamsMixin
from core.api.serializers import PublishSerializer
from core.api.viewsets import ServiceWritesMixin

from . import permissions, services
from .filters import MilestoneFilter
from .models import Milestone, ProposalStatus
from .serializers import (
    CancellationDecisionSerializer,
    CancellationProposalSerializer,
    MilestoneCreateSerializer,
    MilestoneSerializer,
    MilestoneStatusSerializer,
)

MILESTONE_EXAMPLE = {
    "id": 42,
    "program": 7,
    "dyad": "ir-sa",
    "title": "First joint screening season",
    "description": "",
    "due_date": "2024-06-30",
    "status": "achieved",
    "achieved_date": "2024-06-20",
    "cancelled_jointly": False,
    "evidence_url": "https://example.org/report.pdf",
    "evidence_document": None,
    "has_evidence": True,
    "is_overdue": False,
    "is_published": True,
    "version": 3,
    "created_at": "2023-05-20T09:00:00Z",
    "updated_at": "2024-06-21T08:00:00Z",
}


@extend_schema_view(
    list=extend_schema(
        summary="List milestones",
        description="Milestones you may see (the public: published milestones of published programs).",
        examples=[OpenApiExample("A milestone", value=MILESTONE_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(summary="One milestone"),
    create=extend_schema(
        summary="Log a milestone (ministry staff of the program's dyad)",
        description="Creates a planned, unpublished milestone.",
        request=MilestoneCreateSerializer,
        responses={201: MilestoneSerializer},
        examples=[
            OpenApiExample(
                "A milestone",
                value={"program": 7, "title": "First exchange cohort", "due_date": "2026-12-15"},
                request_only=True,
            )
        ],
    ),
    update_status=extend_schema(
        summary="Update a milestone's status, with evidence (ministry staff)",
        description="Achieved needs an achieved date and evidence: a link, or a document sent as multipart.",
        request={"application/json": MilestoneStatusSerializer, "multipart/form-data": MilestoneStatusSerializer},
        responses={200: MilestoneSerializer},
        examples=[
            OpenApiExample(
                "Achieved",
                value={
                    "status": "achieved",
                    "achieved_date": "2026-11-20",
                    "evidence_url": "https://example.org/joint-communique.pdf",
                },
                request_only=True,
            )
        ],
    ),
    mark_missed=extend_schema(
        summary="Mark a milestone missed (ministry staff, after its due date)",
        request=None,
        responses={200: MilestoneSerializer},
    ),
    publish=extend_schema(
        summary="Publish or withdraw a milestone (coordinators of its dyad)",
        request=PublishSerializer,
        responses={200: MilestoneSerializer},
    ),
    propose_cancellation=extend_schema(
        summary="Propose a joint cancellation (ministry staff of one side)",
        description="The other state's ministry confirms or declines it at `cancellation/decision/`.",
        request=CancellationProposalSerializer,
        responses={201: CancellationProposalSerializer},
    ),
    decide_cancellation=extend_schema(
        summary="Confirm or decline the pending joint cancellation (the other side's ministry staff)",
        request=CancellationDecisionSerializer,
        responses={200: CancellationProposalSerializer},
    ),
)
class MilestoneViewSet(
    ServiceWritesMixin,
    StrictQueryParamsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Reads through the permission layer; writes through `milestones.services` (which check permissions)."""

    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter
    filter_backends = FILTER_BACKENDS
    ordering_fields = ["due_date", "achieved_date", "id", "updated_at"]
    ordering = ["due_date", "id"]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        qs = Milestone.objects.select_related("program__dyad")
        return permissions.visible_milestones(self.request.user, qs)

    def validated(self, serializer_class) -> dict:
        return self.incoming(serializer_class).validated_data

    def create(self, request, *args, **kwargs):
        data = self.validated(MilestoneCreateSerializer)
        return self.respond(services.create_milestone(user=request.user, **data), status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path="status")
    def update_status(self, request, pk=None):
        data = self.validated(MilestoneStatusSerializer)
        milestone = services.update_milestone_status(
            user=request.user, milestone=self.get_object(), based_on=self.based_on(), **data
        )
        return self.respond(milestone)

    @action(detail=True, methods=["post"], url_path="missed")
    def mark_missed(self, request, pk=None):
        milestone = self.get_object()
        return self.respond(services.mark_missed(user=request.user, milestone=milestone, based_on=self.based_on()))

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        milestone = services.set_milestone_published(
            user=request.user,
            milestone=self.get_object(),
            based_on=self.based_on(),
            **self.validated(PublishSerializer),
        )
        return self.respond(milestone)

    @action(detail=True, methods=["post"], url_path="cancellation")
    def propose_cancellation(self, request, pk=None):
        reason = self.validated(CancellationProposalSerializer)["reason"]
        proposal = services.propose_cancellation(user=request.user, milestone=self.get_object(), reason=reason)
        return Response(CancellationProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path="cancellation/decision")
    def decide_cancellation(self, request, pk=None):
        confirm = self.validated(CancellationDecisionSerializer)["confirm"]
        pending = self.get_object().cancellation_proposals.filter(status=ProposalStatus.PENDING).first()
        if pending is None:
            raise ValidationError({"confirm": [gettext("No cancellation of this milestone is awaiting a decision.")]})
        proposal = services.decide_cancellation(user=request.user, proposal=pending, confirm=confirm)
        return Response(CancellationProposalSerializer(proposal).data)

"""REST API v1 for milestones: thin views over the permission layer and the workflow services."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import viewsets

from programs import permissions
from trackerproj.api_base import FILTER_BACKENDS, StrictQueryParamsMixin

from .filters import MilestoneFilter
from .models import Milestone
from .serializers import MilestoneSerializer

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
)
class MilestoneViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter
    filter_backends = FILTER_BACKENDS
    ordering_fields = ["due_date", "achieved_date", "id", "updated_at"]
    ordering = ["due_date", "id"]

    def get_queryset(self):
        qs = Milestone.objects.select_related("program__dyad")
        return permissions.visible_milestones(self.request.user, qs)

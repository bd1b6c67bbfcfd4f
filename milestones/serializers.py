"""API representation of milestones."""

from rest_framework import serializers

from .models import Milestone


class MilestoneSerializer(serializers.ModelSerializer):
    dyad = serializers.CharField(source="program.dyad.slug", read_only=True, help_text="The program's dyad slug.")
    has_evidence = serializers.BooleanField(read_only=True)
    is_overdue = serializers.SerializerMethodField(help_text="Still open after its due date, as of today.")

    class Meta:
        model = Milestone
        fields = [
            "id",
            "program",
            "dyad",
            "title",
            "description",
            "due_date",
            "status",
            "achieved_date",
            "cancelled_jointly",
            "evidence_url",
            "evidence_document",
            "has_evidence",
            "is_overdue",
            "is_published",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_is_overdue(self, milestone: Milestone) -> bool:
        return milestone.is_overdue()

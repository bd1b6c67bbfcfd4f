"""API representation of milestones."""

from rest_framework import serializers

from core.api.serializers import DownloadURLField, TranslationsField
from programs.serializers import VisibleProgramField

from .models import CancellationProposal, Milestone
from .services import DIRECT_STATUSES, TITLE_TRANSLATIONS


class MilestoneSerializer(serializers.ModelSerializer):
    dyad = serializers.CharField(source="program.dyad.slug", read_only=True, help_text="The program's dyad slug.")
    has_evidence = serializers.BooleanField(read_only=True)
    evidence_document = DownloadURLField(
        source="evidence_download_url", help_text="Download URL of the evidence document (null when none)."
    )
    is_overdue = serializers.SerializerMethodField(help_text="Still open after its due date, as of today.")
    translations = TranslationsField(fields=("title",))

    class Meta:
        model = Milestone
        fields = [
            "id",
            "program",
            "dyad",
            "title",
            "translations",
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
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_is_overdue(self, milestone: Milestone) -> bool:
        return milestone.is_overdue()


# The statuses a ministry sets directly, as choices (named in the schema by ENUM_NAME_OVERRIDES).
DIRECT_STATUS_CHOICES = [(s.value, s.label) for s in DIRECT_STATUSES]


class MilestoneCreateSerializer(serializers.Serializer):
    program = VisibleProgramField(help_text="Id of the program the milestone belongs to.")
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    due_date = serializers.DateField(help_text="Within the program's dates (YYYY-MM-DD).")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in TITLE_TRANSLATIONS:  # title_ar, ...: the title in another language
            self.fields[name] = serializers.CharField(max_length=200, required=False, allow_blank=True)

    def validate(self, attrs: dict) -> dict:
        """The per-language titles go to create_milestone as one `translations` dict."""
        attrs["translations"] = {name: attrs.pop(name) for name in TITLE_TRANSLATIONS if name in attrs}
        return attrs


class MilestoneStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=DIRECT_STATUS_CHOICES,
        help_text="planned, in_progress or achieved; missed and cancelled have their own endpoints.",
    )
    achieved_date = serializers.DateField(required=False, allow_null=True, help_text="Needed when achieved.")
    evidence_url = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    evidence_document = serializers.FileField(
        required=False, allow_null=True, help_text="Send as multipart/form-data; pdf, png, jpg, docx, xlsx, csv, txt."
    )


class CancellationProposalSerializer(serializers.ModelSerializer):
    proposing_state: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = CancellationProposal
        fields = ["id", "milestone", "proposing_state", "reason", "status", "created_at", "decided_at"]
        read_only_fields = ["id", "milestone", "proposing_state", "status", "created_at", "decided_at"]


class CancellationDecisionSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(help_text="`true` cancels the milestone jointly; `false` declines.")

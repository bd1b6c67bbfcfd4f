"""API representations of results, indicators and reporting periods (with their actuals)."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from programs.serializers import VisibleProgramField

from . import permissions
from .models import Breakdown, Dimension, Indicator, ReportingPeriod, Result
from .services import INDICATOR_FIELDS, PERIOD_FIELDS, RESULT_FIELDS, Breakdowns


class ResultSerializer(serializers.ModelSerializer):
    dyad = serializers.CharField(source="program.dyad.slug", read_only=True, help_text="The program's dyad slug.")

    class Meta:
        model = Result
        fields = ["id", "program", "dyad", "type", "title", "description", "version", "created_at", "updated_at"]
        read_only_fields = fields


class ResultWriteSerializer(serializers.ModelSerializer):
    program = VisibleProgramField(help_text="Id of the program; set on creation only.")

    class Meta:
        model = Result
        fields = ["program", *RESULT_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["program"].read_only = True

    def service_data(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k in RESULT_FIELDS}


class DimensionSerializer(serializers.ModelSerializer):
    categories = serializers.ListField(
        child=serializers.CharField(max_length=60), min_length=1, max_length=20, help_text="The values it takes."
    )

    class Meta:
        model = Dimension
        fields = ["id", "name", "categories"]
        read_only_fields = ["id"]


class IndicatorSerializer(serializers.ModelSerializer):
    program = serializers.IntegerField(source="result.program_id", read_only=True, help_text="The program's id.")
    dimensions = DimensionSerializer(many=True, read_only=True, help_text="Breakdown dimensions of its actuals.")

    class Meta:
        model = Indicator
        fields = ["id", "result", "program", *INDICATOR_FIELDS, "dimensions", "version", "created_at", "updated_at"]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.INT)
class VisibleResultField(serializers.PrimaryKeyRelatedField):
    """A result id the requesting user may see; others read as nonexistent."""

    def get_queryset(self):
        return permissions.visible_results(self.context["request"].user).select_related("program__dyad")


@extend_schema_field(OpenApiTypes.INT)
class VisibleIndicatorField(serializers.PrimaryKeyRelatedField):
    """An indicator id the requesting user may see; others read as nonexistent."""

    def get_queryset(self):
        return permissions.visible_indicators(self.context["request"].user).select_related("result__program__dyad")


class IndicatorWriteSerializer(serializers.ModelSerializer):
    result = VisibleResultField(help_text="Id of the result; set on creation only.")
    dimensions = DimensionSerializer(
        many=True,
        required=False,
        help_text="Breakdown dimensions; on a change, matched by name (added or recategorised).",
    )

    class Meta:
        model = Indicator
        fields = ["result", *INDICATOR_FIELDS, "dimensions"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["result"].read_only = True

    def service_kwargs(self) -> dict:
        data = {k: v for k, v in self.validated_data.items() if k in INDICATOR_FIELDS}
        dimensions = self.validated_data.get("dimensions")
        pairs = None if dimensions is None else [(d["name"], d["categories"]) for d in dimensions]
        return {"data": data, "dimensions": pairs}


class BreakdownSerializer(serializers.ModelSerializer):
    dimension_name = serializers.CharField(source="dimension.name", read_only=True)

    class Meta:
        model = Breakdown
        fields = ["dimension", "dimension_name", "category", "value"]
        read_only_fields = fields


class ActualSerializer(serializers.ModelSerializer):
    """A period's actual and its workflow, shown to whoever may see it (the public: once approved)."""

    value = serializers.DecimalField(source="actual_value", max_digits=18, decimal_places=4, allow_null=True)
    comment = serializers.CharField(source="actual_comment")
    evidence_url = serializers.CharField(help_text="A link to the evidence, or empty.")
    evidence_document = serializers.SerializerMethodField(help_text="Where to download the evidence document.")
    breakdowns = BreakdownSerializer(many=True, read_only=True)
    submitted_state: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    is_late = serializers.SerializerMethodField(help_text="Not submitted within 30 days of the period's end.")

    class Meta:
        model = ReportingPeriod
        fields = [
            "status",
            "value",
            "comment",
            "evidence_url",
            "evidence_document",
            "breakdowns",
            "submitted_state",
            "submitted_at",
            "reviewed_at",
            "review_comment",
            "is_late",
        ]
        read_only_fields = fields

    def get_evidence_document(self, period: ReportingPeriod) -> str | None:
        if not period.evidence_document:
            return None
        url = reverse("period_evidence", kwargs={"pk": period.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_is_late(self, period: ReportingPeriod) -> bool:
        return period.is_late(self.context["today"])


class PeriodSerializer(serializers.ModelSerializer):
    result = serializers.IntegerField(source="indicator.result_id", read_only=True)
    program = serializers.IntegerField(source="indicator.result.program_id", read_only=True)
    dyad = serializers.CharField(source="indicator.result.program.dyad.slug", read_only=True)
    approved = serializers.SerializerMethodField(help_text="The actual is approved by the other side, and public.")
    actual = serializers.SerializerMethodField(help_text="Null unless you may see the actual (the public: approved).")

    class Meta:
        model = ReportingPeriod
        fields = [
            "id",
            "indicator",
            "result",
            "program",
            "dyad",
            *PERIOD_FIELDS,
            "approved",
            "actual",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_approved(self, period: ReportingPeriod) -> bool:
        return period.is_locked

    @extend_schema_field(ActualSerializer(allow_null=True))
    def get_actual(self, period: ReportingPeriod) -> dict | None:
        if not getattr(period, "actual_visible", False):
            return None
        return ActualSerializer(period, context=self.context).data


class PeriodWriteSerializer(serializers.ModelSerializer):
    indicator = VisibleIndicatorField(help_text="Id of the indicator; set on creation only.")

    class Meta:
        model = ReportingPeriod
        fields = ["indicator", *PERIOD_FIELDS]
        validators: list = []  # dates, overlap and uniqueness: the service's full_clean, field by field

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["indicator"].read_only = True

    def service_data(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k in PERIOD_FIELDS}


class BreakdownWriteSerializer(serializers.Serializer):
    dimension = serializers.IntegerField(help_text="Id of one of the indicator's dimensions.")
    category = serializers.CharField(max_length=60, help_text="One of the dimension's categories.")
    value = serializers.DecimalField(
        max_digits=18, decimal_places=4, allow_null=True, help_text="`null` removes the value."
    )


class ActualWriteSerializer(serializers.Serializer):
    actual_value = serializers.DecimalField(
        max_digits=18, decimal_places=4, required=False, allow_null=True, help_text="Quantitative indicators only."
    )
    actual_comment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="In words; the whole actual if qualitative."
    )
    evidence_url = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    evidence_document = serializers.FileField(
        required=False, allow_null=True, help_text="Send as multipart/form-data; pdf, png, jpg, docx, xlsx, csv, txt."
    )
    breakdowns = BreakdownWriteSerializer(many=True, required=False, help_text="Values per dimension category.")

    def service_kwargs(self) -> dict:
        data = dict(self.validated_data)
        grouped: Breakdowns = {}
        for item in data.pop("breakdowns", []):
            grouped.setdefault(item["dimension"], {})[item["category"]] = item["value"]
        return {**data, "breakdowns": grouped}


class ReturnSerializer(serializers.Serializer):
    review_comment = serializers.CharField(help_text="What needs revising; the submitting side reads it.")

"""API representations of evaluations and evaluator assignments."""

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.serializers import DownloadURLField
from programs.serializers import VisibleProgramField

from .models import Evaluation, EvaluatorAssignment


class EvaluationSerializer(serializers.ModelSerializer):
    dyad = serializers.CharField(source="program.dyad.slug", read_only=True, help_text="The program's dyad slug.")
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    report_document = DownloadURLField(
        source="report_download_url", help_text="Download URL of the evaluation report (null when none)."
    )
    score = serializers.FloatField(
        read_only=True, allow_null=True, help_text="Mean of (rating − 1) / 3 over rated criteria, 0–1."
    )

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "program",
            "dyad",
            "organisation",
            "organisation_name",
            "date",
            "relevance",
            "coherence",
            "effectiveness",
            "efficiency",
            "impact",
            "sustainability",
            "score",
            "summary",
            "report_document",
            "independence_declared",
            "is_submitted",
            "is_published",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


def rating_input(name: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1,
        max_value=4,
        required=False,
        allow_null=True,
        help_text=f"{name.capitalize()}: 1 unsatisfactory … 4 highly satisfactory; null leaves it unrated.",
        error_messages={
            "min_value": _("Ratings run from 1 to 4; {min_value} is the lowest."),
            "max_value": _("Ratings run from 1 to 4; {max_value} is the highest."),
        },
    )


class EvaluationWriteSerializer(serializers.Serializer):
    """An evaluator's draft: ratings on the six DAC criteria, a summary, optionally a report document."""

    program = VisibleProgramField(help_text="Id of the program evaluated (you must be assigned to it).")
    date = serializers.DateField(required=False, help_text="Defaults to today; never in the future.")
    relevance = rating_input("relevance")
    coherence = rating_input("coherence")
    effectiveness = rating_input("effectiveness")
    efficiency = rating_input("efficiency")
    impact = rating_input("impact")
    sustainability = rating_input("sustainability")
    summary = serializers.CharField(required=False, allow_blank=True)
    report_document = serializers.FileField(required=False, allow_null=True, help_text="Send as multipart/form-data.")

    def service_kwargs(self) -> dict:
        data = dict(self.validated_data)
        data.pop("program", None)
        return {"report_document": data.pop("report_document", None), "data": data}


class SubmitSerializer(serializers.Serializer):
    declaration_signed = serializers.BooleanField(
        help_text="You declare no tie to either state's government or to the program."
    )


class EvaluationReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="What the evaluator should change; they are told.")


class AssignmentSerializer(serializers.ModelSerializer):
    evaluator: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.all(),
        help_text="The evaluator's username.",
        error_messages={"does_not_exist": _("No user named '{value}'.")},
    )
    assigned_by: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = EvaluatorAssignment
        fields = ["id", "program", "evaluator", "assigned_by", "assigned_at"]
        read_only_fields = ["id", "program", "assigned_by", "assigned_at"]

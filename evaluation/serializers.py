"""API representations of evaluations and index snapshots."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from milestones.serializers import VisibleProgramField

from .index_method import evaluation_score
from .models import Evaluation, IndexSnapshot


class EvaluationSerializer(serializers.ModelSerializer):
    dyad = serializers.CharField(source="program.dyad.slug", read_only=True, help_text="The program's dyad slug.")
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    score = serializers.SerializerMethodField(help_text="Mean of (rating − 1) / 3 over rated criteria, 0–1.")

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
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_score(self, evaluation: Evaluation) -> float | None:
        return evaluation_score(evaluation.ratings())


class ComponentSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True, help_text="0–1, null when the component has no input.")
    count = serializers.IntegerField(help_text="How many inputs the component used.")


class SnapshotSerializer(serializers.ModelSerializer):
    dyad: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    components = serializers.SerializerMethodField()
    weights = serializers.SerializerMethodField()
    band_width = serializers.FloatField(read_only=True, allow_null=True)
    is_unstable = serializers.BooleanField(read_only=True, help_text="The 90% band is wider than 20 points.")

    class Meta:
        model = IndexSnapshot
        fields = [
            "id",
            "dyad",
            "as_of",
            "value",
            "band_low",
            "band_high",
            "band_width",
            "is_unstable",
            "coverage",
            "components",
            "weights",
            "aggregation",
            "method_version",
            "computed_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=ComponentSerializer()))
    def get_components(self, snapshot: IndexSnapshot) -> dict:
        return snapshot.components

    @extend_schema_field(serializers.DictField(child=serializers.FloatField()))
    def get_weights(self, snapshot: IndexSnapshot) -> dict:
        return snapshot.weights


def rating_input(name: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1,
        max_value=4,
        required=False,
        allow_null=True,
        help_text=f"{name.capitalize()}: 1 unsatisfactory … 4 highly satisfactory; null leaves it unrated.",
        error_messages={
            "min_value": "Ratings run from 1 to 4; {min_value} is the lowest.",
            "max_value": "Ratings run from 1 to 4; {max_value} is the highest.",
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

"""API representation of index snapshots."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .inputs import UNSTABLE_WIDTH
from .models import IndexSnapshot


class ComponentSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True, help_text="0–1, null when the component has no input.")
    count = serializers.IntegerField(help_text="How many inputs the component used.")


class SnapshotSerializer(serializers.ModelSerializer):
    dyad: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    components = serializers.SerializerMethodField()
    weights = serializers.SerializerMethodField()
    remove_one = serializers.SerializerMethodField(
        help_text="The value with each weighted present component left out (null: nothing would be left)."
    )
    band_width = serializers.FloatField(read_only=True, allow_null=True)
    is_unstable = serializers.BooleanField(
        read_only=True, help_text=f"The 90% band is wider than {UNSTABLE_WIDTH:g} points."
    )

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
            "thin",
            "remove_one",
            "rank",
            "rank_low",
            "rank_high",
            "ranked_dyads",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=ComponentSerializer()))
    def get_components(self, snapshot: IndexSnapshot) -> dict:
        return snapshot.components

    @extend_schema_field(serializers.DictField(child=serializers.FloatField(allow_null=True)))
    def get_remove_one(self, snapshot: IndexSnapshot) -> dict:
        return snapshot.remove_one

    @extend_schema_field(serializers.DictField(child=serializers.FloatField()))
    def get_weights(self, snapshot: IndexSnapshot) -> dict:
        return snapshot.weights

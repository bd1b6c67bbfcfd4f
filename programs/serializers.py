"""API representations of states, dyads and programs."""

from rest_framework import serializers

from .models import Dyad, Program, State


class StateSerializer(serializers.ModelSerializer):
    class Meta:
        model = State
        fields = ["code", "alpha3", "name"]


class DyadSerializer(serializers.ModelSerializer):
    state_a = StateSerializer(read_only=True)
    state_b = StateSerializer(read_only=True)
    name = serializers.CharField(source="__str__", read_only=True, help_text="Both states' names.")

    class Meta:
        model = Dyad
        fields = ["slug", "name", "state_a", "state_b", "status", "notes"]


class ProgramSerializer(serializers.ModelSerializer):
    """A program as read by everyone who may see it; side A is the dyad's state_a."""

    dyad: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Dyad slug, e.g. `ir-sa`."
    )
    co_owners: serializers.ManyRelatedField = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        many=True, read_only=True
    )

    class Meta:
        model = Program
        fields = [
            "id",
            "dyad",
            "title",
            "summary",
            "domain",
            "status",
            "body_a",
            "body_b",
            "ministry_a",
            "ministry_b",
            "co_owners",
            "start_date",
            "end_date",
            "contribution_a",
            "currency_a",
            "contribution_b",
            "currency_b",
            "is_published",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

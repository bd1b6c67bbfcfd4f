"""API representations of states, dyads and programs."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import TranslationsField

from . import permissions
from .choices import unrated_currency_message
from .models import NON_NEGATIVE, Dyad, Ministry, Program, State
from .services import EDITABLE_FIELDS


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
    translations = TranslationsField(fields=("title", "summary"))

    class Meta:
        model = Program
        fields = [
            "id",
            "dyad",
            "title",
            "summary",
            "language",
            "translations",
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
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ProgramWriteSerializer(serializers.ModelSerializer):
    """What ministry staff send to create or change a program; `programs.services` applies the rules."""

    dyad: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Dyad.objects.all(),
        help_text="Dyad slug, e.g. `ir-sa`; set on creation only.",
        error_messages={"does_not_exist": _("Unknown dyad '{value}'. See /api/v1/dyads/ for the list.")},
    )
    co_owners: serializers.ManyRelatedField = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        many=True, queryset=Ministry.objects.all(), required=False, help_text="Ids of co-owning ministries."
    )

    class Meta:
        model = Program
        fields = ["dyad", *EDITABLE_FIELDS, "co_owners"]
        # The model's words for a negative amount, not DRF's generic "greater than or equal to 0".
        extra_kwargs = {
            field: {"error_messages": {"min_value": NON_NEGATIVE.message}}
            for field in ("contribution_a", "contribution_b")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["dyad"].read_only = True
        for name in ("currency_a", "currency_b"):  # only currencies with an exchange rate are accepted
            self.fields[name].error_messages["invalid_choice"] = unrated_currency_message("{input}")

    def service_kwargs(self) -> dict:
        """`data` and `co_owners` for create_program / update_program (co_owners only when sent)."""
        data = dict(self.validated_data)
        data.pop("dyad", None)
        if "co_owners" in data:
            return {"data": data, "co_owners": data.pop("co_owners")}
        return {"data": data}


@extend_schema_field(OpenApiTypes.INT)
class VisibleProgramField(serializers.PrimaryKeyRelatedField):
    """A program id the requesting user may see; others read as nonexistent."""

    def get_queryset(self):
        return permissions.visible_programs(self.context["request"].user)

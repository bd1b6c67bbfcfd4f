"""Request bodies several apps' endpoints accept."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.i18n import narratives


class PublishSerializer(serializers.Serializer):
    published = serializers.BooleanField(default=True, help_text="`false` withdraws a published record.")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=500,
        help_text="Why a published record is withdrawn: required with `published: false`, kept in its history.",
    )


@extend_schema_field(OpenApiTypes.URI)
class DownloadURLField(serializers.ReadOnlyField):
    """The absolute URL of a record's file download view (which checks who may see the record), or null.

    `source` names the model's `…_download_url` property.
    """

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        if not value:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request is not None else value


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
        "example": {"title": {"en": "Shared heritage archive", "fa": "آرشیو میراث مشترک"}},
    }
)
class TranslationsField(serializers.Field):
    """Every language's text of a record's translated fields: {field: {language: text}}, original language first.

    Read-only; the texts are written as `title` (English) and `title_<language>` fields.
    """

    def __init__(self, *, fields: tuple[str, ...], **kwargs) -> None:
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", "The texts in every language they are given in, original language first.")
        super().__init__(**kwargs)
        self.translated = fields

    def to_representation(self, value) -> dict:
        return {field: dict(narratives(value, field)) for field in self.translated}

"""Request bodies several apps' endpoints accept."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.i18n import narratives


class PublishSerializer(serializers.Serializer):
    published = serializers.BooleanField(default=True, help_text="`false` withdraws a published record.")


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

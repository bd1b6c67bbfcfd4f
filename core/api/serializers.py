"""Request bodies several apps' endpoints accept."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


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

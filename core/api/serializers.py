"""Request bodies several apps' endpoints accept."""

from rest_framework import serializers


class PublishSerializer(serializers.Serializer):
    published = serializers.BooleanField(default=True, help_text="`false` withdraws a published record.")

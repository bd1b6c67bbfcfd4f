from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Registered only so its template tags load; it has no models."""

    name = "core"
    verbose_name = "Shared helpers"

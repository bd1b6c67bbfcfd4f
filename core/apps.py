from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Registered only so its template tags load; it has no models."""

    name = "core"
    verbose_name = _("Shared helpers")

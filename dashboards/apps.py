from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Public dashboards")

    def ready(self) -> None:
        # Page caches listen to index recomputations and to saves of published data.
        from . import receivers  # noqa: F401, PLC0415  (this app's own module, once models are loaded)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustIndexConfig(AppConfig):
    name = "trustindex"
    verbose_name = _("Trust index")

    def ready(self) -> None:
        from . import triggers  # noqa: PLC0415  (this app's own module; it needs the models loaded)

        triggers.connect()

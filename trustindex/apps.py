from django.apps import AppConfig


class TrustIndexConfig(AppConfig):
    name = "trustindex"
    verbose_name = "Trust index"

    def ready(self) -> None:
        from . import triggers

        triggers.connect()
